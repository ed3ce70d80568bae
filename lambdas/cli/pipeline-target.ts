import { join } from "node:path";
import { DynamoDeliveryStore } from "../adapters/dynamo-delivery-store.ts";
import { EmulatorSendEventStandIn } from "../adapters/emulator-send-events.ts";
import { localBulkSesClient } from "../adapters/local-emulators.ts";
import { LocalSendQueue } from "../adapters/local-send-queue.ts";
import { type LocalStack, openLocalStack } from "../adapters/local-stack.ts";
import { type ComposeIssueResult, composeIssue, templateNameFor } from "../app/compose-issue.ts";
import { recordSendEvents, type SweepResult, sweepDeliveries } from "../app/sweep-deliveries.ts";
import { composeDeps } from "../deps/compose.ts";
import { sendWorkerDeps } from "../deps/send-worker.ts";
import type { DeliveryCounts, SendQueue } from "../ports.ts";

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
  /** The issue's deliveries by state once the batches, the reconciler and the sweeper are done. */
  deliveries: DeliveryCounts;
  deadLetters: number;
  /** What the local reconciler (SEND-event stand-in) and sweeper did after the batches. */
  settled: { reconciled: number; sweep: SweepResult };
}

/**
 * The reconciler and the sweeper on the local stack, as the SES events function and the
 * scheduled sweeper run them on AWS: `sending` rows are settled from the emulator's store (the
 * LOCAL STAND-IN for SEND events, see `EmulatorSendEventStandIn`), then due rows are queued again.
 */
export async function settleLocally(
  stack: LocalStack,
  queue: SendQueue,
): Promise<LocalSendResult["settled"]> {
  const deliveries = new DynamoDeliveryStore(stack.env.ONRECORD_DELIVERIES_TABLE ?? "", stack.dynamo);
  const standIn = new EmulatorSendEventStandIn(stack.sesUrl, templateNameFor);
  const events = await standIn.eventsFor(await deliveries.listUnfinished());
  const { reconciled } = await recordSendEvents(events, deliveries);
  const sweep = await sweepDeliveries({ deliveries, queue });
  return { reconciled, sweep };
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
  // SendBulkEmail is retried on throttling only, as on AWS.
  const worker = sendWorkerDeps(stack.env, { ...clients, ses: localBulkSesClient(stack.sesUrl) });
  const queue = new LocalSendQueue((batch) => worker.deliver(batch).then(() => {}), {
    redeliveryDelayMs: 500,
  });
  const deps = composeDeps(stack.env, clients, queue);
  const result = await composeIssue(week, {
    ...deps,
    minStatements: options.minStatements ?? deps.minStatements,
  });
  await queue.drain();
  const settled = await settleLocally(stack, queue);
  await queue.drain();
  const deliveries = await new DynamoDeliveryStore(
    stack.env.ONRECORD_DELIVERIES_TABLE ?? "",
    stack.dynamo,
  ).count(week);
  return { ...result, deliveries, deadLetters: queue.deadLetters.length, settled };
}
