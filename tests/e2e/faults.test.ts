import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoDeliveryStore } from "../../lambdas/adapters/dynamo-delivery-store.ts";
import { DELIVERIES_TABLE } from "../../lambdas/adapters/dynamo-tables.ts";
import { type Fault, startFaultProxy } from "../support/fault-proxy.ts";
import { seedSubscribers } from "../support/subscribers.ts";
import {
  deployLocally,
  INGEST_BUCKET,
  type LocalDeployment,
  SIGNING_KEY,
  s3PutEvent,
  sqsEvent,
} from "./local-deployment.ts";

const readers = Array.from({ length: 160 }, (_, i) => `reader-${String(i).padStart(3, "0")}@example.org`);
const BULK_PATH = "/v2/email/outbound-bulk-emails";

// The faults, in the order the worker meets them (batches are sent one after another):
// batch 1: throttled, then a 500, then SES takes 45 of 50 (5 transient failures), then recording
//          the 45 fails on every try: the worker dies after sending and before recording.
// batch 2: sent at once.   batch 3: 503 six times in a row, more than the SDK retries.
// batch 4: sent at once.   Then SQS delivers batches 1 and 3 again.
const counts = { bulkCalls: 0, throttled: 0, serverErrors: 0, partial: 0, recordFailures: 0 };
const flaky = new Set(readers.slice(10, 15));

function sesRule(path: string): Fault | undefined {
  if (path !== BULK_PATH) return undefined;
  counts.bulkCalls++;
  const fault = plannedFault(counts.bulkCalls);
  if (fault && "status" in fault) {
    if (fault.status === 429) counts.throttled++;
    else counts.serverErrors++;
  } else if (fault) counts.partial++;
  return fault;
}

function plannedFault(call: number): Fault | undefined {
  if (call === 1)
    return { status: 429, errorType: "TooManyRequestsException", message: "Maximum sending rate exceeded." };
  if (call === 2) return { status: 500, errorType: "InternalFailure" };
  if (call === 3) return withoutFlakyRecipients();
  if (call >= 5 && call <= 10) return { status: 503, errorType: "ServiceUnavailable" };
  return undefined;
}

/** Sends the batch without the flaky recipients and reports those as transient failures. */
function withoutFlakyRecipients(): Fault {
  let positions: boolean[] = [];
  return {
    rewrite: (body) => {
      const request = JSON.parse(body);
      positions = request.BulkEmailEntries.map((e: { Destination: { ToAddresses: string[] } }) =>
        flaky.has(e.Destination.ToAddresses[0] ?? ""),
      );
      request.BulkEmailEntries = request.BulkEmailEntries.filter((_: unknown, i: number) => !positions[i]);
      return JSON.stringify(request);
    },
    rewriteResponse: (body) => {
      const sent = [...JSON.parse(body).BulkEmailEntryResults];
      const merged = positions.map((failed) =>
        failed ? { Status: "TRANSIENT_FAILURE", Error: "injected" } : sent.shift(),
      );
      return JSON.stringify({ BulkEmailEntryResults: merged });
    },
  };
}

function dynamoRule(target: string): Fault | undefined {
  // Recording fails for as long as batch 1 tries (every SDK retry), until the next bulk call.
  if (target !== "DynamoDB_20120810.BatchWriteItem" || counts.bulkCalls !== 3) return undefined;
  counts.recordFailures++;
  return { status: 500, errorType: "InternalServerError" };
}

let deployment: LocalDeployment;
const proxies: { close: () => Promise<void> }[] = [];

beforeAll(async () => {
  deployment = await deployLocally({
    endpoints: async (aws) => {
      const ses = await startFaultProxy(aws.sesUrl, (r) => sesRule(r.path));
      const dynamo = await startFaultProxy(aws.dynamoUrl, (r) => dynamoRule(r.headers["x-amz-target"] ?? ""));
      proxies.push(ses, dynamo);
      return { ses: ses.url, dynamo: dynamo.url };
    },
  });
  await seedSubscribers(
    deployment.aws.dynamo,
    SIGNING_KEY,
    readers.map((e) => [e, "confirmed"] as const),
  );
  // A week with an article: a week without statements of officials is not sent at all.
  const article = await readFile(join("examples", "defence-forum.txt"));
  deployment.standIns.objects.set(`${INGEST_BUCKET}/articles/defence-forum.txt`, article);
  await deployment.invoke("IngestIngester", s3PutEvent(["articles/defence-forum.txt"]));
}, 180_000);
afterAll(async () => {
  await Promise.all(proxies.map((p) => p.close()));
  await deployment?.close();
});

// Generous: the SDK backs off between retries, and CI shares two cores with the browser tests.
describe("sending through faults", { timeout: 180_000 }, () => {
  it("delivers every confirmed subscriber exactly one copy after throttling, 5xx, a partial batch, a crash and redelivery", async () => {
    // Prepare: the issue composed and its four batches queued.
    const summary = await deployment.invoke<unknown, { batches: number }>("ComposeComposer", {
      week: "2026-W47",
    });
    expect(summary.batches).toBe(4);
    let pending = [...deployment.standIns.messages];
    const failuresPerReceive: number[] = [];
    // Act: SQS delivers, and delivers again what failed, up to the queue's five receives.
    for (let receive = 1; pending.length > 0 && receive <= 5; receive++) {
      const { batchItemFailures } = await deployment.invoke<
        unknown,
        { batchItemFailures: { itemIdentifier: string }[] }
      >("SendingWorker", sqsEvent(pending, receive));
      failuresPerReceive.push(batchItemFailures.length);
      const failed = new Set(batchItemFailures.map((f) => f.itemIdentifier));
      pending = pending.filter((m) => failed.has(m.messageId));
    }
    // Assess: the faults happened as planned …
    expect(counts).toMatchObject({ bulkCalls: 13, throttled: 1, serverErrors: 7, partial: 1 });
    expect(counts.recordFailures).toBeGreaterThanOrEqual(3);
    expect(failuresPerReceive).toEqual([2, 0]);
    expect(pending).toEqual([]);
    // … and yet every reader has exactly one copy.
    const emails = await deployment.aws.emails();
    const copies = new Map<string, number>();
    for (const e of emails) for (const to of e.destination.to) copies.set(to, (copies.get(to) ?? 0) + 1);
    expect(emails).toHaveLength(160);
    expect([...copies.keys()].sort()).toEqual(readers);
    expect(Math.max(...copies.values())).toBe(1);
    // The 45 sent just before the crash stay claimed (sent, never recorded); they were not sent again.
    const deliveries = await new DynamoDeliveryStore(DELIVERIES_TABLE.localName, deployment.aws.dynamo).count(
      "2026-W47",
    );
    expect(deliveries).toEqual({ sent: 115, claimed: 45, rejected: 0 });
  });

  it("sends nothing more when SQS delivers every batch again, to two workers at once", async () => {
    const before = (await deployment.aws.emails()).length;
    const calls = counts.bulkCalls;
    const event = sqsEvent(deployment.standIns.messages, 3);
    const [a, b] = await Promise.all([
      deployment.invoke<unknown, { batchItemFailures: unknown[] }>("SendingWorker", event),
      deployment.invoke<unknown, { batchItemFailures: unknown[] }>("SendingWorker", event),
    ]);
    expect([a.batchItemFailures, b.batchItemFailures]).toEqual([[], []]);
    expect(await deployment.aws.emails()).toHaveLength(before);
    expect(counts.bulkCalls).toBe(calls);
  });
});
