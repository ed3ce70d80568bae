import { join } from "node:path";
import { DynamoDeliveryStore } from "../adapters/dynamo-delivery-store.ts";
import { LocalSendQueue } from "../adapters/local-send-queue.ts";
import { type LocalStack, openLocalStack } from "../adapters/local-stack.ts";
import { type ComposeIssueResult, composeIssue } from "../app/compose-issue.ts";
import { composeDeps } from "../deps/compose.ts";
import { sendWorkerDeps } from "../deps/send-worker.ts";
import type { DeliveryStatus } from "../ports.ts";

/** The project's local data folder (git-ignored). */
export const DATA_DIR = join(process.cwd(), "data");

/**
 * Where a command works: AWS when `ONRECORD_ARTICLES_TABLE` is set (the other `ONRECORD_*`
 * settings as the stack's outputs give them, credentials as the AWS CLI has them), otherwise the
 * local stack (the running `onrecord start`, or emulators started for this command).
 */
export type Target = { kind: "aws"; env: NodeJS.ProcessEnv } | { kind: "local"; stack: LocalStack };

export async function openTarget(): Promise<Target> {
  if (process.env.ONRECORD_ARTICLES_TABLE) return { kind: "aws", env: process.env };
  return { kind: "local", stack: await openLocalStack({ dataDir: DATA_DIR }) };
}

export interface LocalSendResult extends ComposeIssueResult {
  deliveries: Record<DeliveryStatus, number>;
  deadLetters: number;
}

/**
 * Composes a week's issue and sends it on the local stack: the same compose step and send worker
 * as on Lambda, with an in-process queue between them in place of SQS.
 */
export async function composeAndSendLocally(
  stack: LocalStack,
  week: string,
  options: { minStatements?: number } = {},
): Promise<LocalSendResult> {
  const clients = { dynamo: stack.dynamo, ses: stack.ses };
  const worker = sendWorkerDeps(stack.env, clients);
  const queue = new LocalSendQueue((batch) => worker.deliver(batch).then(() => {}), {
    redeliveryDelayMs: 500,
  });
  const deps = composeDeps(stack.env, clients, queue);
  const result = await composeIssue(week, {
    ...deps,
    minStatements: options.minStatements ?? deps.minStatements,
  });
  await queue.drain();
  const deliveries = await new DynamoDeliveryStore(
    stack.env.ONRECORD_DELIVERIES_TABLE ?? "",
    stack.dynamo,
  ).count(week);
  return { ...result, deliveries, deadLetters: queue.deadLetters.length };
}
