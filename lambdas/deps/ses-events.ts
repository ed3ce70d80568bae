import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { DynamoDeliveryStore } from "../adapters/dynamo-delivery-store.ts";
import { DynamoSubscriberStore } from "../adapters/dynamo-subscriber-store.ts";
import { readConfig } from "../config.ts";
import type { DeliveryStore, SubscriberStore } from "../ports.ts";
import { type Env, hashKeySource } from "./shared.ts";

/**
 * The SES events handler's dependencies from settings: the subscribers and deliveries tables, and
 * the keys that hash a suppressed address (it is kept as a hash only).
 */
export function sesEventsDeps(
  env: Env,
  clients: { dynamo?: DynamoDBClient; secrets?: SecretsManagerClient } = {},
): { subscribers: SubscriberStore; deliveries: DeliveryStore } {
  const config = readConfig(
    [
      "ONRECORD_SUBSCRIBERS_TABLE",
      "ONRECORD_DELIVERIES_TABLE",
      "ONRECORD_ADDRESS_HASH_KEYS",
      "ONRECORD_ADDRESS_HASH_KEYS_ARN",
    ],
    env,
  );
  const dynamo = clients.dynamo ?? new DynamoDBClient({});
  const hashKeys = hashKeySource(config, () => clients.secrets ?? new SecretsManagerClient({}));
  return {
    subscribers: new DynamoSubscriberStore(config.ONRECORD_SUBSCRIBERS_TABLE, dynamo, undefined, hashKeys),
    deliveries: new DynamoDeliveryStore(config.ONRECORD_DELIVERIES_TABLE, dynamo),
  };
}
