import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { DynamoDeliveryEraser } from "../adapters/dynamo-delivery-eraser.ts";
import { DynamoRateLimiter } from "../adapters/dynamo-rate-limiter.ts";
import { DynamoSubscriberStore } from "../adapters/dynamo-subscriber-store.ts";
import { type ForgetDeps, type ForgetReport, forgetPerson } from "../app/forget-person.ts";
import { readConfig } from "../config.ts";
import { hashKeySource, secretSource } from "../deps/shared.ts";
import { openTarget } from "./pipeline-target.ts";

const SETTINGS = [
  ...(["ONRECORD_SUBSCRIBERS_TABLE", "ONRECORD_DELIVERIES_TABLE", "ONRECORD_ISSUES_TABLE"] as const),
  ...(["ONRECORD_RATE_LIMITS_TABLE"] as const),
  ...(["ONRECORD_UNSUBSCRIBE_SECRET", "ONRECORD_UNSUBSCRIBE_SECRET_ARN"] as const),
  ...(["ONRECORD_ADDRESS_HASH_KEYS", "ONRECORD_ADDRESS_HASH_KEYS_ARN"] as const),
];

/** Erases a person on AWS or locally, and prints what was removed and what is out of reach. */
export async function runForget(email: string): Promise<void> {
  const target = await openTarget();
  try {
    const env = target.kind === "aws" ? target.env : target.stack.env;
    const dynamo = target.kind === "aws" ? new DynamoDBClient({}) : target.stack.dynamo;
    const report = await forgetPerson(email, forgetDeps(env, dynamo));
    process.stdout.write(describeForgetting(report, target.kind));
  } finally {
    if (target.kind === "local") await target.stack.close();
  }
}

export function forgetDeps(env: Record<string, string | undefined>, dynamo: DynamoDBClient): ForgetDeps {
  const config = readConfig(SETTINGS, env);
  const secrets = () => new SecretsManagerClient({});
  return {
    subscribers: new DynamoSubscriberStore(
      config.ONRECORD_SUBSCRIBERS_TABLE,
      dynamo,
      undefined,
      hashKeySource(config, secrets),
    ),
    deliveries: new DynamoDeliveryEraser(
      { deliveries: config.ONRECORD_DELIVERIES_TABLE, issues: config.ONRECORD_ISSUES_TABLE },
      dynamo,
    ),
    rateLimits: new DynamoRateLimiter(config.ONRECORD_RATE_LIMITS_TABLE, dynamo),
    secret: secretSource(config, secrets),
  };
}

/** What was removed, table by table, then what onrecord cannot reach. */
export function describeForgetting(report: ForgetReport, where: "aws" | "local"): string {
  const { subscriber } = report;
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const record = subscriber.address ? `its record (${subscriber.address})` : "no record of the address";
  const hashes = subscriber.hashes > 0 ? ` and ${plural(subscriber.hashes, "hashed record")} of it` : "";
  const found =
    subscriber.address !== null || subscriber.hashes + report.deliveries + report.rateCounters > 0;
  return [
    `${found ? "forgot" : "found nothing of"} ${report.email}`,
    "removed:",
    `  subscribers: ${record}${hashes}`,
    `  deliveries:  ${plural(report.deliveries, "row")} of past issues`,
    `  rate limits: ${plural(report.rateCounters, "counter")} of its mailbox's confirmation emails`,
    "out of onrecord's reach:",
    where === "aws"
      ? "  logs already written: CloudWatch Logs keeps each function's lines until their retention ends"
      : "  the local inbox of a running npm start, in memory until it stops",
    "  SES's account-level suppression list, if a bounce or complaint put the address there:",
    `    aws sesv2 delete-suppressed-destination --email-address ${report.email}`,
    "  a sign-up still waiting for its confirmation email (at most a day in the queue): run forget again later",
    "  emails already delivered to the person",
    "",
  ].join("\n");
}
