import { SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { SendBatch } from "../ports.ts";

/** SQS takes at most 10 messages per SendMessageBatch call. */
const SQS_BATCH_LIMIT = 10;
const MAX_ATTEMPTS = 5;

/** Messages on SQS (send batches of ≤ 50 recipients, sign-ups), one per message, ten per call. */
export class SqsSendQueue<T = SendBatch> {
  constructor(
    private readonly queueUrl: string,
    private readonly client: SQSClient = new SQSClient({}),
  ) {}

  async enqueue(batches: readonly T[]): Promise<void> {
    for (let i = 0; i < batches.length; i += SQS_BATCH_LIMIT) {
      await this.sendChunk(batches.slice(i, i + SQS_BATCH_LIMIT));
    }
  }

  private async sendChunk(batches: readonly T[]): Promise<void> {
    let entries = batches.map((batch, i) => ({ Id: String(i), MessageBody: JSON.stringify(batch) }));
    for (let attempt = 1; entries.length > 0; attempt++) {
      const { Failed = [] } = await this.client.send(
        new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }),
      );
      const retry = Failed.filter((f) => !f.SenderFault).map((f) => f.Id);
      const fatal = Failed.find((f) => f.SenderFault);
      if (fatal) throw new Error(`SQS refused a send batch: ${fatal.Code} ${fatal.Message ?? ""}`);
      if (attempt >= MAX_ATTEMPTS && retry.length > 0) throw new Error(`SQS failed ${retry.length} messages`);
      entries = entries.filter((e) => retry.includes(e.Id));
      if (entries.length > 0) await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
    }
  }
}
