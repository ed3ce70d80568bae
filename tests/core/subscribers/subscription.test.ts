import { describe, expect, it } from "vitest";
import {
  isMailable,
  PENDING_TTL_SECONDS,
  planConfirm,
  planSubscribe,
  planSuppress,
  planUnsubscribe,
  type SubscriberRecord,
} from "../../../lambdas/core/subscribers/subscription.ts";
import type { SubscriberStatus } from "../../../lambdas/core/types.ts";

const T0 = new Date("2026-01-05T09:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

function request(now: Date, newConfirmationId = "confirmation-2") {
  return { email: "reader@example.org", subscriberId: "sid", ip: "203.0.113.7", now, newConfirmationId };
}

function stored(status: SubscriberStatus, overrides: Partial<SubscriberRecord> = {}): SubscriberRecord {
  return {
    email: "reader@example.org",
    id: "sid",
    status,
    createdAt: T0.toISOString(),
    updatedAt: T0.toISOString(),
    confirmationId: "confirmation-1",
    requestedAt: T0.toISOString(),
    requestedIp: "198.51.100.1",
    consent: null,
    expiresAt: Math.floor(T0.getTime() / 1000) + PENDING_TTL_SECONDS,
    version: 3,
    ...overrides,
  };
}

describe("planSubscribe", () => {
  it("stores a new address as pending, with its request, expiring in 30 days unless confirmed", () => {
    expect(planSubscribe(null, request(T0, "confirmation-1"))).toEqual(
      stored("pending", { requestedIp: "203.0.113.7", version: 1 }),
    );
  });

  it.each([
    ["pending", stored("pending"), true],
    ["confirmed", stored("confirmed"), false],
    ["unsubscribed", stored("unsubscribed"), true],
    ["bounced (a new confirmation proves the mailbox works again)", stored("bounced"), true],
    ["complained", stored("complained"), false],
  ])("for an address %s, starts a new confirmation: %s", (_, existing, sends) => {
    expect(planSubscribe(existing, request(minutes(2))) !== null).toBe(sends);
  });

  it("gives every new confirmation a new id, so only the latest email's link confirms", () => {
    const record = planSubscribe(stored("pending"), request(minutes(30)));
    expect(record).toMatchObject({
      status: "pending",
      confirmationId: "confirmation-2",
      requestedAt: minutes(30).toISOString(),
      expiresAt: Math.floor(minutes(30).getTime() / 1000) + PENDING_TTL_SECONDS,
      version: 4,
    });
    expect(planConfirm(record, "confirmation-1", { ip: "x", now: minutes(31) }).outcome).toBe("stale");
  });

  it("makes an unsubscribed address confirm again, with a new confirmation", () => {
    expect(planSubscribe(stored("unsubscribed"), request(minutes(60)))).toMatchObject({
      status: "pending",
      confirmationId: "confirmation-2",
      requestedIp: "203.0.113.7",
    });
  });

  it("does not change the record it was given", () => {
    const existing = stored("unsubscribed");
    const copy = structuredClone(existing);
    planSubscribe(existing, request(minutes(60)));
    expect(existing).toEqual(copy);
  });
});

describe("planConfirm", () => {
  const context = { ip: "203.0.113.9", now: minutes(5) };

  it("confirms a pending address and records the consent: when, from where, which confirmation", () => {
    const result = planConfirm(stored("pending"), "confirmation-1", context);
    expect(result.outcome).toBe("confirmed");
    expect(result.record).toMatchObject({ status: "confirmed", version: 4, expiresAt: null });
    expect(result.record?.consent).toEqual({
      requestedAt: T0.toISOString(),
      requestedIp: "198.51.100.1",
      confirmedAt: minutes(5).toISOString(),
      confirmedIp: "203.0.113.9",
      confirmationId: "confirmation-1",
    });
  });

  it.each([
    ["a replayed link of a confirmed address", stored("confirmed"), "confirmation-1", "already-confirmed"],
    ["an old link after unsubscribing", stored("unsubscribed"), "confirmation-1", "stale"],
    [
      "an old link after re-subscribing",
      stored("pending", { confirmationId: "confirmation-2" }),
      "confirmation-1",
      "stale",
    ],
    ["a link of a bounced address", stored("bounced"), "confirmation-1", "stale"],
    ["a link of a complained address", stored("complained"), "confirmation-1", "stale"],
    ["a link of an unknown address", null, "confirmation-1", "stale"],
  ])("writes nothing for %s (%s)", (_, existing, confirmationId, outcome) => {
    expect(planConfirm(existing, confirmationId, context)).toEqual({ outcome, record: null });
  });
});

describe("planUnsubscribe", () => {
  it.each(["pending", "confirmed"] as const)("unsubscribes a %s address", (status) => {
    expect(planUnsubscribe(stored(status), minutes(5))).toMatchObject({ status: "unsubscribed", version: 4 });
  });

  it.each(["unsubscribed", "bounced", "complained"] as const)("leaves a %s address as it is", (status) => {
    expect(planUnsubscribe(stored(status), minutes(5))).toBeNull();
  });
});

describe("planSuppress", () => {
  it("records an unknown address that complained, so a later sign-up cannot mail it", () => {
    const record = planSuppress(null, "gone@example.org", "complained", T0);
    expect(record).toMatchObject({ email: "gone@example.org", status: "complained", id: null, version: 1 });
    expect(planSubscribe(record, request(minutes(60)))).toBeNull();
  });

  it.each([
    ["confirmed", "bounced", "bounced"],
    ["pending", "complained", "complained"],
    ["bounced", "complained", "complained"],
    ["complained", "bounced", null],
    ["bounced", "bounced", null],
  ] as const)("turns a %s address %s into %s", (status, reason, expected) => {
    expect(planSuppress(stored(status), "reader@example.org", reason, T0)?.status ?? null).toBe(expected);
  });
});

describe("isMailable", () => {
  it.each([
    ["confirmed", true],
    ["pending", false],
    ["unsubscribed", false],
    ["bounced", false],
    ["complained", false],
  ] as const)("%s: %s", (status, mailable) => {
    expect(isMailable({ status })).toBe(mailable);
  });
});
