import { randomBytes } from "node:crypto";
import { type ConfirmationTemplate, fillConfirmation } from "../core/render/confirmation-email.ts";
import { checkAddress } from "../core/subscribers/address.ts";
import { type RateLimitPolicy, SIGNUP_PER_IP } from "../core/subscribers/rate-limit.ts";
import {
  type ConfirmOutcome,
  planConfirm,
  planSubscribe,
  planUnsubscribe,
  type SubscriberRecord,
} from "../core/subscribers/subscription.ts";
import {
  confirmUrlFor,
  createConfirmToken,
  pseudonymFor,
  subscriberIdFor,
  type TokenProblem,
  verifyConfirmToken,
  verifyUnsubscribeToken,
} from "../core/subscribers/tokens.ts";
import type { MessageSender, RateLimiter, SecretSource, SubscriptionStore } from "../ports.ts";

export interface SubscriptionsDeps {
  store: SubscriptionStore;
  limiter: RateLimiter;
  sender: MessageSender;
  secret: SecretSource;
  confirmationTemplate: () => Promise<ConfirmationTemplate>;
  /** Base URL of the web app: links in emails point here, never at the request's Host. */
  publicUrl: string;
  /** `perIp: null` turns the per-IP limit off (a load test, whose every request has one IP). */
  limits?: { perIp?: RateLimitPolicy | null };
  now?: () => Date;
}

export type SubscribeResult =
  | { kind: "accepted" }
  | { kind: "invalid"; message: string }
  | { kind: "rate-limited"; retryAfterSeconds: number };
export type ConfirmResult = { kind: ConfirmOutcome } | { kind: "invalid"; problem: TokenProblem };
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
 * The subscription use cases behind the web routes: sign up, confirm, unsubscribe. Each reads the
 * record, lets the core decide, and writes conditionally, deciding again if it lost a race.
 */
export class Subscriptions {
  private readonly now: () => Date;
  private readonly perIp: RateLimitPolicy | null;

  constructor(private readonly deps: SubscriptionsDeps) {
    this.now = deps.now ?? (() => new Date());
    this.perIp = deps.limits?.perIp === undefined ? SIGNUP_PER_IP : deps.limits.perIp;
  }

  /**
   * Signs an address up. Known and unknown addresses get the same answer; only a bad address or
   * too many sign-ups from one client are answered differently.
   */
  async subscribe(input: string, clientIp: string): Promise<SubscribeResult> {
    const check = checkAddress(input);
    if (!check.ok) return { kind: "invalid", message: check.message };
    const secret = await this.deps.secret.get();
    const now = this.now();
    if (this.perIp) {
      const ipDecision = await this.deps.limiter.hit(this.perIp, pseudonymFor(secret, "ip", clientIp), now);
      if (!ipDecision.allowed)
        return { kind: "rate-limited", retryAfterSeconds: ipDecision.retryAfterSeconds };
    }
    const request = {
      email: check.email,
      subscriberId: subscriberIdFor(secret, check.email),
      ip: clientIp,
      now,
      newConfirmationId: randomBytes(16).toString("base64url"),
    };
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      const existing = await this.deps.store.getRecord(check.email);
      const plan = planSubscribe(existing, request);
      if (plan.record === null || !plan.sendConfirmation) return { kind: "accepted" };
      if (!(await this.deps.store.saveRecord(plan.record))) continue;
      await this.sendConfirmation(plan.record, existing, secret);
      return { kind: "accepted" };
    }
    throw new ConcurrentUpdateError();
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

  private async sendConfirmation(record: SubscriberRecord, before: SubscriberRecord | null, secret: string) {
    const { id, confirmationId } = record;
    if (!id || !confirmationId) throw new Error("a pending subscriber has no id or confirmation");
    const token = createConfirmToken(secret, { subscriberId: id, confirmationId }, this.now());
    const url = confirmUrlFor(this.deps.publicUrl, token);
    try {
      const message = fillConfirmation(await this.deps.confirmationTemplate(), url);
      await this.deps.sender.send({ to: record.email, ...message });
    } catch (error) {
      // Nothing went out: give the allowances back so a retry in a minute can send.
      await this.deps.store.saveRecord({
        ...record,
        confirmationSentAt: before?.confirmationSentAt ?? null,
        confirmationWindow: before?.confirmationWindow ?? null,
        version: record.version + 1,
      });
      throw error;
    }
  }
}
