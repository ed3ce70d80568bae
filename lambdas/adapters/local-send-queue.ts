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

/**
 * A queue on one machine (send batches, sign-ups): an in-process stand-in for SQS with the semantics the send worker
 * relies on. A message whose consumer throws is delivered again later, up to `maxReceives` times,
 * then kept in {@link deadLetters}; `drain()` resolves when nothing is left in flight.
 */
export class LocalSendQueue<T = SendBatch> {
  readonly deadLetters: T[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly maxReceives: number;
  private readonly redeliveryDelayMs: number;
  private readonly concurrency: number;
  private readonly beforeEach: () => Promise<void>;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /**
   * The async context deliveries run in: the queue's own, not the sender's. A delivery started
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
    for (const batch of batches)
      this.outside.runInAsyncScope(() => this.track(this.deliver(structuredClone(batch), 1)));
  }

  /** Resolves once every message has been consumed or dead-lettered. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private track(delivery: Promise<void>): void {
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  private async deliver(batch: T, receiveCount: number): Promise<void> {
    try {
      // Each delivery gets its own copy of the message body, as SQS sends the body again.
      await this.withSlot(async () => {
        await this.beforeEach();
        await this.consume(structuredClone(batch), receiveCount);
      });
    } catch {
      if (receiveCount >= this.maxReceives) {
        this.deadLetters.push(batch);
        return;
      }
      await new Promise((r) => setTimeout(r, this.redeliveryDelayMs));
      await this.deliver(batch, receiveCount + 1);
    }
  }

  private async withSlot<T>(work: () => Promise<T>): Promise<T> {
    if (this.active < this.concurrency) this.active++;
    // Otherwise wait: a finishing consumer hands its slot straight to the next in line.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
