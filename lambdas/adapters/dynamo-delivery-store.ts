import { ConditionalCheckFailedException, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  PutCommand,
  paginateQuery,
} from "@aws-sdk/lib-dynamodb";
import type { DeliveryOutcome, DeliveryStatus, DeliveryStore } from "../ports.ts";
import { DELIVERY_RECORD_DAYS } from "./dynamo-tables.ts";

const BATCH_WRITE_LIMIT = 25;

/**
 * Deliveries in DynamoDB, one item per (issue, email). A claim is a conditional PutItem that
 * succeeds only where no item exists, so two workers (or one batch delivered twice) can never
 * both send to the same address. Items carry `expiresAt` for the table's time to live.
 */
export class DynamoDeliveryStore implements DeliveryStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient = new DynamoDBClient({}),
    private readonly now: () => Date = () => new Date(),
  ) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  async claim(issueId: string, emails: readonly string[], claimToken: string): Promise<string[]> {
    const won = await Promise.all(emails.map((email) => this.claimOne(issueId, email, claimToken)));
    return emails.filter((_, i) => won[i]);
  }

  private async claimOne(issueId: string, email: string, claimToken: string): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...this.keyAndExpiry(issueId, email),
            status: "claimed",
            claimToken,
            at: this.now().toISOString(),
          },
          ConditionExpression: "attribute_not_exists(email)",
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async release(issueId: string, emails: readonly string[], claimToken: string): Promise<void> {
    await Promise.all(
      emails.map(async (email) => {
        try {
          await this.doc.send(
            new DeleteCommand({
              TableName: this.tableName,
              Key: { issueId, email },
              ConditionExpression: "claimToken = :token AND #status = :claimed",
              ExpressionAttributeNames: { "#status": "status" },
              ExpressionAttributeValues: { ":token": claimToken, ":claimed": "claimed" },
            }),
          );
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }),
    );
  }

  async record(issueId: string, outcomes: readonly DeliveryOutcome[]): Promise<void> {
    const at = this.now().toISOString();
    let requests = outcomes.map((o) => ({
      PutRequest: {
        Item: {
          ...this.keyAndExpiry(issueId, o.email),
          status: o.status,
          messageId: o.messageId,
          ...(o.error && { error: o.error.slice(0, 500) }),
          at,
        },
      },
    }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      const chunks = chunk(requests, BATCH_WRITE_LIMIT);
      const results = await Promise.all(
        chunks.map((c) => this.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: c } }))),
      );
      requests = results.flatMap((r) => (r.UnprocessedItems?.[this.tableName] ?? []) as typeof requests);
      if (attempt > 8 && requests.length > 0)
        throw new Error(`could not record ${requests.length} deliveries`);
    }
  }

  async count(issueId: string): Promise<Record<DeliveryStatus, number>> {
    const counts: Record<DeliveryStatus, number> = { claimed: 0, sent: 0, rejected: 0 };
    const pages = paginateQuery(
      { client: this.doc },
      {
        TableName: this.tableName,
        KeyConditionExpression: "issueId = :issue",
        ExpressionAttributeValues: { ":issue": issueId },
        ProjectionExpression: "#status",
        ExpressionAttributeNames: { "#status": "status" },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) counts[item.status as DeliveryStatus]++;
    }
    return counts;
  }

  private keyAndExpiry(issueId: string, email: string) {
    const expiresAt = Math.floor(this.now().getTime() / 1000) + DELIVERY_RECORD_DAYS * 86_400;
    return { issueId, email, expiresAt };
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
