import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoDeliveryStore } from "../../lambdas/adapters/dynamo-delivery-store.ts";
import { DELIVERIES_TABLE } from "../../lambdas/adapters/dynamo-tables.ts";
import { subscriberIdFor } from "../../lambdas/core/subscribers/tokens.ts";
import { type Fault, startFaultProxy } from "../support/fault-proxy.ts";
import { seedSubscribers } from "../support/subscribers.ts";
import {
  deployLocally,
  INGEST_BUCKET,
  type LocalDeployment,
  SIGNING_KEY,
  s3PutEvent,
  snsSesEvent,
  sqsEvent,
} from "./local-deployment.ts";

const readers = Array.from({ length: 160 }, (_, i) => `reader-${String(i).padStart(3, "0")}@example.org`);
const BULK_PATH = "/v2/email/outbound-bulk-emails";

// The faults, in the order the worker meets them (batches are sent one after another), through
// proxies that forward to the emulators:
// batch 1: throttled (the only answer the SDK retries), then sent.
// batch 2: SES takes it and the answer is lost (a 500 after forwarding): not retried, left `sending`.
// batch 3: SES takes 45 of 50 (5 transient failures); the 5 are sent on the worker's own retry.
// batch 4 (the last 10): sent, then every write of its outcome fails: left `sending` too.
// Then SES's SEND events (tagged with issue and delivery id) reach the SES events function.
const counts = { bulkCalls: 0, throttled: 0, lostAnswers: 0, partial: 0, finishFailures: 0 };
const flaky = new Set(readers.slice(110, 115));

function sesRule(path: string): Fault | undefined {
  if (path !== BULK_PATH) return undefined;
  counts.bulkCalls++;
  if (counts.bulkCalls === 1) {
    counts.throttled++;
    return { status: 429, errorType: "TooManyRequestsException", message: "Maximum sending rate exceeded." };
  }
  if (counts.bulkCalls === 3) {
    counts.lostAnswers++;
    return { answerLost: { status: 500, errorType: "InternalFailure" } };
  }
  if (counts.bulkCalls === 4) {
    counts.partial++;
    return withoutFlakyRecipients();
  }
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

function dynamoRule(target: string, body: string): Fault | undefined {
  // The outcome writes of batch 4 fail on every try the SDK makes.
  const finishing = target === "DynamoDB_20120810.UpdateItem" && body.includes("#s = :status");
  if (!finishing || counts.bulkCalls !== 6) return undefined;
  counts.finishFailures++;
  return { status: 500, errorType: "InternalServerError" };
}

let deployment: LocalDeployment;
const proxies: { close: () => Promise<void> }[] = [];

beforeAll(async () => {
  deployment = await deployLocally({
    endpoints: async (aws) => {
      const ses = await startFaultProxy(aws.sesUrl, (r) => sesRule(r.path));
      const dynamo = await startFaultProxy(aws.dynamoUrl, (r) =>
        dynamoRule(r.headers["x-amz-target"] ?? "", r.body),
      );
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

/** The SEND events SES publishes for the messages it took, with the tags the worker gave them. */
async function sendEvents() {
  const emails = await deployment.aws.emails();
  return emails.map((e) => ({
    eventType: "Send",
    mail: {
      messageId: e.messageId,
      destination: e.destination.to,
      tags: { issue: ["2026-W47"], delivery: [subscriberIdFor(SIGNING_KEY, e.destination.to[0] ?? "")] },
    },
    send: {},
  }));
}

// Generous: the SDK backs off between retries, and CI shares two cores with the browser tests.
describe("sending through faults (the deployed bundles)", { timeout: 180_000 }, () => {
  it("delivers every confirmed subscriber exactly one copy after throttling, a lost answer, a partial batch and lost outcome writes", async () => {
    // Prepare: the issue composed, its outbox written and its four batches queued.
    const summary = await deployment.invoke<unknown, { batches: number; run: { queuedNew: number } }>(
      "ComposeComposer",
      { week: "2026-W47" },
    );
    expect(summary).toMatchObject({ batches: 4, run: { queuedNew: 160 } });
    // Act: SQS delivers the batches; then SES's SEND events arrive.
    const { batchItemFailures } = await deployment.invoke<unknown, { batchItemFailures: unknown[] }>(
      "SendingWorker",
      sqsEvent(deployment.standIns.messages, 1),
    );
    const store = new DynamoDeliveryStore(DELIVERIES_TABLE.localName, deployment.aws.dynamo);
    expect(await store.count("2026-W47")).toMatchObject({ sent: 100, sending: 60 });
    const reconciled = await deployment.invoke<unknown, { reconciled: number }>(
      "SesSuppressor",
      snsSesEvent(await sendEvents()),
    );
    // Assess: the faults happened as planned, and nothing was sent twice …
    expect(counts).toMatchObject({ bulkCalls: 6, throttled: 1, lostAnswers: 1, partial: 1 });
    expect(counts.finishFailures).toBeGreaterThanOrEqual(3);
    expect(batchItemFailures).toEqual([]);
    expect(reconciled.reconciled).toBe(60);
    // … every reader has exactly one copy, and every delivery is final.
    const emails = await deployment.aws.emails();
    const copies = new Map<string, number>();
    for (const e of emails) for (const to of e.destination.to) copies.set(to, (copies.get(to) ?? 0) + 1);
    expect(emails).toHaveLength(160);
    expect([...copies.keys()].sort()).toEqual(readers);
    expect(Math.max(...copies.values())).toBe(1);
    expect(await store.count("2026-W47")).toMatchObject({ sent: 160, sending: 0, queued: 0, retry: 0 });
    const sweep = await deployment.invoke<unknown, { open: number }>("SendingSweepSweeper", {});
    expect(sweep.open).toBe(0);
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
