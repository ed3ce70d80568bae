import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoSubscriberStore } from "../adapters/dynamo-subscriber-store.ts";
import { readConfig } from "../config.ts";
import type { SubscriberStore } from "../ports.ts";
import type { Env } from "./shared.ts";

/** The SES events handler's dependencies from settings: the subscribers table. */
export function sesEventsDeps(
  env: Env,
  clients: { dynamo?: DynamoDBClient } = {},
): { subscribers: SubscriberStore } {
  const config = readConfig(["ONRECORD_SUBSCRIBERS_TABLE"], env);
  return {
    subscribers: new DynamoSubscriberStore(
      config.ONRECORD_SUBSCRIBERS_TABLE,
      clients.dynamo ?? new DynamoDBClient({}),
    ),
  };
}
