import { pollListedFeeds } from "../app/feeds/poll-feed.ts";
import { pollerDeps } from "../deps/feeds.ts";
import { lazily } from "./events.ts";

type PollerDeps = ReturnType<typeof pollerDeps>;

/**
 * The scheduled poller: polls every listed feed (conditional GET) and queues the new items for the
 * fetcher. A feed that fails is recorded with its error (`onrecord feeds list`) and the others go
 * on; only a failure to read the list or to queue is thrown, for Lambda's retries.
 */
export function createHandler(deps: PollerDeps) {
  return async () => {
    const summary = await pollListedFeeds(deps);
    console.log(JSON.stringify({ message: "feeds polled", ...summary }));
    return summary;
  };
}

export const handler = lazily(() => createHandler(pollerDeps(process.env)));
