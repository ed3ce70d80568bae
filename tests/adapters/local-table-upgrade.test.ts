import { CreateTableCommand, DescribeTableCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoIssueArchive } from "../../lambdas/adapters/dynamo-issue-archive.ts";
import { DynamoSubscriberStore } from "../../lambdas/adapters/dynamo-subscriber-store.ts";
import { ISSUES_TABLE, SUBSCRIBERS_TABLE } from "../../lambdas/adapters/dynamo-tables.ts";
import {
  ensureTables,
  type LocalEndpoint,
  localDynamoClient,
  startDynalite,
} from "../../lambdas/adapters/local-emulators.ts";

let dynamo: LocalEndpoint;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(() => dynamo?.close());

describe("local tables made by an older onrecord", () => {
  it("get today's indexes on the next start, keeping every item", async () => {
    const client = localDynamoClient(dynamo.url);
    // As the previous version made them: subscribers with indexes projecting everything, issues with none.
    await client.send(
      new CreateTableCommand({
        TableName: SUBSCRIBERS_TABLE.localName,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: ["email", "status", "id"].map((n) => ({
          AttributeName: n,
          AttributeType: "S",
        })),
        KeySchema: [{ AttributeName: "email", KeyType: "HASH" }],
        GlobalSecondaryIndexes: [
          {
            IndexName: "byStatus",
            KeySchema: [
              { AttributeName: "status", KeyType: "HASH" },
              { AttributeName: "email", KeyType: "RANGE" },
            ],
            Projection: { ProjectionType: "ALL" },
          },
          {
            IndexName: "byId",
            KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
            Projection: { ProjectionType: "ALL" },
          },
        ],
      }),
    );
    await client.send(
      new CreateTableCommand({
        TableName: ISSUES_TABLE.localName,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      }),
    );
    const at = "2026-11-01T10:00:00.000Z";
    await client.send(
      new PutItemCommand({
        TableName: SUBSCRIBERS_TABLE.localName,
        Item: {
          email: { S: "kept@example.org" },
          id: { S: "kept-id-0123456789" },
          status: { S: "confirmed" },
          createdAt: { S: at },
          updatedAt: { S: at },
          version: { N: "2" },
        },
      }),
    );
    await client.send(
      new PutItemCommand({
        TableName: ISSUES_TABLE.localName,
        Item: {
          id: { S: "2026-W44" },
          from: { S: "2026-10-26" },
          to: { S: "2026-11-01" },
          subject: { S: "On the record" },
          composedAt: { S: at },
        },
      }),
    );

    await ensureTables(client, [SUBSCRIBERS_TABLE, ISSUES_TABLE]);

    const { Table } = await client.send(new DescribeTableCommand({ TableName: SUBSCRIBERS_TABLE.localName }));
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(["idEmail", "statusEmail"]);
    const store = new DynamoSubscriberStore(SUBSCRIBERS_TABLE.localName, client);
    expect((await store.listConfirmed()).items.map((s) => s.email)).toEqual(["kept@example.org"]);
    expect((await store.getRecordById("kept-id-0123456789"))?.email).toBe("kept@example.org");
    const archive = new DynamoIssueArchive(ISSUES_TABLE.localName, client);
    expect((await archive.listRecent(5)).map((i) => i.id)).toEqual(["2026-W44"]);
    // A second start changes nothing.
    await ensureTables(client, [SUBSCRIBERS_TABLE, ISSUES_TABLE]);
    expect((await archive.listRecent(5)).map((i) => i.id)).toEqual(["2026-W44"]);
    client.destroy();
  });
});
