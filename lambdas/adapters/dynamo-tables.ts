/**
 * The shape of onrecord's DynamoDB tables, defined once: the CDK stack builds them from this, the
 * local stand-in creates them from this, and the adapters read their key names from it.
 */
import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

export interface KeySpec {
  partitionKey: string;
  sortKey?: string;
}

export interface IndexSpec extends KeySpec {
  name: string;
  /**
   * The non-key attributes the index's queries read, and only those (`[]`: keys only). An
   * index's projection cannot change once it exists: a change needs a new index name.
   */
  projection: readonly string[];
}

export interface TableSpec extends KeySpec {
  /** The table's name when run locally; on AWS CloudFormation names it. */
  localName: string;
  indexes: IndexSpec[];
  /** Attribute holding an epoch-seconds expiry, for tables whose items expire. */
  timeToLive?: string;
}

/** An index whose queries read whole items. */
const ALL: readonly string[] = ["*"];

/** Articles by id; the `byDay` index serves a window as one Query per publication day. */
export const ARTICLES_TABLE = {
  localName: "onrecord-articles",
  partitionKey: "id",
  indexes: [{ name: "byDay", partitionKey: "day", sortKey: "id", projection: ALL }],
} as const satisfies TableSpec;

/**
 * Subscribers by email; `statusEmail` lists the confirmed ones without a Scan (with the two
 * timestamps the send reads, no consent, no IPs); `idEmail` finds the address a link names by its
 * pseudonymous id (links never carry the address), and holds nothing else. (They replace
 * `byStatus` and `byId`, which projected every attribute.)
 */
export const SUBSCRIBERS_TABLE = {
  localName: "onrecord-subscribers",
  partitionKey: "email",
  indexes: [
    { name: "statusEmail", partitionKey: "status", sortKey: "email", projection: ["createdAt", "updatedAt"] },
    { name: "idEmail", partitionKey: "id", projection: [] },
  ],
  timeToLive: "expiresAt",
} as const satisfies TableSpec;

/** Rate-limit counters of the web app, one per (policy, hashed subject, window); they expire. */
export const RATE_LIMITS_TABLE = {
  localName: "onrecord-rate-limits",
  partitionKey: "key",
  indexes: [],
  timeToLive: "expiresAt",
} as const satisfies TableSpec;

/**
 * The delivery outbox, one item per (issue, subscriber id) and its state (see `DeliveryStore`).
 * The sort key is still called `email`, as the first version named it (it held the address
 * then): renaming a key would replace the table. `unfinished` is sparse: only rows not yet final
 * carry its key (`open`), so the sweeper reads just those, oldest `dueAt` first.
 */
export const DELIVERIES_TABLE = {
  localName: "onrecord-deliveries",
  partitionKey: "issueId",
  sortKey: "email",
  indexes: [{ name: "unfinished", partitionKey: "open", sortKey: "dueAt", projection: ALL }],
  timeToLive: "expiresAt",
} as const satisfies TableSpec;

/**
 * Composed issues by ISO week; `newest` lists the latest few by one Query (every issue shares the
 * `archive` partition, sorted by week), with only what the archive list shows.
 */
export const ISSUES_TABLE = {
  localName: "onrecord-issues",
  partitionKey: "id",
  indexes: [
    {
      name: "newest",
      partitionKey: "archive",
      sortKey: "id",
      projection: ["from", "to", "subject", "composedAt"],
    },
  ],
} as const satisfies TableSpec;

/** The `archive` value every issue carries, so that `newest` lists them all in one partition. */
export const ARCHIVE_PARTITION = "issues";

/**
 * Articles that were not stored and why, one item per refusal, by day: `onrecord refused --since`
 * reads them with one Query per day. They expire after {@link REFUSAL_RECORD_DAYS}.
 */
export const REFUSALS_TABLE = {
  localName: "onrecord-refusals",
  partitionKey: "day",
  sortKey: "key",
  indexes: [],
  timeToLive: "expiresAt",
} as const satisfies TableSpec;

/** The feeds the poller reads: one item per feed, with its validators, last poll and counts. */
export const FEEDS_TABLE = {
  localName: "onrecord-feeds",
  partitionKey: "url",
  indexes: [],
} as const satisfies TableSpec;

/** Feed items dealt with, by their page's link: a second poll or a second feed fetches nothing again. */
export const FEED_ITEMS_TABLE = {
  localName: "onrecord-feed-items",
  partitionKey: "link",
  indexes: [],
} as const satisfies TableSpec;

/** How long refusals are kept. */
export const REFUSAL_RECORD_DAYS = 90;

export const TABLES: readonly TableSpec[] = [
  ARTICLES_TABLE,
  REFUSALS_TABLE,
  FEEDS_TABLE,
  FEED_ITEMS_TABLE,
  SUBSCRIBERS_TABLE,
  DELIVERIES_TABLE,
  ISSUES_TABLE,
  RATE_LIMITS_TABLE,
];

/** How long delivery records are kept before DynamoDB expires them. */
export const DELIVERY_RECORD_DAYS = 90;

/** The CreateTable request for a spec (all keys are strings; on-demand billing). */
export function createTableInput(spec: TableSpec, name = spec.localName): CreateTableCommandInput {
  const keyNames = new Set([
    spec.partitionKey,
    spec.sortKey,
    ...spec.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ]);
  return {
    TableName: name,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [...keyNames]
      .filter((n): n is string => n !== undefined)
      .map((AttributeName) => ({ AttributeName, AttributeType: "S" })),
    KeySchema: keySchema(spec),
    ...(spec.indexes.length > 0 && {
      GlobalSecondaryIndexes: spec.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: keySchema(index),
        Projection: projectionOf(index),
      })),
    }),
  };
}

/** DynamoDB's projection for an index: `ALL`, `KEYS_ONLY`, or `INCLUDE` of the named attributes. */
export function projectionOf(index: IndexSpec) {
  if (index.projection[0] === "*") return { ProjectionType: "ALL" as const };
  if (index.projection.length === 0) return { ProjectionType: "KEYS_ONLY" as const };
  return { ProjectionType: "INCLUDE" as const, NonKeyAttributes: [...index.projection] };
}

function keySchema(keys: KeySpec) {
  return [
    { AttributeName: keys.partitionKey, KeyType: "HASH" as const },
    ...(keys.sortKey ? [{ AttributeName: keys.sortKey, KeyType: "RANGE" as const }] : []),
  ];
}
