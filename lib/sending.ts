import { Duration } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import type { ISecret } from "aws-cdk-lib/aws-secretsmanager";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { alarmOnDeadLetters, deadLetterQueue } from "./dead-letters.ts";
import { grantTable, sesArn } from "./grants.ts";
import { OnRecordFunction } from "./onrecord-function.ts";

export interface SendingProps {
  deliveries: ITable;
  signingSecret: ISecret;
  sender: string;
  configurationSetName: string;
  publicUrl: string;
  /** Recipients per second for all workers together; unset: the account's maximum (GetAccount). */
  sendRate?: number | undefined;
  concurrency: number;
  alerts: ITopic;
}

/** Deliveries of one batch tried before SQS moves the message to the dead-letter queue. */
export const MAX_RECEIVES = 5;
const WORKER_TIMEOUT = Duration.minutes(2);

/**
 * The send path: a queue of batches (≤ 50 recipients each) drained by the send worker with
 * reserved concurrency, so the workers together stay under the account's send rate. A batch that
 * keeps failing goes to a dead-letter queue, and a message there raises an alarm.
 */
export class Sending extends Construct {
  readonly queue: Queue;
  readonly deadLetters: Queue;
  readonly worker: OnRecordFunction;

  constructor(scope: Construct, id: string, props: SendingProps) {
    super(scope, id);
    this.deadLetters = deadLetterQueue(this);
    this.queue = new Queue(this, "Batches", {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's advice for Lambda consumers: six times the function's timeout.
      visibilityTimeout: Duration.seconds(WORKER_TIMEOUT.toSeconds() * 6),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: MAX_RECEIVES },
    });
    this.worker = new OnRecordFunction(this, "Worker", {
      handler: "send-worker",
      description: "Sends one batch of an issue with SES SendBulkEmail, once per recipient",
      timeout: WORKER_TIMEOUT,
      memorySize: 256,
      reservedConcurrentExecutions: props.concurrency,
      environment: {
        ONRECORD_DELIVERIES_TABLE: props.deliveries.tableName,
        ONRECORD_SENDER: props.sender,
        ONRECORD_CONFIGURATION_SET: props.configurationSetName,
        ONRECORD_PUBLIC_URL: props.publicUrl,
        ONRECORD_UNSUBSCRIBE_SECRET_ARN: props.signingSecret.secretArn,
        ONRECORD_SEND_CONCURRENCY: String(props.concurrency),
        ...(props.sendRate && { ONRECORD_SEND_RATE: String(props.sendRate) }),
      },
    });
    this.worker.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: 1,
        reportBatchItemFailures: true,
        maxConcurrency: Math.max(2, props.concurrency),
      }),
    );
    grantTable(this.worker, props.deliveries, ["PutItem", "DeleteItem", "BatchWriteItem"]);
    props.signingSecret.grantRead(this.worker);
    const domain = props.sender.split("@")[1] ?? props.sender;
    this.worker.addToRolePolicy(
      new PolicyStatement({
        actions: ["ses:SendBulkEmail", "ses:SendBulkTemplatedEmail"],
        resources: [
          sesArn(this, `identity/${domain}`),
          sesArn(this, `identity/${props.sender}`),
          sesArn(this, `configuration-set/${props.configurationSetName}`),
          sesArn(this, "template/onrecord-issue-*"),
        ],
      }),
    );
    this.worker.addToRolePolicy(new PolicyStatement({ actions: ["ses:GetAccount"], resources: ["*"] }));

    alarmOnDeadLetters(
      this,
      this.deadLetters,
      "A send batch failed after every retry: some subscribers did not get this week's issue.",
      props.alerts,
    );
  }
}
