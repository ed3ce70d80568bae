/**
 * Paces sends to a rate in recipients per second. Each `take(n)` reserves the next `n / rate`
 * seconds and waits for its turn, so over any second no more than the rate is sent (plus at most
 * one batch starting at the edge): SES counts its maximum send rate in recipients, and a burst
 * over it is refused with throttling errors.
 */
export class SendRateLimiter {
  private nextSlot = 0;
  private lastCallAt = Number.NEGATIVE_INFINITY;
  private lastCallCount = 0;

  constructor(
    readonly perSecond: number,
    private readonly clock: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    if (!(perSecond > 0)) throw new RangeError(`send rate must be positive, got ${perSecond}`);
  }

  /** How long a `take` now would wait before its turn. */
  backlogMs(): number {
    return Math.max(0, this.nextSlot - this.clock());
  }

  /** Waits until `count` more recipients may be sent. */
  async take(count: number): Promise<void> {
    const now = this.clock();
    const start = Math.max(now, this.nextSlot);
    this.nextSlot = start + (count / this.perSecond) * 1000;
    if (start > now) await this.sleep(start - now);
  }

  /**
   * Waits, just before a call of `count` recipients, until the previous call's recipients have had
   * their share of the second. `take` paces before the claims are written; the writes between
   * take and call can delay one call more than the next and bunch two into one second, which SES
   * throttles. This catch-up wait is that delay at most, never the pacing itself.
   */
  async beforeCall(count: number): Promise<void> {
    const now = this.clock();
    const at = Math.max(now, this.lastCallAt + (this.lastCallCount / this.perSecond) * 1000);
    this.lastCallAt = at;
    this.lastCallCount = count;
    if (at > now) await this.sleep(at - now);
  }

  /**
   * After a call the client had to try again: SES counted the last try, made just now, so the next
   * call keeps its distance from this moment rather than from the first try. Spaced from the first
   * try, every later call met the retried one within the same second and was throttled in turn.
   */
  retried(): void {
    this.lastCallAt = Math.max(this.lastCallAt, this.clock());
  }
}

/**
 * The share of the account's rate one worker may use: the rate over the workers sending at once,
 * with a small margin because SES measures the rate over a sliding second.
 */
export function workerSendRate(accountRate: number, concurrency: number): number {
  return (accountRate * 0.97) / Math.max(1, concurrency);
}
