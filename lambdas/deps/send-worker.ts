import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { SESv2Client } from "@aws-sdk/client-sesv2";
import { DynamoDeliveryStore } from "../adapters/dynamo-delivery-store.ts";
import { DynamoSubscriberStore } from "../adapters/dynamo-subscriber-store.ts";
import { bulkSendClient, SesBulkMailer } from "../adapters/ses-bulk-mailer.ts";
import { templateNameFor } from "../app/compose-issue.ts";
import { type DeliverBatchDeps, type DeliverBatchResult, deliverBatch } from "../app/deliver-batch.ts";
import { personaliseWith } from "../app/personalise.ts";
import { SendRateLimiter, workerSendRate } from "../app/send-rate-limiter.ts";
import { readConfig } from "../config.ts";
import { replacementDataFor } from "../core/render/placeholders.ts";
import { unsubscribeUrlFor } from "../core/subscribers/tokens.ts";
import type { SendBatch } from "../ports.ts";
import { type Env, retryingOnce, secretSource } from "./shared.ts";

/** What one invocation gives a batch: the time it has left (Lambda's context). */
export interface DeliveryContext {
  remainingMs?: () => number;
}

/** What the send worker needs: a way to deliver one batch, and where to log. */
export interface SendWorkerDeps {
  deliver: (batch: SendBatch, context?: DeliveryContext) => Promise<DeliverBatchResult>;
  log?: (entry: Record<string, unknown>) => void;
}

const SETTINGS = [
  ...([
    "ONRECORD_DELIVERIES_TABLE",
    "ONRECORD_SUBSCRIBERS_TABLE",
    "ONRECORD_SENDER",
    "ONRECORD_CONFIGURATION_SET",
    "ONRECORD_PUBLIC_URL",
  ] as const),
  ...(["ONRECORD_SEND_RATE", "ONRECORD_SEND_CONCURRENCY"] as const),
  ...(["ONRECORD_UNSUBSCRIBE_SECRET", "ONRECORD_UNSUBSCRIBE_SECRET_ARN"] as const),
];

/** What tests and benches may replace: the clients, the clock and sleeping (virtual time). */
export interface SendWorkerOverrides {
  dynamo?: DynamoDBClient;
  /** Build it with `bulkSendClient` (retries throttling only): SendBulkEmail is not idempotent. */
  ses?: SESv2Client;
  secrets?: SecretsManagerClient;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  leaseMs?: number;
}

/**
 * The send worker's dependencies from settings. The signing key and the account's send rate are
 * read on the first batch (and again after a failed read), then kept for the instance's life.
 */
export function sendWorkerDeps(env: Env, clients: SendWorkerOverrides = {}): SendWorkerDeps {
  const config = readConfig(SETTINGS, env);
  const mailer = new SesBulkMailer({
    sender: config.ONRECORD_SENDER,
    configurationSet: config.ONRECORD_CONFIGURATION_SET,
    client: clients.ses ?? bulkSendClient(),
  });
  const dynamo = clients.dynamo ?? new DynamoDBClient({});
  const now = clients.now ?? (() => new Date());
  const deliveries = new DynamoDeliveryStore(config.ONRECORD_DELIVERIES_TABLE, dynamo, now, {
    ...(clients.leaseMs && { leaseMs: clients.leaseMs }),
  });
  const subscribers = new DynamoSubscriberStore(config.ONRECORD_SUBSCRIBERS_TABLE, dynamo, now);
  const secrets = secretSource(config, () => clients.secrets ?? new SecretsManagerClient({}));
  const ready = retryingOnce(async () => {
    const secret = await secrets.get();
    const accountRate = config.ONRECORD_SEND_RATE ?? (await mailer.maxSendRate());
    const limiter = new SendRateLimiter(
      workerSendRate(accountRate, config.ONRECORD_SEND_CONCURRENCY),
      clients.now ? () => now().getTime() : undefined,
      clients.sleep,
    );
    const personalise = personaliseWith(
      (email) => unsubscribeUrlFor(config.ONRECORD_PUBLIC_URL, email, secret),
      (recipient, url) => replacementDataFor(recipient, url),
    );
    return { limiter, personalise };
  });
  return {
    deliver: async (batch, context = {}) => {
      const deps: DeliverBatchDeps = {
        deliveries,
        subscribers,
        mailer,
        templateName: templateNameFor,
        now,
        ...(clients.sleep && { sleep: clients.sleep }),
        ...(context.remainingMs && { remainingMs: context.remainingMs }),
        ...(await ready()),
      };
      return deliverBatch(batch, deps);
    },
  };
}
