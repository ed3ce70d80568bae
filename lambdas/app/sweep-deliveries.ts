import {
  type DeliveryRow,
  type DeliveryStore,
  MAX_BATCH_RECIPIENTS,
  type SendBatch,
  type SendEvent,
  type SendQueue,
} from "../ports.ts";

export interface SweepDeps {
  deliveries: DeliveryStore;
  queue: SendQueue;
  now?: () => Date;
  /** How long after compose queued it a row not yet final raises the alarm (default an hour). */
  unfinishedAfterMs?: number;
  /** How long a requeued row waits for its batch before the next sweep queues it again. */
  requeueAfterMs?: number;
}

export interface SweepResult {
  /** Unfinished rows read from the sparse index. */
  open: number;
  /** `sending` rows with no SEND event within the bound, made sendable again. */
  reconciled: number;
  /** Claims whose lease ran out, released. */
  expiredClaims: number;
  /** Rows queued again (the two above and sendable rows whose batch never came). */
  requeued: number;
  /** Rows still not final an hour (by default) after compose queued them: the alarm's metric. */
  unfinished: number;
  /** Per issue, the rows not final after the bound. */
  unfinishedByIssue: Record<string, number>;
}

export const DEFAULT_UNFINISHED_AFTER_MS = 60 * 60_000;

/**
 * The scheduled sweeper: reads only unfinished rows (the sparse index) and moves each that is due:
 * a `sending` row whose SEND event did not come within the reconciler's bound becomes sendable
 * (`retry`), an expired claim is released, and every sendable row that is due is queued again in
 * batches, so a batch lost or dead-lettered is not the end of its recipients. Rows not final long
 * after they were queued are counted for an alarm.
 */
export async function sweepDeliveries(deps: SweepDeps): Promise<SweepResult> {
  const now = deps.now?.() ?? new Date();
  const rows = await deps.deliveries.listUnfinished();
  const result: SweepResult = {
    open: rows.length,
    reconciled: 0,
    expiredClaims: 0,
    requeued: 0,
    unfinished: 0,
    unfinishedByIssue: {},
  };
  const requeue: DeliveryRow[] = [];
  const next = new Date(now.getTime() + (deps.requeueAfterMs ?? 15 * 60_000));
  for (const row of rows) {
    if (Date.parse(row.queuedAt) + (deps.unfinishedAfterMs ?? DEFAULT_UNFINISHED_AFTER_MS) < now.getTime()) {
      result.unfinished++;
      result.unfinishedByIssue[row.issueId] = (result.unfinishedByIssue[row.issueId] ?? 0) + 1;
    }
    if (row.dueAt === null || Date.parse(row.dueAt) > now.getTime()) continue;
    if (row.status === "sending") {
      if (await deps.deliveries.expireSending(row)) {
        result.reconciled++;
        requeue.push(row);
      }
    } else if (row.status === "claimed") {
      if (await deps.deliveries.expireClaim(row)) {
        result.expiredClaims++;
        requeue.push(row);
      }
    } else if (
      (row.status === "queued" || row.status === "retry") &&
      (await deps.deliveries.postpone(row, next))
    ) {
      requeue.push(row);
    }
  }
  await deps.queue.enqueue(batchesOf(requeue));
  result.requeued = requeue.length;
  return result;
}

/**
 * The reconciler's event side: SES's SEND events (tagged with issue and delivery id) mark their
 * rows `sent`, whatever unfinished state they were left in.
 */
export async function recordSendEvents(
  events: readonly SendEvent[],
  deliveries: DeliveryStore,
): Promise<{ reconciled: number }> {
  if (events.length === 0) return { reconciled: 0 };
  const { won, errors } = await deliveries.markSent(events);
  if (errors.length > 0) throw errors[0];
  return { reconciled: won.length };
}

function batchesOf(rows: readonly DeliveryRow[]): SendBatch[] {
  const byIssue = new Map<string, string[]>();
  for (const row of rows) byIssue.set(row.issueId, [...(byIssue.get(row.issueId) ?? []), row.subscriberId]);
  const batches: SendBatch[] = [];
  for (const [issueId, ids] of byIssue)
    for (let i = 0; i < ids.length; i += MAX_BATCH_RECIPIENTS)
      batches.push({ issueId, recipients: ids.slice(i, i + MAX_BATCH_RECIPIENTS).map((id) => ({ id })) });
  return batches;
}
