import { type CfnElement, Duration, Stack, TimeZone, Validations } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import {
  ContextAttribute,
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
} from "aws-cdk-lib/aws-scheduler";
import { LambdaInvoke } from "aws-cdk-lib/aws-scheduler-targets";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import type { IQueue, Queue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { ARTICLES_TABLE, SUBSCRIBERS_TABLE } from "../lambdas/adapters/dynamo-tables.ts";
import { alarmOnDeadLetters, deadLetterQueue } from "./dead-letters.ts";
import { grantTable, sesArn } from "./grants.ts";
import { OnRecordFunction } from "./onrecord-function.ts";

export interface ScheduledComposeProps {
  articles: ITable;
  subscribers: ITable;
  deliveries: ITable;
  issues: ITable;
  sendQueue: IQueue;
  sender: string;
  scheduleExpression: string;
  timeZone: string;
  postalAddress: string;
  senderName: string;
  /** The web app's URL: issues link to their archive page there. */
  publicUrl: string;
  alerts: ITopic;
}

/**
 * The weekly issue: an EventBridge Scheduler schedule (cron in a time zone) invokes the compose
 * function with the time it fired. The schedule retries an invocation it could not make, Lambda
 * retries a run that failed (the scheduler invokes asynchronously), and either failure, once
 * retried, lands in one dead-letter queue that raises an alarm.
 */
export class ScheduledCompose extends Construct {
  readonly composer: OnRecordFunction;
  readonly schedule: Schedule;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: ScheduledComposeProps) {
    super(scope, id);
    this.deadLetters = deadLetterQueue(this);
    this.composer = new OnRecordFunction(this, "Composer", {
      handler: "compose",
      description: "Composes and renders the week's issue once and queues its confirmed subscribers",
      timeout: Duration.minutes(5),
      memorySize: 1024,
      withTemplates: true,
      deadLetterQueue: this.deadLetters,
      environment: {
        ONRECORD_ARTICLES_TABLE: props.articles.tableName,
        ONRECORD_SUBSCRIBERS_TABLE: props.subscribers.tableName,
        ONRECORD_DELIVERIES_TABLE: props.deliveries.tableName,
        ONRECORD_ISSUES_TABLE: props.issues.tableName,
        ONRECORD_SEND_QUEUE_URL: props.sendQueue.queueUrl,
        ONRECORD_SENDER: props.sender,
        ONRECORD_TIME_ZONE: props.timeZone,
        ONRECORD_POSTAL_ADDRESS: props.postalAddress,
        ONRECORD_SENDER_NAME: props.senderName,
        ONRECORD_PUBLIC_URL: props.publicUrl,
      },
    });
    grantTable(this.composer, props.articles, ["Query"], [ARTICLES_TABLE.indexes[0].name]);
    // The confirmed listed on the status index, their records (with their ids) read by BatchGetItem.
    grantTable(
      this.composer,
      props.subscribers,
      ["Query", "BatchGetItem"],
      [SUBSCRIBERS_TABLE.indexes[0].name],
    );
    grantTable(this.composer, props.issues, ["GetItem", "PutItem"]);
    // The outbox: the issue's rows read once (Query), then one conditional put per new recipient.
    grantTable(this.composer, props.deliveries, ["Query", "PutItem"]);
    props.sendQueue.grantSendMessages(this.composer);
    this.composer.addToRolePolicy(
      new PolicyStatement({
        actions: ["ses:CreateEmailTemplate", "ses:UpdateEmailTemplate"],
        resources: [sesArn(this, "template/onrecord-issue-*")],
      }),
    );

    this.composer.configureAsyncInvoke({ retryAttempts: 2 });
    this.schedule = new Schedule(this, "Weekly", {
      description: "Compose and send the weekly onrecord issue",
      schedule: ScheduleExpression.expression(props.scheduleExpression, TimeZone.of(props.timeZone)),
      target: new LambdaInvoke(this.composer, {
        input: ScheduleTargetInput.fromObject({ scheduledTime: ContextAttribute.scheduledTime }),
        retryAttempts: 3,
        maxEventAge: Duration.hours(6),
        deadLetterQueue: this.deadLetters,
      }),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: "AwsSolutions-SQS3",
      reason:
        "This queue is the dead-letter queue of the schedule and the compose function: it needs none of its own.",
    });
    const stack = Stack.of(this);
    const composerId = stack.resolve(stack.getLogicalId(this.composer.node.defaultChild as CfnElement));
    Validations.of(stack).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${composerId}.Arn>:*]`,
      reason: "The scheduler's role (made by CDK) may invoke any version of the compose function.",
    });
    alarmOnDeadLetters(
      this,
      this.deadLetters,
      "The weekly issue could not be composed after every retry.",
      props.alerts,
    );
  }
}
