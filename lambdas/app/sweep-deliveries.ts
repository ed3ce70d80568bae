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

/** What a sweep did to the rows of one issue, or of all. */
export interface SweepCounts {
  /** `sending` rows with no SEND event within the bound, made sendable again. */
  reconciled: number;
  /** Claims whose lease ran out, released. */
  expiredClaims: number;
  /** Rows queued again (the two above and sendable rows whose batch never came). */
  requeued: number;
  /** Rows still not final an hour (by default) after compose queued them: the alarm's metric. */
  unfinished: number;
}

export interface SweepResult extends SweepCounts {
  /** Unfinished rows read from the sparse index. */
  open: number;
  /** The same counts, per issue. */
  byIssue: Record<string, SweepCounts>;
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
  const result: SweepResult = { open: rows.length, ...noCounts(), byIssue: {} };
  const count = (row: DeliveryRow, name: keyof SweepCounts) => {
    result[name]++;
    result.byIssue[row.issueId] ??= noCounts();
    (result.byIssue[row.issueId] as SweepCounts)[name]++;
  };
  const requeue: DeliveryRow[] = [];
  const next = new Date(now.getTime() + (deps.requeueAfterMs ?? 15 * 60_000));
  for (const row of rows) {
    if (Date.parse(row.queuedAt) + (deps.unfinishedAfterMs ?? DEFAULT_UNFINISHED_AFTER_MS) < now.getTime())
      count(row, "unfinished");
    if (row.dueAt === null || Date.parse(row.dueAt) > now.getTime()) continue;
    const moved = await moveDue(row, next, deps.deliveries);
    if (moved === null) continue;
    if (moved !== "requeued") count(row, moved);
    count(row, "requeued");
    requeue.push(row);
  }
  await deps.queue.enqueue(batchesOf(requeue));
  return result;
}

/** Moves a row that is due on: how it was moved, or null when another step came first. */
async function moveDue(
  row: DeliveryRow,
  next: Date,
  deliveries: DeliveryStore,
): Promise<"reconciled" | "expiredClaims" | "requeued" | null> {
  if (row.status === "sending") return (await deliveries.expireSending(row)) ? "reconciled" : null;
  if (row.status === "claimed") return (await deliveries.expireClaim(row)) ? "expiredClaims" : null;
  if (row.status === "queued" || row.status === "retry")
    return (await deliveries.postpone(row, next)) ? "requeued" : null;
  return null;
}

function noCounts(): SweepCounts {
  return { reconciled: 0, expiredClaims: 0, requeued: 0, unfinished: 0 };
}

/**
 * The reconciler's event side: SES's SEND events (tagged with issue and delivery id) mark their
 * rows `sent`, whatever unfinished state they were left in.
 */
export async function recordSendEvents(
  events: readonly SendEvent[],
  deliveries: DeliveryStore,
): Promise<{ reconciled: number; byIssue: Record<string, number> }> {
  const byIssue: Record<string, number> = {};
  for (const issueId of new Set(events.map((e) => e.issueId))) {
    const { won, errors } = await deliveries.markSent(events.filter((e) => e.issueId === issueId));
    if (errors.length > 0) throw errors[0];
    if (won.length > 0) byIssue[issueId] = won.length;
  }
  return { reconciled: Object.values(byIssue).reduce((a, b) => a + b, 0), byIssue };
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
