import { describe, expect, it } from "vitest";
import { SendRateLimiter, workerSendRate } from "../../lambdas/app/send-rate-limiter.ts";

/** A limiter on a clock the test sets, recording the waits it asks for instead of waiting. */
function limiterOnTestClock(perSecond: number) {
  const clock = { now: 0 };
  const waits: number[] = [];
  const limiter = new SendRateLimiter(
    perSecond,
    () => clock.now,
    async (ms) => {
      waits.push(ms);
    },
  );
  return { limiter, clock, waits };
}

describe("SendRateLimiter", () => {
  it("spaces batches so that no second holds more than the rate", async () => {
    // Prepare: a clock that stands still; record how long each batch is made to wait.
    const waits: number[] = [];
    const limiter = new SendRateLimiter(
      100,
      () => 0,
      async (ms) => {
        waits.push(ms);
      },
    );
    // Act: ten batches of 50 asked for at once.
    await Promise.all(Array.from({ length: 10 }, () => limiter.take(50)));
    // Assess: batches start 500 ms apart, so any one second holds at most two of them (100).
    const starts = [0, ...waits];
    expect(starts).toEqual([0, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500]);
    const busiest = Math.max(...starts.map((t) => starts.filter((s) => s >= t && s < t + 1000).length * 50));
    expect(busiest).toBe(100);
  });

  it("keeps the calls themselves apart when the writes after pacing delayed one more than the next", async () => {
    // Prepare: a clock the test sets; the waits asked for.
    const { limiter, clock, waits } = limiterOnTestClock(100);
    // Act: the first call of 50 is made 300 ms after its turn (slow claims), the second on time.
    clock.now = 300;
    await limiter.beforeCall(50);
    clock.now = 500;
    await limiter.beforeCall(50);
    clock.now = 2000;
    await limiter.beforeCall(50);
    // Assess: the second waits until 500 ms after the first call; the third, long after, not at all.
    expect(waits).toEqual([300]);
  });

  it("keeps the next call a full share after a call that SES took only on its retry", async () => {
    // Prepare: a clock the test sets; the waits asked for.
    const { limiter, clock, waits } = limiterOnTestClock(100);
    // Act: a call of 50 at 0 is throttled and taken on the client's retry at 150; the next follows.
    await limiter.beforeCall(50);
    clock.now = 150;
    limiter.retried();
    await limiter.beforeCall(50);
    // Assess: the next call waits until 650, half a second after the try SES counted, so no second
    // holds the retried call, the next and the one before it (a throttle in turn, call after call).
    expect(waits).toEqual([500]);
  });

  it("waits in real time for its turn", async () => {
    const limiter = new SendRateLimiter(200);
    const t0 = performance.now();
    for (let i = 0; i < 4; i++) await limiter.take(20);
    // 4 × 20 recipients at 200/s: the last batch may start 300 ms after the first.
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
  });

  it.each([
    [14, 1, 13.58],
    [100, 2, 48.5],
    [100, 0, 97],
  ])("a worker's share of %d/s over %d workers is %d/s", (rate, workers, share) => {
    expect(workerSendRate(rate, workers)).toBeCloseTo(share, 2);
  });

  it("refuses a rate that is not positive", () => {
    expect(() => new SendRateLimiter(0)).toThrow(RangeError);
  });
});
