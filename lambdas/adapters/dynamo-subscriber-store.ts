import { ConditionalCheckFailedException, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from "@aws-sdk/lib-dynamodb";
import { planSuppress, type SubscriberRecord } from "../core/subscribers/subscription.ts";
import type { Subscriber } from "../core/types.ts";
import type { Page, SubscriptionStore } from "../ports.ts";
import { SUBSCRIBERS_TABLE } from "./dynamo-tables.ts";

const [BY_STATUS, BY_ID] = SUBSCRIBERS_TABLE.indexes;
/** A page of confirmed subscribers is one SES bulk call's worth unless asked otherwise. */
const DEFAULT_PAGE_SIZE = 50;
/** Tries of a read-decide-write cycle that lost a race before giving up. */
const MAX_WRITE_TRIES = 5;
/** Pauses before asking the `idEmail` index again after a miss. */
const INDEX_RETRY_DELAYS_MS = [200, 600];

/**
 * Subscribers in DynamoDB, one item per address (trimmed, lower-cased). Confirmed subscribers are
 * listed by Query on the `statusEmail` index; links find their subscriber on `idEmail`. Every write is
 * conditional on the version read, so concurrent sign-ups of one address store it exactly once.
 * Absent values are left out of the item rather than stored as nulls: the record stays minimal.
 */
export class DynamoSubscriberStore implements SubscriptionStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient = new DynamoDBClient({}),
    private readonly now: () => Date = () => new Date(),
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async listConfirmed(cursor?: string | null, limit = DEFAULT_PAGE_SIZE): Promise<Page<Subscriber>> {
    const { Items = [], LastEvaluatedKey } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: BY_STATUS.name,
        KeyConditionExpression: "#status = :confirmed",
        ExpressionAttributeNames: { "#status": BY_STATUS.partitionKey },
        ExpressionAttributeValues: { ":confirmed": "confirmed" },
        Limit: limit,
        ...(cursor && { ExclusiveStartKey: decodeCursor(cursor) }),
      }),
    );
    return {
      items: Items.map((item) => toSubscriber(fromItem(item))),
      next: LastEvaluatedKey ? Buffer.from(JSON.stringify(LastEvaluatedKey)).toString("base64url") : null,
    };
  }

  async getByEmail(email: string): Promise<Subscriber | null> {
    const record = await this.getRecord(email);
    return record && toSubscriber(record);
  }

  async getMany(emails: readonly string[]): Promise<Subscriber[]> {
    const keys = [...new Set(emails.map(normalise))].map((email) => ({
      [SUBSCRIBERS_TABLE.partitionKey]: email,
    }));
    const found: Subscriber[] = [];
    for (let i = 0; i < keys.length; i += 100) {
      let pending: Record<string, unknown>[] = keys.slice(i, i + 100);
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
        if (attempt > 8) throw new Error(`could not read ${pending.length} subscribers`);
        const { Responses, UnprocessedKeys } = await this.doc.send(
          new BatchGetCommand({
            RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } },
          }),
        );
        found.push(...(Responses?.[this.tableName] ?? []).map((item) => toSubscriber(fromItem(item))));
        pending = (UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return found;
  }

  async suppress(email: string, reason: "bounced" | "complained"): Promise<void> {
    const key = normalise(email);
    for (let attempt = 0; attempt < MAX_WRITE_TRIES; attempt++) {
      const next = planSuppress(await this.getRecord(key), key, reason, this.now());
      if (next === null || (await this.saveRecord(next))) return;
    }
    throw new Error(`could not record the ${reason} of a subscriber: too many concurrent writes`);
  }

  async getRecord(email: string): Promise<SubscriberRecord | null> {
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [SUBSCRIBERS_TABLE.partitionKey]: normalise(email) },
        ConsistentRead: true,
      }),
    );
    // DynamoDB deletes expired items within days, and dynalite never: either way they are gone.
    return Item && !this.expired(Item) ? fromItem(Item) : null;
  }

  private expired(item: Record<string, unknown>): boolean {
    return typeof item.expiresAt === "number" && item.expiresAt * 1000 <= this.now().getTime();
  }

  async getRecordById(id: string): Promise<SubscriberRecord | null> {
    // A global index lags its table by a moment: a link opened the second its email arrived may
    // find nothing at first, so a miss is asked again before it counts.
    for (const delayMs of INDEX_RETRY_DELAYS_MS) {
      const email = await this.emailById(id);
      if (email !== null) return this.getRecord(email);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
    const email = await this.emailById(id);
    return email === null ? null : this.getRecord(email);
  }

  private async emailById(id: string): Promise<string | null> {
    const { Items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: BY_ID.name,
        KeyConditionExpression: "#id = :id",
        ExpressionAttributeNames: { "#id": BY_ID.partitionKey },
        ExpressionAttributeValues: { ":id": id },
        Limit: 1,
      }),
    );
    const email = Items[0]?.email;
    // The record to decide on is then read consistently from the table.
    return typeof email === "string" ? email : null;
  }

  async saveRecord(record: SubscriberRecord): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(record),
          ...(record.version === 1
            ? {
                // A first record may replace a pending one that expired unconfirmed.
                ConditionExpression: "attribute_not_exists(email) OR expiresAt <= :now",
                ExpressionAttributeValues: { ":now": Math.floor(this.now().getTime() / 1000) },
              }
            : {
                ConditionExpression: "version = :read",
                ExpressionAttributeValues: { ":read": record.version - 1 },
              }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

function normalise(email: string): string {
  return email.trim().toLowerCase();
}

function decodeCursor(cursor: string): Record<string, unknown> {
  try {
    const key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (key && typeof key === "object") return key;
  } catch {
    // fall through to the error below
  }
  throw new RangeError("not a cursor returned by listConfirmed");
}

function toSubscriber(record: SubscriberRecord): Subscriber {
  return {
    email: record.email,
    id: record.id,
    status: record.status,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

function toItem(record: SubscriberRecord): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== null && value !== undefined),
  );
}

function fromItem(item: Record<string, unknown>): SubscriberRecord {
  const text = (name: string) => (typeof item[name] === "string" ? (item[name] as string) : null);
  return {
    email: item.email as string,
    id: text("id"),
    status: item.status as SubscriberRecord["status"],
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
    confirmationId: text("confirmationId"),
    requestedAt: text("requestedAt"),
    requestedIp: text("requestedIp"),
    consent: (item.consent as SubscriberRecord["consent"]) ?? null,
    expiresAt: typeof item.expiresAt === "number" ? item.expiresAt : null,
    version: Number(item.version ?? 0),
  };
}
