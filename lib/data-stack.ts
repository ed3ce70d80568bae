import { RemovalPolicy, Stack, type StackProps, Validations } from "aws-cdk-lib";
import { AttributeType, BillingMode, ProjectionType, Table } from "aws-cdk-lib/aws-dynamodb";
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from "aws-cdk-lib/aws-s3";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import type { Construct } from "constructs";
import {
  ARTICLES_TABLE,
  DELIVERIES_TABLE,
  FEED_ITEMS_TABLE,
  FEEDS_TABLE,
  type IndexSpec,
  ISSUES_TABLE,
  projectionOf,
  RATE_LIMITS_TABLE,
  REFUSALS_TABLE,
  SUBSCRIBERS_TABLE,
  type TableSpec,
} from "../lambdas/adapters/dynamo-tables.ts";

/**
 * Everything that holds data, apart from the functions so that replacing or removing those can
 * never touch it: the tables, the ingest bucket, and the key that signs subscriber links. Tables
 * have point-in-time recovery; those whose loss would lose data (all but the rate-limit counters)
 * have deletion protection and are retained when the stack is deleted.
 */
export class DataStack extends Stack {
  readonly articles: Table;
  readonly subscribers: Table;
  readonly deliveries: Table;
  readonly issues: Table;
  /** Articles that were not stored, with their reasons (they expire after 90 days). */
  readonly refusals: Table;
  /** The feeds the poller reads, and the feed items dealt with. */
  readonly feeds: Table;
  readonly feedItems: Table;
  /** The web app's rate-limit counters (they expire; losing them loses nothing). */
  readonly rateLimits: Table;
  readonly ingestBucket: Bucket;
  readonly signingSecret: Secret;
  /** The keys that hash the addresses of people who left, one a line, the current first. */
  readonly addressHashKeys: Secret;
  /** The ingest bucket's ARN as an export with a fixed name, for the pipeline to import. */
  readonly ingestBucketArnImport: string;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.articles = tableFrom(this, "Articles", ARTICLES_TABLE);
    this.subscribers = tableFrom(this, "Subscribers", SUBSCRIBERS_TABLE);
    this.deliveries = tableFrom(this, "Deliveries", DELIVERIES_TABLE);
    this.issues = tableFrom(this, "Issues", ISSUES_TABLE);
    this.rateLimits = tableFrom(this, "RateLimits", RATE_LIMITS_TABLE, { holdsData: false });
    this.refusals = tableFrom(this, "Refusals", REFUSALS_TABLE);
    this.feeds = tableFrom(this, "Feeds", FEEDS_TABLE);
    this.feedItems = tableFrom(this, "FeedItems", FEED_ITEMS_TABLE);

    const accessLogs = new Bucket(this, "AccessLogs", {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogs).acknowledge({
      id: "AwsSolutions-S1",
      reason: "This is the access-log bucket; logging it to itself would loop.",
    });
    this.ingestBucket = new Bucket(this, "Ingest", {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: "ingest/",
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.ingestBucketArnImport = this.exportValue(this.ingestBucket.bucketArn, {
      name: INGEST_BUCKET_EXPORT,
    });

    this.signingSecret = new Secret(this, "SigningKey", {
      description: "HMAC key that signs onrecord's confirmation and unsubscribe links",
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.signingSecret).acknowledge({
      id: "AwsSolutions-SMG4",
      reason: "Unsubscribe links in past issues must keep working; rotating the key would break every one.",
    });
    this.addressHashKeys = new Secret(this, "AddressHashKeys", {
      description:
        "Keys that hash the addresses of onrecord's former subscribers, one a line, the current first: to rotate, put a new line first and keep the old ones",
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.addressHashKeys).acknowledge({
      id: "AwsSolutions-SMG4",
      reason:
        "Rotated by hand (a new first line, the old keys kept for lookups): a generated replacement would drop the old keys and lose every former subscriber's record.",
    });
  }
}

/** The export name of the ingest bucket's ARN (also named in the pipeline's cdk-nag acknowledgements). */
export const INGEST_BUCKET_EXPORT = "OnRecordData-IngestBucketArn";

function projectionFor(index: IndexSpec) {
  const { ProjectionType: type, NonKeyAttributes } = projectionOf(index);
  if (type === "ALL") return { projectionType: ProjectionType.ALL };
  if (type === "KEYS_ONLY") return { projectionType: ProjectionType.KEYS_ONLY };
  return { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: NonKeyAttributes };
}

function tableFrom(scope: Construct, id: string, spec: TableSpec, { holdsData = true } = {}): Table {
  const table = new Table(scope, id, {
    partitionKey: { name: spec.partitionKey, type: AttributeType.STRING },
    ...(spec.sortKey && { sortKey: { name: spec.sortKey, type: AttributeType.STRING } }),
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: holdsData,
    removalPolicy: holdsData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    ...(spec.timeToLive && { timeToLiveAttribute: spec.timeToLive }),
  });
  for (const index of spec.indexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.name,
      partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
      ...(index.sortKey && { sortKey: { name: index.sortKey, type: AttributeType.STRING } }),
      ...projectionFor(index),
    });
  }
  return table;
}
