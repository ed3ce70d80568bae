import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDeliveryStore } from "../adapters/dynamo-delivery-store.ts";
import { DynamoSubscriberStore } from "../adapters/dynamo-subscriber-store.ts";
import { readConfig } from "../config.ts";
import type { DeliveryStore, SubscriberStore } from "../ports.ts";
import type { Env } from "./shared.ts";

/** The SES events handler's dependencies from settings: the subscribers and deliveries tables. */
export function sesEventsDeps(
  env: Env,
  clients: { dynamo?: DynamoDBClient } = {},
): { subscribers: SubscriberStore; deliveries: DeliveryStore } {
  const config = readConfig(["ONRECORD_SUBSCRIBERS_TABLE", "ONRECORD_DELIVERIES_TABLE"], env);
  const dynamo = clients.dynamo ?? new DynamoDBClient({});
  return {
    subscribers: new DynamoSubscriberStore(config.ONRECORD_SUBSCRIBERS_TABLE, dynamo),
    deliveries: new DynamoDeliveryStore(config.ONRECORD_DELIVERIES_TABLE, dynamo),
  };
}
