import { Duration, Validations } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { Bucket, EventType } from "aws-cdk-lib/aws-s3";
import { LambdaDestination } from "aws-cdk-lib/aws-s3-notifications";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import { Construct } from "constructs";
import { INGEST_BUCKET_EXPORT } from "./data-stack.ts";
import { alarmOnDeadLetters, deadLetterQueue } from "./dead-letters.ts";
import { grantTable } from "./grants.ts";
import { OnRecordFunction } from "./onrecord-function.ts";

export interface IngestProps {
  articles: ITable;
  /** Where refused files are kept with their reasons. */
  refusals: ITable;
  /** The ingest bucket's ARN, imported from the data stack. */
  bucketArn: string;
  /** Where the dead-letter alarm is sent. */
  alerts: ITopic;
}

/**
 * Ingest: a file dropped into the bucket is parsed, its statements extracted, and both stored; a
 * file that is not an article is kept in the refusals table with its reason and counted in the
 * `onrecord/ArticlesRefused` metric.
 * S3 invokes the function asynchronously; events that still fail after Lambda's retries are kept
 * in a dead-letter queue (the file itself stays in the versioned bucket), which raises an alarm.
 */
export class Ingest extends Construct {
  readonly ingester: OnRecordFunction;

  constructor(scope: Construct, id: string, props: IngestProps) {
    super(scope, id);
    const deadLetters = deadLetterQueue(this);
    this.ingester = new OnRecordFunction(this, "Ingester", {
      handler: "ingest",
      description: "Stores an article dropped into the ingest bucket, with its extracted statements",
      timeout: Duration.minutes(1),
      memorySize: 1024,
      environment: {
        ONRECORD_ARTICLES_TABLE: props.articles.tableName,
        ONRECORD_REFUSALS_TABLE: props.refusals.tableName,
      },
      deadLetterQueue: deadLetters,
    });
    this.ingester.configureAsyncInvoke({ retryAttempts: 2 });
    // GetItem: an article stored under its former id (the key's base name) is found there again.
    grantTable(this.ingester, props.articles, ["GetItem", "PutItem"]);
    grantTable(this.ingester, props.refusals, ["PutItem"]);
    // Imported, so the notification lives in this stack and the data stack never depends on it.
    const bucket = Bucket.fromBucketArn(this, "Bucket", props.bucketArn);
    this.ingester.addToRolePolicy(
      new PolicyStatement({ actions: ["s3:GetObject"], resources: [bucket.arnForObjects("*")] }),
    );
    bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(this.ingester));
    Validations.of(this.ingester).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${INGEST_BUCKET_EXPORT}/*]`,
      reason: "Reads any article object in the ingest bucket: the key is only known when the file arrives.",
    });
    alarmOnDeadLetters(
      this,
      deadLetters,
      "An article dropped into the ingest bucket could not be stored after every retry.",
      props.alerts,
    );
  }
}
