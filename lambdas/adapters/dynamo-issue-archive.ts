import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { IssueArchive, IssueStore, IssueSummary, StoredIssue } from "../ports.ts";
import { DynamoIssueStore } from "./dynamo-issue-store.ts";
import { ARCHIVE_PARTITION, ISSUES_TABLE } from "./dynamo-tables.ts";

const [NEWEST] = ISSUES_TABLE.indexes;

/**
 * Past issues for the web, read from the issues table that the compose step writes through
 * {@link DynamoIssueStore}. The list is one Query of the `newest` index, newest week first and no
 * more than asked for, so a request costs the same however long the archive grows; a whole issue
 * is read through the issue store.
 */
export class DynamoIssueArchive implements IssueArchive {
  private readonly doc: DynamoDBDocumentClient;
  private readonly issues: IssueStore;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient = new DynamoDBClient({}),
  ) {
    this.doc = DynamoDBDocumentClient.from(client);
    this.issues = new DynamoIssueStore(tableName, client);
  }

  async listRecent(limit: number): Promise<IssueSummary[]> {
    const { Items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: NEWEST.name,
        KeyConditionExpression: "#archive = :issues",
        ExpressionAttributeNames: { "#archive": NEWEST.partitionKey },
        ExpressionAttributeValues: { ":issues": ARCHIVE_PARTITION },
        // ISO week ids sort as text in time order: newest first.
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map((item) => ({
      id: String(item[ISSUES_TABLE.partitionKey]),
      from: String(item.from),
      to: String(item.to),
      subject: String(item.subject),
      composedAt: String(item.composedAt),
    }));
  }

  get(id: string): Promise<StoredIssue | null> {
    return this.issues.get(id);
  }
}
