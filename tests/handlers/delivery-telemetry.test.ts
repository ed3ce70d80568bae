/**
 * What the delivery functions tell an operator: structured log lines with no address in them, and
 * per-issue counts as CloudWatch embedded metrics, read from the lines they print as CloudWatch
 * would. The send worker runs against dynalite and aws-ses-v2-local (see `delivery-harness.ts`).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { redactingLogger } from "../../lambdas/adapters/redacting-logger.ts";
import { telemetryFor } from "../../lambdas/deps/telemetry.ts";
import { createHandler as createSendWorker } from "../../lambdas/handlers/send-worker.ts";
import { createHandler as createSesEvents } from "../../lambdas/handlers/ses-events.ts";
import { createHandler as createSweeper } from "../../lambdas/handlers/sweeper.ts";
import { type DeliveryHarness, HARNESS_WEEK, startDeliveryHarness } from "../support/delivery-harness.ts";

let h: DeliveryHarness | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await h?.close();
  h = undefined;
});

/** Every JSON line written to stdout or stderr (warnings go there) while `work` runs. */
async function printed(work: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: string | Uint8Array) => boolean;
    vi.spyOn(stream, "write").mockImplementation((chunk: string | Uint8Array) => {
      const text = String(chunk);
      if (text.startsWith("{")) lines.push(...text.trim().split("\n"));
      else write(chunk);
      return true;
    });
  }
  await work();
  vi.restoreAllMocks();
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** The metrics of the EMF lines: `{ "2026-W47": { DeliveriesSent: 50, … } }`, by issue. */
function metricsByIssue(lines: Record<string, unknown>[]): Record<string, Record<string, number>> {
  const byIssue: Record<string, Record<string, number>> = {};
  for (const line of lines) {
    const emf = line._aws as { CloudWatchMetrics: { Metrics: { Name: string }[] }[] } | undefined;
    if (!emf || typeof line.issue !== "string") continue;
    const names = emf.CloudWatchMetrics.flatMap((m) => m.Metrics.map(({ Name }) => Name));
    byIssue[line.issue] = {
      ...byIssue[line.issue],
      ...Object.fromEntries(names.map((n) => [n, line[n] as number])),
    };
  }
  return byIssue;
}

describe("delivery telemetry", { timeout: 60_000 }, () => {
  it("logs structured lines with every address redacted, in messages, attributes, keys and errors", async () => {
    const logger = redactingLogger("send-worker");
    const lines = await printed(async () => {
      logger.warn("refused reader@example.org", {
        recipient: "Reader <reader@example.org>",
        byAddress: { "other@example.net": "MESSAGE_REJECTED" },
        error: new Error("Address blocked: reader@example.org"),
      });
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "WARN", service: "send-worker", message: "refused <address>" });
    expect(JSON.stringify(lines[0])).not.toMatch(/example\.(org|net)/);
    expect(JSON.stringify(lines[0])).toContain("Address blocked: <address>");
  });

  it("the send worker reports only the batch that did not finish, and counts sent and retried per issue", async () => {
    // Prepare: 100 recipients in two batches; SES pauses the account for the second call.
    h = await startDeliveryHarness({ recipients: 100 });
    await h.compose();
    let calls = 0;
    h.faults.ses = (r) =>
      r.path.endsWith("outbound-bulk-emails") && ++calls === 2
        ? {
            reply: {
              status: 200,
              body: JSON.stringify({
                BulkEmailEntryResults: JSON.parse(r.body).BulkEmailEntries.map(() => ({
                  Status: "ACCOUNT_SENDING_PAUSED",
                  Error: "paused",
                })),
              }),
            },
          }
        : undefined;
    const messages = (h.queue.splice(0) ?? []).map((m) => ({
      messageId: `m${m.id}`,
      body: JSON.stringify(m.batch),
    }));
    const handler = createSendWorker({ ...h.newWorker(), telemetry: telemetryFor("send-worker") });
    let response: unknown;
    // Act
    const lines = await printed(async () => {
      response = await handler({ Records: messages }, { getRemainingTimeInMillis: () => 120_000 });
    });
    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: messages[1]?.messageId }] });
    expect(metricsByIssue(lines)).toEqual({
      [HARNESS_WEEK]: { DeliveriesSent: 50, DeliveriesRejected: 0, DeliveriesRetried: 50 },
    });
    const logs = lines.filter((l) => !l._aws);
    expect(logs.map((l) => [l.level, l.message])).toEqual([
      ["INFO", "batch delivered"],
      ["WARN", "batch not finished"],
    ]);
    expect(JSON.stringify(lines)).not.toContain("@example.org");
  });

  it("the SES events function counts the deliveries its SEND events settled, per issue", async () => {
    h = await startDeliveryHarness({ recipients: 3 });
    await h.compose();
    const rows = (await h.deliveries.list(HARNESS_WEEK)).rows;
    const handler = createSesEvents({ subscribers: h.subscribers, deliveries: h.deliveries });
    const event = {
      Records: rows.map((row, i) => ({
        Sns: {
          MessageId: `sns-${i}`,
          Message: JSON.stringify({
            eventType: "Send",
            mail: { messageId: `ses-${i}`, tags: { issue: [HARNESS_WEEK], delivery: [row.subscriberId] } },
          }),
        },
      })),
    };
    const lines = await printed(() => handler(event));
    expect(metricsByIssue(lines)).toEqual({ [HARNESS_WEEK]: { DeliveriesReconciled: 3 } });
    expect((await h.counts()).sent).toBe(3);
  });

  it("the sweeper counts the unfinished per issue, and in all for the alarm", async () => {
    h = await startDeliveryHarness({ recipients: 4 });
    await h.compose();
    h.clock.advance(61 * 60_000);
    const handler = createSweeper({
      deliveries: h.deliveries,
      queue: { enqueue: async () => {} },
      now: h.clock.now,
    });
    const lines = await printed(() => handler());
    expect(metricsByIssue(lines)).toEqual({
      [HARNESS_WEEK]: { DeliveriesUnfinished: 4, DeliveriesReconciled: 0, DeliveriesRetried: 0 },
    });
    const alarm = lines.find(
      (l) => l.service === "sweeper" && !("issue" in l) && "DeliveriesUnfinished" in l,
    );
    expect(alarm?.DeliveriesUnfinished).toBe(4);
    expect(lines.find((l) => l.message === "deliveries swept")).toMatchObject({
      level: "WARN",
      unfinished: 4,
    });
  });
});
