import { createHash } from "node:crypto";
import { SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { FetchQueue, QueuedItem } from "../ports.ts";

/**
 * New feed items on an SQS FIFO queue, one message each, grouped by the page's host: SQS hands
 * out one group's messages one batch at a time, so however many fetchers run, a host gets one
 * request at a time. Deduplicated by link for SQS's five minutes, so the same item queued by two
 * feeds' polls is fetched once.
 */
export class SqsFetchQueue implements FetchQueue {
  constructor(
    private readonly queueUrl: string,
    private readonly sqs: SQSClient = new SQSClient({}),
  ) {}

  async enqueue(items: readonly QueuedItem[]): Promise<void> {
    for (let i = 0; i < items.length; i += 10) {
      const batch = items.slice(i, i + 10);
      const { Failed } = await this.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: batch.map((item, k) => ({
            Id: String(k),
            MessageBody: JSON.stringify(item),
            MessageGroupId: new URL(item.link).host,
            MessageDeduplicationId: createHash("sha256").update(item.link).digest("hex"),
          })),
        }),
      );
      if (Failed && Failed.length > 0)
        throw new Error(`could not queue ${Failed.length} item(s): ${Failed[0]?.Message ?? Failed[0]?.Code}`);
    }
  }
}
