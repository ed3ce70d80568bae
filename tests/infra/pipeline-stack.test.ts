import { App, Stack } from "aws-cdk-lib";
import { Match } from "aws-cdk-lib/assertions";
import { Bucket } from "aws-cdk-lib/aws-s3";
import { describe, expect, it } from "vitest";
import { addOnRecord } from "../../lib/onrecord-app.ts";
import { actionsOf, statementsOf, synthesizeWithoutBundling, TEST_CONTEXT } from "./app.ts";

const { pipeline } = synthesizeWithoutBundling();
const functions = pipeline.findResources("AWS::Lambda::Function");
const ours = Object.entries(functions).filter(([, f]) => String(f.Properties.Runtime).startsWith("nodejs"));
const fn = (prefix: string) => {
  const found = ours.find(([id]) => id.startsWith(prefix));
  if (!found) throw new Error(`no function ${prefix}`);
  return found[1].Properties;
};

describe("the pipeline's functions", () => {
  it("are eight Node.js bundles on arm64 with source maps enabled", () => {
    expect(ours.map(([id]) => id.replace(/[0-9A-F]{8}$/, "")).sort()).toEqual([
      "ComposeComposer",
      "FeedsFetcher",
      "FeedsPoller",
      "IngestIngester",
      "SendingSweepSweeper",
      "SendingWorker",
      "SesSuppressor",
      "WebFunction",
      "WebSignupWorker",
    ]);
    for (const [, f] of ours) {
      expect(f.Properties.Runtime).toMatch(/^nodejs(2[2-9]|[3-9]\d)\.x$/);
      expect(f.Properties.Architectures).toEqual(["arm64"]);
      expect(f.Properties.Environment.Variables.NODE_OPTIONS).toBe("--enable-source-maps");
    }
  });

  it.each([
    ["IngestIngester", ["ONRECORD_ARTICLES_TABLE"]],
    [
      "ComposeComposer",
      [
        "ONRECORD_ARTICLES_TABLE",
        "ONRECORD_ISSUES_TABLE",
        "ONRECORD_SUBSCRIBERS_TABLE",
        "ONRECORD_DELIVERIES_TABLE",
        "ONRECORD_SEND_QUEUE_URL",
        "ONRECORD_SENDER",
        "ONRECORD_TIME_ZONE",
        "ONRECORD_POSTAL_ADDRESS",
        "ONRECORD_PUBLIC_URL",
      ],
    ],
    [
      "SendingWorker",
      [
        "ONRECORD_DELIVERIES_TABLE",
        "ONRECORD_SUBSCRIBERS_TABLE",
        "ONRECORD_SENDER",
        "ONRECORD_CONFIGURATION_SET",
        "ONRECORD_PUBLIC_URL",
        "ONRECORD_UNSUBSCRIBE_SECRET_ARN",
        "ONRECORD_SEND_CONCURRENCY",
      ],
    ],
    ["SesSuppressor", ["ONRECORD_SUBSCRIBERS_TABLE", "ONRECORD_DELIVERIES_TABLE"]],
    ["SendingSweepSweeper", ["ONRECORD_DELIVERIES_TABLE", "ONRECORD_SEND_QUEUE_URL"]],
  ])("%s is given the settings it reads", (prefix, names) => {
    expect(Object.keys(fn(prefix).Environment.Variables)).toEqual(expect.arrayContaining(names));
  });
});

describe("ingest", () => {
  it("runs on every object created in the ingest bucket, and keeps failed events in a dead-letter queue", () => {
    pipeline.hasResourceProperties("Custom::S3BucketNotifications", {
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [Match.objectLike({ Events: ["s3:ObjectCreated:*"] })],
      },
      Managed: false,
    });
    expect(fn("IngestIngester").DeadLetterConfig.TargetArn).toBeDefined();
    pipeline.hasResourceProperties("AWS::Lambda::EventInvokeConfig", { MaximumRetryAttempts: 2 });
  });

  it("may read objects, get and put articles, and record refusals, and nothing else in the data", () => {
    expect(actionsOf(pipeline, "IngestIngester").sort()).toEqual([
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:PutItem",
      "s3:GetObject",
      "sqs:SendMessage",
    ]);
    const refusals = statementsOf(pipeline, "IngestIngester").find((s) =>
      JSON.stringify(s.Resource).includes("Refusals"),
    );
    expect(refusals?.Action).toBe("dynamodb:PutItem");
    expect(fn("IngestIngester").Environment.Variables).toHaveProperty("ONRECORD_REFUSALS_TABLE");
  });
});

describe("the weekly schedule", () => {
  it("is an EventBridge Scheduler cron in a time zone, Monday 07:00 UTC by default", () => {
    pipeline.hasResourceProperties("AWS::Scheduler::Schedule", {
      ScheduleExpression: "cron(0 7 ? * MON *)",
      ScheduleExpressionTimezone: "UTC",
      FlexibleTimeWindow: { Mode: "OFF" },
    });
    expect(Object.keys(pipeline.findResources("AWS::Events::Rule"))).toEqual([]);
  });

  it("invokes compose with the time it fired, retries, and keeps what fails in a dead-letter queue", () => {
    pipeline.hasResourceProperties("AWS::Scheduler::Schedule", {
      Target: Match.objectLike({
        Input: Match.serializedJson({ scheduledTime: "<aws.scheduler.scheduled-time>" }),
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 21600 },
        DeadLetterConfig: { Arn: Match.anyValue() },
      }),
    });
  });

  it("takes its cron expression and time zone from context", () => {
    const berlin = synthesizeWithoutBundling({
      scheduleExpression: "cron(30 6 ? * FRI *)",
      scheduleTimeZone: "Europe/Berlin",
    });
    berlin.pipeline.hasResourceProperties("AWS::Scheduler::Schedule", {
      ScheduleExpression: "cron(30 6 ? * FRI *)",
      ScheduleExpressionTimezone: "Europe/Berlin",
    });
    berlin.pipeline.hasResourceProperties("AWS::Lambda::Function", {
      Environment: { Variables: Match.objectLike({ ONRECORD_TIME_ZONE: "Europe/Berlin" }) },
    });
  });

  it.each([
    [{ scheduleTimeZone: "Mars/Olympus" }, /scheduleTimeZone/],
    [{ sender: "not an address" }, /sender/],
    [{ postalAddress: "" }, /postalAddress/],
  ])("refuses bad context %j when synthesizing", (context, message) => {
    expect(() => synthesizeWithoutBundling(context)).toThrow(message);
  });
});

describe("compose", () => {
  it("reads articles by Query on the day index, never by Scan", () => {
    const statements = statementsOf(pipeline, "ComposeComposer");
    const query = statements.filter((s) => [s.Action].flat().includes("dynamodb:Query"));
    expect(JSON.stringify(query)).toContain("/index/byDay");
    expect(JSON.stringify(query)).toContain("/index/statusEmail");
    expect(actionsOf(pipeline, "ComposeComposer")).not.toContain("dynamodb:Scan");
  });

  it("may store issues, put per-issue SES templates, and queue batches", () => {
    expect(actionsOf(pipeline, "ComposeComposer")).toEqual(
      expect.arrayContaining([
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "ses:CreateEmailTemplate",
        "ses:UpdateEmailTemplate",
        "sqs:SendMessage",
      ]),
    );
    const templates = statementsOf(pipeline, "ComposeComposer").find((s) =>
      s.Action.includes("ses:CreateEmailTemplate"),
    );
    expect(JSON.stringify(templates?.Resource)).toContain(":template/onrecord-issue-*");
  });
});

describe("the send path", () => {
  it("queues batches with a dead-letter queue after five receives and a visibility of six worker timeouts", () => {
    pipeline.hasResourceProperties("AWS::SQS::Queue", {
      VisibilityTimeout: 720,
      RedrivePolicy: { maxReceiveCount: 5, deadLetterTargetArn: Match.anyValue() },
      SqsManagedSseEnabled: true,
    });
    expect(fn("SendingWorker").Timeout).toBe(120);
  });

  it("runs the worker with reserved concurrency, one batch per invocation, reporting failed batches", () => {
    expect(fn("SendingWorker").ReservedConcurrentExecutions).toBe(2);
    pipeline.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      BatchSize: 1,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      ScalingConfig: { MaximumConcurrency: 2 },
    });
  });

  it("passes a send-rate override from context to the worker", () => {
    const limited = synthesizeWithoutBundling({ sendRate: 40, sendConcurrency: 4 });
    limited.pipeline.hasResourceProperties("AWS::Lambda::Function", {
      ReservedConcurrentExecutions: 4,
      Environment: {
        Variables: Match.objectLike({ ONRECORD_SEND_RATE: "40", ONRECORD_SEND_CONCURRENCY: "4" }),
      },
    });
  });

  it("lets the worker send bulk email, read the send quota, the signing key and subscribers, and write only deliveries", () => {
    const actions = actionsOf(pipeline, "SendingWorker");
    expect(actions).toEqual(
      expect.arrayContaining(["ses:SendBulkEmail", "ses:GetAccount", "secretsmanager:GetSecretValue"]),
    );
    const dynamo = statementsOf(pipeline, "SendingWorker").filter((s) =>
      [s.Action].flat().some((a: string) => a.startsWith("dynamodb:")),
    );
    const on = (table: string) =>
      dynamo
        .filter((s) => JSON.stringify(s.Resource).includes(table))
        .flatMap((s) => [s.Action].flat())
        .sort();
    expect(on("GetAttDeliveries")).toEqual([
      "dynamodb:BatchGetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
    ]);
    expect(on("GetAttSubscribers")).toEqual(["dynamodb:BatchGetItem"]);
    const send = statementsOf(pipeline, "SendingWorker").find((s) =>
      [s.Action].flat().includes("ses:SendBulkEmail"),
    );
    const resources = JSON.stringify(send?.Resource);
    expect(resources).toContain(":identity/example.org");
    expect(resources).toContain(":template/onrecord-issue-*");
    expect(resources).toContain(":configuration-set/");
  });
});

describe("the delivery sweeper", () => {
  it("runs every 5 minutes, reads only the sparse index of unfinished rows, and may queue batches", () => {
    pipeline.hasResourceProperties("AWS::Scheduler::Schedule", {
      ScheduleExpression: "rate(5 minutes)",
      Target: Match.objectLike({
        Arn: { "Fn::GetAtt": [Match.stringLikeRegexp("^SendingSweepSweeper"), "Arn"] },
        DeadLetterConfig: {
          Arn: { "Fn::GetAtt": [Match.stringLikeRegexp("^SendingSweepDeadLetters"), "Arn"] },
        },
      }),
    });
    const query = statementsOf(pipeline, "SendingSweepSweeper").find((s) =>
      [s.Action].flat().includes("dynamodb:Query"),
    );
    expect(JSON.stringify(query?.Resource)).toContain("/index/unfinished");
    expect([...new Set(actionsOf(pipeline, "SendingSweepSweeper"))].sort()).toEqual([
      "dynamodb:Query",
      "dynamodb:UpdateItem",
      "sqs:GetQueueAttributes",
      "sqs:GetQueueUrl",
      "sqs:SendMessage",
    ]);
  });

  it("raises an alarm on deliveries not final an hour after they were queued", () => {
    pipeline.hasResourceProperties("AWS::CloudWatch::Alarm", {
      MetricName: "DeliveriesUnfinished",
      Namespace: "onrecord",
      Threshold: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      AlarmActions: [{ Ref: Match.stringLikeRegexp("^SesAlerts") }],
    });
  });
});

describe("every asynchronous function", () => {
  it.each([
    ["IngestIngester", "IngestDeadLetters"],
    ["ComposeComposer", "ComposeDeadLetters"],
    ["SesSuppressor", "SesDeadLetters"],
  ])("%s keeps an event that failed every retry in its dead-letter queue", (prefix, queue) => {
    expect(fn(prefix).DeadLetterConfig.TargetArn).toEqual({
      "Fn::GetAtt": [expect.stringMatching(new RegExp(`^${queue}`)), "Arn"],
    });
    const invokeConfigs = Object.values(pipeline.findResources("AWS::Lambda::EventInvokeConfig"));
    expect(
      invokeConfigs.some(
        (c) =>
          JSON.stringify(c.Properties.FunctionName).includes(prefix) &&
          c.Properties.MaximumRetryAttempts === 2,
      ),
    ).toBe(true);
  });

  it("keeps SES events SNS could not hand to the function in that queue too", () => {
    pipeline.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "lambda",
      RedrivePolicy: {
        deadLetterTargetArn: { "Fn::GetAtt": [Match.stringLikeRegexp("^SesDeadLetters"), "Arn"] },
      },
    });
  });

  it.each(["Sending", "Compose", "Ingest", "Ses", "SendingSweep"])(
    "raises an alarm when the %s dead-letter queue holds a message",
    (prefix) => {
      pipeline.hasResourceProperties("AWS::CloudWatch::Alarm", {
        MetricName: "ApproximateNumberOfMessagesVisible",
        Namespace: "AWS/SQS",
        Threshold: 1,
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
        Dimensions: [
          {
            Name: "QueueName",
            Value: { "Fn::GetAtt": [Match.stringLikeRegexp(`^${prefix}DeadLetters`), "QueueName"] },
          },
        ],
        AlarmActions: [{ Ref: Match.stringLikeRegexp("^SesAlerts") }],
      });
    },
  );
});

describe("SES", () => {
  it("sends through a configuration set that suppresses bounces and complaints and publishes what became of each message", () => {
    pipeline.hasResourceProperties("AWS::SES::ConfigurationSet", {
      SuppressionOptions: { SuppressedReasons: ["BOUNCE", "COMPLAINT"] },
    });
    pipeline.hasResourceProperties("AWS::SES::ConfigurationSetEventDestination", {
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ["send", "delivery", "reject", "bounce", "complaint", "renderingFailure"],
        SnsDestination: { TopicARN: { Ref: Match.stringLikeRegexp("^SesEvents") } },
      },
    });
  });

  it("delivers those events over an encrypted topic to the function that suppresses subscribers", () => {
    pipeline.hasResourceProperties("AWS::SNS::Topic", { KmsMasterKeyId: Match.anyValue() });
    pipeline.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "lambda",
      TopicArn: { Ref: Match.stringLikeRegexp("^SesEvents") },
      Endpoint: { "Fn::GetAtt": [Match.stringLikeRegexp("^SesSuppressor"), "Arn"] },
    });
    expect([...new Set(actionsOf(pipeline, "SesSuppressor"))].sort()).toEqual([
      "dynamodb:BatchGetItem",
      "dynamodb:DeleteItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "secretsmanager:DescribeSecret",
      "secretsmanager:GetSecretValue",
      "sqs:SendMessage",
    ]);
    // UpdateItem on the deliveries only (SEND events); subscribers are read, written and deleted.
    const updates = statementsOf(pipeline, "SesSuppressor").filter((s) =>
      JSON.stringify(s.Action).includes("dynamodb:UpdateItem"),
    );
    expect(JSON.stringify(updates.map((s) => s.Resource))).not.toContain("Subscribers");
  });

  it("lets SES and CloudWatch use the topics' key only for this account's configuration set and alarms", () => {
    const [key] = Object.values(pipeline.findResources("AWS::KMS::Key"));
    const statements: { Principal?: { Service?: string }; Condition?: Record<string, unknown> }[] =
      key?.Properties.KeyPolicy.Statement ?? [];
    const forService = (service: string) => statements.filter((s) => s.Principal?.Service === service);
    for (const service of ["ses.amazonaws.com", "cloudwatch.amazonaws.com"]) {
      expect(forService(service)).toHaveLength(1);
      const [statement] = forService(service);
      expect(statement?.Condition?.StringEquals).toEqual({ "aws:SourceAccount": { Ref: "AWS::AccountId" } });
      expect(JSON.stringify(statement?.Condition?.ArnLike)).toContain("aws:SourceArn");
    }
    expect(JSON.stringify(forService("ses.amazonaws.com")[0]?.Condition?.ArnLike)).toContain(
      ":configuration-set/",
    );
    expect(JSON.stringify(forService("cloudwatch.amazonaws.com")[0]?.Condition?.ArnLike)).toContain(
      ":alarm:*",
    );
  });

  it("verifies the sender's domain with Easy DKIM and prints the DNS records", () => {
    pipeline.hasResourceProperties("AWS::SES::EmailIdentity", { EmailIdentity: "example.org" });
    expect(Object.keys(pipeline.findOutputs("*")).filter((k) => k.includes("DkimRecord"))).toHaveLength(3);
    const existing = synthesizeWithoutBundling({ senderIdentity: "existing" });
    existing.pipeline.resourceCountIs("AWS::SES::EmailIdentity", 0);
  });
});

describe("cdk-nag", () => {
  it.each([
    ["an environment-agnostic app", {}],
    [
      "an app deployed to a given account and region",
      { CDK_DEFAULT_ACCOUNT: "123456789012", CDK_DEFAULT_REGION: "eu-west-1" },
    ],
  ])("finds nothing unacknowledged in %s", (_, env) => {
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const { app } = synthesizeWithoutBundling();
      expect(() => app.synth()).not.toThrow();
    } finally {
      process.env = saved;
    }
  });

  it("does fail the synth on a finding nobody acknowledged", () => {
    const app = new App({ context: { "aws:cdk:bundling-stacks": [], ...TEST_CONTEXT } });
    addOnRecord(app);
    new Bucket(new Stack(app, "Careless"), "Unlogged");
    expect(() => app.synth()).toThrow(/S3 Bucket has server access logs disabled/);
  });
});
