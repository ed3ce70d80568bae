/**
 * The small interfaces the handlers and the CLI depend on. Each has a DynamoDB/SES/SQS adapter for
 * AWS and, where AWS has no local emulator, an in-process one; tests pass either.
 */

import type { RateDecision, RateLimitPolicy } from "./core/subscribers/rate-limit.ts";
import type { HashKeys } from "./core/subscribers/retention.ts";
import type { SubscriberRecord } from "./core/subscribers/subscription.ts";
import type { Digest, RenderedIssue, StoredArticle, Subscriber, SubscriberStatus } from "./core/types.ts";

/** What storing an article did: `stored` new or changed content, `unchanged` for a re-ingest. */
export type PutArticleResult = "stored" | "unchanged";

/** An article that cannot be stored as it is: no date to file it under, or too large. Retrying cannot help. */
export class ArticleStoreError extends Error {
  constructor(
    readonly articleId: string,
    reason: string,
  ) {
    super(`${articleId}: ${reason}`);
    this.name = "ArticleStoreError";
  }
}

export interface PutArticleOptions {
  /**
   * Ids the same article may have been stored under by an earlier version (a bucket drop's base
   * name, before ids came from the whole key). When the article is stored under one of them with
   * the same content, it is found there and reported `unchanged` rather than stored a second time.
   */
  formerIds?: readonly string[];
  /**
   * The article carries no date of its own: its `publishedAt` is the day it arrived (an S3
   * event's, a file's). The same article stored under its id (or a former one) on another day is
   * then the same article, `unchanged`, still filed under the day it first came.
   */
  undated?: boolean;
}

/** Articles with the statements extracted from them at ingest, read back a window at a time. */
export interface ArticleStore {
  /**
   * Stores the article under its id; storing the same content again changes nothing.
   * @throws {ArticleStoreError} for an article that can never be stored (no date, too large).
   */
  put(stored: StoredArticle, options?: PutArticleOptions): Promise<PutArticleResult>;
  /** Whether an article is stored under this id (the fetcher skips pages it has). */
  has(id: string): Promise<boolean>;
  /** Every article published within `[from, to]` (ISO dates, inclusive), oldest first. */
  listWindow(from: string, to: string): Promise<StoredArticle[]>;
}

/** An article that was not stored, and why: kept so that nobody has to read logs to find it. */
export interface Refusal {
  /** When it was refused, ISO timestamp. */
  at: string;
  /** What was refused: a bucket key (`s3://bucket/key`), a file path, or a page's URL. */
  source: string;
  /** The one-line reason, as the error gave it. */
  reason: string;
}

/** Refusals, kept for people to read (`onrecord refused`) and counted for an alarm. */
export interface RefusalLog {
  record(refusal: Refusal): Promise<void>;
  /** Every refusal since the day given (ISO date, inclusive), oldest first. */
  listSince(day: string, until?: Date): Promise<Refusal[]>;
}

/** A fetched page or feed, its body decoded from gzip or brotli, after any redirects. */
export interface HttpResponse {
  status: number;
  /** The URL that answered, after redirects. */
  url: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: Uint8Array;
}

/**
 * Why a fetch failed. `permanent`: fetching again cannot help (a refused address, a page over the
 * size cap, a redirect loop, robots.txt says no); otherwise it may (a timeout, a reset).
 */
export class FetchError extends Error {
  constructor(
    readonly url: string,
    reason: string,
    readonly permanent: boolean,
  ) {
    super(reason);
    this.name = "FetchError";
  }
}

/**
 * Makes one request of a GET that may be redirected: the URL of that hop, and `send`, which makes
 * it. A wrapper can wait for its turn first, or refuse the hop by throwing a {@link FetchError}.
 */
export type HopWrapper = (url: string, send: () => Promise<HttpResponse>) => Promise<HttpResponse>;

/** GETs a URL; every answer (404 and 500 too) is returned, failures to get one thrown as {@link FetchError}. */
export interface HttpClient {
  /** @param eachHop wraps each request, the first and every redirect's (politeness applies to every host asked). */
  get(url: string, headers?: Record<string, string>, eachHop?: HopWrapper): Promise<HttpResponse>;
}

/** A feed onrecord polls, and what its last poll found. */
export interface FeedRecord {
  url: string;
  addedAt: string;
  etag: string | null;
  lastModified: string | null;
  lastPolledAt: string | null;
  /** The last poll's error, or null when it succeeded. */
  lastError: string | null;
  /** The links of the items the feed listed at its last successful poll (the latest 200). */
  links: string[];
  /**
   * The items of that poll that were new then, with what the feed said of them: a `304` later
   * stands for them too, so those still not dealt with (a page that failed for now, an item left
   * by `--since`) are queued again rather than lost. Absent in records of an earlier version.
   */
  pending?: PendingItem[];
  /** The feed's own title, the outlet's name for pages that give none. */
  title?: string | null;
  /** Items seen in the feed, stored, and skipped (with a reason), over all polls. */
  counts: { seen: number; stored: number; skipped: number };
}

/** What one poll of a feed changed. */
export interface FeedPollUpdate {
  polledAt: string;
  etag?: string | null;
  lastModified?: string | null;
  error: string | null;
  links?: string[];
  pending?: PendingItem[];
  title?: string | null;
  counts?: Partial<FeedRecord["counts"]>;
}

/** A feed item as a poll found it, kept until it is dealt with. */
export interface PendingItem {
  link: string;
  title: string | null;
  publishedAt: string | null;
}

/** What became of one item's page. */
export interface SeenItem {
  link: string;
  /** The id the article was stored under, or null when it was skipped. */
  articleId: string | null;
  outcome: "stored" | "unchanged" | "skipped";
  reason?: string;
  at: string;
}

/**
 * The feeds onrecord polls and the items it has dealt with, so that a second poll (or the same
 * item in a second feed) fetches nothing again. DynamoDB on AWS; a file in `--out DIR` for
 * `onrecord fetch`.
 */
export interface FeedStore {
  /** @returns false when the feed was listed already. */
  add(url: string, now: Date): Promise<boolean>;
  /** @returns false when the feed was not listed. */
  remove(url: string): Promise<boolean>;
  list(): Promise<FeedRecord[]>;
  /** The feed's record, or a fresh one (not listed) for a feed polled once (`fetch --feed`). */
  get(url: string): Promise<FeedRecord | null>;
  /** Records a poll of a listed feed (an unlisted one keeps no state); counts are added to its totals. */
  recordPoll(url: string, update: FeedPollUpdate): Promise<void>;
  /** Adds to a listed feed's item counts (what became of its items' pages). */
  count(url: string, counts: Partial<FeedRecord["counts"]>): Promise<void>;
  /** The links among these that have been dealt with before. */
  seen(links: readonly string[]): Promise<Set<string>>;
  markSeen(item: SeenItem): Promise<void>;
}

/** An item the poller found new, queued for the fetcher: its page's link and what the feed said of it. */
export interface QueuedItem {
  link: string;
  feedUrl: string;
  feedTitle: string | null;
  title: string | null;
  publishedAt: string | null;
}

/** Where the poller hands new items to the fetcher: SQS (grouped by host) on AWS, a call locally. */
export interface FetchQueue {
  enqueue(items: readonly QueuedItem[]): Promise<void>;
}

/** A composed issue: the digest of one week, rendered once for every recipient. */
export interface StoredIssue {
  /** The ISO week the issue covers, `YYYY-Www`, which is also its id. */
  id: string;
  digest: Digest;
  rendered: RenderedIssue;
  /** The SES template the issue is sent with. */
  templateName: string;
  composedAt: string;
}

/** Issues, written once when composed and read by every send. */
export interface IssueStore {
  /** Stores the issue unless one with the same id exists; returns the issue that is stored. */
  putIfAbsent(issue: StoredIssue): Promise<StoredIssue>;
  get(id: string): Promise<StoredIssue | null>;
}

/**
 * The state of one (issue, subscriber) delivery. `queued`: written by compose before its batch
 * was queued; `claimed`: a worker holds it under a lease; `sending`: the SendBulkEmail call is
 * under way or its answer was lost (only a SEND event or the reconciler's bound decides it);
 * `sent` and `rejected` are final; `retry`: sendable again; `skipped`: final, the subscriber was
 * no longer confirmed when their turn came.
 */
export type DeliveryStatus = "queued" | "claimed" | "sending" | "sent" | "rejected" | "retry" | "skipped";

/** States nothing moves on from. */
export const FINAL_STATUSES: readonly DeliveryStatus[] = ["sent", "rejected", "skipped"];

/** One delivery row: an intended recipient of an issue, keyed by the subscriber's id. */
export interface DeliveryRow {
  issueId: string;
  subscriberId: string;
  /** Where the issue goes: the address the subscriber had when compose queued them. */
  address: string;
  status: DeliveryStatus;
  claimToken: string | null;
  /** Until when a claim holds (ISO); after it, another worker may take the claim over. */
  leaseUntil: string | null;
  /** When the row needs looking at again if nothing moved it (ISO): the sweeper's clock. */
  dueAt: string | null;
  queuedAt: string;
  /** When the SendBulkEmail call that carries it started (ISO), for the reconciler's bound. */
  sendingAt: string | null;
  attempts: number;
  messageId: string | null;
  error: string | null;
}

/** Rows written before deliveries were keyed by subscriber id: one per (issue, address). */
export type LegacyDeliveryStatus = "claimed" | "sent" | "rejected";

/** A delivery's counts by state, and the rows written by the earlier version (keyed by address). */
export type DeliveryCounts = Record<DeliveryStatus, number> & {
  /** Rows of the earlier version, by their status; `claimed` ones are never sent again. */
  legacy: Record<LegacyDeliveryStatus, number>;
};

/** What one conditional step over many rows did: the ids it moved, and the writes that failed. */
export interface StepResult {
  won: string[];
  /** Writes that failed for another reason than their condition (after the SDK's retries). */
  errors: unknown[];
}

/** What a send did for one row, recorded over the claim that sent it. */
export interface DeliveryOutcome {
  subscriberId: string;
  status: "sent" | "rejected" | "retry";
  messageId: string | null;
  error?: string | undefined;
}

/** A SEND event: SES accepted the message for this delivery (from its tags). */
export interface SendEvent {
  issueId: string;
  subscriberId: string;
  messageId: string | null;
}

/**
 * The delivery outbox: one row per (issue, subscriber) and its state machine. Every move is a
 * conditional write on the row's state (and, once claimed, on the claim token), so two workers,
 * a late retry and the sweeper can never both move a row; DynamoDB has transactions, dynalite
 * does not, so each row stands alone.
 */
export interface DeliveryStore {
  /** Every row of an issue, and the earlier version's rows (by address, with their status). */
  list(issueId: string): Promise<{ rows: DeliveryRow[]; legacy: Map<string, LegacyDeliveryStatus> }>;
  /** Writes `queued` rows where none exists; returns the ids it wrote. */
  createQueued(issueId: string, recipients: readonly { id: string; address: string }[]): Promise<StepResult>;
  /** The rows of these subscribers (missing ones left out). */
  get(issueId: string, subscriberIds: readonly string[]): Promise<DeliveryRow[]>;
  /** The earlier version's rows for these addresses. */
  getLegacy(issueId: string, addresses: readonly string[]): Promise<Map<string, LegacyDeliveryStatus>>;
  /**
   * `queued`/`retry` (or `claimed` with its lease run out) → `claimed` under this token, for
   * `leaseMs` (the store's default lease when not given). Claiming again with the same token wins
   * again: a retried write whose first answer was lost does not lose its own claim.
   */
  claim(
    issueId: string,
    subscriberIds: readonly string[],
    claimToken: string,
    leaseMs?: number,
  ): Promise<StepResult>;
  /** `claimed` by this token → `sending`, just before the call (again: wins again). */
  markSending(issueId: string, subscriberIds: readonly string[], claimToken: string): Promise<StepResult>;
  /** `claimed` by this token → `queued`: the batch could not go on, the row is sendable again. */
  release(issueId: string, subscriberIds: readonly string[], claimToken: string): Promise<StepResult>;
  /** `sending` by this token → the outcome SES gave. */
  finish(issueId: string, outcomes: readonly DeliveryOutcome[], claimToken: string): Promise<StepResult>;
  /** `queued`/`retry` → `skipped`: the subscriber is no longer confirmed. */
  skip(issueId: string, subscriberIds: readonly string[]): Promise<StepResult>;
  /** Any unfinished row → `sent`, from SES's SEND events. */
  markSent(events: readonly SendEvent[]): Promise<StepResult>;
  /** Every unfinished row of every issue (the sparse index). */
  listUnfinished(): Promise<DeliveryRow[]>;
  /** `sending` (by the token read) → `retry`: no SEND event came within the bound. */
  expireSending(row: DeliveryRow): Promise<boolean>;
  /** `claimed` (by the token read) → `queued`: the lease ran out, nobody released it. */
  expireClaim(row: DeliveryRow): Promise<boolean>;
  /** Pushes a sendable row's `dueAt` on, after the sweeper queued it again. */
  postpone(row: DeliveryRow, dueAt: Date): Promise<boolean>;
  /** Counts of an issue's rows by state (the earlier version's apart). */
  count(issueId: string): Promise<DeliveryCounts>;
}

/** One page of a paged listing; `next` is null on the last page. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

/**
 * Subscribers as the sending pipeline sees them (the web app adds its own methods in its adapter,
 * `DynamoSubscriberStore`). Emails are the key: stored trimmed and lower-cased.
 */
export interface SubscriberStore {
  /** A page of confirmed subscribers; pass the previous page's `next` to continue. */
  listConfirmed(cursor?: string | null, limit?: number): Promise<Page<Subscriber>>;
  getByEmail(email: string): Promise<Subscriber | null>;
  /** The current records of these addresses (BatchGetItem), missing ones left out. */
  getMany(emails: readonly string[]): Promise<Subscriber[]>;
  /** Stops all mail to an address after a permanent bounce or a complaint. */
  suppress(email: string, reason: "bounced" | "complained"): Promise<void>;
}

/**
 * Subscribers as the web app manages them: the whole record, consent included, read by address or
 * by the pseudonymous id in links, and written only over the version that was read, so that two
 * requests racing on one address cannot both win.
 */
export interface SubscriptionStore extends SubscriberStore {
  getRecord(email: string): Promise<SubscriberRecord | null>;
  getRecordById(id: string): Promise<SubscriberRecord | null>;
  /**
   * Writes the record if the stored one is still at `record.version - 1` (none, for version 1).
   * @returns false when another write came first; the caller reads again and re-decides.
   */
  saveRecord(record: SubscriberRecord): Promise<boolean>;
}

/** Erases a person's subscriber records: the address's own and its hashes. */
export interface SubscriberEraser {
  erase(email: string): Promise<ErasedSubscriber>;
}

/** Erases the delivery rows of one recipient from every issue's outbox. */
export interface DeliveryEraser {
  /** @returns how many rows were removed (by subscriber id, and an earlier version's by address). */
  eraseRecipient(subscriberId: string, email: string): Promise<number>;
}

/** Erases the rate-limit counters of (hashed) subjects. */
export interface RateCounterEraser {
  /** @returns how many counters were removed. */
  eraseSubjects(subjects: readonly string[]): Promise<number>;
}

/** What erasing a person from the subscribers took away. */
export interface ErasedSubscriber {
  /** The status of the record that held the address, or null when there was none. */
  address: SubscriberStatus | null;
  /** Records keyed by a hash of the address (under any key), as kept once it left. */
  hashes: number;
}

/** One limit to check: a policy and the (hashed) subject it counts. */
export interface RateLimitRequest {
  policy: RateLimitPolicy;
  subject: string;
}

/** Counts hits per (policy, subject) in sliding windows, atomically across every instance. */
export interface RateLimiter {
  /** Counts a hit, allowed or not (a client over its limit stays over it while it keeps trying). */
  hit(policy: RateLimitPolicy, subject: string, now: Date): Promise<RateDecision>;
  /**
   * Takes one from every limit if all have room, and nothing otherwise: a refused confirmation
   * email uses up no allowance. Returns the first limit that had no room.
   */
  take(
    limits: readonly RateLimitRequest[],
    now: Date,
  ): Promise<{ allowed: true } | { allowed: false; policy: string }>;
}

/** A sign-up accepted by the web app, handed to the worker that decides on and sends its confirmation. */
export interface SignupJob {
  /** The address as checked (trimmed, lower-cased). */
  email: string;
  ip: string;
  requestedAt: string;
  /** The confirmation id the email will carry if one is sent; it names the job on redelivery. */
  confirmationId: string;
}

/** Where sign-ups wait for their confirmation email: SQS on AWS, an in-process queue locally. */
export interface SignupQueue {
  enqueue(jobs: readonly SignupJob[]): Promise<void>;
}

/** The key that signs subscriber links: Secrets Manager on AWS, a file under `data/` locally. */
export interface SecretSource {
  get(): Promise<string>;
}

/** The keys that hash the addresses of people who left (`retention.ts`), kept like the signing key. */
export interface HashKeySource {
  get(): Promise<HashKeys>;
}

/** One message to one recipient, already rendered (the confirmation email). */
export interface OutgoingMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
}

/** Sends single messages: the confirmation email. Bulk sends go through {@link Mailer}. */
export interface MessageSender {
  /** @returns the message id the mail service gave it. */
  send(message: OutgoingMessage): Promise<string>;
}

/** What the archive lists of an issue without loading it. */
export interface IssueSummary {
  id: string;
  from: string;
  to: string;
  subject: string;
  composedAt: string;
}

/** Past issues for the web: newest first, and one whole issue by id. */
export interface IssueArchive {
  listRecent(limit: number): Promise<IssueSummary[]>;
  get(id: string): Promise<StoredIssue | null>;
}

/**
 * The recipients of one send batch: at most {@link MAX_BATCH_RECIPIENTS}, named by subscriber id
 * (the worker reads their addresses from the outbox, so no address sits in a queue). Batches
 * queued by the earlier version name recipients by `email`; the worker still reads those.
 */
export interface SendBatch {
  issueId: string;
  recipients: BatchRecipient[];
}

export type BatchRecipient = { id: string; email?: undefined } | { email: string; id?: undefined };

/** SES takes at most 50 destinations per SendBulkEmail call; one batch is at most one call. */
export const MAX_BATCH_RECIPIENTS = 50;

/** Where composed issues hand their recipients to the send worker: SQS, or in-process locally. */
export interface SendQueue {
  enqueue(batches: readonly SendBatch[]): Promise<void>;
}

/** One recipient of a bulk send, with the template data that personalises their copy. */
export interface BulkDestination {
  email: string;
  /** Tags SES publishes with this destination's events (issue, delivery id). */
  tags?: Record<string, string>;
  replacementData: Record<string, string>;
  /** Per-recipient headers, e.g. `List-Unsubscribe`. */
  headers: Record<string, string>;
}

/** What the mail service said about one destination of a bulk send. */
export interface BulkResult {
  email: string;
  /**
   * `sent`: accepted; `retry`: refused for now for this address (throttled, transient);
   * `rejected`: refused for good; `halt`: refused for a reason of the account or the template
   * that fails the whole batch (sending paused, quota, template missing).
   */
  outcome: "sent" | "retry" | "rejected" | "halt";
  messageId: string | null;
  error?: string;
}

/** A bulk call refused as a whole for the send rate: SES accepted none of it. */
export class ThrottledError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ThrottledError";
  }
}

/** What one bulk call came to: each destination's result, and how many tries the call took. */
export interface BulkSend {
  results: BulkResult[];
  /** 1, or more when throttling made the client try again: the last try is the one SES counted. */
  attempts: number;
}

/** Sends one templated message to many recipients in a call, and keeps the templates. */
export interface Mailer {
  /** Creates the template, or replaces its content if it exists. */
  putTemplate(name: string, rendered: RenderedIssue): Promise<void>;
  /**
   * @throws {ThrottledError} when the call was refused as a whole for the rate (nothing accepted);
   * any other error leaves it unknown whether SES accepted the destinations.
   */
  sendBulk(templateName: string, destinations: readonly BulkDestination[]): Promise<BulkSend>;
  /** The most recipients per second the account may send to. */
  maxSendRate(): Promise<number>;
}
