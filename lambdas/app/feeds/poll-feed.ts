import { decodeText } from "../../core/feeds/charset.ts";
import { FeedFormatError, parseFeedItems } from "../../core/feeds/feed-items.ts";
import { type FeedStore, FetchError, type HttpClient, type QueuedItem } from "../../ports.ts";

export interface PollDeps {
  http: HttpClient;
  feeds: FeedStore;
  now?: () => Date;
}

/** What one poll found: the new items, or that nothing changed, or why it failed. */
export type PollResult =
  | { feedUrl: string; status: "updated"; items: QueuedItem[]; known: string[] }
  | { feedUrl: string; status: "not-modified"; items: []; known: string[] }
  | { feedUrl: string; status: "failed"; items: []; known: string[]; error: string };

/** Links kept per feed, so that a `304` can still say which items it stands for. */
const KEPT_LINKS = 200;

/**
 * Polls one feed with a conditional GET (`If-None-Match`, `If-Modified-Since` from the last
 * poll): `304` costs nothing more; otherwise the feed is parsed and its items not dealt with
 * before (by this feed or any other) are returned, to be queued. The poll is recorded either way,
 * its error too, for `onrecord feeds list`.
 */
export async function pollFeed(feedUrl: string, deps: PollDeps): Promise<PollResult> {
  const now = deps.now ?? (() => new Date());
  const record = await deps.feeds.get(feedUrl);
  const known = record?.links ?? [];
  const headers: Record<string, string> = {
    accept:
      "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5",
  };
  if (record?.etag) headers["if-none-match"] = record.etag;
  if (record?.lastModified) headers["if-modified-since"] = record.lastModified;
  const fail = async (error: string): Promise<PollResult> => {
    await deps.feeds.recordPoll(feedUrl, { polledAt: now().toISOString(), error });
    return { feedUrl, status: "failed", items: [], known, error };
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
    return { feedUrl, status: "not-modified", items: [], known };
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
  await deps.feeds.recordPoll(feedUrl, {
    polledAt: now().toISOString(),
    etag: response.headers.etag ?? null,
    lastModified: response.headers["last-modified"] ?? null,
    error: parsed.withoutLink > 0 ? `${parsed.withoutLink} item(s) without a link` : null,
    links: links.slice(0, KEPT_LINKS),
    counts: { seen: fresh.size },
  });
  return { feedUrl, status: "updated", items: [...fresh.values()], known: [...seen] };
}
