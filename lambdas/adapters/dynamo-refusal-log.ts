import { randomBytes } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand, paginateQuery } from "@aws-sdk/lib-dynamodb";
import type { Refusal, RefusalLog } from "../ports.ts";
import { daysBetween } from "./dynamo-article-store.ts";
import { REFUSAL_RECORD_DAYS, REFUSALS_TABLE } from "./dynamo-tables.ts";

/**
 * Refusals in DynamoDB, partitioned by day and sorted by time within it, so that listing a span of
 * days is one Query per day, never a Scan. Each refusal is its own item (a random suffix keeps two
 * refusals of the same moment apart), written once and never updated.
 */
export class DynamoRefusalLog implements RefusalLog {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient = new DynamoDBClient({}),
  ) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  async record(refusal: Refusal): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          [REFUSALS_TABLE.partitionKey]: refusal.at.slice(0, 10),
          [REFUSALS_TABLE.sortKey]: `${refusal.at}#${randomBytes(4).toString("hex")}`,
          at: refusal.at,
          // Both come from untrusted input: kept whole enough to recognise, never large.
          source: refusal.source.slice(0, 2048),
          reason: refusal.reason.slice(0, 1000),
          expiresAt: Math.floor(Date.parse(refusal.at) / 1000) + REFUSAL_RECORD_DAYS * 86_400,
        },
      }),
    );
  }

  async listSince(day: string, until = new Date()): Promise<Refusal[]> {
    const refusals: Refusal[] = [];
    for (const d of daysBetween(day, until.toISOString().slice(0, 10))) {
      const pages = paginateQuery(
        { client: this.doc },
        {
          TableName: this.tableName,
          KeyConditionExpression: "#day = :day",
          ExpressionAttributeNames: { "#day": REFUSALS_TABLE.partitionKey },
          ExpressionAttributeValues: { ":day": d },
        },
      );
      for await (const page of pages)
        for (const item of page.Items ?? [])
          refusals.push({ at: item.at, source: item.source, reason: item.reason });
    }
    return refusals;
  }
}
