import { checkAddress } from "../core/subscribers/address.ts";
import { canonicalMailbox } from "../core/subscribers/mailbox.ts";
import { pseudonymFor, subscriberIdFor } from "../core/subscribers/tokens.ts";
import type {
  DeliveryEraser,
  ErasedSubscriber,
  RateCounterEraser,
  SecretSource,
  SubscriberEraser,
} from "../ports.ts";

export interface ForgetDeps {
  subscribers: SubscriberEraser;
  deliveries: DeliveryEraser;
  rateLimits: RateCounterEraser;
  secret: SecretSource;
}

/** What was erased of a person, table by table. */
export interface ForgetReport {
  email: string;
  subscriber: ErasedSubscriber;
  deliveries: number;
  rateCounters: number;
}

/** An address that cannot be one: nothing was looked up. */
export class NotAnAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotAnAddressError";
  }
}

/**
 * Erases a person from every table onrecord keeps: the subscriber record and the hashes kept once
 * the address left, the delivery rows of every issue, and the confirmation caps' counters of the
 * person's mailbox. Nothing else of theirs is stored; logs and SES's account-level suppression list
 * are out of its reach (the caller says so).
 * @throws {NotAnAddressError} for input that is not an email address.
 */
export async function forgetPerson(input: string, deps: ForgetDeps): Promise<ForgetReport> {
  const check = checkAddress(input);
  if (!check.ok) throw new NotAnAddressError(`not an email address: ${check.message}`);
  const { email } = check;
  const secret = await deps.secret.get();
  const [subscriber, deliveries, rateCounters] = await Promise.all([
    deps.subscribers.erase(email),
    deps.deliveries.eraseRecipient(subscriberIdFor(secret, email), email),
    deps.rateLimits.eraseSubjects([pseudonymFor(secret, "mailbox", canonicalMailbox(email))]),
  ]);
  return { email, subscriber, deliveries, rateCounters };
}
