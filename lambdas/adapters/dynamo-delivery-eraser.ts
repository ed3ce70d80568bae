import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, DynamoDBDocumentClient, paginateScan } from "@aws-sdk/lib-dynamodb";
import type { DeliveryEraser } from "../ports.ts";
import { DELIVERIES_TABLE, ISSUES_TABLE } from "./dynamo-tables.ts";

/**
 * Erases one recipient's rows from the delivery outbox of every issue ever composed: the issues
 * are listed from their table (ids only), and each issue's rows for the subscriber's id and, as an
 * earlier version keyed them, for the address are deleted by key.
 */
export class DynamoDeliveryEraser implements DeliveryEraser {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    private readonly tables: { deliveries: string; issues: string },
    client: DynamoDBClient = new DynamoDBClient({}),
  ) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  async eraseRecipient(subscriberId: string, email: string): Promise<number> {
    let removed = 0;
    for await (const page of paginateScan(
      { client: this.doc },
      {
        TableName: this.tables.issues,
        ProjectionExpression: "#id",
        ExpressionAttributeNames: { "#id": ISSUES_TABLE.partitionKey },
      },
    )) {
      const deletions = (page.Items ?? []).flatMap((issue) =>
        [subscriberId, email].map((recipient) =>
          this.doc.send(
            new DeleteCommand({
              TableName: this.tables.deliveries,
              Key: { [DELIVERIES_TABLE.partitionKey]: issue.id, [DELIVERIES_TABLE.sortKey]: recipient },
              ReturnValues: "ALL_OLD",
            }),
          ),
        ),
      );
      removed += (await Promise.all(deletions)).filter((r) => r.Attributes).length;
    }
    return removed;
  }
}
