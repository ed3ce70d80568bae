import { randomUUID } from "node:crypto";
import {
  type BulkDestination,
  type BulkResult,
  type DeliveryOutcome,
  type DeliveryRow,
  type DeliveryStore,
  MAX_BATCH_RECIPIENTS,
  type Mailer,
  type SendBatch,
  type SubscriberStore,
  ThrottledError,
} from "../ports.ts";
import type { Addressee } from "./personalise.ts";
import type { SendRateLimiter } from "./send-rate-limiter.ts";

/** Raised when some recipients of a batch could not be sent yet, so the queue delivers it again. */
export class BatchIncompleteError extends Error {
  /** What the delivery did before it stopped (set as the error leaves `deliverBatch`). */
  done: DeliverBatchResult | undefined;

  constructor(
    readonly issueId: string,
    readonly pending: readonly string[],
    reason: string,
  ) {
    super(`issue ${issueId}: ${pending.length} recipient(s) not sent yet (${reason})`);
    this.name = "BatchIncompleteError";
  }
}

/**
 * Raised when SES refused a call for a reason of the account or the template (sending paused,
 * daily quota, template missing): the claims are back, the batch fails as a whole, and the queue
 * tries it later and then dead-letters it (which raises an alarm).
 */
export class BatchHaltedError extends BatchIncompleteError {
  constructor(
    issueId: string,
    pending: readonly string[],
    readonly status: string,
  ) {
    super(issueId, pending, `SES: ${status}`);
    this.name = "BatchHaltedError";
  }
}

export interface DeliverBatchDeps {
  deliveries: DeliveryStore;
  /** Read again before each send: whoever is no longer confirmed is skipped. */
  subscribers: Pick<SubscriberStore, "getMany">;
  mailer: Mailer;
  limiter: SendRateLimiter;
  /** The SES template an issue is sent with. */
  templateName: (issueId: string) => string;
  /** Template data and headers for one recipient: their own unsubscribe link. */
  personalise: (recipient: Addressee) => Pick<BulkDestination, "replacementData" | "headers">;
  /** What is left of the invocation, in ms (Lambda's `getRemainingTimeInMillis`); unset: no limit. */
  remainingMs?: () => number;
  /** What one SES call and the writes around it may take: no claim is made with less left. */
  callBudgetMs?: number;
  /** Tries of one recipient within one delivery of the batch. */
  attempts?: number;
  sleep?: (ms: number) => Promise<void>;
  newToken?: () => string;
  /** The clock leases are compared with (the store's). */
  now?: () => Date;
}

export interface DeliverBatchResult {
  sent: number;
  rejected: number;
  /** No longer confirmed when their turn came: not sent, and never will be. */
  skipped: number;
  /** Final already, or being sent by another worker: left alone. */
  elsewhere: number;
  /** The call failed in a way that does not say whether SES took it: left `sending` for the reconciler. */
  unsure: number;
  /** Made sendable again (refused for now, throttled, the batch halted): a later delivery sends them. */
  retried: number;
}

/** The default budget of one call: the SES client's 30 s request timeout and a few writes. */
export const DEFAULT_CALL_BUDGET_MS = 35_000;
/** How long a claim outlasts the invocation that took it (the invocation's end is its timeout). */
export const LEASE_MARGIN_MS = 60_000;

/**
 * Sends one batch, each recipient at most once, through the delivery state machine: the rows
 * still sendable are read, their subscribers read again (the no-longer-confirmed skipped), the
 * send paced *before* anything is claimed, then claimed (`claimed`, with a lease), marked
 * `sending`, sent in one SendBulkEmail call, and finished with what SES said of each. Claims that
 * cannot go on are released in a `finally`. A call that fails without saying whether SES took it
 * leaves its rows `sending`: only a SEND event or the reconciler's bound decides them. The batch
 * is sent in chunks sized so that the pacing of one fits half of the time the invocation has.
 *
 * @throws {BatchIncompleteError} when recipients are still sendable at the end (out of time, or
 * refused for now after `attempts` tries), so that the queue delivers the batch again.
 * @throws {BatchHaltedError} when SES refused the call for the account or the template.
 */
export async function deliverBatch(batch: SendBatch, deps: DeliverBatchDeps): Promise<DeliverBatchResult> {
  const result: DeliverBatchResult = {
    sent: 0,
    rejected: 0,
    skipped: 0,
    elsewhere: 0,
    unsure: 0,
    retried: 0,
  };
  try {
    await deliverRows(batch, deps, result);
    return result;
  } catch (error) {
    if (error instanceof BatchIncompleteError) error.done = result;
    throw error;
  }
}

async function deliverRows(batch: SendBatch, deps: DeliverBatchDeps, result: DeliverBatchResult) {
  const sleep = deps.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));
  const remaining = deps.remainingMs ?? (() => Number.POSITIVE_INFINITY);
  const budget = deps.callBudgetMs ?? DEFAULT_CALL_BUDGET_MS;
  const chunkSize = chunkSizeFor(deps.limiter.perSecond, remaining() - budget);
  const tries = new Map<string, number>();
  let pending = await subscriberIdsOf(batch, deps);
  while (pending.length > 0) {
    const rows = await deps.deliveries.get(batch.issueId, pending);
    const now = (deps.now?.() ?? new Date()).getTime();
    const sendable = rows.filter((row) => isSendable(row, now));
    result.elsewhere += pending.length - sendable.length;
    const toSend = await dropUnconfirmed(batch.issueId, sendable, deps, result);
    if (toSend.length === 0) break;
    const chunk = toSend.slice(0, chunkSize);
    const later = toSend.slice(chunkSize).map((r) => r.subscriberId);
    // Paced before claiming, so no claim waits out the pacing; none is made without the time to send.
    if (deps.limiter.backlogMs() + budget > remaining())
      throw new BatchIncompleteError(batch.issueId, toSend.map(subscriberIdOf), "out of time");
    await deps.limiter.take(chunk.length);
    if (budget > remaining())
      throw new BatchIncompleteError(batch.issueId, toSend.map(subscriberIdOf), "out of time");
    const retry = await sendChunk(batch.issueId, chunk, { ...deps, remainingMs: remaining }, result);
    for (const id of retry) tries.set(id, (tries.get(id) ?? 1) + 1);
    const exhausted = retry.filter((id) => (tries.get(id) ?? 0) > (deps.attempts ?? 3));
    if (exhausted.length > 0)
      throw new BatchIncompleteError(batch.issueId, [...retry, ...later], "refused for now");
    if (retry.length > 0) await sleep(250 * 4 ** ((tries.get(retry[0] as string) ?? 2) - 2));
    pending = [...retry, ...later];
  }
}

/** Recipients per call: the most whose pacing takes at most half the time left (1 to 50). */
function chunkSizeFor(perSecond: number, usableMs: number): number {
  if (!Number.isFinite(usableMs)) return MAX_BATCH_RECIPIENTS;
  return Math.max(1, Math.min(MAX_BATCH_RECIPIENTS, Math.floor((perSecond * usableMs) / 2000)));
}

/**
 * Claims, marks `sending`, sends and finishes one chunk; returns the ids to try again now. Claims
 * not handed on to `sending` are released in the `finally`, whatever failed. A claim's lease runs
 * until a minute after the invocation can have ended, so it outlasts any worker that holds it.
 */
async function sendChunk(
  issueId: string,
  chunk: readonly DeliveryRow[],
  deps: DeliverBatchDeps & { remainingMs: () => number },
  result: DeliverBatchResult,
): Promise<string[]> {
  const token = (deps.newToken ?? randomUUID)();
  const left = deps.remainingMs();
  let claimed: string[] = [];
  let handedOn = new Set<string>();
  try {
    const claim = await deps.deliveries.claim(
      issueId,
      chunk.map(subscriberIdOf),
      token,
      Number.isFinite(left) ? left + LEASE_MARGIN_MS : undefined,
    );
    claimed = claim.won;
    result.elsewhere += chunk.length - claim.won.length - claim.errors.length;
    if (claim.errors.length > 0) throw claim.errors[0];
    if (claimed.length === 0) return [];
    // The calls themselves kept apart, however long the claims took; and still the time for one.
    await deps.limiter.beforeCall(claimed.length);
    if ((deps.callBudgetMs ?? DEFAULT_CALL_BUDGET_MS) > deps.remainingMs())
      throw new BatchIncompleteError(issueId, claimed, "out of time");
    const sending = await deps.deliveries.markSending(issueId, claimed, token);
    handedOn = new Set(sending.won);
    if (sending.errors.length > 0) {
      // Never sent: those already `sending` go back too, rather than wait for the reconciler.
      const back = await deps.deliveries.finish(issueId, outcomesOf(sending.won, "retry", "not sent"), token);
      result.retried += back.won.length;
      throw sending.errors[0];
    }
    const rows = chunk.filter((r) => handedOn.has(r.subscriberId));
    return await sendAndFinish(issueId, rows, token, deps, result);
  } finally {
    const held = claimed.filter((id) => !handedOn.has(id));
    if (held.length > 0) await deps.deliveries.release(issueId, held, token);
  }
}

async function sendAndFinish(
  issueId: string,
  rows: readonly DeliveryRow[],
  token: string,
  deps: DeliverBatchDeps,
  result: DeliverBatchResult,
): Promise<string[]> {
  const byAddress = new Map(rows.map((r) => [r.address, r.subscriberId]));
  const destinations = rows.map((r) => ({
    email: r.address,
    ...deps.personalise({ email: r.address }),
    tags: { issue: issueId, delivery: r.subscriberId },
  }));
  let answers: BulkResult[];
  try {
    const sent = await deps.mailer.sendBulk(deps.templateName(issueId), destinations);
    if (sent.attempts > 1) deps.limiter.retried();
    answers = sent.results;
  } catch (error) {
    if (!(error instanceof ThrottledError)) {
      // SES may have taken the call: the rows stay `sending` until a SEND event or the bound.
      result.unsure += rows.length;
      return [];
    }
    const back = await deps.deliveries.finish(
      issueId,
      outcomesOf([...byAddress.values()], "retry", error.message),
      token,
    );
    result.retried += back.won.length;
    throw new BatchIncompleteError(issueId, [...byAddress.values()], "throttled");
  }
  const outcomes: DeliveryOutcome[] = answers.map((a) => ({
    subscriberId: byAddress.get(a.email) as string,
    status: a.outcome === "halt" ? "retry" : a.outcome,
    messageId: a.messageId,
    error: a.error,
  }));
  const finished = await deps.deliveries.finish(issueId, outcomes, token);
  // A write that failed leaves its row `sending`: the SEND event (or the bound) settles it.
  result.unsure += finished.errors.length;
  const won = new Set(finished.won);
  result.sent += outcomes.filter((o) => o.status === "sent" && won.has(o.subscriberId)).length;
  result.rejected += outcomes.filter((o) => o.status === "rejected" && won.has(o.subscriberId)).length;
  const retry = outcomes.filter((o) => o.status === "retry" && won.has(o.subscriberId)).map(subscriberIdOf);
  result.retried += retry.length;
  const halted = answers.find((a) => a.outcome === "halt");
  if (halted) throw new BatchHaltedError(issueId, retry, halted.error?.split(":")[0] ?? "unknown status");
  return retry;
}

/** Skips the rows whose subscriber is no longer confirmed; returns the rest. */
async function dropUnconfirmed(
  issueId: string,
  rows: readonly DeliveryRow[],
  deps: DeliverBatchDeps,
  result: DeliverBatchResult,
): Promise<DeliveryRow[]> {
  if (rows.length === 0) return [];
  const current = await deps.subscribers.getMany(rows.map((r) => r.address));
  const confirmed = new Set(current.filter((s) => s.status === "confirmed").map((s) => s.email));
  const gone = rows.filter((r) => !confirmed.has(r.address)).map(subscriberIdOf);
  if (gone.length > 0) {
    const skipped = await deps.deliveries.skip(issueId, gone);
    if (skipped.errors.length > 0) throw skipped.errors[0];
    result.skipped += skipped.won.length;
  }
  return rows.filter((r) => confirmed.has(r.address));
}

/**
 * The subscriber ids of a batch. A batch queued by the earlier version names addresses: each
 * one's earlier row (claimed, sent or rejected) is respected, the rest given an outbox row.
 */
async function subscriberIdsOf(batch: SendBatch, deps: DeliverBatchDeps): Promise<string[]> {
  const ids = batch.recipients.flatMap((r) => (r.id ? [r.id] : []));
  const emails = [
    ...new Set(batch.recipients.flatMap((r) => (r.email ? [r.email.trim().toLowerCase()] : []))),
  ];
  if (emails.length === 0) return [...new Set(ids)];
  const legacy = await deps.deliveries.getLegacy(batch.issueId, emails);
  const fresh = emails.filter((e) => !legacy.has(e));
  const subscribers = await deps.subscribers.getMany(fresh);
  const recipients = subscribers.flatMap((s) => (s.id ? [{ id: s.id, address: s.email }] : []));
  const created = await deps.deliveries.createQueued(batch.issueId, recipients);
  if (created.errors.length > 0) throw created.errors[0];
  return [...new Set([...ids, ...recipients.map((r) => r.id)])];
}

function isSendable(row: DeliveryRow, now: number): boolean {
  // A claim whose lease ran out is sendable too: its worker died, timed out or lost its release.
  if (row.status === "claimed") return row.leaseUntil !== null && Date.parse(row.leaseUntil) < now;
  return row.status === "queued" || row.status === "retry";
}

function outcomesOf(ids: readonly string[], status: "retry", error: string): DeliveryOutcome[] {
  return ids.map((subscriberId) => ({ subscriberId, status, messageId: null, error }));
}

function subscriberIdOf(x: { subscriberId: string } | DeliveryRow): string {
  return x.subscriberId;
}
