/**
 * What onrecord keeps of an address that left or cannot be mailed (unsubscribed, bounced,
 * complained): not the address, only a keyed hash of it, and when it asked and confirmed. The
 * hash is enough to recognise the address when it is signed up again (a complaint is never
 * mailed again, a bounce must confirm again) and to prove when consent was given and withdrawn;
 * without the key it names nobody. Keys can be rotated: the newest hashes, the older ones are
 * kept for finding what they hashed.
 */
import { createHmac } from "node:crypto";
import type { SubscriberStatus } from "../types.ts";
import type { SubscriberRecord } from "./subscription.ts";
import { MIN_SECRET_LENGTH } from "./tokens.ts";

/** Statuses whose records keep a hash of the address instead of the address. */
export const RETAINED_STATUSES: readonly SubscriberStatus[] = ["unsubscribed", "bounced", "complained"];

export function isRetainedStatus(status: SubscriberStatus): boolean {
  return RETAINED_STATUSES.includes(status);
}

/** The keys that hash addresses: `current` hashes new records, `previous` find older ones. */
export interface HashKeys {
  current: string;
  previous: readonly string[];
}

/** All that is kept of an address that left: its hash, its standing, and the consent's times. */
export interface RetainedRecord {
  hash: string;
  status: SubscriberStatus;
  createdAt: string;
  /** When it left (unsubscribed, bounced or complained). */
  updatedAt: string;
  /** When it asked to subscribe and confirmed, if it ever did. */
  requestedAt: string | null;
  confirmedAt: string | null;
}

/** Hashes carry this prefix: an address always has an `@`, a hash never, so neither is taken for the other. */
const HASH_PREFIX = "h1.";

/**
 * Reads a key ring as it is stored (a secret, a local file): keys separated by line breaks, the
 * first one current. One key alone is a ring without previous keys.
 * @example
 * parseHashKeys("new-key-0123456789abcdef\nold-key-0123456789abcdef")
 * // { current: "new-key-…", previous: ["old-key-…"] }
 */
export function parseHashKeys(text: string): HashKeys {
  const [current, ...previous] = text.split(/\s+/).filter((k) => k !== "");
  if (!current || [current, ...previous].some((k) => k.length < MIN_SECRET_LENGTH))
    throw new RangeError(`an address hash key needs at least ${MIN_SECRET_LENGTH} characters`);
  return { current, previous };
}

/** The hash of an address (as stored: trimmed, lower-cased) under one key. */
export function addressHash(key: string, email: string): string {
  const digest = createHmac("sha256", key).update(`address\0${email}`).digest("base64url");
  return `${HASH_PREFIX}${digest}`;
}

/** The address's hash under every key, the current key's first. */
export function addressHashes(keys: HashKeys, email: string): string[] {
  return [keys.current, ...keys.previous].map((key) => addressHash(key, email));
}

export function isAddressHash(value: string): boolean {
  return value.startsWith(HASH_PREFIX);
}

/** What a record keeps once its address may go: the hash, its standing and the consent's times. */
export function retain(record: SubscriberRecord, hash: string): RetainedRecord {
  return {
    hash,
    status: record.status,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    requestedAt: record.consent?.requestedAt ?? record.requestedAt ?? record.retained?.requestedAt ?? null,
    confirmedAt: record.consent?.confirmedAt ?? record.retained?.confirmedAt ?? null,
  };
}

/**
 * A retained record found by its address's hash, as the record of that address: version 0, as
 * no record of the address itself exists, so a write decided on it must be the first one.
 */
export function fromRetained(email: string, retained: RetainedRecord): SubscriberRecord {
  return {
    email,
    id: null,
    status: retained.status,
    createdAt: retained.createdAt,
    updatedAt: retained.updatedAt,
    confirmationId: null,
    requestedAt: null,
    requestedIp: null,
    consent: null,
    expiresAt: null,
    version: 0,
    retained,
  };
}
