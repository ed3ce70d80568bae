import { type ConfirmationTemplate, fillConfirmation } from "../core/render/confirmation-email.ts";
import { canonicalMailbox, recipientDomain } from "../core/subscribers/mailbox.ts";
import {
  DOMAIN_HOURLY,
  GLOBAL_HOURLY,
  MAILBOX_DAY,
  MAILBOX_SHORT,
  type RateLimitPolicy,
} from "../core/subscribers/rate-limit.ts";
import { planSubscribe } from "../core/subscribers/subscription.ts";
import {
  confirmUrlFor,
  createConfirmToken,
  pseudonymFor,
  subscriberIdFor,
} from "../core/subscribers/tokens.ts";
import type { MessageSender, RateLimiter, SecretSource, SignupJob, SubscriptionStore } from "../ports.ts";
import { ConcurrentUpdateError } from "./subscriptions.ts";

/** The caps on confirmation emails; each may be replaced (tests, a bigger list). */
export interface ConfirmationCaps {
  mailboxShort: RateLimitPolicy;
  mailboxDay: RateLimitPolicy;
  domain: RateLimitPolicy;
  global: RateLimitPolicy;
}

export const DEFAULT_CAPS: ConfirmationCaps = {
  mailboxShort: MAILBOX_SHORT,
  mailboxDay: MAILBOX_DAY,
  domain: DOMAIN_HOURLY,
  global: GLOBAL_HOURLY,
};

export interface SignupWorkerDeps {
  store: SubscriptionStore;
  limiter: RateLimiter;
  sender: MessageSender;
  secret: SecretSource;
  confirmationTemplate: () => Promise<ConfirmationTemplate>;
  /** Base URL of the web app: links in emails point here, never at the request's Host. */
  publicUrl: string;
  caps?: Partial<ConfirmationCaps>;
  /** Told when the service-wide budget refused a confirmation (the alarm's metric). */
  onBudgetExhausted?: () => void;
  now?: () => Date;
}

/** What became of a sign-up: `sent`, `capped` by which limit, or `ignored` (confirmed, complained). */
export type SignupOutcome = { kind: "sent" } | { kind: "ignored" } | { kind: "capped"; policy: string };

const MAX_TRIES = 5;

/**
 * Decides and sends the confirmation email of a queued sign-up, off the request path. An email
 * goes out only within every cap: one mailbox (`+tags` and Gmail's dots folded together) once per
 * 10 minutes and 3 times a day, one recipient domain 50 times an hour, the whole service 500 times
 * an hour. A send that fails throws, so the queue delivers the job again; the redelivery finds its
 * own confirmation stored and sends that, taking no allowance twice.
 */
export class SignupWorker {
  private readonly now: () => Date;
  private readonly caps: ConfirmationCaps;

  constructor(private readonly deps: SignupWorkerDeps) {
    this.now = deps.now ?? (() => new Date());
    this.caps = { ...DEFAULT_CAPS, ...deps.caps };
  }

  async handle(job: SignupJob): Promise<SignupOutcome> {
    const secret = await this.deps.secret.get();
    const now = this.now();
    const request = {
      email: job.email,
      subscriberId: subscriberIdFor(secret, job.email),
      ip: job.ip,
      now,
      newConfirmationId: job.confirmationId,
    };
    let capsTaken = false;
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      const existing = await this.deps.store.getRecord(job.email);
      if (existing?.status === "pending" && existing.confirmationId === job.confirmationId) {
        // A redelivery after a failed send: the record and the allowances are this job's already.
        await this.send(existing.email, existing.id, job.confirmationId, secret);
        return { kind: "sent" };
      }
      const record = planSubscribe(existing, request);
      if (record === null) return { kind: "ignored" };
      if (!capsTaken) {
        const taken = await this.deps.limiter.take(this.limitsFor(job.email, secret), now);
        if (!taken.allowed) {
          if (taken.policy === this.caps.global.name) this.deps.onBudgetExhausted?.();
          return { kind: "capped", policy: taken.policy };
        }
        capsTaken = true;
      }
      if (!(await this.deps.store.saveRecord(record))) continue;
      await this.send(record.email, record.id, job.confirmationId, secret);
      return { kind: "sent" };
    }
    throw new ConcurrentUpdateError();
  }

  private limitsFor(email: string, secret: string) {
    const mailbox = pseudonymFor(secret, "mailbox", canonicalMailbox(email));
    const domain = pseudonymFor(secret, "domain", recipientDomain(email));
    return [
      { policy: this.caps.mailboxShort, subject: mailbox },
      { policy: this.caps.mailboxDay, subject: mailbox },
      { policy: this.caps.domain, subject: domain },
      { policy: this.caps.global, subject: "all" },
    ];
  }

  private async send(email: string, id: string | null, confirmationId: string, secret: string) {
    if (!id) throw new Error("a pending subscriber has no id");
    const token = createConfirmToken(secret, { subscriberId: id, confirmationId }, this.now());
    const message = fillConfirmation(
      await this.deps.confirmationTemplate(),
      confirmUrlFor(this.deps.publicUrl, token),
    );
    await this.deps.sender.send({ to: email, ...message });
  }
}
