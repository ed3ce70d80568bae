import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  PutItemCommand,
  paginateScan,
  ResourceNotFoundException,
} from "@aws-sdk/client-dynamodb";
import { ARCHIVE_PARTITION, createTableInput, ISSUES_TABLE, type TableSpec } from "./dynamo-tables.ts";

/**
 * Brings a local table made by an older onrecord to its spec's indexes. DynamoDB changes an index
 * with UpdateTable; dynalite cannot, so the table is read whole, made again and written back
 * (local tables are small). Items gain what a new index keys on (every issue its `archive`).
 * @returns whether the table was rebuilt.
 */
export async function upgradeLocalTable(client: DynamoDBClient, spec: TableSpec, name = spec.localName) {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
  const want = createTableInput(spec, name).GlobalSecondaryIndexes ?? [];
  const have = Table?.GlobalSecondaryIndexes ?? [];
  const same =
    want.length === have.length &&
    want.every((w) => {
      const h = have.find((i) => i.IndexName === w.IndexName);
      return (
        h !== undefined &&
        h.Projection?.ProjectionType === w.Projection?.ProjectionType &&
        JSON.stringify([...(h.Projection?.NonKeyAttributes ?? [])].sort()) ===
          JSON.stringify([...(w.Projection?.NonKeyAttributes ?? [])].sort())
      );
    });
  if (same) return false;
  const items = [];
  for await (const page of paginateScan({ client }, { TableName: name, ConsistentRead: true }))
    items.push(...(page.Items ?? []));
  await client.send(new DeleteTableCommand({ TableName: name }));
  // Deleting takes dynalite a moment.
  for (let i = 0; i < 100; i++) {
    try {
      await client.send(new DescribeTableCommand({ TableName: name }));
      await new Promise((resolve) => setTimeout(resolve, 50));
    } catch (error) {
      if (error instanceof ResourceNotFoundException) break;
      throw error;
    }
  }
  await client.send(new CreateTableCommand(createTableInput(spec, name)));
  for (const item of items) {
    if (spec === ISSUES_TABLE && !item.archive) item.archive = { S: ARCHIVE_PARTITION };
    await client.send(new PutItemCommand({ TableName: name, Item: item }));
  }
  return true;
}
