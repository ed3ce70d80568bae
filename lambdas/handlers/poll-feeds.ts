import { pollFeed } from "../app/feeds/poll-feed.ts";
import { pollerDeps } from "../deps/feeds.ts";
import { lazily } from "./events.ts";

type PollerDeps = ReturnType<typeof pollerDeps>;

/**
 * The scheduled poller: polls every listed feed (conditional GET) and queues the new items for the
 * fetcher. A feed that fails is recorded with its error (`onrecord feeds list`) and the others go
 * on; only a failure to read the list or to queue is thrown, for the schedule's retries.
 */
export function createHandler(deps: PollerDeps) {
  return async (): Promise<{ feeds: number; queued: number; failed: number; notModified: number }> => {
    const feeds = await deps.feeds.list();
    let queued = 0;
    let failed = 0;
    let notModified = 0;
    for (const feed of feeds) {
      const result = await pollFeed(feed.url, deps);
      if (result.status === "failed") failed++;
      if (result.status === "not-modified") notModified++;
      await deps.queue.enqueue(result.items);
      queued += result.items.length;
    }
    const summary = { feeds: feeds.length, queued, failed, notModified };
    console.log(JSON.stringify({ message: "feeds polled", ...summary }));
    return summary;
  };
}

export const handler = lazily(() => createHandler(pollerDeps(process.env)));
