import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { synthesizeWithoutBundling } from "./app.ts";

const { data } = synthesizeWithoutBundling();

describe("the data stack", () => {
  it("keeps every table on demand with point-in-time recovery", () => {
    const tables = data.findResources("AWS::DynamoDB::Table");
    expect(Object.keys(tables)).toHaveLength(8);
    for (const table of Object.values(tables)) {
      expect(table.Properties.BillingMode).toBe("PAY_PER_REQUEST");
      expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    }
  });

  it("protects the tables that hold data from deletion, and retains them with the stack", () => {
    const protectedTables = data.findResources("AWS::DynamoDB::Table", {
      Properties: { DeletionProtectionEnabled: true },
      DeletionPolicy: "Retain",
    });
    expect(
      Object.keys(protectedTables)
        .map((id) => id.replace(/[0-9A-F]{8}$/, ""))
        .sort(),
    ).toEqual(["Articles", "Deliveries", "FeedItems", "Feeds", "Issues", "Refusals", "Subscribers"]);
  });

  it("indexes articles by day, so a window is read by Query", () => {
    data.hasResourceProperties("AWS::DynamoDB::Table", {
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      GlobalSecondaryIndexes: [
        {
          IndexName: "byDay",
          KeySchema: [
            { AttributeName: "day", KeyType: "HASH" },
            { AttributeName: "id", KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        },
      ],
    });
  });

  it("lists confirmed subscribers by status and finds them by link id, through indexes holding only what those read", () => {
    data.hasResourceProperties("AWS::DynamoDB::Table", {
      KeySchema: [{ AttributeName: "email", KeyType: "HASH" }],
      GlobalSecondaryIndexes: [
        {
          IndexName: "statusEmail",
          KeySchema: [
            { AttributeName: "status", KeyType: "HASH" },
            { AttributeName: "email", KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "INCLUDE", NonKeyAttributes: ["createdAt", "updatedAt"] },
        },
        {
          IndexName: "idEmail",
          KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
          Projection: { ProjectionType: "KEYS_ONLY" },
        },
      ],
      // Pending sign-ups never confirmed expire.
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
    });
  });

  it("lists the newest issues by one Query on an index of their summaries", () => {
    data.hasResourceProperties("AWS::DynamoDB::Table", {
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      GlobalSecondaryIndexes: [
        {
          IndexName: "newest",
          KeySchema: [
            { AttributeName: "archive", KeyType: "HASH" },
            { AttributeName: "id", KeyType: "RANGE" },
          ],
          Projection: {
            ProjectionType: "INCLUDE",
            NonKeyAttributes: ["from", "to", "subject", "composedAt"],
          },
        },
      ],
    });
  });

  it("keys deliveries by (issue, recipient) and lets them expire", () => {
    data.hasResourceProperties("AWS::DynamoDB::Table", {
      KeySchema: [
        { AttributeName: "issueId", KeyType: "HASH" },
        { AttributeName: "email", KeyType: "RANGE" },
      ],
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
    });
  });

  it("keeps ingested files in a private, versioned, encrypted, logged bucket reachable only over TLS", () => {
    data.hasResourceProperties("AWS::S3::Bucket", {
      VersioningConfiguration: { Status: "Enabled" },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: "ingest/" }),
    });
    data.hasResourceProperties("AWS::S3::BucketPolicy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
        ]),
      },
    });
  });

  it("generates the key that signs subscriber links, and exports the bucket under a fixed name", () => {
    data.hasResourceProperties("AWS::SecretsManager::Secret", {
      GenerateSecretString: { PasswordLength: 48, ExcludePunctuation: true },
    });
    data.hasOutput("*", { Export: { Name: "OnRecordData-IngestBucketArn" } });
  });

  it("keeps the keys that hash former subscribers' addresses in a secret of their own, kept when the stack goes", () => {
    const secrets = data.findResources("AWS::SecretsManager::Secret");
    const [, keys] = Object.entries(secrets).find(([id]) => id.startsWith("AddressHashKeys")) ?? [];
    expect(keys?.DeletionPolicy).toBe("Retain");
    expect(keys?.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 48 });
  });
});
