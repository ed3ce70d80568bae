import { ConditionalCheckFailedException, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  PutCommand,
  paginateQuery,
  UpdateCommand,
  type UpdateCommandInput,
} from "@aws-sdk/lib-dynamodb";
import type {
  DeliveryCounts,
  DeliveryOutcome,
  DeliveryRow,
  DeliveryStatus,
  DeliveryStore,
  LegacyDeliveryStatus,
  SendEvent,
  StepResult,
} from "../ports.ts";
import { DELIVERIES_TABLE, DELIVERY_RECORD_DAYS } from "./dynamo-tables.ts";

// The sort key keeps the name the first version gave it (`email`): renaming a key replaces the
// table. New rows hold the subscriber's id there; rows of the earlier version an address.
const SORT_KEY = DELIVERIES_TABLE.sortKey;
const [UNFINISHED] = DELIVERIES_TABLE.indexes;
/** The value of the sparse index's key while a row is unfinished; final rows drop the attribute. */
const OPEN = "open";
const BATCH_GET_LIMIT = 100;

/** How long the steps of a delivery may take before the sweeper steps in. */
export interface DeliveryTimings {
  /** How long a claim holds: longer than the worker's timeout (default: 2 min + 60 s). */
  leaseMs: number;
  /** How long a `sending` row waits for its SEND event before it is sendable again (15 min). */
  reconcileAfterMs: number;
  /** How long a sendable row waits for its queued batch before the sweeper queues it again. */
  requeueAfterMs: number;
}

export const DEFAULT_DELIVERY_TIMINGS: DeliveryTimings = {
  leaseMs: 180_000,
  reconcileAfterMs: 15 * 60_000,
  requeueAfterMs: 15 * 60_000,
};

/**
 * The delivery outbox in DynamoDB: one item per (issue, subscriber id), each move of its state
 * machine an UpdateItem whose condition names the state it leaves (and the claim token, once
 * claimed). Unfinished rows carry `open`, the key of the sparse `unfinished` index the sweeper
 * reads; final rows drop it. Items carry `expiresAt` for the table's time to live.
 */
export class DynamoDeliveryStore implements DeliveryStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly timings: DeliveryTimings;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient = new DynamoDBClient({}),
    private readonly now: () => Date = () => new Date(),
    timings: Partial<DeliveryTimings> = {},
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    this.timings = { ...DEFAULT_DELIVERY_TIMINGS, ...timings };
  }

  async list(issueId: string) {
    const rows: DeliveryRow[] = [];
    const legacy = new Map<string, LegacyDeliveryStatus>();
    const pages = paginateQuery(
      { client: this.doc },
      {
        TableName: this.tableName,
        KeyConditionExpression: "issueId = :issue",
        ExpressionAttributeValues: { ":issue": issueId },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        if (isLegacy(item)) legacy.set(String(item[SORT_KEY]), item.status as LegacyDeliveryStatus);
        else rows.push(toRow(item));
      }
    }
    return { rows, legacy };
  }

  async createQueued(issueId: string, recipients: readonly { id: string; address: string }[]) {
    const now = this.now();
    return this.each(
      recipients.map((r) => r.id),
      async (id, i) => {
        await this.doc.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              ...this.keyAndExpiry(issueId, id),
              address: recipients[i]?.address,
              status: "queued",
              open: OPEN,
              queuedAt: now.toISOString(),
              dueAt: this.later(this.timings.requeueAfterMs),
              attempts: 0,
            },
            ConditionExpression: `attribute_not_exists(#k)`,
            ExpressionAttributeNames: { "#k": SORT_KEY },
          }),
        );
      },
    );
  }

  async get(issueId: string, subscriberIds: readonly string[]): Promise<DeliveryRow[]> {
    const items = await this.batchGet(issueId, subscriberIds);
    return items.filter((item) => !isLegacy(item)).map(toRow);
  }

  async getLegacy(issueId: string, addresses: readonly string[]) {
    const items = await this.batchGet(issueId, addresses);
    return new Map(
      items.filter(isLegacy).map((item) => [String(item[SORT_KEY]), item.status as LegacyDeliveryStatus]),
    );
  }

  claim(issueId: string, ids: readonly string[], claimToken: string, leaseMs?: number) {
    const now = this.now().toISOString();
    const leaseUntil = this.later(leaseMs ?? this.timings.leaseMs);
    return this.update(issueId, ids, () => ({
      // A lease run out (a missing one compares false), or its own claim: the SDK retries a write
      // whose answer was lost, and the retry must win. Flat: dynalite's parser backtracks on nesting.
      ConditionExpression:
        "#s IN (:queued, :retry) OR (#s = :claimed AND leaseUntil < :now) OR (#s = :claimed AND claimToken = :t)",
      UpdateExpression:
        "SET #s = :claimed, claimToken = :t, leaseUntil = :lease, dueAt = :lease, updatedAt = :now ADD attempts :one",
      ExpressionAttributeValues: {
        ":queued": "queued",
        ":retry": "retry",
        ":claimed": "claimed",
        ":now": now,
        ":t": claimToken,
        ":lease": leaseUntil,
        ":one": 1,
      },
    }));
  }

  markSending(issueId: string, ids: readonly string[], claimToken: string) {
    const now = this.now().toISOString();
    return this.update(issueId, ids, () => ({
      // `sending` by this token already: a retry of this very write, whose first answer was lost.
      ConditionExpression: "#s IN (:claimed, :sending) AND claimToken = :t",
      UpdateExpression: "SET #s = :sending, sendingAt = :now, dueAt = :due, updatedAt = :now",
      ExpressionAttributeValues: {
        ":claimed": "claimed",
        ":sending": "sending",
        ":t": claimToken,
        ":now": now,
        ":due": this.later(this.timings.reconcileAfterMs),
      },
    }));
  }

  release(issueId: string, ids: readonly string[], claimToken: string) {
    const now = this.now().toISOString();
    return this.update(issueId, ids, () => ({
      ConditionExpression: "#s = :claimed AND claimToken = :t",
      UpdateExpression: "SET #s = :queued, dueAt = :due, updatedAt = :now REMOVE claimToken, leaseUntil",
      ExpressionAttributeValues: {
        ":claimed": "claimed",
        ":queued": "queued",
        ":t": claimToken,
        ":now": now,
        ":due": this.later(this.timings.requeueAfterMs),
      },
    }));
  }

  finish(issueId: string, outcomes: readonly DeliveryOutcome[], claimToken: string) {
    const now = this.now().toISOString();
    const byId = new Map(outcomes.map((o) => [o.subscriberId, o]));
    return this.update(issueId, [...byId.keys()], (id): Omit<UpdateCommandInput, "TableName" | "Key"> => {
      const o = byId.get(id) as DeliveryOutcome;
      const values = {
        ":sending": "sending",
        ":t": claimToken,
        ":now": now,
        ":status": o.status,
        ":error": o.error?.slice(0, 500) ?? null,
      };
      if (o.status === "retry")
        return {
          ConditionExpression: "#s = :sending AND claimToken = :t",
          UpdateExpression:
            "SET #s = :status, #e = :error, dueAt = :due, updatedAt = :now REMOVE claimToken, leaseUntil",
          ExpressionAttributeNames: { "#e": "error" },
          ExpressionAttributeValues: { ...values, ":due": this.later(this.timings.requeueAfterMs) },
        };
      return {
        ConditionExpression: "#s = :sending AND claimToken = :t",
        UpdateExpression:
          "SET #s = :status, #e = :error, messageId = :m, updatedAt = :now REMOVE #open, dueAt, claimToken, leaseUntil",
        ExpressionAttributeNames: { "#e": "error", "#open": "open" },
        ExpressionAttributeValues: { ...values, ":m": o.messageId },
      };
    });
  }

  skip(issueId: string, ids: readonly string[]) {
    const now = this.now().toISOString();
    return this.update(issueId, ids, () => ({
      ConditionExpression: "#s IN (:queued, :retry)",
      UpdateExpression: "SET #s = :skipped, updatedAt = :now REMOVE #open, dueAt",
      ExpressionAttributeNames: { "#open": "open" },
      ExpressionAttributeValues: {
        ":queued": "queued",
        ":retry": "retry",
        ":skipped": "skipped",
        ":now": now,
      },
    }));
  }

  async markSent(events: readonly SendEvent[]): Promise<StepResult> {
    const now = this.now().toISOString();
    const results = await Promise.all(
      events.map((e) =>
        this.update(e.issueId, [e.subscriberId], () => ({
          // A late event for a row already being sent again still stops the second copy: that
          // worker's move to `sending` fails once the row is `sent`.
          ConditionExpression: "#s IN (:queued, :claimed, :sending, :retry)",
          UpdateExpression:
            "SET #s = :sent, messageId = :m, updatedAt = :now REMOVE #open, dueAt, claimToken, leaseUntil",
          ExpressionAttributeNames: { "#open": "open" },
          ExpressionAttributeValues: {
            ":queued": "queued",
            ":claimed": "claimed",
            ":sending": "sending",
            ":retry": "retry",
            ":sent": "sent",
            ":m": e.messageId,
            ":now": now,
          },
        })),
      ),
    );
    return { won: results.flatMap((r) => r.won), errors: results.flatMap((r) => r.errors) };
  }

  async listUnfinished(): Promise<DeliveryRow[]> {
    const rows: DeliveryRow[] = [];
    const pages = paginateQuery(
      { client: this.doc },
      {
        TableName: this.tableName,
        IndexName: UNFINISHED.name,
        KeyConditionExpression: "#open = :open",
        ExpressionAttributeNames: { "#open": UNFINISHED.partitionKey },
        ExpressionAttributeValues: { ":open": OPEN },
      },
    );
    for await (const page of pages) rows.push(...(page.Items ?? []).map(toRow));
    return rows;
  }

  async expireSending(row: DeliveryRow): Promise<boolean> {
    const now = this.now().toISOString();
    const { won } = await this.update(row.issueId, [row.subscriberId], () => ({
      ConditionExpression: "#s = :sending AND claimToken = :t",
      UpdateExpression:
        "SET #s = :retry, #e = :error, dueAt = :due, updatedAt = :now REMOVE claimToken, leaseUntil",
      ExpressionAttributeNames: { "#e": "error" },
      ExpressionAttributeValues: {
        ":sending": "sending",
        ":retry": "retry",
        ":t": row.claimToken,
        ":now": now,
        ":error": "no SEND event within the reconciler's bound",
        ":due": this.later(this.timings.requeueAfterMs),
      },
    }));
    return won.length === 1;
  }

  async expireClaim(row: DeliveryRow): Promise<boolean> {
    const now = this.now().toISOString();
    const { won } = await this.update(row.issueId, [row.subscriberId], () => ({
      ConditionExpression: "#s = :claimed AND claimToken = :t AND leaseUntil < :now",
      UpdateExpression: "SET #s = :queued, dueAt = :due, updatedAt = :now REMOVE claimToken, leaseUntil",
      ExpressionAttributeValues: {
        ":claimed": "claimed",
        ":queued": "queued",
        ":t": row.claimToken,
        ":now": now,
        ":due": this.later(this.timings.requeueAfterMs),
      },
    }));
    return won.length === 1;
  }

  async postpone(row: DeliveryRow, dueAt: Date): Promise<boolean> {
    const { won } = await this.update(row.issueId, [row.subscriberId], () => ({
      ConditionExpression: "#s = :status AND dueAt = :was",
      UpdateExpression: "SET dueAt = :due",
      ExpressionAttributeValues: { ":status": row.status, ":was": row.dueAt, ":due": dueAt.toISOString() },
    }));
    return won.length === 1;
  }

  async count(issueId: string): Promise<DeliveryCounts> {
    const { rows, legacy } = await this.list(issueId);
    const counts: DeliveryCounts = {
      queued: 0,
      claimed: 0,
      sending: 0,
      sent: 0,
      rejected: 0,
      retry: 0,
      skipped: 0,
      legacy: { claimed: 0, sent: 0, rejected: 0 },
    };
    for (const row of rows) counts[row.status]++;
    for (const status of legacy.values()) counts.legacy[status]++;
    return counts;
  }

  /** One conditional UpdateItem per row, all at once; a failed condition is a row not won. */
  private update(
    issueId: string,
    ids: readonly string[],
    step: (id: string) => Omit<UpdateCommandInput, "TableName" | "Key">,
  ): Promise<StepResult> {
    return this.each(ids, async (id) => {
      const input = step(id);
      await this.doc.send(
        new UpdateCommand({
          ...input,
          TableName: this.tableName,
          Key: { issueId, [SORT_KEY]: id },
          ExpressionAttributeNames: { "#s": "status", ...input.ExpressionAttributeNames },
        }),
      );
    });
  }

  private async each(ids: readonly string[], write: (id: string, i: number) => Promise<void>) {
    const settled = await Promise.allSettled(ids.map((id, i) => write(id, i)));
    const result: StepResult = { won: [], errors: [] };
    settled.forEach((s, i) => {
      if (s.status === "fulfilled") result.won.push(ids[i] as string);
      else if (!(s.reason instanceof ConditionalCheckFailedException)) result.errors.push(s.reason);
    });
    return result;
  }

  private async batchGet(issueId: string, keys: readonly string[]): Promise<Record<string, unknown>[]> {
    const found: Record<string, unknown>[] = [];
    const unique = [...new Set(keys)];
    for (let i = 0; i < unique.length; i += BATCH_GET_LIMIT) {
      let pending: Record<string, unknown>[] = unique
        .slice(i, i + BATCH_GET_LIMIT)
        .map((k) => ({ issueId, [SORT_KEY]: k }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 8) throw new Error(`could not read ${pending.length} deliveries`);
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
        const { Responses, UnprocessedKeys } = await this.doc.send(
          new BatchGetCommand({
            RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } },
          }),
        );
        found.push(...(Responses?.[this.tableName] ?? []));
        pending = (UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return found;
  }

  private later(ms: number): string {
    return new Date(this.now().getTime() + ms).toISOString();
  }

  private keyAndExpiry(issueId: string, id: string) {
    const expiresAt = Math.floor(this.now().getTime() / 1000) + DELIVERY_RECORD_DAYS * 86_400;
    return { issueId, [SORT_KEY]: id, expiresAt };
  }
}

/** A row of the earlier version: keyed by address (subscriber ids never hold an `@`). */
function isLegacy(item: Record<string, unknown>): boolean {
  return String(item[SORT_KEY]).includes("@");
}

function toRow(item: Record<string, unknown>): DeliveryRow {
  const text = (name: string) => (typeof item[name] === "string" ? (item[name] as string) : null);
  return {
    issueId: String(item.issueId),
    subscriberId: String(item[SORT_KEY]),
    address: String(item.address ?? ""),
    status: item.status as DeliveryStatus,
    claimToken: text("claimToken"),
    leaseUntil: text("leaseUntil"),
    dueAt: text("dueAt"),
    queuedAt: text("queuedAt") ?? "",
    sendingAt: text("sendingAt"),
    attempts: Number(item.attempts ?? 0),
    messageId: text("messageId"),
    error: text("error"),
  };
}
