import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDeliveryStore } from "../adapters/dynamo-delivery-store.ts";
import { SqsSendQueue } from "../adapters/sqs-queue.ts";
import type { SweepDeps } from "../app/sweep-deliveries.ts";
import { readConfig } from "../config.ts";
import type { SendQueue } from "../ports.ts";
import type { Env } from "./shared.ts";

/** The sweeper's dependencies from settings: the deliveries table and the send queue. */
export function sweeperDeps(
  env: Env,
  clients: { dynamo?: DynamoDBClient; sqs?: SQSClient; now?: () => Date } = {},
  queue?: SendQueue,
): SweepDeps {
  const config = readConfig(["ONRECORD_DELIVERIES_TABLE"], env);
  const now = clients.now ?? (() => new Date());
  return {
    deliveries: new DynamoDeliveryStore(
      config.ONRECORD_DELIVERIES_TABLE,
      clients.dynamo ?? new DynamoDBClient({}),
      now,
    ),
    queue:
      queue ??
      new SqsSendQueue(
        readConfig(["ONRECORD_SEND_QUEUE_URL"], env).ONRECORD_SEND_QUEUE_URL,
        clients.sqs ?? new SQSClient({}),
      ),
    now,
  };
}
