import { DynamoFeedStore } from "../adapters/dynamo-feed-store.ts";
import { canonicalUrl } from "../core/feeds/canonical-url.ts";
import type { FeedRecord, FeedStore } from "../ports.ts";
import { openTarget } from "./pipeline-target.ts";

/** Adds, removes or lists the feeds of the target (AWS or the local stack). */
export async function runFeeds(action: "add" | "remove" | "list", url?: string): Promise<void> {
  const target = await openTarget();
  const env = target.kind === "aws" ? target.env : target.stack.env;
  const store = new DynamoFeedStore(
    env.ONRECORD_FEEDS_TABLE ?? "",
    env.ONRECORD_FEED_ITEMS_TABLE ?? "",
    ...(target.kind === "local" ? [target.stack.dynamo] : []),
  );
  try {
    process.stdout.write(await feedsCommand(store, action, url));
  } catch (error) {
    process.stderr.write(`onrecord feeds: ${(error as Error).message}\n`);
    process.exitCode = 1;
  } finally {
    if (target.kind === "local") await target.stack.close();
  }
}

/** What `onrecord feeds ACTION` prints. @throws for a URL that is not http(s). */
export async function feedsCommand(
  store: FeedStore,
  action: "add" | "remove" | "list",
  url?: string,
  now = new Date(),
) {
  if (action === "list") return formatFeeds(await store.list());
  const feed = canonicalUrl(url ?? "");
  if (!feed) throw new Error(`${url}: not an http(s) URL`);
  if (action === "add") return (await store.add(feed, now)) ? `added ${feed}\n` : `already listed ${feed}\n`;
  return (await store.remove(feed)) ? `removed ${feed}\n` : `not listed ${feed}\n`;
}

/**
 * One line per feed: URL, last poll (or `never polled`), the items in the feed at its last poll,
 * and over all polls the items new then, stored and skipped; its last error.
 */
export function formatFeeds(feeds: readonly FeedRecord[]): string {
  if (feeds.length === 0) return "no feeds; add one with `onrecord feeds add URL`\n";
  return feeds
    .map((f) => {
      const polled = f.lastPolledAt ? `polled ${f.lastPolledAt.replace(/\.\d{3}Z$/, "Z")}` : "never polled";
      const counts = `${f.links.length} in the feed; ${f.counts.seen} new, ${f.counts.stored} stored, ${f.counts.skipped} skipped`;
      return `${f.url}  ${polled}  ${counts}${f.lastError ? `  last error: ${f.lastError}` : ""}\n`;
    })
    .join("");
}
