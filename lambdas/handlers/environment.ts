import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoArticleStore } from "../adapters/dynamo-article-store.ts";
import { DynamoDeliveryStore } from "../adapters/dynamo-delivery-store.ts";
import { DynamoIssueStore } from "../adapters/dynamo-issue-store.ts";
import { DynamoSubscriberStore } from "../adapters/dynamo-subscriber-store.ts";
import { SesBulkMailer } from "../adapters/ses-bulk-mailer.ts";
import { SqsSendQueue } from "../adapters/sqs-queue.ts";
import { ConfigError, readConfig } from "../config.ts";
import { unsubscribeUrlFor } from "../core/subscribers/tokens.ts";
import type { SendQueue } from "../ports.ts";
import { digestFunctions } from "./digest-functions.ts";
import type { IngestDeps } from "./ingest.ts";
import type { SendWorkerDeps } from "./send-worker.ts";
import type { ComposeIssueDeps } from "./use-cases/compose-issue.ts";
import { templateNameFor } from "./use-cases/compose-issue.ts";
import { deliverBatch } from "./use-cases/deliver-batch.ts";
import { personaliseWith } from "./use-cases/personalise.ts";
import { SendRateLimiter, workerSendRate } from "./use-cases/send-rate-limiter.ts";

/** The SDK clients the adapters use: AWS's by default, local emulators' when run on one machine. */
export interface AwsClients {
  dynamo: DynamoDBClient;
  ses: SESv2Client;
  sqs: SQSClient;
  s3: S3Client;
  secrets: SecretsManagerClient;
}

export function awsClients(): AwsClients {
  return {
    dynamo: new DynamoDBClient({}),
    ses: new SESv2Client({ maxAttempts: 6, retryMode: "adaptive" }),
    sqs: new SQSClient({}),
    s3: new S3Client({}),
    secrets: new SecretsManagerClient({}),
  };
}

type Env = Record<string, string | undefined>;

/**
 * Builds each handler's dependencies from settings (environment variables on Lambda) and clients.
 * Each builder reads only the settings its handler needs and fails fast when one is missing.
 */
export function fromEnvironment(env: Env = process.env, clients: AwsClients = awsClients()) {
  const subscribers = () =>
    new DynamoSubscriberStore(
      readConfig(["ONRECORD_SUBSCRIBERS_TABLE"], env).ONRECORD_SUBSCRIBERS_TABLE,
      clients.dynamo,
    );
  return {
    ingestDeps(): IngestDeps {
      const config = readConfig(["ONRECORD_ARTICLES_TABLE"], env);
      return {
        articles: new DynamoArticleStore(config.ONRECORD_ARTICLES_TABLE, clients.dynamo),
        readObject: async (Bucket, Key) => {
          const { Body } = await clients.s3.send(new GetObjectCommand({ Bucket, Key }));
          if (!Body) throw new Error(`s3://${Bucket}/${Key} has no body`);
          return Body.transformToByteArray();
        },
      };
    },

    sesEventsDeps: () => ({ subscribers: subscribers() }),

    composeDeps(queue?: SendQueue): ComposeIssueDeps & { timeZone: string } {
      const names = [
        "ONRECORD_ARTICLES_TABLE",
        "ONRECORD_ISSUES_TABLE",
        "ONRECORD_SENDER",
        "ONRECORD_TIME_ZONE",
      ] as const;
      const config = readConfig(queue ? names : [...names, "ONRECORD_SEND_QUEUE_URL"], env);
      const { compose, render } = digestFunctions();
      return {
        articles: new DynamoArticleStore(config.ONRECORD_ARTICLES_TABLE, clients.dynamo),
        issues: new DynamoIssueStore(config.ONRECORD_ISSUES_TABLE, clients.dynamo),
        subscribers: subscribers(),
        mailer: new SesBulkMailer({ sender: config.ONRECORD_SENDER, client: clients.ses }),
        queue:
          queue ??
          new SqsSendQueue(readConfig(["ONRECORD_SEND_QUEUE_URL"], env).ONRECORD_SEND_QUEUE_URL, clients.sqs),
        compose: (articles, from, to) => compose(articles, from, to, config.ONRECORD_TIME_ZONE),
        render,
        timeZone: config.ONRECORD_TIME_ZONE,
      };
    },

    sendWorkerDeps(): SendWorkerDeps {
      const config = readConfig(
        [
          ...([
            "ONRECORD_DELIVERIES_TABLE",
            "ONRECORD_SENDER",
            "ONRECORD_CONFIGURATION_SET",
            "ONRECORD_PUBLIC_URL",
          ] as const),
          ...(["ONRECORD_SEND_RATE", "ONRECORD_SEND_CONCURRENCY"] as const),
          ...(["ONRECORD_UNSUBSCRIBE_SECRET", "ONRECORD_UNSUBSCRIBE_SECRET_ARN"] as const),
        ],
        env,
      );
      const mailer = new SesBulkMailer({
        sender: config.ONRECORD_SENDER,
        configurationSet: config.ONRECORD_CONFIGURATION_SET,
        client: clients.ses,
      });
      const deliveries = new DynamoDeliveryStore(config.ONRECORD_DELIVERIES_TABLE, clients.dynamo);
      const { replacementData } = digestFunctions();
      const ready = retryingOnce(async () => {
        const secret = await loadSecret(config, clients.secrets);
        const accountRate = config.ONRECORD_SEND_RATE ?? (await mailer.maxSendRate());
        const limiter = new SendRateLimiter(workerSendRate(accountRate, config.ONRECORD_SEND_CONCURRENCY));
        const personalise = personaliseWith(
          (email) => unsubscribeUrlFor(config.ONRECORD_PUBLIC_URL, email, secret),
          replacementData,
        );
        return { limiter, personalise };
      });
      return {
        deliver: async (batch) =>
          deliverBatch(batch, { deliveries, mailer, templateName: templateNameFor, ...(await ready()) }),
      };
    },
  };
}

async function loadSecret(
  config: {
    ONRECORD_UNSUBSCRIBE_SECRET?: string | undefined;
    ONRECORD_UNSUBSCRIBE_SECRET_ARN?: string | undefined;
  },
  client: SecretsManagerClient,
): Promise<string> {
  if (config.ONRECORD_UNSUBSCRIBE_SECRET) return config.ONRECORD_UNSUBSCRIBE_SECRET;
  if (!config.ONRECORD_UNSUBSCRIBE_SECRET_ARN) {
    throw new ConfigError(
      "onrecord is misconfigured: set ONRECORD_UNSUBSCRIBE_SECRET or ONRECORD_UNSUBSCRIBE_SECRET_ARN",
    );
  }
  const { SecretString } = await client.send(
    new GetSecretValueCommand({ SecretId: config.ONRECORD_UNSUBSCRIBE_SECRET_ARN }),
  );
  if (!SecretString) throw new ConfigError("the unsubscribe secret is empty");
  return SecretString;
}

/** Memoises an async start-up step, forgetting a failure so the next event tries again. */
function retryingOnce<T>(start: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= start().catch((error) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
