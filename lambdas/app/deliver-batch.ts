import { randomUUID } from "node:crypto";
import type {
  BatchRecipient,
  BulkDestination,
  BulkResult,
  DeliveryStore,
  Mailer,
  SendBatch,
} from "../ports.ts";
import type { SendRateLimiter } from "./send-rate-limiter.ts";

/** Raised when some recipients of a batch could not be sent yet, so the queue delivers it again. */
export class BatchIncompleteError extends Error {
  constructor(
    readonly issueId: string,
    readonly pending: readonly string[],
  ) {
    super(`issue ${issueId}: ${pending.length} recipient(s) not sent yet`);
    this.name = "BatchIncompleteError";
  }
}

export interface DeliverBatchDeps {
  deliveries: DeliveryStore;
  mailer: Mailer;
  limiter: SendRateLimiter;
  /** The SES template an issue is sent with. */
  templateName: (issueId: string) => string;
  /** Template data and headers for one recipient: their own unsubscribe link. */
  personalise: (recipient: BatchRecipient) => Pick<BulkDestination, "replacementData" | "headers">;
  /** Tries within one delivery of the batch before it is left to the queue to deliver again. */
  attempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface DeliverBatchResult {
  sent: number;
  rejected: number;
  /** Recipients claimed earlier (already sent, or being sent): not sent again. */
  skipped: number;
}

/**
 * Sends one batch exactly once per recipient: claims each (issue, recipient) with a conditional
 * write, sends to the claimed ones in one SendBulkEmail call, records the outcome, and gives back
 * the claims of recipients SES refused for now so a retry can send them. A crash after SES
 * accepted leaves the claims in place: a redelivered batch skips those recipients.
 *
 * @throws {BatchIncompleteError} when recipients are still unsent after `attempts` tries.
 */
export async function deliverBatch(batch: SendBatch, deps: DeliverBatchDeps): Promise<DeliverBatchResult> {
  const sleep = deps.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));
  const byEmail = new Map(batch.recipients.map((r) => [r.email.trim().toLowerCase(), r]));
  const result: DeliverBatchResult = { sent: 0, rejected: 0, skipped: 0 };
  let pending = [...byEmail.keys()];
  for (let attempt = 1; pending.length > 0; attempt++) {
    const claimToken = randomUUID();
    const claimed = await deps.deliveries.claim(batch.issueId, pending, claimToken);
    result.skipped += pending.length - claimed.length;
    if (claimed.length === 0) break;
    // Paced right before the call, so the spacing SES sees is the spacing the limiter keeps.
    await deps.limiter.take(claimed.length);
    const results = await sendOrRelease(batch.issueId, claimed, claimToken, byEmail, deps);
    // Give back the claims of recipients SES did not take first: whatever fails next, they stay sendable.
    pending = results.filter((r) => r.outcome === "retry").map((r) => r.email);
    await deps.deliveries.release(batch.issueId, pending, claimToken);
    await recordOutcomes(batch.issueId, results, result, deps.deliveries);
    if (pending.length > 0 && attempt >= (deps.attempts ?? 3))
      throw new BatchIncompleteError(batch.issueId, pending);
    if (pending.length > 0) await sleep(250 * 4 ** (attempt - 1));
  }
  return result;
}

/** Records what SES took (or refused for good), and counts it. */
async function recordOutcomes(
  issueId: string,
  results: readonly BulkResult[],
  totals: DeliverBatchResult,
  deliveries: DeliveryStore,
): Promise<void> {
  const done = results.filter((r) => r.outcome !== "retry");
  const outcomes = done.map((r) => ({
    email: r.email,
    status: r.outcome === "sent" ? ("sent" as const) : ("rejected" as const),
    messageId: r.messageId,
    error: r.error,
  }));
  await deliveries.record(issueId, outcomes);
  totals.sent += outcomes.filter((o) => o.status === "sent").length;
  totals.rejected += outcomes.filter((o) => o.status === "rejected").length;
}

async function sendOrRelease(
  issueId: string,
  claimed: string[],
  claimToken: string,
  byEmail: Map<string, BatchRecipient>,
  deps: DeliverBatchDeps,
): Promise<BulkResult[]> {
  const destinations = claimed.map((email) => {
    const recipient = { ...(byEmail.get(email) as BatchRecipient), email };
    return { email, ...deps.personalise(recipient) };
  });
  try {
    return await deps.mailer.sendBulk(deps.templateName(issueId), destinations);
  } catch (error) {
    // The call failed as a whole (throttled or 5xx after the SDK's retries): nothing was sent.
    await deps.deliveries.release(issueId, claimed, claimToken);
    throw error;
  }
}
