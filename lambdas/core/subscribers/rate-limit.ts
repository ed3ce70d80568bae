/**
 * Rate limits as sliding windows, counted in buckets: a counter per (policy, subject, bucket) that
 * a store increments atomically, and a window that sums the buckets touching its last
 * `windowSeconds`. Counting the oldest, partly covered bucket whole errs on the strict side: no
 * span of `windowSeconds` ever holds more than `limit` hits. Subjects are hashed by the caller so
 * no counter names a person.
 */
import ipaddr from "ipaddr.js";

/** At most `limit` hits in any `windowSeconds` for one subject. */
export interface RateLimitPolicy {
  /** Short name, part of the counter's key: `signup-ip`, `mailbox-day`. */
  name: string;
  limit: number;
  windowSeconds: number;
  /** Granularity of the window; default a tenth of it. */
  bucketSeconds?: number;
}

/** The counters a hit at one moment reads and the one it increments. */
export interface RateWindow {
  /** The bucket this hit increments. */
  current: string;
  /** Every bucket the window sums, oldest first, the current one last. */
  buckets: { key: string; endsAt: number }[];
  /** Epoch seconds after which the current bucket is no longer read by any window (its TTL). */
  expiresAt: number;
}

export interface RateDecision {
  allowed: boolean;
  /** When not allowed: seconds until a hit would be. */
  retryAfterSeconds: number;
}

/** Sign-ups from one client (IPv6: one /64): enough for a shared office, too few to bomb anybody. */
export const SIGNUP_PER_IP: RateLimitPolicy = { name: "signup-ip", limit: 20, windowSeconds: 10 * 60 };
/** Confirmation emails to one mailbox: one per 10 minutes… */
export const MAILBOX_SHORT: RateLimitPolicy = {
  name: "mailbox-10m",
  limit: 1,
  windowSeconds: 10 * 60,
  bucketSeconds: 60,
};
/** …and 3 a day, however the requests are spaced and wherever they come from. */
export const MAILBOX_DAY: RateLimitPolicy = {
  name: "mailbox-day",
  limit: 3,
  windowSeconds: 24 * 60 * 60,
  bucketSeconds: 60 * 60,
};
/** Confirmation emails to one recipient domain an hour (a corporate domain bombed by many aliases). */
export const DOMAIN_HOURLY: RateLimitPolicy = { name: "domain-1h", limit: 50, windowSeconds: 60 * 60 };
/** Confirmation emails an hour from the whole service: past it, sign-ups wait (and an alarm sounds). */
export const GLOBAL_HOURLY: RateLimitPolicy = { name: "global-1h", limit: 500, windowSeconds: 60 * 60 };

function bucketSecondsOf(policy: RateLimitPolicy): number {
  return policy.bucketSeconds ?? Math.max(1, Math.floor(policy.windowSeconds / 10));
}

/** The buckets a hit by `subject` at `now` reads under `policy`. */
export function rateWindow(policy: RateLimitPolicy, subject: string, now: Date): RateWindow {
  const size = bucketSecondsOf(policy);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const current = nowSeconds - (nowSeconds % size);
  const buckets: RateWindow["buckets"] = [];
  // Every bucket that ends after the window starts.
  for (let start = current; start + size > nowSeconds - policy.windowSeconds; start -= size) {
    buckets.unshift({ key: `${policy.name}#${subject}#${start}`, endsAt: start + size });
  }
  return {
    current: `${policy.name}#${subject}#${current}`,
    buckets,
    expiresAt: current + size + policy.windowSeconds + 60,
  };
}

/**
 * Whether one more hit is within the policy, given each bucket's count (the current bucket's
 * without this hit), and if not, when it would be.
 */
export function decideRate(
  policy: RateLimitPolicy,
  window: RateWindow,
  counts: ReadonlyMap<string, number>,
  now: Date,
): RateDecision {
  const hits = window.buckets.map((b) => counts.get(b.key) ?? 0);
  let total = hits.reduce((a, b) => a + b, 0);
  if (total < policy.limit) return { allowed: true, retryAfterSeconds: 0 };
  // Wait until enough of the oldest buckets have left the window.
  const nowSeconds = now.getTime() / 1000;
  for (const [i, bucket] of window.buckets.entries()) {
    total -= hits[i] ?? 0;
    if (total < policy.limit) {
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil(bucket.endsAt + policy.windowSeconds - nowSeconds)),
      };
    }
  }
  return { allowed: false, retryAfterSeconds: policy.windowSeconds };
}

/** Hits the window holds besides the current bucket: the current one may take `limit - this`. */
export function othersInWindow(window: RateWindow, counts: ReadonlyMap<string, number>): number {
  return window.buckets
    .filter((b) => b.key !== window.current)
    .reduce((n, b) => n + (counts.get(b.key) ?? 0), 0);
}

/**
 * The client a per-IP limit counts: an IPv4 address, or an IPv6 address's /64 (one subscriber
 * line gets a whole /64, so counting single IPv6 addresses would count nothing).
 * @example
 * clientSubject("2001:db8:1:2:aaaa::1") // "2001:db8:1:2::/64"
 * clientSubject("::ffff:192.0.2.1") // "192.0.2.1"
 */
export function clientSubject(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const parsed = ipaddr.process(ip);
  if (parsed.kind() === "ipv4") return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((p) => p.toString(16)).join(":")}::/64`;
}
