import type { SendBatch, SendQueue } from "../ports.ts";

export interface LocalSendQueueOptions {
  /** Deliveries of one message before it goes to the dead-letter list, as SQS's maxReceiveCount. */
  maxReceives?: number;
  /** Wait before a failed message is delivered again (SQS: the visibility timeout). */
  redeliveryDelayMs?: number;
}

/**
 * The send queue on one machine: an in-process stand-in for SQS with the semantics the send worker
 * relies on. A message whose consumer throws is delivered again later, up to `maxReceives` times,
 * then kept in {@link deadLetters}; `drain()` resolves when nothing is left in flight.
 */
export class LocalSendQueue implements SendQueue {
  readonly deadLetters: SendBatch[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly maxReceives: number;
  private readonly redeliveryDelayMs: number;

  constructor(
    private readonly consume: (batch: SendBatch, receiveCount: number) => Promise<void>,
    options: LocalSendQueueOptions = {},
  ) {
    this.maxReceives = options.maxReceives ?? 5;
    this.redeliveryDelayMs = options.redeliveryDelayMs ?? 1000;
  }

  async enqueue(batches: readonly SendBatch[]): Promise<void> {
    for (const batch of batches) this.track(this.deliver(structuredClone(batch), 1));
  }

  /** Resolves once every message has been consumed or dead-lettered. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private track(delivery: Promise<void>): void {
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  private async deliver(batch: SendBatch, receiveCount: number): Promise<void> {
    try {
      await this.consume(batch, receiveCount);
    } catch {
      if (receiveCount >= this.maxReceives) {
        this.deadLetters.push(batch);
        return;
      }
      await new Promise((r) => setTimeout(r, this.redeliveryDelayMs));
      await this.deliver(batch, receiveCount + 1);
    }
  }
}
