import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoSubscriberStore } from "../../lambdas/adapters/dynamo-subscriber-store.ts";
import { SUBSCRIBERS_TABLE } from "../../lambdas/adapters/dynamo-tables.ts";
import {
  planConfirm,
  planSubscribe,
  planSuppress,
  planUnsubscribe,
} from "../../lambdas/core/subscribers/subscription.ts";
import { subscriberIdFor } from "../../lambdas/core/subscribers/tokens.ts";
import type { SubscriberStatus } from "../../lambdas/core/types.ts";

/**
 * Stores a subscriber in a given state by taking the steps a person would (sign up, confirm,
 * unsubscribe) through the subscription rules, so records look exactly as the web app leaves them.
 */
export async function seedSubscriber(
  dynamo: DynamoDBClient,
  secret: string,
  email: string,
  status: SubscriberStatus,
): Promise<void> {
  const store = new DynamoSubscriberStore(SUBSCRIBERS_TABLE.localName, dynamo);
  const now = new Date("2026-11-01T10:00:00Z");
  const subscriberId = subscriberIdFor(secret, email);
  const confirmationId = `confirmation-${subscriberId}`;
  let record = planSubscribe(null, {
    email,
    subscriberId,
    ip: "192.0.2.1",
    now,
    newConfirmationId: confirmationId,
  });
  if (record && status !== "pending")
    record = planConfirm(record, confirmationId, { ip: "192.0.2.1", now }).record;
  if (record && status === "unsubscribed") record = planUnsubscribe(record, now);
  if (record && (status === "bounced" || status === "complained"))
    record = planSuppress(record, email, status, now);
  if (!record || !(await store.saveRecord({ ...record, version: 1 })))
    throw new Error(`could not seed ${email}`);
}

/** Seeds many subscribers in parallel, a few dozen at a time. */
export async function seedSubscribers(
  dynamo: DynamoDBClient,
  secret: string,
  entries: readonly (readonly [string, SubscriberStatus])[],
): Promise<void> {
  for (let i = 0; i < entries.length; i += 25) {
    await Promise.all(
      entries.slice(i, i + 25).map(([email, status]) => seedSubscriber(dynamo, secret, email, status)),
    );
  }
}
