import type { SignupWorker } from "../app/signup-worker.ts";
import { signupWorkerDeps } from "../deps/signup-worker.ts";
import type { SignupJob } from "../ports.ts";
import type { SqsBatchResponse, SqsEvent } from "./events.ts";
import { lazily } from "./events.ts";

/**
 * The confirmation worker: one SQS message is one accepted sign-up. It decides on and sends the
 * confirmation email within the caps; a message whose send failed is reported, so SQS delivers it
 * again (and after `maxReceiveCount` tries moves it to the dead-letter queue, which alarms).
 * Logs carry no address.
 */
export function createHandler(deps: {
  worker: SignupWorker;
  flushMetrics?: () => void;
  log?: (entry: Record<string, unknown>) => void;
}): (event: SqsEvent) => Promise<SqsBatchResponse> {
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  return async (event) => {
    const batchItemFailures: SqsBatchResponse["batchItemFailures"] = [];
    for (const record of event.Records) {
      try {
        const outcome = await deps.worker.handle(JSON.parse(record.body) as SignupJob);
        log({ message: "sign-up handled", messageId: record.messageId, ...outcome });
      } catch (error) {
        const { name, message } = error instanceof Error ? error : { name: "Error", message: String(error) };
        log({ message: "sign-up failed", messageId: record.messageId, error: name, reason: redact(message) });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    deps.flushMetrics?.();
    return { batchItemFailures };
  };
}

function redact(text: string): string {
  return text.replace(/[^\s@<>"(),;:]+@[^\s@<>"'(),;:]+/g, "<address>");
}

export const handler = lazily(() => createHandler(signupWorkerDeps(process.env)));
