import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CONFIRMATION_TTL_SECONDS,
  createConfirmToken,
  createUnsubscribeToken,
  subscriberIdFor,
  unsubscribeUrlFor,
  verifyConfirmToken,
  verifyUnsubscribeToken,
} from "../../../lambdas/core/subscribers/tokens.ts";

const SECRET = "test-secret-0123456789abcdef";
const NOW = new Date("2026-01-05T09:00:00Z");
const IDS = {
  subscriberId: subscriberIdFor(SECRET, "reader@example.org"),
  confirmationId: "Zm9vYmFyYmF6cXV4cXV1eA",
};

function flipCharacter(token: string, index: number): string {
  const c = token[index] === "A" ? "B" : "A";
  return `${token.slice(0, index)}${c}${token.slice(index + 1)}`;
}

describe("subscriber ids", () => {
  it("are stable per address and secret, distinct across addresses and secrets, and hide the address", () => {
    const id = subscriberIdFor(SECRET, "reader@example.org");
    expect(subscriberIdFor(SECRET, "reader@example.org")).toBe(id);
    expect(subscriberIdFor(SECRET, "other@example.org")).not.toBe(id);
    expect(subscriberIdFor(`${SECRET}x`, "reader@example.org")).not.toBe(id);
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it("refuses a secret short enough to guess", () => {
    expect(() => subscriberIdFor("short", "reader@example.org")).toThrow(/too short/);
  });
});

describe("confirmation tokens", () => {
  it("verify within 7 days and carry the subscriber and confirmation", () => {
    const token = createConfirmToken(SECRET, IDS, NOW);
    const later = new Date(NOW.getTime() + (CONFIRMATION_TTL_SECONDS - 1) * 1000);
    expect(verifyConfirmToken(SECRET, token, later)).toEqual({
      ok: true,
      claims: { purpose: "confirm", ...IDS, expiresAt: NOW.getTime() / 1000 + CONFIRMATION_TTL_SECONDS },
    });
  });

  it("expire after 7 days", () => {
    const token = createConfirmToken(SECRET, IDS, NOW);
    const expired = new Date(NOW.getTime() + CONFIRMATION_TTL_SECONDS * 1000);
    expect(verifyConfirmToken(SECRET, token, expired)).toEqual({ ok: false, problem: "expired" });
  });

  it("are refused when signed with another secret", () => {
    const token = createConfirmToken("another-secret-0123456789", IDS, NOW);
    expect(verifyConfirmToken(SECRET, token, NOW)).toEqual({ ok: false, problem: "tampered" });
  });

  it("are refused when their expiry is pushed back", () => {
    const token = createConfirmToken(SECRET, IDS, NOW);
    const [kind, sid, cid, expires, sig] = token.split(".");
    const extended = [kind, sid, cid, Number(expires) + 86_400 * 365, sig].join(".");
    expect(verifyConfirmToken(SECRET, extended, NOW)).toEqual({ ok: false, problem: "tampered" });
  });

  it("are refused when any single character is changed", () => {
    const token = createConfirmToken(SECRET, IDS, NOW);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: token.length - 1 }), (index) => {
        expect(verifyConfirmToken(SECRET, flipCharacter(token, index), NOW).ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("are not accepted as unsubscribe tokens, nor the other way round", () => {
    const confirm = createConfirmToken(SECRET, IDS, NOW);
    const unsubscribe = createUnsubscribeToken(SECRET, "reader@example.org");
    expect(verifyUnsubscribeToken(SECRET, confirm)).toMatchObject({ ok: false });
    expect(verifyConfirmToken(SECRET, unsubscribe, NOW)).toMatchObject({ ok: false });
  });
});

describe("unsubscribe tokens", () => {
  it("name the subscriber by id, never by address, and never expire", () => {
    const token = createUnsubscribeToken(SECRET, "reader@example.org");
    expect(token).not.toMatch(/reader|example/);
    expect(verifyUnsubscribeToken(SECRET, token)).toEqual({
      ok: true,
      claims: { purpose: "unsubscribe", subscriberId: IDS.subscriberId },
    });
  });

  it("are refused when the id is swapped for another subscriber's", () => {
    const token = createUnsubscribeToken(SECRET, "reader@example.org");
    const other = subscriberIdFor(SECRET, "other@example.org");
    const swapped = token.replace(IDS.subscriberId, other);
    expect(verifyUnsubscribeToken(SECRET, swapped)).toEqual({ ok: false, problem: "tampered" });
  });

  it.each([
    ["nothing", undefined],
    ["a number", 42],
    ["an empty string", ""],
    ["garbage", "not-a-token"],
    ["a cut token", createUnsubscribeToken(SECRET, "reader@example.org").slice(0, -5)],
    ["markup", "u1.<script>alert(1)</script>.x"],
    ["a huge string", `u1.${"A".repeat(100_000)}`],
  ])("refuses %s as malformed", (_, token) => {
    expect(verifyUnsubscribeToken(SECRET, token)).toEqual({ ok: false, problem: "malformed" });
    expect(verifyConfirmToken(SECRET, token, NOW)).toEqual({ ok: false, problem: "malformed" });
  });
});

describe("unsubscribeUrlFor", () => {
  it.each([
    ["https://onrecord.example", "https://onrecord.example/unsubscribe?token="],
    ["https://onrecord.example/", "https://onrecord.example/unsubscribe?token="],
    [
      "https://abc.execute-api.eu-west-1.amazonaws.com/prod",
      "https://abc.execute-api.eu-west-1.amazonaws.com/prod/unsubscribe?token=",
    ],
    ["http://localhost:3000", "http://localhost:3000/unsubscribe?token="],
  ])("builds a link under %s", (base, prefix) => {
    const url = unsubscribeUrlFor(base, "reader@example.org", SECRET);
    expect(url.startsWith(prefix)).toBe(true);
    const token = new URL(url).searchParams.get("token");
    expect(verifyUnsubscribeToken(SECRET, token).ok).toBe(true);
  });
});
