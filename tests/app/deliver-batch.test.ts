import { describe, expect, it } from "vitest";
import { BatchIncompleteError, deliverBatch } from "../../lambdas/app/deliver-batch.ts";
import { SendRateLimiter } from "../../lambdas/app/send-rate-limiter.ts";
import type {
  BulkResult,
  DeliveryOutcome,
  DeliveryStatus,
  DeliveryStore,
  Mailer,
} from "../../lambdas/ports.ts";

/** Deliveries in memory, with the claim semantics of the DynamoDB store. */
class MemoryDeliveries implements DeliveryStore {
  readonly items = new Map<string, { status: DeliveryStatus; token: string }>();
  async claim(_: string, emails: readonly string[], token: string) {
    return emails.filter((e) => !this.items.has(e) && this.items.set(e, { status: "claimed", token }));
  }
  async release(_: string, emails: readonly string[], token: string) {
    for (const e of emails)
      if (this.items.get(e)?.token === token && this.items.get(e)?.status === "claimed") this.items.delete(e);
  }
  async record(_: string, outcomes: readonly DeliveryOutcome[]) {
    for (const o of outcomes) this.items.set(o.email, { status: o.status, token: "" });
  }
  async count() {
    const counts = { claimed: 0, sent: 0, rejected: 0 };
    for (const { status } of this.items.values()) counts[status]++;
    return counts;
  }
}

/** A mailer that answers each call from a script: per address, or a thrown error for the call. */
function scriptedMailer(script: ((emails: string[]) => BulkResult[] | Error)[]) {
  const calls: string[][] = [];
  const mailer: Mailer = {
    putTemplate: async () => {},
    maxSendRate: async () => 100,
    sendBulk: async (_, destinations) => {
      const emails = destinations.map((d) => d.email);
      calls.push(emails);
      const answer = (script[calls.length - 1] ?? sendAll)(emails);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return { mailer, calls };
}

const sendAll = (emails: string[]): BulkResult[] =>
  emails.map((email) => ({ email, outcome: "sent", messageId: `m-${email}` }));
const batch = (...emails: string[]) => ({
  issueId: "2026-W47",
  recipients: emails.map((email) => ({ email })),
});
const deps = (deliveries: DeliveryStore, mailer: Mailer) => ({
  deliveries,
  mailer,
  limiter: new SendRateLimiter(1e6),
  templateName: (id: string) => `onrecord-issue-${id}`,
  personalise: () => ({ replacementData: {}, headers: {} }),
  sleep: async () => {},
});

describe("deliverBatch", () => {
  it("retries only the recipients SES refused for now, within the same delivery", async () => {
    const deliveries = new MemoryDeliveries();
    const { mailer, calls } = scriptedMailer([
      (emails) =>
        emails.map((email) => ({ email, outcome: email === "b@x.org" ? "retry" : "sent", messageId: null })),
    ]);
    const result = await deliverBatch(batch("a@x.org", "b@x.org", "c@x.org"), deps(deliveries, mailer));
    expect(calls).toEqual([["a@x.org", "b@x.org", "c@x.org"], ["b@x.org"]]);
    expect(result).toEqual({ sent: 3, rejected: 0, skipped: 0 });
  });

  it("records a permanent refusal and never sends to that address again", async () => {
    const deliveries = new MemoryDeliveries();
    const { mailer, calls } = scriptedMailer([
      (emails) =>
        emails.map((email) => ({
          email,
          outcome: email === "bad@x.org" ? "rejected" : "sent",
          messageId: null,
        })),
    ]);
    await deliverBatch(batch("bad@x.org", "ok@x.org"), deps(deliveries, mailer));
    await deliverBatch(batch("bad@x.org", "ok@x.org"), deps(deliveries, mailer));
    expect(calls).toHaveLength(1);
    expect(await deliveries.count()).toEqual({ claimed: 0, sent: 1, rejected: 1 });
  });

  it("gives every claim back when the call fails as a whole, so a redelivery sends them", async () => {
    const deliveries = new MemoryDeliveries();
    const { mailer } = scriptedMailer([() => new Error("TooManyRequestsException")]);
    await expect(deliverBatch(batch("a@x.org", "b@x.org"), deps(deliveries, mailer))).rejects.toThrow(
      "TooManyRequests",
    );
    expect(deliveries.items.size).toBe(0);
    expect(await deliverBatch(batch("a@x.org", "b@x.org"), deps(deliveries, mailer))).toEqual({
      sent: 2,
      rejected: 0,
      skipped: 0,
    });
  });

  it("gives up after its tries with the recipients still unsent, leaving them claimable", async () => {
    const deliveries = new MemoryDeliveries();
    const refuse = (emails: string[]): BulkResult[] =>
      emails.map((email) => ({ email, outcome: "retry", messageId: null }));
    const { mailer, calls } = scriptedMailer([refuse, refuse, refuse]);
    const error = await deliverBatch(batch("a@x.org"), { ...deps(deliveries, mailer), attempts: 3 }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(BatchIncompleteError);
    expect(error.pending).toEqual(["a@x.org"]);
    expect(calls).toHaveLength(3);
    expect(await deliveries.claim("2026-W47", ["a@x.org"], "next")).toEqual(["a@x.org"]);
  });

  it("sends an address once however it is written in the batch", async () => {
    const deliveries = new MemoryDeliveries();
    const { mailer, calls } = scriptedMailer([]);
    await deliverBatch(batch("Reader@X.org", " reader@x.org "), deps(deliveries, mailer));
    expect(calls).toEqual([["reader@x.org"]]);
  });
});
