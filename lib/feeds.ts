import { type CfnElement, Duration, Stack, Validations } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import { Schedule, ScheduleExpression } from "aws-cdk-lib/aws-scheduler";
import { LambdaInvoke } from "aws-cdk-lib/aws-scheduler-targets";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { alarmOnDeadLetters, deadLetterQueue } from "./dead-letters.ts";
import { grantTable } from "./grants.ts";
import { OnRecordFunction } from "./onrecord-function.ts";

export interface FeedsProps {
  feeds: ITable;
  feedItems: ITable;
  articles: ITable;
  refusals: ITable;
  /** When the feeds are polled (EventBridge Scheduler `rate(…)` or `cron(…)`). */
  scheduleExpression: string;
  alerts: ITopic;
}

const FETCHER_TIMEOUT = Duration.minutes(3);

/**
 * News that comes in by itself: a schedule invokes the poller, which polls every listed feed with
 * conditional GET and queues new items on a FIFO queue grouped by host; the fetcher takes them one
 * host at a time, fetches each page and stores its article. Both keep what fails every retry in a
 * dead-letter queue that raises an alarm.
 */
export class Feeds extends Construct {
  readonly poller: OnRecordFunction;
  readonly fetcher: OnRecordFunction;
  readonly queue: Queue;

  constructor(scope: Construct, id: string, props: FeedsProps) {
    super(scope, id);
    const tables = {
      ONRECORD_FEEDS_TABLE: props.feeds.tableName,
      ONRECORD_FEED_ITEMS_TABLE: props.feedItems.tableName,
    };
    const fetchDeadLetters = new Queue(this, "FetchDeadLetters", {
      fifo: true,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, "FetchQueue", {
      fifo: true,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: FETCHER_TIMEOUT.plus(Duration.minutes(1)),
      deadLetterQueue: { queue: fetchDeadLetters, maxReceiveCount: 3 },
    });
    Validations.of(fetchDeadLetters).acknowledge({
      id: "AwsSolutions-SQS3",
      reason: "This queue is the fetch queue's dead-letter queue: it needs none of its own.",
    });

    // The scheduler invokes the poller asynchronously: a run that fails is retried by Lambda and
    // then kept in the same dead-letter queue as an invocation the scheduler could not make.
    const pollDeadLetters = deadLetterQueue(this);
    this.poller = new OnRecordFunction(this, "Poller", {
      handler: "poll-feeds",
      description: "Polls every listed feed with conditional GET and queues its new items",
      timeout: Duration.minutes(5),
      deadLetterQueue: pollDeadLetters,
      environment: { ...tables, ONRECORD_FETCH_QUEUE_URL: this.queue.queueUrl },
    });
    this.poller.configureAsyncInvoke({ retryAttempts: 2 });
    grantTable(this.poller, props.feeds, ["Scan", "GetItem", "UpdateItem"]);
    grantTable(this.poller, props.feedItems, ["BatchGetItem"]);
    this.queue.grantSendMessages(this.poller);

    this.fetcher = new OnRecordFunction(this, "Fetcher", {
      handler: "fetch-articles",
      description: "Fetches a queued feed item's page and stores its article with its statements",
      timeout: FETCHER_TIMEOUT,
      memorySize: 1024,
      environment: {
        ...tables,
        ONRECORD_ARTICLES_TABLE: props.articles.tableName,
        ONRECORD_REFUSALS_TABLE: props.refusals.tableName,
      },
    });
    grantTable(this.fetcher, props.feeds, ["UpdateItem"]);
    grantTable(this.fetcher, props.feedItems, ["BatchGetItem", "PutItem"]);
    grantTable(this.fetcher, props.articles, ["GetItem", "PutItem"]);
    grantTable(this.fetcher, props.refusals, ["PutItem"]);
    this.fetcher.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true }),
    );

    new Schedule(this, "Poll", {
      description: "Poll onrecord's feeds for new articles",
      schedule: ScheduleExpression.expression(props.scheduleExpression),
      target: new LambdaInvoke(this.poller, {
        retryAttempts: 2,
        maxEventAge: Duration.minutes(30),
        deadLetterQueue: pollDeadLetters,
      }),
    });
    Validations.of(pollDeadLetters).acknowledge({
      id: "AwsSolutions-SQS3",
      reason:
        "This queue is the dead-letter queue of the poll schedule and the poller: it needs none of its own.",
    });
    const stack = Stack.of(this);
    const pollerId = stack.resolve(stack.getLogicalId(this.poller.node.defaultChild as CfnElement));
    Validations.of(stack).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${pollerId}.Arn>:*]`,
      reason: "The scheduler's role (made by CDK) may invoke any version of the poller.",
    });
    alarmOnDeadLetters(
      new Construct(this, "PollFailures"),
      pollDeadLetters,
      "The feeds could not be polled after every retry.",
      props.alerts,
    );
    alarmOnDeadLetters(
      new Construct(this, "FetchFailures"),
      fetchDeadLetters,
      "A feed item's page could not be fetched after every retry.",
      props.alerts,
    );
  }
}
