/**
 * The send path's promise, scenario by scenario: against dynalite and aws-ses-v2-local through
 * forwarding fault proxies (see `delivery-harness.ts`), every confirmed subscriber gets exactly
 * one copy and none is lost, whatever fails and whenever.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DynamoSubscriberStore } from "../../lambdas/adapters/dynamo-subscriber-store.ts";
import { SUBSCRIBERS_TABLE } from "../../lambdas/adapters/dynamo-tables.ts";
import { LOCAL_AWS } from "../../lambdas/adapters/local-emulators.ts";
import { bulkSendClient, ThrottlingOnlyRetry } from "../../lambdas/adapters/ses-bulk-mailer.ts";
import { planUnsubscribe } from "../../lambdas/core/subscribers/subscription.ts";
import {
  type DeliveryHarness,
  startDeliveryHarness,
  tally,
  WORKER_HEADER,
} from "../support/delivery-harness.ts";
import type { ProxiedRequest } from "../support/fault-proxy.ts";

const BULK_PATH = "/v2/email/outbound-bulk-emails";
const isBulk = (r: ProxiedRequest) => r.path === BULK_PATH;
const dynamoOp = (r: ProxiedRequest) => (r.headers["x-amz-target"] ?? "").replace("DynamoDB_20120810.", "");
/** A claim's UpdateItem (the only write that sets a lease). */
const isClaim = (r: ProxiedRequest) => dynamoOp(r) === "UpdateItem" && r.body.includes("leaseUntil = :lease");
const isMarkSending = (r: ProxiedRequest) =>
  dynamoOp(r) === "UpdateItem" && r.body.includes("sendingAt = :now");
const isOutboxWrite = (r: ProxiedRequest) => dynamoOp(r) === "PutItem" && r.body.includes('"queued"');
const keyOf = (r: ProxiedRequest) => JSON.parse(r.body).Key?.email?.S as string | undefined;
/** What SES answers, without sending, while the account's sending is paused. */
const paused = (r: ProxiedRequest) => ({
  reply: {
    status: 200,
    body: JSON.stringify({
      BulkEmailEntryResults: JSON.parse(r.body).BulkEmailEntries.map(() => ({
        Status: "ACCOUNT_SENDING_PAUSED",
        Error: "Sending is paused for this account.",
      })),
    }),
  },
});

let h: DeliveryHarness;
afterEach(async () => {
  await h?.close();
});

async function expectEachOnce(intended: readonly string[] = h.readers) {
  const result = tally(await h.copies(), intended);
  expect(result).toEqual({ lost: 0, duplicates: 0, copiesPerRecipient: [1], unintended: 0 });
  const counts = await h.counts();
  expect(counts.sent).toBe(intended.length);
}

describe("delivery through faults: every confirmed subscriber gets exactly one copy", {
  timeout: 120_000,
}, () => {
  it("claim write fails part-way: the claims won are released, the redelivery sends everyone", async () => {
    h = await startDeliveryHarness({ recipients: 120 });
    await h.compose();
    const failing = new Set<string>();
    let claims = 0;
    h.faults.dynamo = (r) => {
      if (!isClaim(r)) return undefined;
      const key = keyOf(r) ?? "";
      // The 5th claim of the first batch fails on every try the SDK makes.
      if (++claims === 5) failing.add(key);
      return failing.has(key) ? { status: 500, errorType: "InternalServerError" } : undefined;
    };
    expect(await h.invoke(h.queue[0] as never)).toBeInstanceOf(Error);
    // Nothing is left claimed and nothing was sent: the 49 claims won were released in the finally.
    expect(await h.counts()).toMatchObject({ claimed: 0, sending: 0, sent: 0 });
    failing.clear();
    await h.settle();
    await expectEachOnce();
  });

  it("worker killed between claim and send (invocation abandoned): the lease runs out and another takes it over", async () => {
    h = await startDeliveryHarness({ recipients: 120 });
    await h.compose();
    // The first worker claims, then never hears back from its move to `sending`: it is gone.
    h.faults.dynamo = (r) => (isMarkSending(r) ? { hang: true } : undefined);
    const message = h.queue.shift();
    void h.invoke(message as never);
    await waitFor(async () => (await h.counts()).claimed === 50);
    h.faults.dynamo = () => undefined;
    // SQS delivers the message again after its visibility timeout; the lease (timeout + 60 s) is over.
    h.clock.advance(12 * 60_000);
    h.queue.push(message as never);
    await h.settle();
    await expectEachOnce();
  });

  it("worker killed between claim and send (a real child process, SIGKILL)", async () => {
    h = await startDeliveryHarness({ recipients: 60 });
    await h.compose();
    let child: ChildProcess | undefined;
    h.faults.dynamo = (r) => {
      if (!isMarkSending(r)) return undefined;
      child?.kill("SIGKILL");
      return { hang: true };
    };
    const message = h.queue.shift();
    child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        join("tests", "support", "worker-process.ts"),
        JSON.stringify({
          env: h.env,
          dynamoUrl: h.dynamoUrl,
          sesUrl: h.sesUrl,
          batch: message?.batch,
          nowMs: h.clock.now().getTime(),
        }),
      ],
      { stdio: "ignore" },
    );
    const [, signal] = await new Promise<[number | null, string | null]>((resolve) =>
      child?.once("exit", (code, sig) => resolve([code, sig])),
    );
    expect(signal).toBe("SIGKILL");
    expect((await h.counts()).claimed).toBe(50);
    h.faults.dynamo = () => undefined;
    h.clock.advance(12 * 60_000);
    h.queue.push(message as never);
    await h.settle();
    await expectEachOnce();
  });

  it("Lambda timeout during pacing: nothing is claimed while pacing, so nothing is held when the invocation dies", async () => {
    // 1 recipient/s: a batch of 50 cannot be paced within 120 s, so the worker sends it in chunks.
    h = await startDeliveryHarness({ recipients: 50, rate: 1 });
    await h.compose();
    const message = h.queue.shift();
    let sleeping = 0;
    const stuck = h.newWorker({
      sleep: () => {
        sleeping++;
        return new Promise<void>(() => {});
      },
    });
    void h.invoke(message as never, stuck);
    await waitFor(async () => sleeping === 1);
    // The invocation is cut off while it waits for its turn: what it sent is sent, the rest untouched.
    const counts = await h.counts();
    expect(counts).toMatchObject({ claimed: 0, sending: 0 });
    expect(counts.sent).toBeGreaterThan(0);
    expect(counts.queued).toBe(50 - counts.sent);
    h.queue.push(message as never);
    await h.settle();
    await expectEachOnce();
  });

  it.each([1, 6])(
    "SES accepts and the answer is lost, the batch delivered %i time(s): one call per batch, the rows wait for their SEND events",
    async (deliveries) => {
      h = await startDeliveryHarness({ recipients: 300 });
      await h.compose();
      let bulkCalls = 0;
      h.faults.ses = (r) => {
        if (!isBulk(r)) return undefined;
        bulkCalls++;
        return { answerLost: { status: 500, errorType: "InternalFailure" } };
      };
      // SQS hands each message over again and again (a delete that failed), every answer lost.
      const messages = h.queue.splice(0);
      for (let i = 0; i < deliveries; i++) for (const m of messages) await h.invoke(m);
      // Not retried by the SDK, nor sent again by a later delivery: one call per batch.
      expect(bulkCalls).toBe(6);
      expect((await h.counts()).sending).toBe(300);
      h.faults.ses = () => undefined;
      await h.settle();
      expect(bulkCalls).toBe(6);
      await expectEachOnce();
    },
  );

  it("SES never took the call (refused before it, no SEND event): the reconciler makes the rows sendable after 15 minutes, not before", async () => {
    h = await startDeliveryHarness({ recipients: 100 });
    await h.compose();
    let refused = 0;
    h.faults.ses = (r) =>
      isBulk(r) && ++refused <= 2 ? { status: 500, errorType: "InternalFailure" } : undefined;
    await h.drain();
    await h.reconcile();
    expect(await h.counts()).toMatchObject({ sending: 100, sent: 0 });
    // 14 minutes on: still waiting for a SEND event that may yet come; nothing is sent again.
    h.clock.advance(14 * 60_000);
    expect((await h.sweep()).reconciled).toBe(0);
    expect(h.queue).toHaveLength(0);
    h.clock.advance(2 * 60_000);
    expect((await h.sweep()).reconciled).toBe(100);
    await h.settle();
    await expectEachOnce();
  });

  it("process starved past the SES client's request timeout while SES takes the call: the rows wait for the SEND event, each recipient one copy", async () => {
    h = await startDeliveryHarness({ recipients: 50 });
    await h.compose();
    // The SES client's real-time timeout, shortened so a stall can pass it in a test (30 s on Lambda).
    const ses = bulkSendClient({ ...LOCAL_AWS, endpoint: h.sesUrl }, new ThrottlingOnlyRetry(6, 2, 20), 200);
    let stalled = false;
    h.faults.ses = (r) => {
      if (!isBulk(r) || stalled) return undefined;
      stalled = true;
      return {
        // The whole process stops (as under CPU starvation) just as the proxy forwards the call: the
        // client's timer is past due when the process runs again, so the worker hears a timeout
        // while SES takes the call.
        rewrite: (body) => {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1_000);
          return body;
        },
        rewriteResponse: (body) => body,
      };
    };
    const result = await h.invoke(h.queue.shift() as never, h.newWorker({ ses }));
    expect(result).toMatchObject({ sent: 0, unsure: 50 });
    h.faults.ses = () => undefined;
    await h.settle();
    await expectEachOnce();
  });

  it("a SEND event later than the bound still stops a second copy when it comes before the row is sent again", async () => {
    h = await startDeliveryHarness({ recipients: 50 });
    await h.compose();
    h.faults.ses = (r) =>
      isBulk(r) ? { answerLost: { status: 500, errorType: "InternalFailure" } } : undefined;
    await h.drain();
    h.faults.ses = () => undefined;
    // No SEND event within the 15 minutes: the sweeper queues the rows again …
    h.clock.advance(16 * 60_000);
    expect((await h.sweep()).reconciled).toBe(50);
    // … and the events arrive before the worker takes the batch.
    expect(await h.reconcile()).toBe(50);
    await h.drain();
    await expectEachOnce();
  });

  it("throttling storms: only throttling is retried, and everyone is sent once", async () => {
    h = await startDeliveryHarness({ recipients: 300 });
    await h.compose();
    let bulkCalls = 0;
    let throttled = 0;
    h.faults.ses = (r) => {
      if (!isBulk(r)) return undefined;
      bulkCalls++;
      // Storms: 9 calls in every 10 refused, for the first 120 calls.
      if (bulkCalls <= 120 && bulkCalls % 10 !== 0) {
        throttled++;
        return {
          status: 429,
          errorType: "TooManyRequestsException",
          message: "Maximum sending rate exceeded.",
        };
      }
      return undefined;
    };
    await h.settle();
    expect(throttled).toBeGreaterThanOrEqual(30);
    await expectEachOnce();
  });

  it("worker killed while its throttled send waits to retry: the retry never goes out, and everyone is sent once", async () => {
    h = await startDeliveryHarness({ recipients: 60 });
    await h.compose();
    const fromDead: string[] = [];
    let victim: string | undefined;
    h.faults.ses = (r) => {
      if (!isBulk(r)) return undefined;
      const worker = r.headers[WORKER_HEADER];
      if (victim === undefined) {
        // The first worker's first send is throttled, and the worker dies during the SDK's backoff.
        victim = worker;
        h.kill(Number(worker));
        return {
          status: 429,
          errorType: "TooManyRequestsException",
          message: "Maximum sending rate exceeded.",
        };
      }
      if (worker === victim) fromDead.push(r.path);
      return undefined;
    };
    await h.settle();
    expect(victim).toBeDefined();
    expect(fromDead).toEqual([]);
    await expectEachOnce();
  });

  it("ACCOUNT_SENDING_PAUSED mid-issue, then resumed: the batch fails whole, is dead-lettered, swept and sent", async () => {
    h = await startDeliveryHarness({ recipients: 300 });
    await h.compose();
    let bulkCalls = 0;
    let pausedNow = false;
    h.faults.ses = (r) => {
      if (!isBulk(r)) return undefined;
      if (++bulkCalls === 3) pausedNow = true;
      return pausedNow ? paused(r) : undefined;
    };
    await h.drain();
    const counts = await h.counts();
    expect(counts.sent).toBe(100);
    expect(counts.rejected).toBe(0);
    expect(counts.retry + counts.queued).toBe(200);
    expect(h.deadLetters.length).toBe(4);
    // An hour on, the sweeper counts them for the alarm (and queues them again, in vain while paused).
    h.clock.advance(61 * 60_000);
    expect((await h.sweep()).unfinished).toBe(200);
    pausedNow = false;
    h.faults.ses = () => undefined;
    await h.settle();
    await expectEachOnce();
  });

  it("SQS redelivers every batch to two workers at once", async () => {
    h = await startDeliveryHarness({ recipients: 300 });
    await h.compose();
    const messages = h.queue.splice(0);
    await Promise.all(
      messages.map(async (m) => {
        const twin = structuredClone(m);
        await Promise.all([h.invoke(m), h.invoke(twin)]);
      }),
    );
    await h.settle();
    await expectEachOnce();
  });

  it("dead-letter redrive a week later, after some recipients unsubscribed", async () => {
    h = await startDeliveryHarness({ recipients: 150 });
    await h.compose();
    h.faults.ses = (r) => (isBulk(r) ? paused(r) : undefined);
    await h.drain();
    expect(h.deadLetters.length).toBe(3);
    h.clock.advance(7 * 86_400_000);
    const leaving = h.readers.filter((_, i) => i % 7 === 0);
    const store = new DynamoSubscriberStore(SUBSCRIBERS_TABLE.localName, h.aws.dynamo);
    for (const email of leaving) {
      const next = planUnsubscribe(await store.getRecord(email), h.clock.now());
      expect(next && (await store.saveRecord(next))).toBe(true);
    }
    h.faults.ses = () => undefined;
    // The operator redrives the dead-letter queue.
    h.queue.push(...h.deadLetters.splice(0).map((m) => ({ ...m, receives: 0 })));
    await h.drain();
    const staying = h.readers.filter((r) => !leaving.includes(r));
    await expectEachOnce(staying);
    expect((await h.counts()).skipped).toBe(leaving.length);
  });

  it("compose interrupted half-way and run again", async () => {
    h = await startDeliveryHarness({ recipients: 300 });
    let writes = 0;
    h.faults.dynamo = (r) =>
      isOutboxWrite(r) && ++writes > 130 ? { status: 500, errorType: "InternalServerError" } : undefined;
    await expect(h.compose()).rejects.toThrow();
    const firstRun = h.queue.length;
    h.faults.dynamo = () => undefined;
    const again = await h.compose();
    expect(again.composed).toBe(false);
    expect(firstRun).toBeLessThan(6);
    await h.settle();
    await expectEachOnce();
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}
