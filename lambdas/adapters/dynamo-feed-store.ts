import { ConditionalCheckFailedException, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateScan,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { FeedPollUpdate, FeedRecord, FeedStore, SeenItem } from "../ports.ts";
import { newFeedRecord } from "./directory-feed-store.ts";
import { FEED_ITEMS_TABLE, FEEDS_TABLE } from "./dynamo-tables.ts";

/**
 * Feeds and the items dealt with, in two DynamoDB tables: one item per feed (its validators, last
 * poll, last error, counts, latest links), one per item link. Listing feeds is a Scan: the list is
 * short and read once per poll. A poll of a feed that is not listed (`ingest --feed`) keeps no
 * feed state, only the items.
 */
export class DynamoFeedStore implements FeedStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    private readonly feedsTable: string,
    private readonly itemsTable: string,
    client: DynamoDBClient = new DynamoDBClient({}),
  ) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  async add(url: string, now: Date): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.feedsTable,
          Item: newFeedRecord(url, now),
          ConditionExpression: "attribute_not_exists(#url)",
          ExpressionAttributeNames: { "#url": FEEDS_TABLE.partitionKey },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async remove(url: string): Promise<boolean> {
    const { Attributes } = await this.doc.send(
      new DeleteCommand({ TableName: this.feedsTable, Key: { url }, ReturnValues: "ALL_OLD" }),
    );
    return Attributes !== undefined;
  }

  async list(): Promise<FeedRecord[]> {
    const feeds: FeedRecord[] = [];
    for await (const page of paginateScan({ client: this.doc }, { TableName: this.feedsTable }))
      feeds.push(...((page.Items ?? []) as FeedRecord[]));
    return feeds.sort((a, b) => a.url.localeCompare(b.url));
  }

  async get(url: string): Promise<FeedRecord | null> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.feedsTable, Key: { url } }));
    return (Item as FeedRecord | undefined) ?? null;
  }

  async recordPoll(url: string, update: FeedPollUpdate): Promise<void> {
    const names: Record<string, string> = { "#url": "url" };
    const values: Record<string, unknown> = { ":polled": update.polledAt, ":error": update.error };
    const sets = ["lastPolledAt = :polled", "lastError = :error"];
    for (const field of ["etag", "lastModified", "links", "pending", "title"] as const) {
      if (update[field] === undefined) continue;
      // Every name through a placeholder, so none can clash with a word DynamoDB reserves.
      names[`#${field}`] = field;
      sets.push(`#${field} = :${field}`);
      values[`:${field}`] = update[field];
    }
    await this.update(url, sets, update.counts ?? {}, names, values);
  }

  async count(url: string, counts: Partial<FeedRecord["counts"]>): Promise<void> {
    await this.update(url, [], counts, { "#url": "url" }, {});
  }

  private async update(
    url: string,
    sets: string[],
    counts: Partial<FeedRecord["counts"]>,
    names: Record<string, string>,
    values: Record<string, unknown>,
  ): Promise<void> {
    for (const [name, n] of Object.entries(counts)) {
      if (!n) continue;
      names[`#${name}`] = name;
      values[`:${name}`] = n;
      sets.push(`counts.#${name} = counts.#${name} + :${name}`);
    }
    if (sets.length === 0) return;
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.feedsTable,
          Key: { url },
          UpdateExpression: `SET ${sets.join(", ")}`,
          ConditionExpression: "attribute_exists(#url)",
          ExpressionAttributeNames: names,
          ...(Object.keys(values).length > 0 && { ExpressionAttributeValues: values }),
        }),
      );
    } catch (error) {
      // A feed polled once without being listed keeps no state.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async seen(links: readonly string[]): Promise<Set<string>> {
    const seen = new Set<string>();
    const unique = [...new Set(links)];
    for (let i = 0; i < unique.length; i += 100) {
      let keys = unique.slice(i, i + 100).map((link) => ({ [FEED_ITEMS_TABLE.partitionKey]: link }));
      while (keys.length > 0) {
        const { Responses, UnprocessedKeys } = await this.doc.send(
          new BatchGetCommand({
            RequestItems: {
              [this.itemsTable]: {
                Keys: keys,
                ProjectionExpression: "#link",
                ExpressionAttributeNames: { "#link": FEED_ITEMS_TABLE.partitionKey },
              },
            },
          }),
        );
        for (const item of Responses?.[this.itemsTable] ?? []) seen.add(item.link as string);
        keys = (UnprocessedKeys?.[this.itemsTable]?.Keys ?? []) as typeof keys;
      }
    }
    return seen;
  }

  async markSeen(item: SeenItem): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.itemsTable, Item: { ...item } }));
  }
}
