import { type SendWorkerDeps, sendWorkerDeps } from "../deps/send-worker.ts";
import type { SendBatch } from "../ports.ts";
import type { LambdaContext, SqsBatchResponse, SqsEvent } from "./events.ts";
import { lazily } from "./events.ts";

/**
 * The send worker: one SQS message is one batch of ≤ 50 recipients. Messages that still have
 * unsent recipients are reported as failed, so SQS delivers only those again (and after
 * `maxReceiveCount` tries moves them to the dead-letter queue).
 */
export function createHandler(
  deps: SendWorkerDeps,
): (event: SqsEvent, context?: LambdaContext) => Promise<SqsBatchResponse> {
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  return async (event, context) => {
    const batchItemFailures: SqsBatchResponse["batchItemFailures"] = [];
    for (const record of event.Records) {
      try {
        const batch = JSON.parse(record.body) as SendBatch;
        const result = await deps.deliver(batch, {
          ...(context && { remainingMs: () => context.getRemainingTimeInMillis() }),
        });
        log({ message: "batch delivered", messageId: record.messageId, issueId: batch.issueId, ...result });
      } catch (error) {
        log({ message: "batch failed", messageId: record.messageId, error: String(error) });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}

export const handler = lazily(() => createHandler(sendWorkerDeps(process.env)));
