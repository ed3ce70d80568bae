import { decodeText } from "../../core/feeds/charset.ts";
import { FeedFormatError, parseFeedItems } from "../../core/feeds/feed-items.ts";
import {
  type FeedRecord,
  type FeedStore,
  FetchError,
  type FetchQueue,
  type HttpClient,
  type PendingItem,
  type QueuedItem,
} from "../../ports.ts";

export interface PollDeps {
  http: HttpClient;
  feeds: FeedStore;
  now?: () => Date;
}

/**
 * What one poll found: the items to fetch (new ones, or after a `304` those of an earlier poll
 * still not dealt with), the links dealt with before (`known`), or why it failed.
 */
export type PollResult =
  | { feedUrl: string; status: "updated" | "not-modified"; items: QueuedItem[]; known: string[] }
  | { feedUrl: string; status: "failed"; items: []; known: string[]; error: string };

/** Feeds polled at once by the poller (the polite client still asks each host one request at a time). */
const FEEDS_AT_ONCE = 8;

/** Items kept per feed, so that a `304` can still say which items it stands for. */
const KEPT_ITEMS = 200;
/** Bytes each kept list may take, so that a feed's record stays far inside DynamoDB's 400 KB. */
const KEPT_BYTES = 96 * 1024;
/** A kept item's title is a hint for the page's own; a long one is cut. */
const KEPT_TITLE_CHARS = 300;

/**
 * Polls one feed with a conditional GET (`If-None-Match`, `If-Modified-Since` from the last
 * poll): a `304` costs no more requests, and returns the items the last full poll found that are
 * still not dealt with (a page that failed for now, an item left by `--since`); otherwise the feed
 * is parsed and its items not dealt with before (by this feed or any other) are returned, to be
 * queued. The poll is recorded either way, its error too, for `onrecord feeds list`.
 */
export async function pollFeed(feedUrl: string, deps: PollDeps): Promise<PollResult> {
  const now = deps.now ?? (() => new Date());
  const record = await deps.feeds.get(feedUrl);
  const headers: Record<string, string> = {
    accept:
      "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5",
  };
  if (record?.etag) headers["if-none-match"] = record.etag;
  if (record?.lastModified) headers["if-modified-since"] = record.lastModified;
  const fail = async (error: string): Promise<PollResult> => {
    await deps.feeds.recordPoll(feedUrl, { polledAt: now().toISOString(), error });
    return { feedUrl, status: "failed", items: [], known: [], error };
  };
  let response: Awaited<ReturnType<HttpClient["get"]>>;
  try {
    response = await deps.http.get(feedUrl, headers);
  } catch (error) {
    if (error instanceof FetchError) return fail(error.message);
    throw error;
  }
  if (response.status === 304) {
    await deps.feeds.recordPoll(feedUrl, { polledAt: now().toISOString(), error: null });
    return { feedUrl, status: "not-modified", ...(await stillPending(feedUrl, record, deps.feeds)) };
  }
  if (response.status < 200 || response.status >= 300) return fail(`HTTP ${response.status}`);
  let parsed: ReturnType<typeof parseFeedItems>;
  try {
    parsed = parseFeedItems(
      decodeText(response.body, response.headers["content-type"] ?? null),
      response.url,
    );
  } catch (error) {
    if (error instanceof FeedFormatError) return fail(error.message);
    throw error;
  }
  const links = [...new Set(parsed.items.map((i) => i.link))];
  const seen = await deps.feeds.seen(links);
  const fresh = new Map<string, QueuedItem>();
  for (const item of parsed.items) {
    if (seen.has(item.link) || fresh.has(item.link)) continue;
    fresh.set(item.link, { ...item, feedUrl, feedTitle: parsed.title });
  }
  const pending = [...fresh.values()].map(({ link, title, publishedAt }) => ({
    link,
    title: title ? title.slice(0, KEPT_TITLE_CHARS) : null,
    publishedAt,
  }));
  await deps.feeds.recordPoll(feedUrl, {
    polledAt: now().toISOString(),
    etag: response.headers.etag ?? null,
    lastModified: response.headers["last-modified"] ?? null,
    error: parsed.withoutLink > 0 ? `${parsed.withoutLink} item(s) without a usable link` : null,
    links: kept(links),
    pending: kept(pending),
    title: parsed.title ? parsed.title.slice(0, KEPT_TITLE_CHARS) : null,
    counts: { seen: fresh.size },
  });
  return { feedUrl, status: "updated", items: [...fresh.values()], known: [...seen] };
}

/**
 * What a `304` stands for: the items the last full poll found new that are still not dealt with
 * (to fetch again), and the links that are.
 */
async function stillPending(
  feedUrl: string,
  record: FeedRecord | null,
  feeds: FeedStore,
): Promise<{ items: QueuedItem[]; known: string[] }> {
  const pending: PendingItem[] = record?.pending ?? [];
  const seen = await feeds.seen([...(record?.links ?? []), ...pending.map((p) => p.link)]);
  const items = pending
    .filter((p) => !seen.has(p.link))
    .map((p) => ({ ...p, feedUrl, feedTitle: record?.title ?? null }));
  return { items, known: (record?.links ?? []).filter((link) => seen.has(link)) };
}

/** The first of these, up to {@link KEPT_ITEMS} and {@link KEPT_BYTES} of JSON. */
function kept<T>(values: readonly T[]): T[] {
  let bytes = 0;
  const taken: T[] = [];
  for (const value of values.slice(0, KEPT_ITEMS)) {
    bytes += Buffer.byteLength(JSON.stringify(value));
    if (bytes > KEPT_BYTES) break;
    taken.push(value);
  }
  return taken;
}

/** What the poller did in one run. */
export interface PollSummary {
  feeds: number;
  queued: number;
  failed: number;
  notModified: number;
}

/**
 * Polls every listed feed, several at once (so a few slow feeds cannot use up the run), and queues
 * each feed's items as soon as its poll is done. A feed that fails is recorded with its error
 * (`onrecord feeds list`) and the others go on.
 * @throws when the list cannot be read or items cannot be queued: the run is retried.
 */
export async function pollListedFeeds(deps: PollDeps & { queue: FetchQueue }): Promise<PollSummary> {
  const feeds = (await deps.feeds.list()).map((feed) => feed.url);
  const summary: PollSummary = { feeds: feeds.length, queued: 0, failed: 0, notModified: 0 };
  const worker = async () => {
    for (let url = feeds.shift(); url !== undefined; url = feeds.shift()) {
      const result = await pollFeed(url, deps);
      if (result.status === "failed") summary.failed++;
      if (result.status === "not-modified") summary.notModified++;
      await deps.queue.enqueue(result.items);
      summary.queued += result.items.length;
    }
  };
  await Promise.all(Array.from({ length: FEEDS_AT_ONCE }, worker));
  return summary;
}
