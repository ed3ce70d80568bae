/**
 * The rules of a subscription, as pure functions from the stored record (or none) and a request
 * to the record to store and what to do next. The store writes the result conditionally on the
 * version it read, so two requests racing on one address cannot both win.
 *
 * pending ──confirm──▶ confirmed ──unsubscribe──▶ unsubscribed ──subscribe──▶ pending (new confirmation)
 * any ──bounce / complaint──▶ bounced / complained (final: never mailed again)
 */
import type { Subscriber } from "../types.ts";

/** A confirmation email is sent again for the same address at most this often. */
export const RESEND_INTERVAL_MS = 10 * 60 * 1000;
/** And at most this many times a day, however the requests are spaced: nobody is mail-bombed. */
export const MAX_CONFIRMATIONS_PER_DAY = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Confirmation emails sent to an address in the 24 hours from `start`. */
export interface ConfirmationWindow {
  start: string;
  count: number;
}

/** Proof of consent: when the address asked and confirmed, from where, and through which email. */
export interface ConsentRecord {
  requestedAt: string;
  requestedIp: string;
  confirmedAt: string;
  confirmedIp: string;
  confirmationId: string;
}

/** A subscriber as the subscriptions service stores it: the minimum needed, and the consent. */
export interface SubscriberRecord extends Subscriber {
  /** Pseudonymous id used in links (see `subscriberIdFor`); null for an address only ever suppressed. */
  id: string | null;
  /** The outstanding confirmation (pending) or the one that confirmed (confirmed). */
  confirmationId: string | null;
  /** When the latest sign-up request for the outstanding confirmation came, and from which IP. */
  requestedAt: string | null;
  requestedIp: string | null;
  /** When a confirmation email was last sent. */
  confirmationSentAt: string | null;
  /** How many went out in the current day-long window (the daily cap). */
  confirmationWindow: ConfirmationWindow | null;
  consent: ConsentRecord | null;
  /** Incremented by every write; a write succeeds only on the version it read. */
  version: number;
}

export interface SubscribeRequest {
  email: string;
  subscriberId: string;
  ip: string;
  now: Date;
  /** A fresh random id, used if this request starts a new confirmation. */
  newConfirmationId: string;
}

/** What a sign-up does: the record to write (null: nothing) and whether to send a confirmation. */
export interface SubscribePlan {
  record: SubscriberRecord | null;
  sendConfirmation: boolean;
}

/**
 * Decides a sign-up. New and unsubscribed addresses start a new confirmation; a pending one gets
 * its confirmation again unless one went out in the last 10 minutes; no address gets more than 3
 * a day; confirmed, bounced and complained addresses are left alone. The caller answers the same
 * in every case.
 */
export function planSubscribe(existing: SubscriberRecord | null, request: SubscribeRequest): SubscribePlan {
  const at = request.now.toISOString();
  if (existing === null) {
    const record: SubscriberRecord = {
      email: request.email,
      id: request.subscriberId,
      status: "pending",
      createdAt: at,
      updatedAt: at,
      confirmationId: request.newConfirmationId,
      requestedAt: at,
      requestedIp: request.ip,
      confirmationSentAt: at,
      confirmationWindow: { start: at, count: 1 },
      consent: null,
      version: 1,
    };
    return { record, sendConfirmation: true };
  }
  const mayResend = !sentWithin(existing.confirmationSentAt, request.now, RESEND_INTERVAL_MS);
  const window = nextWindow(existing.confirmationWindow, request.now);
  if (
    (existing.status !== "pending" && existing.status !== "unsubscribed") ||
    !mayResend ||
    window === null
  ) {
    return { record: null, sendConfirmation: false };
  }
  const confirmationId =
    existing.status === "pending" && existing.confirmationId
      ? existing.confirmationId
      : request.newConfirmationId;
  const record: SubscriberRecord = {
    ...existing,
    id: existing.id ?? request.subscriberId,
    status: "pending",
    updatedAt: at,
    confirmationId,
    requestedAt: at,
    requestedIp: request.ip,
    confirmationSentAt: at,
    confirmationWindow: window,
    version: existing.version + 1,
  };
  return { record, sendConfirmation: true };
}

/** The window after one more confirmation email, or null when the day's are used up. */
function nextWindow(window: ConfirmationWindow | null, now: Date): ConfirmationWindow | null {
  if (window === null || now.getTime() - Date.parse(window.start) >= DAY_MS) {
    return { start: now.toISOString(), count: 1 };
  }
  return window.count < MAX_CONFIRMATIONS_PER_DAY ? { ...window, count: window.count + 1 } : null;
}

/**
 * `confirmed`: this link confirmed the address; `already-confirmed`: it had (a replayed link);
 * `stale`: the link was replaced by a newer confirmation, or the address left or bounced since.
 */
export type ConfirmOutcome = "confirmed" | "already-confirmed" | "stale";

/** Decides a click on a confirmation link whose signature and expiry have already been checked. */
export function planConfirm(
  existing: SubscriberRecord | null,
  confirmationId: string,
  context: { ip: string; now: Date },
): { outcome: ConfirmOutcome; record: SubscriberRecord | null } {
  if (existing === null || existing.confirmationId !== confirmationId)
    return { outcome: "stale", record: null };
  if (existing.status === "confirmed") return { outcome: "already-confirmed", record: null };
  if (existing.status !== "pending") return { outcome: "stale", record: null };
  const at = context.now.toISOString();
  const consent: ConsentRecord = {
    requestedAt: existing.requestedAt ?? existing.createdAt,
    requestedIp: existing.requestedIp ?? "unknown",
    confirmedAt: at,
    confirmedIp: context.ip,
    confirmationId,
  };
  const record: SubscriberRecord = {
    ...existing,
    status: "confirmed",
    updatedAt: at,
    consent,
    version: existing.version + 1,
  };
  return { outcome: "confirmed", record };
}

/**
 * Decides an unsubscribe. Pending and confirmed addresses become unsubscribed; anything else is
 * already receiving nothing. Either way the person is told they are unsubscribed.
 */
export function planUnsubscribe(existing: SubscriberRecord | null, now: Date): SubscriberRecord | null {
  if (existing === null || (existing.status !== "pending" && existing.status !== "confirmed")) return null;
  return { ...existing, status: "unsubscribed", updatedAt: now.toISOString(), version: existing.version + 1 };
}

/**
 * Decides a permanent bounce or a complaint: the address is never mailed again, whatever it was.
 * An address not on record gets a record, so that a later sign-up cannot mail it either.
 */
export function planSuppress(
  existing: SubscriberRecord | null,
  email: string,
  reason: "bounced" | "complained",
  now: Date,
): SubscriberRecord | null {
  const at = now.toISOString();
  if (existing === null) {
    return {
      ...{ email, id: null, status: reason, createdAt: at, updatedAt: at, confirmationId: null },
      ...{ requestedAt: null, requestedIp: null, confirmationSentAt: null, confirmationWindow: null },
      ...{ consent: null, version: 1 },
    };
  }
  // A complaint outranks a bounce; neither is undone.
  if (existing.status === reason || existing.status === "complained") return null;
  return { ...existing, status: reason, updatedAt: at, version: existing.version + 1 };
}

/** Whether a subscriber may be sent mail other than a confirmation: only when confirmed. */
export function isMailable(subscriber: Pick<Subscriber, "status">): boolean {
  return subscriber.status === "confirmed";
}

function sentWithin(sentAt: string | null, now: Date, intervalMs: number): boolean {
  return sentAt !== null && now.getTime() - Date.parse(sentAt) < intervalMs;
}
