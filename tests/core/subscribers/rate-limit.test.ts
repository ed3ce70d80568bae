import { describe, expect, it } from "vitest";
import {
  decideRate,
  type RateLimitPolicy,
  rateWindow,
} from "../../../lambdas/core/subscribers/rate-limit.ts";

const POLICY: RateLimitPolicy = { name: "signup-ip", limit: 3, windowSeconds: 600 };
const NOW = new Date("2026-01-05T09:04:00Z");

describe("rate windows", () => {
  it("put hits in the same 10-minute window on one counter, and the next window on another", () => {
    const first = rateWindow(POLICY, "h", new Date("2026-01-05T09:00:00Z"));
    expect(rateWindow(POLICY, "h", new Date("2026-01-05T09:09:59Z"))).toEqual(first);
    expect(rateWindow(POLICY, "h", new Date("2026-01-05T09:10:00Z")).key).not.toBe(first.key);
    expect(rateWindow(POLICY, "other", NOW).key).not.toBe(first.key);
  });

  it.each([
    [1, true, 0],
    [3, true, 0],
    [4, false, 360],
    [50, false, 360],
  ])("with %i hits in the window, allowed: %s, retry after %i s", (count, allowed, retryAfterSeconds) => {
    expect(decideRate(POLICY, rateWindow(POLICY, "h", NOW), count, NOW)).toEqual({
      allowed,
      retryAfterSeconds,
    });
  });
});
