import { AsyncLocalStorage } from "node:async_hooks";
import { describe, expect, it } from "vitest";
import { LocalSendQueue } from "../../lambdas/adapters/local-send-queue.ts";
import type { SendBatch } from "../../lambdas/ports.ts";

const batch = (n: number): SendBatch => ({
  issueId: "2026-W47",
  recipients: [{ email: `r${n}@example.org` }],
});

describe("LocalSendQueue, the in-process stand-in for SQS", () => {
  it("delivers a failing message again until it succeeds, telling the consumer how often it was received", async () => {
    const receives: number[] = [];
    const queue = new LocalSendQueue(
      async (_, receiveCount) => {
        receives.push(receiveCount);
        if (receiveCount < 3) throw new Error("throttled");
      },
      { redeliveryDelayMs: 1 },
    );
    await queue.enqueue([batch(1)]);
    await queue.drain();
    expect(receives).toEqual([1, 2, 3]);
    expect(queue.deadLetters).toEqual([]);
  });

  it("moves a message to the dead letters after maxReceives deliveries", async () => {
    let receives = 0;
    const queue = new LocalSendQueue(
      async () => {
        receives++;
        throw new Error("always fails");
      },
      { maxReceives: 4, redeliveryDelayMs: 1 },
    );
    await queue.enqueue([batch(1), batch(2)]);
    await queue.drain();
    expect(receives).toBe(8);
    expect(queue.deadLetters.map((b) => b.recipients[0]?.email)).toEqual([
      "r1@example.org",
      "r2@example.org",
    ]);
  });

  it("consumes at most `concurrency` messages at once, and every message once", async () => {
    let running = 0;
    let peak = 0;
    const seen: string[] = [];
    const queue = new LocalSendQueue(
      async (b) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        seen.push(b.recipients[0]?.email ?? "");
        running--;
      },
      { concurrency: 3 },
    );
    await queue.enqueue(Array.from({ length: 12 }, (_, i) => batch(i)));
    await queue.drain();
    expect(peak).toBe(3);
    expect(seen.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `r${i}@example.org`).sort());
  });

  it("hands each delivery its own copy, so a consumer cannot change what is redelivered", async () => {
    const received: string[] = [];
    const queue = new LocalSendQueue(
      async (b, n) => {
        received.push(b.recipients[0]?.email ?? "");
        b.recipients.length = 0;
        if (n === 1) throw new Error("again");
      },
      { redeliveryDelayMs: 1 },
    );
    const original = batch(7);
    await queue.enqueue([original]);
    await queue.drain();
    expect(received).toEqual(["r7@example.org", "r7@example.org"]);
    expect(original.recipients).toHaveLength(1);
  });
});

describe("LocalSendQueue's deliveries, like SQS messages, are data only", () => {
  it("holds messages sent while its consumer waits its turn, and delivers each once, oldest first", async () => {
    let open: () => void = () => {};
    const turn = new Promise<void>((resolve) => (open = resolve));
    const seen: string[] = [];
    const queue = new LocalSendQueue(async (b) => void seen.push(b.recipients[0]?.email ?? ""), {
      concurrency: 1,
      beforeEach: () => turn,
    });
    for (let i = 0; i < 3000; i++) await queue.enqueue([batch(i)]);
    expect(seen).toEqual([]);
    open();
    await queue.drain();
    expect(seen).toEqual(Array.from({ length: 3000 }, (_, i) => `r${i}@example.org`));
  });

  it("run outside the sender's async context, so a queued message keeps no request alive", async () => {
    const request = new AsyncLocalStorage<{ body: string }>();
    const seen: unknown[] = [];
    const queue = new LocalSendQueue(async () => {
      seen.push(request.getStore());
    });
    await request.run({ body: "the request that queued it" }, () => queue.enqueue([batch(1), batch(2)]));
    await queue.drain();
    expect(seen).toEqual([undefined, undefined]);
  });
});
