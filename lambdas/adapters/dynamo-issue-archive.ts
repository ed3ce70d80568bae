import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, paginateScan } from "@aws-sdk/lib-dynamodb";
import type { IssueArchive, IssueStore, IssueSummary, StoredIssue } from "../ports.ts";
import { DynamoIssueStore } from "./dynamo-issue-store.ts";
import { ISSUES_TABLE } from "./dynamo-tables.ts";

/**
 * Past issues for the web, read from the issues table that the compose step writes through
 * {@link DynamoIssueStore}. The list reads only the small summary attributes (one issue a week
 * makes a table of a few hundred items); a whole issue is read through the issue store.
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
    const summaries: IssueSummary[] = [];
    const pages = paginateScan(
      { client: this.doc },
      {
        TableName: this.tableName,
        ProjectionExpression: "#id, #from, #to, subject, composedAt",
        ExpressionAttributeNames: { "#id": ISSUES_TABLE.partitionKey, "#from": "from", "#to": "to" },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        summaries.push({
          id: String(item[ISSUES_TABLE.partitionKey]),
          from: String(item.from),
          to: String(item.to),
          subject: String(item.subject),
          composedAt: String(item.composedAt),
        });
      }
    }
    // ISO week ids sort as text in time order.
    return summaries.sort((a, b) => b.id.localeCompare(a.id)).slice(0, limit);
  }

  get(id: string): Promise<StoredIssue | null> {
    return this.issues.get(id);
  }
}
