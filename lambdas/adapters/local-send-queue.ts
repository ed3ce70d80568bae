import { AsyncResource } from "node:async_hooks";
import type { SendBatch } from "../ports.ts";

export interface LocalSendQueueOptions {
  /** Deliveries of one message before it goes to the dead-letter list, as SQS's maxReceiveCount. */
  maxReceives?: number;
  /** Wait before a failed message is delivered again (SQS: the visibility timeout). */
  redeliveryDelayMs?: number;
  /** Messages consumed at once, as the worker's reserved concurrency on Lambda. */
  concurrency?: number;
  /** Awaited before each delivery: a consumer that must wait its turn (e.g. until a server is idle). */
  beforeEach?: () => Promise<void>;
}

/** A message waiting for a consumer, and how often it has been delivered already. */
interface Waiting<T> {
  body: T;
  receives: number;
}

/**
 * A queue on one machine (send batches, sign-ups): an in-process stand-in for SQS with the semantics the send worker
 * relies on. A message whose consumer throws is delivered again later, up to `maxReceives` times,
 * then kept in {@link deadLetters}; `drain()` resolves when nothing is left in flight.
 */
export class LocalSendQueue<T = SendBatch> {
  readonly deadLetters: T[] = [];
  /**
   * Messages waiting, oldest first from `head`: data only, as in SQS. (A suspended delivery per
   * message, as before, held about 2.3 KB of promises and closures each: a sign-up flood queues
   * tens of thousands while the local worker waits its turn.)
   */
  private waiting: Waiting<T>[] = [];
  private head = 0;
  /** Consumers at work, at most `concurrency`. */
  private consumers = 0;
  /** Failed messages waiting out their redelivery delay. */
  private delayed = 0;
  private drained: (() => void)[] = [];
  private readonly maxReceives: number;
  private readonly redeliveryDelayMs: number;
  private readonly concurrency: number;
  private readonly beforeEach: () => Promise<void>;
  /**
   * The async context consumers run in: the queue's own, not the sender's. A consumer started
   * inside a request would carry that request's context (the web app's `AsyncLocalStorage` holds
   * the whole request and response), keeping every queued sign-up's request alive until it is
   * consumed: a 20-second sign-up flood grew the heap by about 30 KB a request, and scavenges
   * came to take 15% of the server's time. A message in SQS is data and nothing more.
   */
  private readonly outside = new AsyncResource("LocalSendQueue");

  constructor(
    private readonly consume: (batch: T, receiveCount: number) => Promise<void>,
    options: LocalSendQueueOptions = {},
  ) {
    this.maxReceives = options.maxReceives ?? 5;
    this.redeliveryDelayMs = options.redeliveryDelayMs ?? 1000;
    this.concurrency = options.concurrency ?? 2;
    this.beforeEach = options.beforeEach ?? (async () => {});
  }

  async enqueue(batches: readonly T[]): Promise<void> {
    for (const batch of batches) this.waiting.push({ body: structuredClone(batch), receives: 0 });
    this.startConsumers();
  }

  /** Resolves once every message has been consumed or dead-lettered. */
  async drain(): Promise<void> {
    if (this.idle()) return;
    await new Promise<void>((resolve) => this.drained.push(resolve));
  }

  private idle(): boolean {
    return this.head === this.waiting.length && this.consumers === 0 && this.delayed === 0;
  }

  private startConsumers(): void {
    while (this.consumers < Math.min(this.concurrency, this.waiting.length - this.head)) {
      this.consumers++;
      this.outside.runInAsyncScope(() => void this.consumeWaiting());
    }
  }

  /** One consumer: takes the oldest waiting message until none is left. */
  private async consumeWaiting(): Promise<void> {
    for (let message = this.take(); message; message = this.take()) await this.deliver(message);
    this.consumers--;
    if (this.idle()) for (const resolve of this.drained.splice(0)) resolve();
  }

  private take(): Waiting<T> | undefined {
    if (this.head === this.waiting.length) return undefined;
    const message = this.waiting[this.head++];
    // Taken messages are dropped in blocks: shift() on a long list would copy it each time.
    if (this.head === this.waiting.length || this.head > 1024) {
      this.waiting = this.waiting.slice(this.head);
      this.head = 0;
    }
    return message;
  }

  private async deliver(message: Waiting<T>): Promise<void> {
    message.receives++;
    try {
      await this.beforeEach();
      // Each delivery gets its own copy of the message body, as SQS sends the body again.
      await this.consume(structuredClone(message.body), message.receives);
    } catch {
      if (message.receives >= this.maxReceives) {
        this.deadLetters.push(message.body);
        return;
      }
      this.delayed++;
      setTimeout(() => {
        this.delayed--;
        this.waiting.push(message);
        this.startConsumers();
      }, this.redeliveryDelayMs);
    }
  }
}
