import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoArticleStore } from "../adapters/dynamo-article-store.ts";
import { DynamoDeliveryStore } from "../adapters/dynamo-delivery-store.ts";
import { DynamoIssueStore } from "../adapters/dynamo-issue-store.ts";
import { DynamoSubscriberStore } from "../adapters/dynamo-subscriber-store.ts";
import { SesBulkMailer } from "../adapters/ses-bulk-mailer.ts";
import { SqsSendQueue } from "../adapters/sqs-queue.ts";
import type { ComposeIssueDeps } from "../app/compose-issue.ts";
import { readConfig } from "../config.ts";
import type { SendQueue } from "../ports.ts";
import { digestFunctions } from "./digest.ts";
import type { Env } from "./shared.ts";

const SETTINGS = [
  ...(["ONRECORD_ARTICLES_TABLE", "ONRECORD_ISSUES_TABLE", "ONRECORD_SUBSCRIBERS_TABLE"] as const),
  "ONRECORD_DELIVERIES_TABLE" as const,
  ...(["ONRECORD_SENDER", "ONRECORD_TIME_ZONE", "ONRECORD_POSTAL_ADDRESS", "ONRECORD_SENDER_NAME"] as const),
  "ONRECORD_PUBLIC_URL" as const,
  "ONRECORD_MIN_STATEMENTS" as const,
  "ONRECORD_MIN_CONFIDENCE" as const,
];

/**
 * The compose handler's dependencies from settings. `queue` replaces SQS (the local run hands
 * batches to an in-process worker); without it the send queue's URL is required.
 */
export function composeDeps(
  env: Env,
  clients: { dynamo?: DynamoDBClient; ses?: SESv2Client; sqs?: SQSClient; now?: () => Date } = {},
  queue?: SendQueue,
): ComposeIssueDeps & { timeZone: string } {
  const config = readConfig(SETTINGS, env);
  const now = clients.now ?? (() => new Date());
  const dynamo = clients.dynamo ?? new DynamoDBClient({});
  const { compose, render } = digestFunctions({
    postalAddress: config.ONRECORD_POSTAL_ADDRESS,
    senderName: config.ONRECORD_SENDER_NAME,
    timeZone: config.ONRECORD_TIME_ZONE,
    minConfidence: config.ONRECORD_MIN_CONFIDENCE,
    publicUrl: config.ONRECORD_PUBLIC_URL,
    // On Lambda the templates are copied beside the bundle (see lib/onrecord-function.ts).
    templatesDir: env.LAMBDA_TASK_ROOT ? join(env.LAMBDA_TASK_ROOT, "templates") : undefined,
  });
  return {
    articles: new DynamoArticleStore(config.ONRECORD_ARTICLES_TABLE, dynamo),
    issues: new DynamoIssueStore(config.ONRECORD_ISSUES_TABLE, dynamo),
    subscribers: new DynamoSubscriberStore(config.ONRECORD_SUBSCRIBERS_TABLE, dynamo),
    deliveries: new DynamoDeliveryStore(config.ONRECORD_DELIVERIES_TABLE, dynamo, now),
    mailer: new SesBulkMailer({ sender: config.ONRECORD_SENDER, client: clients.ses ?? new SESv2Client({}) }),
    queue:
      queue ??
      new SqsSendQueue(
        readConfig(["ONRECORD_SEND_QUEUE_URL"], env).ONRECORD_SEND_QUEUE_URL,
        clients.sqs ?? new SQSClient({}),
      ),
    compose,
    render,
    minStatements: config.ONRECORD_MIN_STATEMENTS,
    now,
    timeZone: config.ONRECORD_TIME_ZONE,
  };
}
