import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { actionsOf, statementsOf, synthesizeWithoutBundling } from "./app.ts";

const { pipeline } = synthesizeWithoutBundling();
const lambda = (prefix: string) => {
  const found = Object.entries(pipeline.findResources("AWS::Lambda::Function")).find(([id]) =>
    id.startsWith(prefix),
  );
  if (!found) throw new Error(`no function ${prefix}`);
  return { id: found[0], props: found[1].Properties };
};

describe("feeds: the poller", () => {
  it("runs on an EventBridge Scheduler schedule, every 30 minutes by default, retried, failures dead-lettered", () => {
    pipeline.hasResourceProperties("AWS::Scheduler::Schedule", {
      ScheduleExpression: "rate(30 minutes)",
      Target: Match.objectLike({
        Arn: { "Fn::GetAtt": [lambda("FeedsPoller").id, "Arn"] },
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 1800 },
        DeadLetterConfig: { Arn: Match.anyValue() },
      }),
    });
  });

  it("keeps a run that failed every retry of Lambda's in the schedule's dead-letter queue (the scheduler invokes asynchronously)", () => {
    const target = Object.values(pipeline.findResources("AWS::Scheduler::Schedule")).find(
      (s) =>
        JSON.stringify(s.Properties.Target.Arn) ===
        JSON.stringify({ "Fn::GetAtt": [lambda("FeedsPoller").id, "Arn"] }),
    );
    const scheduleQueue = target?.Properties.Target.DeadLetterConfig.Arn;
    expect(lambda("FeedsPoller").props.DeadLetterConfig).toEqual({ TargetArn: scheduleQueue });
    pipeline.hasResourceProperties("AWS::Lambda::EventInvokeConfig", {
      FunctionName: { Ref: lambda("FeedsPoller").id },
      MaximumRetryAttempts: 2,
    });
  });

  it("takes its schedule from context", () => {
    const hourly = synthesizeWithoutBundling({ feedPollSchedule: "rate(1 hour)" });
    hourly.pipeline.hasResourceProperties("AWS::Scheduler::Schedule", { ScheduleExpression: "rate(1 hour)" });
    expect(() => synthesizeWithoutBundling({ feedPollSchedule: "every hour" })).toThrow(/feedPollSchedule/);
  });

  it("may list and update feeds, ask which items were seen, and queue items, nothing more", () => {
    expect(actionsOf(pipeline, "FeedsPoller").sort()).toEqual([
      "dynamodb:BatchGetItem",
      "dynamodb:GetItem",
      "dynamodb:Scan",
      "dynamodb:UpdateItem",
      "sqs:GetQueueAttributes",
      "sqs:GetQueueUrl",
      "sqs:SendMessage",
      // its own dead-letter queue
      "sqs:SendMessage",
    ]);
    expect(Object.keys(lambda("FeedsPoller").props.Environment.Variables).sort()).toEqual([
      "NODE_OPTIONS",
      "ONRECORD_FEEDS_TABLE",
      "ONRECORD_FEED_ITEMS_TABLE",
      "ONRECORD_FETCH_QUEUE_URL",
    ]);
  });
});

describe("feeds: the fetch queue and the fetcher", () => {
  it("queues items on an encrypted FIFO queue (grouped by host) with a FIFO dead-letter queue after three receives", () => {
    pipeline.hasResourceProperties("AWS::SQS::Queue", {
      FifoQueue: true,
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 240,
      RedrivePolicy: { maxReceiveCount: 3, deadLetterTargetArn: Match.anyValue() },
    });
    expect(
      Object.values(pipeline.findResources("AWS::SQS::Queue", { Properties: { FifoQueue: true } })),
    ).toHaveLength(2);
  });

  it("takes ten items at a time and hands back only the ones to retry", () => {
    pipeline.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      FunctionName: { Ref: lambda("FeedsFetcher").id },
      BatchSize: 10,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
    });
    expect(lambda("FeedsFetcher").props.Timeout).toBe(180);
  });

  it("may mark items seen, count them on their feed, get and put articles and record refusals, nothing more", () => {
    expect(
      actionsOf(pipeline, "FeedsFetcher")
        .filter((a) => a.startsWith("dynamodb:"))
        .sort(),
    ).toEqual([
      "dynamodb:BatchGetItem",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:PutItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
    ]);
    const onFeeds = statementsOf(pipeline, "FeedsFetcher").find((s) => s.Action === "dynamodb:UpdateItem");
    expect(JSON.stringify(onFeeds?.Resource)).toContain("Feeds");
    expect(actionsOf(pipeline, "FeedsFetcher")).not.toContain("dynamodb:Scan");
  });

  it("raises an alarm to the alerts topic when either dead-letter queue holds a message", () => {
    const alarms = Object.values(pipeline.findResources("AWS::CloudWatch::Alarm")).filter((a) =>
      /feeds|feed item/i.test(String(a.Properties.AlarmDescription)),
    );
    expect(alarms.map((a) => a.Properties.AlarmDescription).sort()).toEqual([
      "A feed item's page could not be fetched after every retry.",
      "The feeds could not be polled after every retry.",
    ]);
    for (const alarm of alarms) {
      expect(alarm.Properties).toMatchObject({ Threshold: 1, AlarmActions: [expect.anything()] });
    }
  });
});
