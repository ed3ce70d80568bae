import { DEFAULT_MIN_STATEMENTS, noIssueReason } from "../core/digest/email-worthy.ts";
import type { Digest, RenderedIssue, StoredArticle } from "../core/types.ts";
import {
  type ArticleStore,
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
  recipients: number;
  batches: number;
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
      return { issueId: week, composed: false, ...counts, recipients: 0, batches: 0, issue: null, noIssue };
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
  const { recipients, batches } = await queueConfirmed(week, deps);
  return {
    issueId: week,
    composed,
    // Articles in the window when the issue was composed (a reused issue keeps its count).
    articles: issue.digest.stats?.articles ?? 0,
    officials: issue.digest.officials.length,
    recipients,
    batches,
    issue,
    noIssue: null,
  };
}

async function queueConfirmed(
  issueId: string,
  deps: ComposeIssueDeps,
): Promise<{ recipients: number; batches: number }> {
  let cursor: string | null = null;
  let recipients = 0;
  let batches = 0;
  do {
    const page = await deps.subscribers.listConfirmed(cursor, 500);
    const queued: SendBatch[] = [];
    for (let i = 0; i < page.items.length; i += MAX_BATCH_RECIPIENTS) {
      const slice = page.items.slice(i, i + MAX_BATCH_RECIPIENTS);
      queued.push({ issueId, recipients: slice.map((s) => ({ email: s.email })) });
    }
    await deps.queue.enqueue(queued);
    recipients += page.items.length;
    batches += queued.length;
    cursor = page.next;
  } while (cursor);
  return { recipients, batches };
}
