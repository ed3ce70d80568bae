import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SQSClient } from "@aws-sdk/client-sqs";
import { getConnInfo } from "hono/aws-lambda";
import { DynamoIssueArchive } from "../adapters/dynamo-issue-archive.ts";
import { DynamoRateLimiter } from "../adapters/dynamo-rate-limiter.ts";
import { DynamoSubscriberStore } from "../adapters/dynamo-subscriber-store.ts";
import { SecretsManagerSecret } from "../adapters/secret-sources.ts";
import { SqsSendQueue } from "../adapters/sqs-queue.ts";
import { Subscriptions } from "../app/subscriptions.ts";
import { readConfig } from "../config.ts";
import type { SignupJob } from "../ports.ts";
import type { WebAppDeps } from "../web/app.ts";
import { viewerIp } from "../web/edge-origin.ts";
import { SignupChallenge } from "../web/signup-challenge.ts";
import { type Env, hashKeySource, secretSource } from "./shared.ts";

const SETTINGS = [
  ...(["ONRECORD_SUBSCRIBERS_TABLE", "ONRECORD_ISSUES_TABLE", "ONRECORD_RATE_LIMITS_TABLE"] as const),
  ...(["ONRECORD_SIGNUP_QUEUE_URL", "ONRECORD_PUBLIC_URL"] as const),
  ...(["ONRECORD_UNSUBSCRIBE_SECRET", "ONRECORD_UNSUBSCRIBE_SECRET_ARN"] as const),
  ...(["ONRECORD_ADDRESS_HASH_KEYS", "ONRECORD_ADDRESS_HASH_KEYS_ARN"] as const),
  ...(["ONRECORD_EDGE_SECRET_ARN", "ONRECORD_SIGNUP_CHALLENGE_COST"] as const),
];

/**
 * The web function's dependencies from settings. The signing key is read from Secrets Manager on
 * the first request that needs it. Sign-ups go to the signup queue: the confirmation email is
 * the confirmation worker's (`deps/signup-worker.ts`), never the request's.
 */
export function webDeps(
  env: Env,
  clients: { dynamo?: DynamoDBClient; sqs?: SQSClient; secrets?: SecretsManagerClient } = {},
): WebAppDeps {
  const config = readConfig(SETTINGS, env);
  const dynamo = clients.dynamo ?? new DynamoDBClient({});
  const secrets = () => (clients.secrets ??= new SecretsManagerClient({}));
  const signingKey = secretSource(config, secrets);
  const limiter = new DynamoRateLimiter(config.ONRECORD_RATE_LIMITS_TABLE, dynamo);
  const subscriptions = new Subscriptions({
    store: new DynamoSubscriberStore(
      config.ONRECORD_SUBSCRIBERS_TABLE,
      dynamo,
      undefined,
      hashKeySource(config, secrets),
    ),
    limiter,
    queue: new SqsSendQueue<SignupJob>(config.ONRECORD_SIGNUP_QUEUE_URL, clients.sqs ?? new SQSClient({})),
    secret: signingKey,
  });
  const edgeSecret =
    config.ONRECORD_EDGE_SECRET_ARN && new SecretsManagerSecret(config.ONRECORD_EDGE_SECRET_ARN, secrets());
  return {
    subscriptions,
    archive: new DynamoIssueArchive(config.ONRECORD_ISSUES_TABLE, dynamo),
    publicUrl: config.ONRECORD_PUBLIC_URL,
    // Behind CloudFront the socket's peer is CloudFront: the viewer is in its header.
    clientIp: edgeSecret ? viewerIp : (c) => getConnInfo(c).remote.address ?? "unknown",
    ...(edgeSecret && { edgeSecret }),
    ...(config.ONRECORD_SIGNUP_CHALLENGE_COST && {
      challenge: new SignupChallenge({
        cost: config.ONRECORD_SIGNUP_CHALLENGE_COST,
        secret: signingKey,
        limiter,
        // Copied beside the bundle when it was built (lib/web-api.ts).
        assetPath: (file) => new URL(`./altcha/${file}`, import.meta.url),
      }),
    }),
  };
}
