import { articleIdFor } from "../../core/feeds/canonical-url.ts";
import { decodeText } from "../../core/feeds/charset.ts";
import { extractPageArticle, PageFormatError } from "../../core/feeds/page-article.ts";
import type { Article } from "../../core/types.ts";
import { type FeedStore, FetchError, type HttpClient, type QueuedItem } from "../../ports.ts";
import { isRefusal, type RefusalSink, recordRefusal, refusalReason } from "../ingest-article.ts";

/** Where fetched articles go: the article store (with their statements), or a folder of JSON files. */
export interface ArticleSink {
  put(article: Article): Promise<"stored" | "unchanged">;
}

export interface FetchItemDeps {
  http: HttpClient;
  feeds: FeedStore;
  sink: ArticleSink;
  /** Where items skipped for good are kept with their reason and counted (`onrecord refused`). */
  refusals?: RefusalSink;
  /** Items published before this day (ISO) are skipped, and left for a run with an earlier one. */
  since?: string;
  now?: () => Date;
}

/** What became of one item. `retry`: the failure may pass (a timeout, a 5xx), so it is not marked dealt with. */
export interface ItemOutcome {
  link: string;
  outcome: "stored" | "unchanged" | "skipped";
  reason?: string;
  articleId?: string;
  retry?: boolean;
}

const HTML = /^(text\/html|application\/xhtml\+xml)\b/i;

/**
 * Fetches one item's page and stores the article it holds, unless the item (or the article, by
 * its canonical URL) was dealt with before: then it is `unchanged` and nothing is fetched. The id
 * is the canonical URL's, so the same article through two feeds is stored once.
 */
export async function fetchItem(item: QueuedItem, deps: FetchItemDeps): Promise<ItemOutcome> {
  const now = deps.now ?? (() => new Date());
  if ((await deps.feeds.seen([item.link])).has(item.link)) return { link: item.link, outcome: "unchanged" };
  if (deps.since && item.publishedAt && item.publishedAt.slice(0, 10) < deps.since)
    return { link: item.link, outcome: "skipped", reason: `published before ${deps.since}`, retry: true };
  const done = async (outcome: ItemOutcome, alsoSeen: string[] = []): Promise<ItemOutcome> => {
    if (outcome.retry) return outcome;
    const seenItem = {
      articleId: outcome.articleId ?? null,
      outcome: outcome.outcome,
      at: now().toISOString(),
    };
    for (const link of new Set([item.link, ...alsoSeen]))
      await deps.feeds.markSeen({ link, ...seenItem, ...(outcome.reason && { reason: outcome.reason }) });
    const counted =
      outcome.outcome === "skipped" ? { skipped: 1 } : outcome.outcome === "stored" ? { stored: 1 } : {};
    if (Object.keys(counted).length > 0) await deps.feeds.count(item.feedUrl, counted);
    // Skipped for good is not stored: listed with its reason, as a refused bucket drop is.
    if (outcome.outcome === "skipped" && deps.refusals)
      await recordRefusal(deps.refusals, item.link, new Error(outcome.reason), now());
    return outcome;
  };
  const skip = (reason: string, retry = false) =>
    done({ link: item.link, outcome: "skipped", reason, retry });

  let response: Awaited<ReturnType<HttpClient["get"]>>;
  try {
    response = await deps.http.get(item.link, {
      accept: "text/html, application/xhtml+xml;q=0.9, */*;q=0.5",
    });
  } catch (error) {
    if (error instanceof FetchError) return skip(error.message, !error.permanent);
    throw error;
  }
  if (response.status !== 200)
    return skip(`HTTP ${response.status}`, response.status >= 500 || response.status === 429);
  const type = response.headers["content-type"] ?? "";
  if (!HTML.test(type)) return skip(`not a web page (${type.split(";")[0] || "no content type"})`);

  let page: ReturnType<typeof extractPageArticle>;
  try {
    page = extractPageArticle(decodeText(response.body, type), response.url, {
      feedUrl: item.feedUrl,
      title: item.title,
      publishedAt: item.publishedAt,
      outlet: item.feedTitle,
    });
  } catch (error) {
    // Markup no page has; a stack overflow is the same, reached another way.
    if (error instanceof PageFormatError || error instanceof RangeError)
      return skip((error as Error).message);
    throw error;
  }
  if (page.paragraphs.length === 0) return skip("no article text on the page");
  if (deps.since && page.publishedAt && page.publishedAt < deps.since)
    return { link: item.link, outcome: "skipped", reason: `published before ${deps.since}`, retry: true };
  const id = articleIdFor(page.canonicalUrl);
  if (page.canonicalUrl !== item.link && (await deps.feeds.seen([page.canonicalUrl])).has(page.canonicalUrl))
    return done({ link: item.link, outcome: "unchanged", articleId: id });
  const article: Article = {
    id,
    title: page.title,
    url: page.canonicalUrl,
    outlet: page.outlet,
    // An undated page is filed under the day it was fetched: stored, not lost.
    publishedAt: page.publishedAt ?? now().toISOString().slice(0, 10),
    body: page.paragraphs.join("\n\n"),
  };
  try {
    const outcome = await deps.sink.put(article);
    return done({ link: item.link, outcome, articleId: id }, [page.canonicalUrl]);
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return skip(refusalReason(error));
  }
}
