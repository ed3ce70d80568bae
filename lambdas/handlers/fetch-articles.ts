import { type FetchItemDeps, fetchItem } from "../app/feeds/fetch-item.ts";
import { fetcherDeps } from "../deps/feeds.ts";
import type { QueuedItem } from "../ports.ts";
import { lazily, type SqsBatchResponse, type SqsEvent } from "./events.ts";

/**
 * The fetcher: each SQS message is one feed item (a FIFO group per host, so one host at a time);
 * its page is fetched and its article stored. An item that failed in a way that may pass (a
 * timeout, a 5xx) is reported as a batch item failure, so SQS delivers it again and, after that,
 * keeps it in the dead-letter queue; one skipped for good is not.
 */
export function createHandler(deps: FetchItemDeps & { flush?: () => void }) {
  return async (event: SqsEvent): Promise<SqsBatchResponse> => {
    const batchItemFailures: { itemIdentifier: string }[] = [];
    for (const [index, record] of event.Records.entries()) {
      let item: QueuedItem;
      try {
        item = JSON.parse(record.body) as QueuedItem;
      } catch {
        console.error(JSON.stringify({ message: "not a feed item", messageId: record.messageId }));
        continue;
      }
      try {
        const outcome = await fetchItem(item, deps);
        console.log(JSON.stringify({ message: "fetched", ...outcome }));
        if (!outcome.retry) continue;
      } catch (error) {
        console.error(
          JSON.stringify({ message: "fetch failed", link: item.link, error: (error as Error).message }),
        );
      }
      // FIFO: what follows in the group must wait for this one, so it is handed back too.
      for (const rest of event.Records.slice(index))
        batchItemFailures.push({ itemIdentifier: rest.messageId });
      break;
    }
    deps.flush?.();
    return { batchItemFailures };
  };
}

export const handler = lazily(() => createHandler(fetcherDeps(process.env)));
