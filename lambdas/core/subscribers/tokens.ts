/**
 * Signed links for subscribers: confirmation (expires after 7 days) and unsubscribe (never
 * expires). A token names the subscriber by a pseudonymous id, never by address, so links in
 * browser histories and access logs reveal nobody. Tokens are HMAC-SHA256 signed and checked in
 * constant time.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** How long a confirmation link stays valid. */
export const CONFIRMATION_TTL_SECONDS = 7 * 24 * 60 * 60;
/** Longer strings are refused before any work is done on them. */
export const MAX_TOKEN_LENGTH = 256;
/** Signing keys shorter than this are refused: they could be guessed. */
export const MIN_SECRET_LENGTH = 16;

export interface ConfirmClaims {
  purpose: "confirm";
  subscriberId: string;
  /** Which confirmation email this link came from; only the latest one confirms. */
  confirmationId: string;
  /** Epoch seconds after which the link no longer confirms. */
  expiresAt: number;
}

export interface UnsubscribeClaims {
  purpose: "unsubscribe";
  subscriberId: string;
}

export type TokenClaims = ConfirmClaims | UnsubscribeClaims;

/** Why a token was refused: `malformed` (cut or garbled), `tampered` (signature wrong), `expired`. */
export type TokenProblem = "malformed" | "tampered" | "expired";

export type TokenCheck<C extends TokenClaims> =
  | { ok: true; claims: C }
  | { ok: false; problem: TokenProblem };

const ID = "[A-Za-z0-9_-]{16,64}";
const CONFIRM = new RegExp(`^c1\\.(${ID})\\.(${ID})\\.(\\d{1,12})\\.([A-Za-z0-9_-]{43})$`);
const UNSUBSCRIBE = new RegExp(`^u1\\.(${ID})\\.([A-Za-z0-9_-]{43})$`);

/**
 * The stable pseudonymous id of an address: the same address always gets the same id under the
 * same secret, so a send can build any recipient's unsubscribe link from the address alone.
 */
export function subscriberIdFor(secret: string, email: string): string {
  return pseudonymFor(secret, "subscriber-id", email);
}

/**
 * A keyed one-way name for a value (an address, a client IP), for records such as rate-limit
 * counters that must tell subjects apart without naming them.
 */
export function pseudonymFor(secret: string, kind: string, value: string): string {
  return hmac(secret, `${kind}\0${value}`).subarray(0, 16).toString("base64url");
}

/** A confirmation token for the subscriber's current confirmation, valid for 7 days from `now`. */
export function createConfirmToken(
  secret: string,
  claims: Pick<ConfirmClaims, "subscriberId" | "confirmationId">,
  now: Date,
): string {
  const expiresAt = Math.floor(now.getTime() / 1000) + CONFIRMATION_TTL_SECONDS;
  return sign(secret, `c1.${claims.subscriberId}.${claims.confirmationId}.${expiresAt}`);
}

/** An unsubscribe token: it never expires, so the link in any old issue keeps working. */
export function createUnsubscribeToken(secret: string, email: string): string {
  return sign(secret, `u1.${subscriberIdFor(secret, email)}`);
}

/**
 * The one-click unsubscribe URL for an address, for the `List-Unsubscribe` header and the link in
 * the digest's footer.
 * @example
 * unsubscribeUrlFor("https://onrecord.example", "reader@example.org", secret)
 * // "https://onrecord.example/unsubscribe?token=u1.…"
 */
export function unsubscribeUrlFor(baseUrl: string, email: string, secret: string): string {
  return linkFor(baseUrl, "/unsubscribe", createUnsubscribeToken(secret, email));
}

/** The confirmation URL a confirmation email links to. */
export function confirmUrlFor(baseUrl: string, token: string): string {
  return linkFor(baseUrl, "/confirm", token);
}

/** Checks a confirmation token's form, signature and expiry. */
export function verifyConfirmToken(secret: string, token: unknown, now: Date): TokenCheck<ConfirmClaims> {
  const match = typeof token === "string" && token.length <= MAX_TOKEN_LENGTH ? CONFIRM.exec(token) : null;
  if (!match) return { ok: false, problem: "malformed" };
  const [, subscriberId = "", confirmationId = "", expires = "", signature = ""] = match;
  if (!signatureMatches(secret, token as string, signature)) return { ok: false, problem: "tampered" };
  const expiresAt = Number(expires);
  if (expiresAt * 1000 <= now.getTime()) return { ok: false, problem: "expired" };
  return { ok: true, claims: { purpose: "confirm", subscriberId, confirmationId, expiresAt } };
}

/** Checks an unsubscribe token's form and signature. */
export function verifyUnsubscribeToken(secret: string, token: unknown): TokenCheck<UnsubscribeClaims> {
  const match =
    typeof token === "string" && token.length <= MAX_TOKEN_LENGTH ? UNSUBSCRIBE.exec(token) : null;
  if (!match) return { ok: false, problem: "malformed" };
  const [, subscriberId = "", signature = ""] = match;
  if (!signatureMatches(secret, token as string, signature)) return { ok: false, problem: "tampered" };
  return { ok: true, claims: { purpose: "unsubscribe", subscriberId } };
}

function sign(secret: string, payload: string): string {
  return `${payload}.${hmac(secret, `token\0${payload}`).toString("base64url")}`;
}

function signatureMatches(secret: string, token: string, signature: string): boolean {
  const payload = token.slice(0, token.length - signature.length - 1);
  // Compare the text, not decoded bytes: base64 lets several strings decode to the same bytes.
  const expected = Buffer.from(hmac(secret, `token\0${payload}`).toString("base64url"));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function hmac(secret: string, message: string): Buffer {
  if (secret.length < MIN_SECRET_LENGTH) throw new RangeError("the signing secret is too short");
  return createHmac("sha256", secret).update(message).digest();
}

function linkFor(baseUrl: string, path: string, token: string): string {
  const url = new URL(baseUrl);
  // Append to the base's own path, so a base such as https://host/prod keeps its stage.
  url.pathname = `${url.pathname.replace(/\/$/, "")}${path}`;
  url.search = "";
  url.searchParams.set("token", token);
  return url.toString();
}
