import { describe, expect, it } from "vitest";
import { canonicalMailbox, recipientDomain } from "../../../lambdas/core/subscribers/mailbox.ts";
import {
  clientSubject,
  decideRate,
  MAILBOX_SHORT,
  type RateLimitPolicy,
  rateWindow,
} from "../../../lambdas/core/subscribers/rate-limit.ts";

const POLICY: RateLimitPolicy = { name: "signup-ip", limit: 3, windowSeconds: 600 };
const at = (time: string) => new Date(`2026-01-05T${time}Z`);

/** Counts for a window with `hits` in the bucket of each given time. */
function countsOf(policy: RateLimitPolicy, hits: string[], subject = "h"): Map<string, number> {
  const counts = new Map<string, number>();
  for (const time of hits) {
    const key = rateWindow(policy, subject, at(time)).current;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

describe("sliding rate windows", () => {
  it("count the hits of the last window, not of a calendar slot", () => {
    const counts = countsOf(POLICY, ["09:08:00", "09:09:00", "09:09:30"]);
    // A fixed 10-minute window would start afresh at 09:10 and allow three more at once.
    expect(decideRate(POLICY, rateWindow(POLICY, "h", at("09:10:05")), counts, at("09:10:05")).allowed).toBe(
      false,
    );
    expect(decideRate(POLICY, rateWindow(POLICY, "h", at("09:19:05")), counts, at("09:19:05")).allowed).toBe(
      true,
    );
  });

  it("say when to come back: once the oldest hit has left the window", () => {
    const counts = countsOf(POLICY, ["09:00:10", "09:05:00", "09:06:00"]);
    const decision = decideRate(POLICY, rateWindow(POLICY, "h", at("09:07:00")), counts, at("09:07:00"));
    expect(decision).toEqual({ allowed: false, retryAfterSeconds: 240 });
  });

  it("never let more than the limit into any span of the window (one a 10 minutes: 10 to 11 minutes apart)", () => {
    const counts = countsOf(MAILBOX_SHORT, ["09:00:30"], "m");
    const allowed = (time: string) =>
      decideRate(MAILBOX_SHORT, rateWindow(MAILBOX_SHORT, "m", at(time)), counts, at(time)).allowed;
    expect(["09:05:00", "09:10:29", "09:10:59", "09:11:00"].map(allowed)).toEqual([
      false,
      false,
      false,
      true,
    ]);
    expect(
      decideRate(MAILBOX_SHORT, rateWindow(MAILBOX_SHORT, "other", at("09:05:00")), counts, at("09:05:00"))
        .allowed,
    ).toBe(true);
  });

  it("keep subjects and policies apart", () => {
    const window = rateWindow(POLICY, "h", at("09:04:00"));
    expect(rateWindow(POLICY, "other", at("09:04:00")).current).not.toBe(window.current);
    expect(rateWindow({ ...POLICY, name: "x" }, "h", at("09:04:00")).current).not.toBe(window.current);
  });
});

describe("canonicalMailbox: the inbox an address reaches, for the caps only", () => {
  it.each([
    ["victim+1@example.org", "victim@example.org"],
    ["victim+news+x@example.org", "victim@example.org"],
    ["first.last@example.org", "first.last@example.org"],
    ["v.i.c.t.i.m@gmail.com", "victim@gmail.com"],
    ["v.i.c.t.i.m+x@googlemail.com", "victim@gmail.com"],
    ["+only@example.org", "+only@example.org"],
  ])("%s → %s", (email, mailbox) => {
    expect(canonicalMailbox(email)).toBe(mailbox);
  });

  it("names Gmail's two domains as one recipient domain", () => {
    expect(recipientDomain("a@googlemail.com")).toBe("gmail.com");
    expect(recipientDomain("a@corp.example")).toBe("corp.example");
  });
});

describe("clientSubject: who a per-IP limit counts", () => {
  it.each([
    ["192.0.2.1", "192.0.2.1"],
    ["::ffff:192.0.2.1", "192.0.2.1"],
    ["2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"],
    ["2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"],
    ["unknown", "unknown"],
  ])("%s → %s", (ip, subject) => {
    expect(clientSubject(ip)).toBe(subject);
  });
});
