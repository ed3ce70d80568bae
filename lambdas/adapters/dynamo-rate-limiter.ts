import { ConditionalCheckFailedException, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  type BatchGetCommandInput,
  type BatchGetCommandOutput,
  DeleteCommand,
  DynamoDBDocumentClient,
  paginateScan,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import {
  decideRate,
  othersInWindow,
  type RateDecision,
  type RateLimitPolicy,
  type RateWindow,
  rateWindow,
} from "../core/subscribers/rate-limit.ts";
import type { RateCounterEraser, RateLimiter, RateLimitRequest } from "../ports.ts";
import { RATE_LIMITS_TABLE } from "./dynamo-tables.ts";

/** BatchGetItem reads at most 100 keys a call. */
const BATCH_GET_LIMIT = 100;

/**
 * Sliding-window rate limits in DynamoDB: one counter item per (policy, subject, bucket), each hit
 * one atomic `ADD`, so every Lambda instance (and every local process) counts against the same
 * limit. Counters carry `expiresAt` for the table's time to live.
 */
export class DynamoRateLimiter implements RateLimiter, RateCounterEraser {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient = new DynamoDBClient({}),
  ) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  async hit(policy: RateLimitPolicy, subject: string, now: Date): Promise<RateDecision> {
    const window = rateWindow(policy, subject, now);
    // The increment and the read of the older buckets go together: one round trip.
    const [after, counts] = await Promise.all([
      this.increment(window),
      this.read(window.buckets.filter((b) => b.key !== window.current).map((b) => b.key)),
    ]);
    counts.set(window.current, after - 1);
    return decideRate(policy, window, counts, now);
  }

  async take(
    limits: readonly RateLimitRequest[],
    now: Date,
  ): Promise<{ allowed: true } | { allowed: false; policy: string }> {
    const windows = limits.map((l) => ({ ...l, window: rateWindow(l.policy, l.subject, now) }));
    const counts = await this.read(windows.flatMap((w) => w.window.buckets.map((b) => b.key)));
    for (const { policy, window } of windows) {
      if (!decideRate(policy, window, counts, now).allowed) return { allowed: false, policy: policy.name };
    }
    // Each increment is conditional on the room it was read with, so racing takes cannot overshoot.
    const taken = await Promise.all(
      windows.map(({ policy, window }) =>
        this.increment(window, policy.limit - othersInWindow(window, counts)).then(
          () => null,
          (error) => {
            if (error instanceof ConditionalCheckFailedException) return policy.name;
            throw error;
          },
        ),
      ),
    );
    const refused = taken.find((name) => name !== null);
    return refused ? { allowed: false, policy: refused } : { allowed: true };
  }

  /**
   * Deletes every counter of these subjects, whatever its policy and window (`onrecord forget`):
   * a Scan, as counters are keyed by policy first, but the table holds only minutes to a day of them.
   */
  async eraseSubjects(subjects: readonly string[]): Promise<number> {
    let removed = 0;
    for (const subject of subjects) {
      for await (const page of paginateScan(
        { client: this.doc },
        {
          TableName: this.tableName,
          ProjectionExpression: "#key",
          FilterExpression: "contains(#key, :subject)",
          ExpressionAttributeNames: { "#key": RATE_LIMITS_TABLE.partitionKey },
          ExpressionAttributeValues: { ":subject": `#${subject}#` },
        },
      )) {
        const keys = (page.Items ?? []).map((item) => item[RATE_LIMITS_TABLE.partitionKey]);
        await Promise.all(
          keys.map((key) =>
            this.doc.send(
              new DeleteCommand({
                TableName: this.tableName,
                Key: { [RATE_LIMITS_TABLE.partitionKey]: key },
              }),
            ),
          ),
        );
        removed += keys.length;
      }
    }
    return removed;
  }

  /** Adds one to the current bucket (only while it holds fewer than `below`); returns its count. */
  private async increment(window: RateWindow, below?: number): Promise<number> {
    const { Attributes } = await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { [RATE_LIMITS_TABLE.partitionKey]: window.current },
        UpdateExpression: "ADD hits :one SET expiresAt = if_not_exists(expiresAt, :expires)",
        ...(below !== undefined && {
          ConditionExpression: "attribute_not_exists(hits) OR hits < :below",
        }),
        ExpressionAttributeValues: {
          ":one": 1,
          ":expires": window.expiresAt,
          ...(below !== undefined && { ":below": below }),
        },
        ReturnValues: "UPDATED_NEW",
      }),
    );
    return Number(Attributes?.hits ?? 1);
  }

  private async read(keys: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    const unique = [...new Set(keys)];
    for (let i = 0; i < unique.length; i += BATCH_GET_LIMIT) {
      let request: BatchGetCommandInput["RequestItems"] = {
        [this.tableName]: {
          Keys: unique
            .slice(i, i + BATCH_GET_LIMIT)
            .map((key) => ({ [RATE_LIMITS_TABLE.partitionKey]: key })),
          ConsistentRead: true,
        },
      };
      while (request && Object.keys(request).length > 0) {
        const { Responses, UnprocessedKeys }: BatchGetCommandOutput = await this.doc.send(
          new BatchGetCommand({ RequestItems: request }),
        );
        for (const item of Responses?.[this.tableName] ?? [])
          counts.set(String(item[RATE_LIMITS_TABLE.partitionKey]), Number(item.hits ?? 0));
        request = UnprocessedKeys;
      }
    }
    return counts;
  }
}
