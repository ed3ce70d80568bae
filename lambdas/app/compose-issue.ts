import { DEFAULT_MIN_STATEMENTS, noIssueReason } from "../core/digest/email-worthy.ts";
import type { Digest, RenderedIssue, StoredArticle } from "../core/types.ts";
import {
  type ArticleStore,
  type DeliveryCounts,
  type DeliveryStore,
  type IssueStore,
  MAX_BATCH_RECIPIENTS,
  type Mailer,
  type SendBatch,
  type SendQueue,
  type StoredIssue,
  type SubscriberStore,
} from "../ports.ts";
import { weekBefore, weekRange } from "./iso-week.ts";

export interface ComposeIssueDeps {
  articles: ArticleStore;
  issues: IssueStore;
  subscribers: SubscriberStore;
  deliveries: DeliveryStore;
  mailer: Mailer;
  queue: SendQueue;
  /** Composes the window's digest; `previous` is last week's, so repeated statements rank lower. */
  compose: (articles: StoredArticle[], from: string, to: string, previous: Digest | null) => Digest;
  render: (digest: Digest) => Promise<RenderedIssue>;
  /** Statements of officials the email must show for a week to be an issue; default 1. */
  minStatements?: number;
  now?: () => Date;
}

export interface ComposeIssueResult {
  issueId: string;
  /** False when the week's issue had been composed before and was sent as stored. */
  composed: boolean;
  articles: number;
  officials: number;
  /** Confirmed subscribers this run queued (rows new or still sendable). */
  recipients: number;
  batches: number;
  /** What this run did to the outbox, apart from the issue's totals. */
  run: { queuedNew: number; queuedAgain: number; alreadyFinal: number; sentBeforeUpgrade: number };
  /** The issue's deliveries by state after this run (every run's), null for no issue. */
  totals: DeliveryCounts | null;
  /** The issue sent, or null when the week had too little for one (see `noIssue`). */
  issue: StoredIssue | null;
  /** Why no issue was composed or sent (a week without statements for the email), or null. */
  noIssue: string | null;
}

/** The SES template an issue is sent with: one per issue, so a late retry sends that week's text. */
export function templateNameFor(issueId: string): string {
  return `onrecord-issue-${issueId}`;
}

/**
 * Composes a week's issue once (read the window by Query, compose, render, store), puts its SES
 * template, and queues every confirmed subscriber in batches of ≤ 50. Running it again for the
 * same week reuses the stored issue and queues again: the delivery claims make that send nothing
 * twice, while someone who confirmed in between still gets the issue. A week whose digest has
 * fewer statements for the email than `minStatements` is neither stored nor sent; the result
 * says why (a later run, once articles have come in, composes it).
 */
export async function composeIssue(week: string, deps: ComposeIssueDeps): Promise<ComposeIssueResult> {
  const { from, to } = weekRange(week);
  let issue = await deps.issues.get(week);
  const composed = issue === null;
  if (!issue) {
    const articles = await deps.articles.listWindow(from, to);
    const previous = await deps.issues.get(weekBefore(week));
    const digest = deps.compose(articles, from, to, previous?.digest ?? null);
    const noIssue = noIssueReason(digest, deps.minStatements ?? DEFAULT_MIN_STATEMENTS);
    if (noIssue) {
      const counts = { articles: digest.stats?.articles ?? 0, officials: digest.officials.length };
      return {
        issueId: week,
        composed: false,
        ...counts,
        recipients: 0,
        batches: 0,
        run: { queuedNew: 0, queuedAgain: 0, alreadyFinal: 0, sentBeforeUpgrade: 0 },
        totals: null,
        issue: null,
        noIssue,
      };
    }
    const rendered = await deps.render(digest);
    const composedAt = (deps.now?.() ?? new Date()).toISOString();
    issue = await deps.issues.putIfAbsent({
      id: week,
      digest,
      rendered,
      templateName: templateNameFor(week),
      composedAt,
    });
  }
  await deps.mailer.putTemplate(issue.templateName, issue.rendered);
  const { recipients, batches, run } = await queueConfirmed(week, deps);
  return {
    issueId: week,
    composed,
    // Articles in the window when the issue was composed (a reused issue keeps its count).
    articles: issue.digest.stats?.articles ?? 0,
    officials: issue.digest.officials.length,
    recipients,
    batches,
    run,
    totals: await deps.deliveries.count(week),
    issue,
    noIssue: null,
  };
}

/**
 * The outbox first, then the queue: each confirmed subscriber gets a `queued` row (unless they
 * have one) before any batch names them, so a batch lost on the way, or a run cut short, leaves
 * rows the sweeper and the next run find. Batches name subscriber ids and carry every row still
 * sendable, so a second run queues again what the first did not finish; the rows' conditional
 * claims make that send nothing twice. Someone an earlier version already dealt with (a row
 * keyed by their address) gets no row and no batch.
 */
async function queueConfirmed(
  issueId: string,
  deps: ComposeIssueDeps,
): Promise<{ recipients: number; batches: number; run: ComposeIssueResult["run"] }> {
  const existing = await deps.deliveries.list(issueId);
  const rows = new Map(existing.rows.map((r) => [r.subscriberId, r]));
  const run = { queuedNew: 0, queuedAgain: 0, alreadyFinal: 0, sentBeforeUpgrade: 0 };
  let cursor: string | null = null;
  let recipients = 0;
  let batches = 0;
  do {
    const page = await deps.subscribers.listConfirmed(cursor, 500);
    // The listing's index holds no ids: the records are read whole (and still confirmed).
    const current = await deps.subscribers.getMany(page.items.map((s) => s.email));
    const fresh: { id: string; address: string }[] = [];
    const again: string[] = [];
    for (const s of current) {
      if (s.status !== "confirmed") continue;
      if (!s.id) continue;
      if (existing.legacy.has(s.email)) {
        run.sentBeforeUpgrade++;
        continue;
      }
      const row = rows.get(s.id);
      if (!row) fresh.push({ id: s.id, address: s.email });
      else if (row.status === "queued" || row.status === "retry") again.push(s.id);
      else
        run.alreadyFinal +=
          row.status === "sent" || row.status === "rejected" || row.status === "skipped" ? 1 : 0;
    }
    const created = await deps.deliveries.createQueued(issueId, fresh);
    if (created.errors.length > 0) throw created.errors[0];
    // A row that appeared meanwhile (another run) is left to that run's batch.
    const ids = [...created.won, ...again];
    const queued: SendBatch[] = [];
    for (let i = 0; i < ids.length; i += MAX_BATCH_RECIPIENTS) {
      queued.push({ issueId, recipients: ids.slice(i, i + MAX_BATCH_RECIPIENTS).map((id) => ({ id })) });
    }
    await deps.queue.enqueue(queued);
    run.queuedNew += created.won.length;
    run.queuedAgain += again.length;
    recipients += ids.length;
    batches += queued.length;
    cursor = page.next;
  } while (cursor);
  return { recipients, batches, run };
}
