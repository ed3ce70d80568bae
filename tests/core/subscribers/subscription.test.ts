import { describe, expect, it } from "vitest";
import {
  isMailable,
  planConfirm,
  planSubscribe,
  planSuppress,
  planUnsubscribe,
  RESEND_INTERVAL_MS,
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
    confirmationSentAt: T0.toISOString(),
    confirmationWindow: { start: T0.toISOString(), count: 1 },
    consent: null,
    version: 3,
    ...overrides,
  };
}

describe("planSubscribe", () => {
  it("stores a new address as pending, with its request, and sends a confirmation", () => {
    const plan = planSubscribe(null, request(T0, "confirmation-1"));
    expect(plan.sendConfirmation).toBe(true);
    expect(plan.record).toEqual(stored("pending", { requestedIp: "203.0.113.7", version: 1 }));
  });

  it.each([
    ["pending, sent 2 minutes ago", stored("pending"), minutes(2), false],
    [
      "pending, sent 9 minutes 59 seconds ago",
      stored("pending"),
      new Date(T0.getTime() + RESEND_INTERVAL_MS - 1000),
      false,
    ],
    ["pending, sent 10 minutes ago", stored("pending"), minutes(10), true],
    ["confirmed", stored("confirmed"), minutes(60), false],
    ["unsubscribed", stored("unsubscribed"), minutes(60), true],
    ["unsubscribed 1 minute after the last confirmation", stored("unsubscribed"), minutes(1), false],
    ["bounced", stored("bounced"), minutes(60), false],
    ["complained", stored("complained"), minutes(60), false],
  ])("for an address %s, sends a confirmation: %s", (_, existing, now, sends) => {
    const plan = planSubscribe(existing, request(now));
    expect(plan.sendConfirmation).toBe(sends);
    expect(plan.record === null).toBe(!sends);
  });

  it.each([
    ["2 sent in the last day", { start: T0.toISOString(), count: 2 }, minutes(60), true, 3],
    ["3 sent in the last day", { start: T0.toISOString(), count: 3 }, minutes(60), false, 3],
    ["3 sent, the day since over", { start: T0.toISOString(), count: 3 }, minutes(24 * 60), true, 1],
    ["none counted yet", null, minutes(60), true, 1],
  ])("caps confirmations at 3 a day per address: %s → sends %s", (_, window, now, sends, count) => {
    const plan = planSubscribe(stored("pending", { confirmationWindow: window }), request(now));
    expect(plan.sendConfirmation).toBe(sends);
    if (sends) expect(plan.record?.confirmationWindow?.count).toBe(count);
  });

  it("re-sends a pending address the same confirmation, so the first email's link still works", () => {
    const plan = planSubscribe(stored("pending"), request(minutes(30)));
    expect(plan.record).toMatchObject({
      status: "pending",
      confirmationId: "confirmation-1",
      confirmationSentAt: minutes(30).toISOString(),
      version: 4,
    });
  });

  it("makes an unsubscribed address confirm again, with a new confirmation", () => {
    const plan = planSubscribe(stored("unsubscribed"), request(minutes(60)));
    expect(plan.record).toMatchObject({
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
    expect(result.record).toMatchObject({ status: "confirmed", version: 4 });
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
  it("records an unknown address as suppressed, so a later sign-up cannot mail it", () => {
    const record = planSuppress(null, "gone@example.org", "bounced", T0);
    expect(record).toMatchObject({ email: "gone@example.org", status: "bounced", id: null, version: 1 });
    expect(planSubscribe(record, request(minutes(60))).sendConfirmation).toBe(false);
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
