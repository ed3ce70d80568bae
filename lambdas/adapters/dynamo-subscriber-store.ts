import { ConditionalCheckFailedException, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from "@aws-sdk/lib-dynamodb";
import {
  addressHashes,
  fromRetained,
  isRetainedStatus,
  type RetainedRecord,
  retain,
} from "../core/subscribers/retention.ts";
import { planSuppress, type SubscriberRecord } from "../core/subscribers/subscription.ts";
import type { Subscriber } from "../core/types.ts";
import type { ErasedSubscriber, HashKeySource, Page, SubscriberEraser, SubscriptionStore } from "../ports.ts";
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
 *
 * Given the hash keys, an address that leaves (unsubscribed, bounced, complained) is kept only as
 * a keyed hash with its consent's times (`retention.ts`): the hashed item is written, then the
 * address's item deleted on the version read. A reader takes the address's item first, so a
 * hashed item left behind by a lost race never outranks a live record; an address's item of a
 * retained status (an earlier version's, or a write cut short) is moved to its hash when read.
 * Without keys (the pipeline's readers, which never write such records) records stay as written.
 */
export class DynamoSubscriberStore implements SubscriptionStore, SubscriberEraser {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient = new DynamoDBClient({}),
    private readonly now: () => Date = () => new Date(),
    private readonly hashKeys?: HashKeySource,
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

  async getRecord(email: string, moveLeftAddress = true): Promise<SubscriberRecord | null> {
    const key = normalise(email);
    if (!this.hashKeys) {
      const { Item } = await this.doc.send(
        new GetCommand({ TableName: this.tableName, Key: { [PK]: key }, ConsistentRead: true }),
      );
      // DynamoDB deletes expired items within days, and dynalite never: either way they are gone.
      return Item && !this.expired(Item) ? fromItem(Item) : null;
    }
    // The address's item and its hash under every key, in one round trip.
    const hashes = addressHashes(await this.hashKeys.get(), key);
    const items = await this.readItems([key, ...hashes]);
    const plain = items.get(key);
    if (plain && !this.expired(plain)) {
      const record = fromItem(plain);
      if (!isRetainedStatus(record.status) || !moveLeftAddress) return record;
      // Written before addresses were hashed, or a move cut short: finish it, then read again.
      await this.saveRetained({ ...record, version: record.version + 1 }, record.version);
      return this.getRecord(key, false);
    }
    const found = hashes.findIndex((hash) => items.has(hash));
    if (found < 0) return null;
    const retained = retainedFrom(items.get(hashes[found] as string) ?? {});
    // Found under an older key: kept under the current one from now on.
    if (found > 0) await this.putRetained({ ...retained, hash: hashes[0] as string }, hashes.slice(1));
    return fromRetained(key, retained);
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
    if (this.hashKeys && isRetainedStatus(record.status))
      return this.saveRetained(record, record.version - 1);
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(record),
          ...this.onVersion(record.version - 1),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /**
   * Erases every record of an address: its own item and its hash under every key.
   * @returns what was there.
   */
  async erase(email: string): Promise<ErasedSubscriber> {
    const key = normalise(email);
    const hashes = this.hashKeys ? addressHashes(await this.hashKeys.get(), key) : [];
    const removed = await Promise.all(
      [key, ...hashes].map((k) =>
        this.doc.send(
          new DeleteCommand({ TableName: this.tableName, Key: { [PK]: k }, ReturnValues: "ALL_OLD" }),
        ),
      ),
    );
    const [own, ...hashed] = removed.map((r) => r.Attributes);
    return {
      address: own ? (own.status as SubscriberRecord["status"]) : null,
      hashes: hashed.filter(Boolean).length,
    };
  }

  /**
   * Keeps only the hash of a record's address: the hashed item first (a complaint never
   * overwritten), then the address's item deleted if still at `readVersion` (0: there was none).
   */
  private async saveRetained(record: SubscriberRecord, readVersion: number): Promise<boolean> {
    const keys = await (this.hashKeys as HashKeySource).get();
    const [current = "", ...older] = addressHashes(keys, normalise(record.email));
    await this.putRetained(retain(record, current), older);
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { [PK]: normalise(record.email) },
          ...this.onVersion(readVersion),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  private async putRetained(retained: RetainedRecord, olderHashes: readonly string[]): Promise<void> {
    const { hash, ...kept } = retained;
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: withoutNulls({ [PK]: hash, ...kept }),
          // A complaint is final: nothing else replaces it.
          ...(retained.status !== "complained" && {
            ConditionExpression: "attribute_not_exists(#status) OR #status <> :complained",
            ExpressionAttributeNames: { "#status": "status" },
            ExpressionAttributeValues: { ":complained": "complained" },
          }),
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    await Promise.all(
      olderHashes.map((k) =>
        this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: { [PK]: k } })),
      ),
    );
  }

  /** The condition of a write over the version read (0: no live record of the address). */
  private onVersion(readVersion: number) {
    return readVersion === 0
      ? {
          // A first record may replace a pending one that expired unconfirmed.
          ConditionExpression: "attribute_not_exists(email) OR expiresAt <= :now",
          ExpressionAttributeValues: { ":now": Math.floor(this.now().getTime() / 1000) },
        }
      : { ConditionExpression: "version = :read", ExpressionAttributeValues: { ":read": readVersion } };
  }

  /** Items by key, consistently read; missing ones are absent from the map. */
  private async readItems(keys: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
    const found = new Map<string, Record<string, unknown>>();
    let pending: Record<string, unknown>[] = keys.map((k) => ({ [PK]: k }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 8) throw new Error("could not read a subscriber's records");
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      const { Responses, UnprocessedKeys } = await this.doc.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of Responses?.[this.tableName] ?? []) found.set(String(item[PK]), item);
      pending = (UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
    }
    return found;
  }
}

const PK = SUBSCRIBERS_TABLE.partitionKey;

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
  const { retained: _, ...stored } = record;
  return withoutNulls(stored);
}

function withoutNulls(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(item).filter(([, value]) => value !== null && value !== undefined),
  );
}

function retainedFrom(item: Record<string, unknown>): RetainedRecord {
  const text = (name: string) => (typeof item[name] === "string" ? (item[name] as string) : null);
  return {
    hash: String(item[PK]),
    status: item.status as RetainedRecord["status"],
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
    requestedAt: text("requestedAt"),
    confirmedAt: text("confirmedAt"),
  };
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
