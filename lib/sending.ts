import { type CfnElement, Duration, Stack, Validations } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import { Schedule, ScheduleExpression } from "aws-cdk-lib/aws-scheduler";
import { LambdaInvoke } from "aws-cdk-lib/aws-scheduler-targets";
import type { ISecret } from "aws-cdk-lib/aws-secretsmanager";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { DELIVERIES_TABLE } from "../lambdas/adapters/dynamo-tables.ts";
import { alarmOnDeadLetters, deadLetterQueue } from "./dead-letters.ts";
import { grantTable, sesArn } from "./grants.ts";
import { OnRecordFunction } from "./onrecord-function.ts";

export interface SendingProps {
  deliveries: ITable;
  subscribers: ITable;
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
/** How often the sweeper looks at unfinished deliveries. */
export const SWEEP_SCHEDULE = "rate(5 minutes)";

/**
 * The send path: a queue of batches (≤ 50 recipients each) drained by the send worker with
 * reserved concurrency, so the workers together stay under the account's send rate. A batch that
 * keeps failing goes to a dead-letter queue, and a message there raises an alarm. A scheduled
 * sweeper queues again what a lost batch, a dead worker or a lost SES answer left unfinished,
 * and raises an alarm on deliveries still not final an hour after they were queued.
 */
export class Sending extends Construct {
  readonly queue: Queue;
  readonly deadLetters: Queue;
  readonly worker: OnRecordFunction;
  readonly sweeper: OnRecordFunction;
  readonly sweeperDeadLetters: Queue;

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
        ONRECORD_SUBSCRIBERS_TABLE: props.subscribers.tableName,
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
    grantTable(this.worker, props.deliveries, ["BatchGetItem", "PutItem", "UpdateItem"]);
    grantTable(this.worker, props.subscribers, ["BatchGetItem"]);
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
    [this.sweeper, this.sweeperDeadLetters] = this.addSweeper(props);
  }

  private addSweeper(props: SendingProps): [OnRecordFunction, Queue] {
    const scope = new Construct(this, "Sweep");
    const deadLetters = deadLetterQueue(scope);
    const sweeper = new OnRecordFunction(scope, "Sweeper", {
      handler: "sweeper",
      description:
        "Queues again unfinished deliveries (expired leases, lost answers) and counts the late ones",
      timeout: Duration.minutes(2),
      memorySize: 256,
      deadLetterQueue: deadLetters,
      environment: {
        ONRECORD_DELIVERIES_TABLE: props.deliveries.tableName,
        ONRECORD_SEND_QUEUE_URL: this.queue.queueUrl,
      },
    });
    grantTable(sweeper, props.deliveries, ["Query", "UpdateItem"], [DELIVERIES_TABLE.indexes[0].name]);
    this.queue.grantSendMessages(sweeper);
    // A missed sweep is made up by the next one five minutes later: no retries.
    sweeper.configureAsyncInvoke({ retryAttempts: 0 });
    new Schedule(scope, "Every5Minutes", {
      description: "Sweep onrecord's unfinished deliveries",
      schedule: ScheduleExpression.expression(SWEEP_SCHEDULE),
      target: new LambdaInvoke(sweeper, {
        retryAttempts: 0,
        maxEventAge: Duration.minutes(5),
        deadLetterQueue: deadLetters,
      }),
    });
    Validations.of(deadLetters).acknowledge({
      id: "AwsSolutions-SQS3",
      reason: "This queue is the sweeper's dead-letter queue: it needs none of its own.",
    });
    const stack = Stack.of(this);
    const sweeperId = stack.resolve(stack.getLogicalId(sweeper.node.defaultChild as CfnElement));
    Validations.of(stack).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${sweeperId}.Arn>:*]`,
      reason: "The scheduler's role (made by CDK) may invoke any version of the sweeper.",
    });
    alarmOnDeadLetters(
      scope,
      deadLetters,
      "The delivery sweeper failed: unfinished deliveries are not being queued again.",
      props.alerts,
    );
    new Alarm(scope, "UnfinishedAlarm", {
      alarmDescription:
        "Deliveries of an issue are still not sent, rejected or skipped an hour after they were queued (see `onrecord status --week`).",
      metric: new Metric({
        namespace: "onrecord",
        metricName: "DeliveriesUnfinished",
        dimensionsMap: { service: "sweeper" },
        statistic: "Maximum",
        period: Duration.minutes(5),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(props.alerts));
    return [sweeper, deadLetters];
  }
}
