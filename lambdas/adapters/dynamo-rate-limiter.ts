import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import {
  decideRate,
  type RateDecision,
  type RateLimitPolicy,
  rateWindow,
} from "../core/subscribers/rate-limit.ts";
import type { RateLimiter } from "../ports.ts";
import { RATE_LIMITS_TABLE } from "./dynamo-tables.ts";

/**
 * Fixed-window rate limits in DynamoDB: each hit is one atomic `ADD` on the window's counter, so
 * every Lambda instance (and every local process) counts against the same limit. Counters carry
 * `expiresAt` for the table's time to live.
 */
export class DynamoRateLimiter implements RateLimiter {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient = new DynamoDBClient({}),
  ) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  async hit(policy: RateLimitPolicy, subject: string, now: Date): Promise<RateDecision> {
    const window = rateWindow(policy, subject, now);
    const { Attributes } = await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { [RATE_LIMITS_TABLE.partitionKey]: window.key },
        UpdateExpression: "ADD hits :one SET expiresAt = if_not_exists(expiresAt, :expires)",
        ExpressionAttributeValues: { ":one": 1, ":expires": window.endsAt + 60 },
        ReturnValues: "UPDATED_NEW",
      }),
    );
    return decideRate(policy, window, Number(Attributes?.hits ?? 1), now);
  }
}
