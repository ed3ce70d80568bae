/**
 * Rate limits as fixed windows: a counter per (policy, subject, window) that a store increments
 * atomically. The pure part here names the counter and reads its value; the store only counts.
 * Subjects (client IPs) are hashed by the caller so no counter names a person. (The daily cap on
 * one address's confirmation emails is kept in its record: see `planSubscribe`.)
 */

/** At most `limit` hits per `windowSeconds` for one subject. */
export interface RateLimitPolicy {
  /** Short name, part of the counter's key: `signup-ip`, `confirmation-email`. */
  name: string;
  limit: number;
  windowSeconds: number;
}

/** The counter one hit increments, and when it stops counting. */
export interface RateWindow {
  key: string;
  /** Epoch seconds at which this window ends and a new counter starts. */
  endsAt: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the window ends (for `Retry-After`); 0 when allowed. */
  retryAfterSeconds: number;
}

/** Sign-ups from one client IP: enough for a shared office, too few to bomb anybody. */
export const SIGNUP_PER_IP: RateLimitPolicy = { name: "signup-ip", limit: 20, windowSeconds: 10 * 60 };
/** The counter that a hit by `subject` at `now` increments under `policy`. */
export function rateWindow(policy: RateLimitPolicy, subject: string, now: Date): RateWindow {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const start = nowSeconds - (nowSeconds % policy.windowSeconds);
  return { key: `${policy.name}#${subject}#${start}`, endsAt: start + policy.windowSeconds };
}

/** Whether the hit that brought the window's counter to `count` is within the policy. */
export function decideRate(
  policy: RateLimitPolicy,
  window: RateWindow,
  count: number,
  now: Date,
): RateDecision {
  if (count <= policy.limit) return { allowed: true, retryAfterSeconds: 0 };
  return { allowed: false, retryAfterSeconds: Math.max(1, window.endsAt - Math.floor(now.getTime() / 1000)) };
}
