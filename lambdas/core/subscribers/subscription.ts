/**
 * The rules of a subscription, as pure functions from the stored record (or none) and a request
 * to the record to store and what to do next. The store writes the result conditionally on the
 * version it read, so two requests racing on one address cannot both win.
 *
 * pending ──confirm──▶ confirmed ──unsubscribe──▶ unsubscribed ──subscribe──▶ pending (new confirmation)
 * any ──bounce──▶ bounced ──subscribe──▶ pending (the new confirmation proves the mailbox works again)
 * any ──complaint──▶ complained (final: never mailed again)
 * Every confirmation email carries a new confirmation id: only the latest link confirms.
 * Unsubscribed, bounced and complained records keep a hash of the address, not the address
 * (`retention.ts`); read back, such a record is version 0 of a new record of the address.
 * How often confirmation emails go out is capped elsewhere (`MAILBOX_SHORT`, `MAILBOX_DAY`, …).
 */
import type { Subscriber } from "../types.ts";
import type { RetainedRecord } from "./retention.ts";

/** A pending sign-up that is never confirmed is forgotten after this long (the table's TTL). */
export const PENDING_TTL_SECONDS = 30 * 24 * 60 * 60;

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
  consent: ConsentRecord | null;
  /** Epoch seconds after which a never-confirmed record is gone (null once confirmed). */
  expiresAt: number | null;
  /** Incremented by every write; a write succeeds only on the version it read. */
  version: number;
  /** When the record was read from an address's hash (it had left): what the hash keeps. */
  retained?: RetainedRecord | undefined;
}

export interface SubscribeRequest {
  email: string;
  subscriberId: string;
  ip: string;
  now: Date;
  /** A fresh random id, used if this request starts a new confirmation. */
  newConfirmationId: string;
}

/**
 * Decides a sign-up: the record to write with a new confirmation to send, or null when there is
 * nothing to send (confirmed and complained addresses are left alone). New, pending, unsubscribed
 * and bounced addresses start a new confirmation, which replaces any earlier one. The caller
 * answers the same in every case.
 */
export function planSubscribe(
  existing: SubscriberRecord | null,
  request: SubscribeRequest,
): SubscriberRecord | null {
  const at = request.now.toISOString();
  const expiresAt = Math.floor(request.now.getTime() / 1000) + PENDING_TTL_SECONDS;
  if (existing === null) {
    return {
      email: request.email,
      id: request.subscriberId,
      status: "pending",
      createdAt: at,
      updatedAt: at,
      confirmationId: request.newConfirmationId,
      requestedAt: at,
      requestedIp: request.ip,
      consent: null,
      expiresAt,
      version: 1,
    };
  }
  if (existing.status === "confirmed" || existing.status === "complained") return null;
  return {
    ...existing,
    id: existing.id ?? request.subscriberId,
    status: "pending",
    updatedAt: at,
    confirmationId: request.newConfirmationId,
    requestedAt: at,
    requestedIp: request.ip,
    expiresAt,
    version: existing.version + 1,
  };
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
    expiresAt: null,
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
  return {
    ...existing,
    status: "unsubscribed",
    updatedAt: now.toISOString(),
    expiresAt: null,
    version: existing.version + 1,
  };
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
      ...{ requestedAt: null, requestedIp: null, consent: null, expiresAt: null, version: 1 },
    };
  }
  // A complaint outranks a bounce; neither is undone.
  if (existing.status === reason || existing.status === "complained") return null;
  return { ...existing, status: reason, updatedAt: at, expiresAt: null, version: existing.version + 1 };
}

/** Whether a subscriber may be sent mail other than a confirmation: only when confirmed. */
export function isMailable(subscriber: Pick<Subscriber, "status">): boolean {
  return subscriber.status === "confirmed";
}
