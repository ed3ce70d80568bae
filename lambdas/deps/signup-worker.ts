import { readFile } from "node:fs/promises";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { DynamoRateLimiter } from "../adapters/dynamo-rate-limiter.ts";
import { DynamoSubscriberStore } from "../adapters/dynamo-subscriber-store.ts";
import { countMetric } from "../adapters/emf-metrics.ts";
import { SesMessageSender } from "../adapters/ses-message-sender.ts";
import { SignupWorker } from "../app/signup-worker.ts";
import { readConfig } from "../config.ts";
import type { ConfirmationTemplate } from "../core/render/confirmation-email.ts";
import { type Env, hashKeySource, retryingOnce, secretSource } from "./shared.ts";

const SETTINGS = [
  ...(["ONRECORD_SUBSCRIBERS_TABLE", "ONRECORD_RATE_LIMITS_TABLE"] as const),
  ...(["ONRECORD_SENDER", "ONRECORD_CONFIGURATION_SET", "ONRECORD_PUBLIC_URL"] as const),
  ...(["ONRECORD_UNSUBSCRIBE_SECRET", "ONRECORD_UNSUBSCRIBE_SECRET_ARN"] as const),
  ...(["ONRECORD_ADDRESS_HASH_KEYS", "ONRECORD_ADDRESS_HASH_KEYS_ARN"] as const),
];

/** The rendered confirmation email, written beside the bundle when it was built. */
export const BUNDLED_TEMPLATE = new URL("./confirmation-template.json", import.meta.url);

/** The metric the confirmation budget's alarm watches (namespace `onrecord`). */
export const BUDGET_METRIC = { service: "signup-worker", name: "ConfirmationsOverBudget" } as const;

/**
 * The confirmation worker's dependencies from settings: the signing key is read from Secrets
 * Manager and the confirmation template from beside the bundle, each on first use.
 */
export function signupWorkerDeps(
  env: Env,
  clients: { dynamo?: DynamoDBClient; ses?: SESv2Client; secrets?: SecretsManagerClient } = {},
  templateFile: URL = BUNDLED_TEMPLATE,
): { worker: SignupWorker; flushMetrics: () => void } {
  const config = readConfig(SETTINGS, env);
  const dynamo = clients.dynamo ?? new DynamoDBClient({});
  const overBudget = countMetric(BUDGET_METRIC.service, BUDGET_METRIC.name);
  const secrets = () => (clients.secrets ??= new SecretsManagerClient({}));
  const worker = new SignupWorker({
    store: new DynamoSubscriberStore(
      config.ONRECORD_SUBSCRIBERS_TABLE,
      dynamo,
      undefined,
      hashKeySource(config, secrets),
    ),
    limiter: new DynamoRateLimiter(config.ONRECORD_RATE_LIMITS_TABLE, dynamo),
    sender: new SesMessageSender({
      sender: config.ONRECORD_SENDER,
      configurationSet: config.ONRECORD_CONFIGURATION_SET,
      client: clients.ses ?? new SESv2Client({}),
    }),
    secret: secretSource(config, secrets),
    confirmationTemplate: retryingOnce(
      async () => JSON.parse(await readFile(templateFile, "utf8")) as ConfirmationTemplate,
    ),
    publicUrl: config.ONRECORD_PUBLIC_URL,
    onBudgetExhausted: () => overBudget.count(1),
  });
  return { worker, flushMetrics: () => overBudget.flush() };
}
