import { readFile } from "node:fs/promises";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { getConnInfo } from "hono/aws-lambda";
import { DynamoIssueArchive } from "../adapters/dynamo-issue-archive.ts";
import { DynamoRateLimiter } from "../adapters/dynamo-rate-limiter.ts";
import { DynamoSubscriberStore } from "../adapters/dynamo-subscriber-store.ts";
import { SesMessageSender } from "../adapters/ses-message-sender.ts";
import { Subscriptions } from "../app/subscriptions.ts";
import { readConfig } from "../config.ts";
import type { ConfirmationTemplate } from "../core/render/confirmation-email.ts";
import type { WebAppDeps } from "../web/app.ts";
import { type Env, retryingOnce, secretSource } from "./shared.ts";

const SETTINGS = [
  ...(["ONRECORD_SUBSCRIBERS_TABLE", "ONRECORD_ISSUES_TABLE", "ONRECORD_RATE_LIMITS_TABLE"] as const),
  ...(["ONRECORD_SENDER", "ONRECORD_CONFIGURATION_SET", "ONRECORD_PUBLIC_URL"] as const),
  ...(["ONRECORD_UNSUBSCRIBE_SECRET", "ONRECORD_UNSUBSCRIBE_SECRET_ARN"] as const),
];

/** The rendered confirmation email, written beside the bundle when it was built. */
export const BUNDLED_TEMPLATE = new URL("./confirmation-template.json", import.meta.url);

/**
 * The web function's dependencies from settings. The signing key is read from Secrets Manager on
 * the first request that needs it; the confirmation template on the first sign-up.
 */
export function webDeps(
  env: Env,
  clients: { dynamo?: DynamoDBClient; ses?: SESv2Client; secrets?: SecretsManagerClient } = {},
  templateFile: URL = BUNDLED_TEMPLATE,
): WebAppDeps {
  const config = readConfig(SETTINGS, env);
  const dynamo = clients.dynamo ?? new DynamoDBClient({});
  const template = retryingOnce(
    async () => JSON.parse(await readFile(templateFile, "utf8")) as ConfirmationTemplate,
  );
  const subscriptions = new Subscriptions({
    store: new DynamoSubscriberStore(config.ONRECORD_SUBSCRIBERS_TABLE, dynamo),
    limiter: new DynamoRateLimiter(config.ONRECORD_RATE_LIMITS_TABLE, dynamo),
    sender: new SesMessageSender({
      sender: config.ONRECORD_SENDER,
      configurationSet: config.ONRECORD_CONFIGURATION_SET,
      client: clients.ses ?? new SESv2Client({}),
    }),
    secret: secretSource(config, () => clients.secrets ?? new SecretsManagerClient({})),
    confirmationTemplate: template,
    publicUrl: config.ONRECORD_PUBLIC_URL,
  });
  return {
    subscriptions,
    archive: new DynamoIssueArchive(config.ONRECORD_ISSUES_TABLE, dynamo),
    publicUrl: config.ONRECORD_PUBLIC_URL,
    clientIp: (c) => getConnInfo(c).remote.address ?? "unknown",
  };
}
