import { gunzipSync, gzipSync } from "node:zlib";
import { ConditionalCheckFailedException, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { IssueStore, StoredIssue } from "../ports.ts";
import { ARCHIVE_PARTITION, ISSUES_TABLE } from "./dynamo-tables.ts";

/**
 * Issues in DynamoDB: the digest and its rendering gzip-compressed in one item (a rendered issue
 * stays under Gmail's 102 KB clipping limit, so it fits DynamoDB's 400 KB with room to spare).
 * An issue is written once; composing the same week again reads the stored one back.
 */
export class DynamoIssueStore implements IssueStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient = new DynamoDBClient({}),
  ) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  async putIfAbsent(issue: StoredIssue): Promise<StoredIssue> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            [ISSUES_TABLE.partitionKey]: issue.id,
            [ISSUES_TABLE.indexes[0].partitionKey]: ARCHIVE_PARTITION,
            from: issue.digest.from,
            to: issue.digest.to,
            subject: issue.rendered.subject,
            templateName: issue.templateName,
            composedAt: issue.composedAt,
            content: gzipSync(JSON.stringify({ digest: issue.digest, rendered: issue.rendered })),
          },
          ConditionExpression: "attribute_not_exists(#id)",
          ExpressionAttributeNames: { "#id": ISSUES_TABLE.partitionKey },
        }),
      );
      return issue;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await this.get(issue.id);
      if (!existing) throw error;
      return existing;
    }
  }

  async get(id: string): Promise<StoredIssue | null> {
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [ISSUES_TABLE.partitionKey]: id },
        ConsistentRead: true,
      }),
    );
    if (!Item) return null;
    const { digest, rendered } = JSON.parse(gunzipSync(Item.content as Uint8Array).toString("utf8"));
    return { id, digest, rendered, templateName: Item.templateName, composedAt: Item.composedAt };
  }
}
