import { randomBytes } from "node:crypto";
import { checkAddress } from "../core/subscribers/address.ts";
import { clientSubject, type RateLimitPolicy, SIGNUP_PER_IP } from "../core/subscribers/rate-limit.ts";
import { type ConfirmOutcome, planConfirm, planUnsubscribe } from "../core/subscribers/subscription.ts";
import {
  pseudonymFor,
  type TokenProblem,
  verifyConfirmToken,
  verifyUnsubscribeToken,
} from "../core/subscribers/tokens.ts";
import type { RateLimiter, SecretSource, SignupQueue, SubscriptionStore } from "../ports.ts";

export interface SubscriptionsDeps {
  store: SubscriptionStore;
  limiter: RateLimiter;
  /** Where accepted sign-ups go; the confirmation email is decided on and sent from there. */
  queue: SignupQueue;
  secret: SecretSource;
  /** `perIp: null` turns the per-IP limit off (a load test, whose every request has one IP). */
  limits?: { perIp?: RateLimitPolicy | null };
  now?: () => Date;
}

export type SubscribeResult =
  | { kind: "accepted" }
  | { kind: "invalid"; message: string }
  | { kind: "rate-limited"; retryAfterSeconds: number };
export type ConfirmResult = { kind: ConfirmOutcome } | { kind: "invalid"; problem: TokenProblem };
export type ConfirmLinkResult =
  | { kind: "valid" | "already-confirmed" | "stale" }
  | { kind: "invalid"; problem: TokenProblem };
export type UnsubscribeResult = { kind: "unsubscribed" } | { kind: "invalid"; problem: TokenProblem };

/** Tries of a read-decide-write cycle that lost a race before giving up. */
const MAX_TRIES = 5;

/** Raised when a record kept changing under a request: it is answered as a server error. */
export class ConcurrentUpdateError extends Error {
  constructor() {
    super("a subscriber record kept changing under the request");
    this.name = "ConcurrentUpdateError";
  }
}

/**
 * The subscription use cases behind the web routes: sign up, confirm, unsubscribe. A sign-up is
 * checked and queued, never looked up: every address, new or known, capped or not, costs the
 * request the same work and gets the same answer in the same time. Confirming and unsubscribing
 * read the record, let the core decide, and write conditionally, deciding again after a lost race.
 */
export class Subscriptions {
  private readonly now: () => Date;
  private readonly perIp: RateLimitPolicy | null;

  constructor(private readonly deps: SubscriptionsDeps) {
    this.now = deps.now ?? (() => new Date());
    this.perIp = deps.limits?.perIp === undefined ? SIGNUP_PER_IP : deps.limits.perIp;
  }

  /**
   * Accepts a sign-up for the confirmation worker. Only a bad address or too many sign-ups from
   * one client (an IPv6 client by its /64) are answered differently.
   */
  async subscribe(input: string, clientIp: string): Promise<SubscribeResult> {
    const check = checkAddress(input);
    if (!check.ok) return { kind: "invalid", message: check.message };
    const now = this.now();
    if (this.perIp) {
      const secret = await this.deps.secret.get();
      const subject = pseudonymFor(secret, "ip", clientSubject(clientIp));
      const ipDecision = await this.deps.limiter.hit(this.perIp, subject, now);
      if (!ipDecision.allowed)
        return { kind: "rate-limited", retryAfterSeconds: ipDecision.retryAfterSeconds };
    }
    await this.deps.queue.enqueue([
      {
        email: check.email,
        ip: clientIp,
        requestedAt: now.toISOString(),
        confirmationId: randomBytes(16).toString("base64url"),
      },
    ]);
    return { kind: "accepted" };
  }

  /**
   * What a confirmation link would do, without doing it (`GET /confirm`: mail scanners follow
   * links, so only the page's button confirms).
   */
  async checkConfirmLink(token: unknown): Promise<ConfirmLinkResult> {
    const secret = await this.deps.secret.get();
    const check = verifyConfirmToken(secret, token, this.now());
    if (!check.ok) return { kind: "invalid", problem: check.problem };
    const record = await this.deps.store.getRecordById(check.claims.subscriberId);
    const plan = planConfirm(record, check.claims.confirmationId, { ip: "", now: this.now() });
    return { kind: plan.outcome === "confirmed" ? "valid" : plan.outcome };
  }

  /** Confirms the address a confirmation link names, if the link is genuine, current and unexpired. */
  async confirm(token: unknown, clientIp: string): Promise<ConfirmResult> {
    const secret = await this.deps.secret.get();
    const check = verifyConfirmToken(secret, token, this.now());
    if (!check.ok) return { kind: "invalid", problem: check.problem };
    let record = await this.deps.store.getRecordById(check.claims.subscriberId);
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      const plan = planConfirm(record, check.claims.confirmationId, { ip: clientIp, now: this.now() });
      if (plan.record === null || (await this.deps.store.saveRecord(plan.record)))
        return { kind: plan.outcome };
      record = await this.deps.store.getRecord(plan.record.email);
    }
    throw new ConcurrentUpdateError();
  }

  /** Checks an unsubscribe link without acting on it (the page with the button). */
  async checkUnsubscribeLink(token: unknown): Promise<UnsubscribeResult | { kind: "valid" }> {
    const check = verifyUnsubscribeToken(await this.deps.secret.get(), token);
    return check.ok ? { kind: "valid" } : { kind: "invalid", problem: check.problem };
  }

  /** Unsubscribes the subscriber an unsubscribe link names; a second click changes nothing. */
  async unsubscribe(token: unknown): Promise<UnsubscribeResult> {
    const check = verifyUnsubscribeToken(await this.deps.secret.get(), token);
    if (!check.ok) return { kind: "invalid", problem: check.problem };
    let record = await this.deps.store.getRecordById(check.claims.subscriberId);
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      const next = planUnsubscribe(record, this.now());
      if (next === null || (await this.deps.store.saveRecord(next))) return { kind: "unsubscribed" };
      record = await this.deps.store.getRecord(next.email);
    }
    throw new ConcurrentUpdateError();
  }
}
