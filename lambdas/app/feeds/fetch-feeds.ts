import type { QueuedItem } from "../../ports.ts";
import { type FetchItemDeps, fetchItem, type ItemOutcome } from "./fetch-item.ts";
import { type PollResult, pollFeed } from "./poll-feed.ts";

/** Hosts fetched at once; within a host, the polite client takes one request at a time. */
const HOSTS_AT_ONCE = 4;

export interface FetchFeedsReport {
  polls: PollResult[];
  items: ItemOutcome[];
}

/**
 * Polls every feed and fetches every new item, as the poller and fetcher Lambdas do between them,
 * in one process (`onrecord fetch`, `ingest --feed`, `npm start`): items grouped by host, hosts
 * in parallel, each host's items one after another. A feed answering `304` reports its known
 * items `unchanged` without a request for any of them.
 */
export async function fetchFeeds(
  feedUrls: readonly string[],
  deps: FetchItemDeps,
  report: (line: ItemOutcome | PollResult) => void = () => {},
): Promise<FetchFeedsReport> {
  const polls = await Promise.all(feedUrls.map((url) => pollFeed(url, deps)));
  const items: ItemOutcome[] = [];
  const byHost = new Map<string, QueuedItem[]>();
  const queued = new Set<string>();
  for (const poll of polls) {
    report(poll);
    for (const link of poll.known) {
      if (queued.has(link)) continue;
      queued.add(link);
      const outcome: ItemOutcome = { link, outcome: "unchanged" };
      items.push(outcome);
      report(outcome);
    }
    for (const item of poll.items) {
      const host = new URL(item.link).host;
      byHost.set(host, [...(byHost.get(host) ?? []), item]);
    }
  }
  const hosts = [...byHost.values()];
  const worker = async () => {
    for (let group = hosts.shift(); group; group = hosts.shift()) {
      for (const item of group) {
        // The same item through a second feed in this run: fetchItem finds it dealt with.
        const outcome = await fetchItem(item, deps);
        items.push(outcome);
        report(outcome);
      }
    }
  };
  await Promise.all(Array.from({ length: HOSTS_AT_ONCE }, worker));
  return { polls, items };
}

/** The line `onrecord fetch` prints for an item: `stored URL`, `unchanged URL` or `skipped REASON URL`. */
export function outcomeLine(outcome: ItemOutcome): string {
  return outcome.outcome === "skipped"
    ? `skipped ${outcome.reason ?? "for no reason given"} ${outcome.link}`
    : `${outcome.outcome} ${outcome.link}`;
}
