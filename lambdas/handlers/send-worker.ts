import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import { BatchIncompleteError, type DeliverBatchResult } from "../app/deliver-batch.ts";
import { type SendWorkerDeps, sendWorkerDeps } from "../deps/send-worker.ts";
import { type Telemetry, telemetryFor } from "../deps/telemetry.ts";
import type { SendBatch } from "../ports.ts";
import type { LambdaContext, SqsBatchResponse, SqsEvent } from "./events.ts";
import { lazily } from "./events.ts";

type SqsRecord = SqsEvent["Records"][number];

/**
 * The send worker: one SQS message is one batch of ≤ 50 recipients, handled by Powertools' batch
 * processor. Messages that still have unsent recipients are reported as failed, so SQS delivers
 * only those again (and after `maxReceiveCount` tries moves them to the dead-letter queue). Each
 * invocation logs its batches and writes the issue's sent, rejected and retried counts.
 */
export function createHandler(
  deps: SendWorkerDeps & { telemetry?: Telemetry },
): (event: SqsEvent, context?: LambdaContext) => Promise<SqsBatchResponse> {
  const { logger, metrics } = deps.telemetry ?? telemetryFor("send-worker");
  const processor = new BatchProcessor(EventType.SQS, { logger });
  const deliver = async (record: SqsRecord, context?: LambdaContext) => {
    const batch = JSON.parse(record.body) as SendBatch;
    const remaining = context && { remainingMs: () => context.getRemainingTimeInMillis() };
    const about = { messageId: record.messageId, issueId: batch.issueId };
    try {
      const done = await deps.deliver(batch, remaining);
      metrics.add(batch.issueId, countsOf(done));
      logger.info("batch delivered", { ...about, ...done });
    } catch (error) {
      const done = error instanceof BatchIncompleteError ? error.done : undefined;
      if (done) metrics.add(batch.issueId, countsOf(done));
      logger.warn("batch not finished", { ...about, ...done, error });
      throw error;
    }
  };
  return async (event, context) => {
    try {
      return await processPartialResponse(event, (record: SqsRecord) => deliver(record, context), processor, {
        // One batch after another: they share the worker's pacing.
        processInParallel: false,
        // A message that failed is reported like any other, never as an error of the invocation.
        throwOnFullBatchFailure: false,
      });
    } finally {
      metrics.publish();
    }
  };
}

function countsOf({ sent, rejected, retried }: DeliverBatchResult) {
  return { sent, rejected, retried };
}

export const handler = lazily(() => createHandler(sendWorkerDeps(process.env)));
