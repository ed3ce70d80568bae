import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deployedFunctions, synthesizeOnce } from "../support/deployed-app.ts";
import { actionsOf, statementsOf, synthesizeWithoutBundling, TEST_CONTEXT } from "./app.ts";

const { pipeline } = synthesizeWithoutBundling({ publicUrl: undefined });
const functions = pipeline.findResources("AWS::Lambda::Function");
const [webId, web] = Object.entries(functions).find(([id]) => id.startsWith("WebFunction")) ?? [];
const env = web?.Properties.Environment.Variables ?? {};

describe("the web API", () => {
  it("is an HTTP API whose every path, the root included, goes to the web function", () => {
    pipeline.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
    pipeline.hasResourceProperties("AWS::ApiGatewayV2::Api", { ProtocolType: "HTTP" });
    const routes = Object.values(pipeline.findResources("AWS::ApiGatewayV2::Route")).map(
      (r) => r.Properties.RouteKey,
    );
    expect(routes.sort()).toEqual(["ANY /", "ANY /{proxy+}", "POST /subscribe"]);
    pipeline.hasResourceProperties("AWS::ApiGatewayV2::Integration", {
      IntegrationType: "AWS_PROXY",
      PayloadFormatVersion: "2.0",
      IntegrationUri: { "Fn::GetAtt": [webId, "Arn"] },
    });
  });

  it("throttles its stage, and sign-ups on their own route to a fifth of it, so a sign-up flood leaves room for one-click unsubscribes", () => {
    const [stage] = Object.values(pipeline.findResources("AWS::ApiGatewayV2::Stage"));
    expect(stage?.Properties).toMatchObject({
      StageName: "$default",
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      RouteSettings: { "POST /subscribe": { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 } },
    });
    // The route named in the settings exists before the stage refers to it.
    const [routeId] = Object.entries(pipeline.findResources("AWS::ApiGatewayV2::Route")).find(
      ([, r]) => r.Properties.RouteKey === "POST /subscribe",
    ) ?? [""];
    expect(stage?.DependsOn).toContain(routeId);
  });

  it("logs requests without client IPs or query strings", () => {
    const [stage] = Object.values(pipeline.findResources("AWS::ApiGatewayV2::Stage"));
    const format = String(stage?.Properties.AccessLogSettings.Format);
    expect(format).toContain("$context.path");
    expect(format).not.toMatch(/sourceIp|querystring|X-Forwarded-For/i);
  });

  it("points the digest's links and its own at the API's endpoint when no URL or domain is configured", () => {
    const [resource, attribute] = env.ONRECORD_PUBLIC_URL["Fn::GetAtt"];
    expect([resource, attribute]).toEqual([expect.stringMatching(/^WebApi/), "ApiEndpoint"]);
    const worker = Object.entries(functions).find(([id]) => id.startsWith("SendingWorker"))?.[1];
    expect(worker?.Properties.Environment.Variables.ONRECORD_PUBLIC_URL).toEqual(env.ONRECORD_PUBLIC_URL);
  });

  it("serves a custom domain from context, and points every link at it", () => {
    const { pipeline: withDomain } = synthesizeWithoutBundling({
      publicUrl: undefined,
      webDomainName: "news.example.org",
      webCertificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc",
    });
    withDomain.hasResourceProperties("AWS::ApiGatewayV2::DomainName", { DomainName: "news.example.org" });
    withDomain.resourceCountIs("AWS::ApiGatewayV2::ApiMapping", 1);
    withDomain.hasResourceProperties("AWS::ApiGatewayV2::Api", { DisableExecuteApiEndpoint: true });
    const vars = Object.values(withDomain.findResources("AWS::Lambda::Function")).map(
      (f) => f.Properties.Environment?.Variables?.ONRECORD_PUBLIC_URL,
    );
    // The web function, the signup worker (confirmation links), the send worker (unsubscribe
    // links) and compose (archive links).
    expect(vars.filter(Boolean)).toEqual(Array(4).fill("https://news.example.org"));
  });

  it("refuses a domain without its certificate", () => {
    expect(() => synthesizeWithoutBundling({ webDomainName: "news.example.org" })).toThrow(
      /webCertificateArn/,
    );
  });
});

describe("the web function", () => {
  it("is given the settings it reads, and none for sending email", () => {
    expect(Object.keys(env).sort()).toEqual([
      "NODE_OPTIONS",
      "ONRECORD_ADDRESS_HASH_KEYS_ARN",
      "ONRECORD_ISSUES_TABLE",
      "ONRECORD_PUBLIC_URL",
      "ONRECORD_RATE_LIMITS_TABLE",
      "ONRECORD_SIGNUP_QUEUE_URL",
      "ONRECORD_SUBSCRIBERS_TABLE",
      "ONRECORD_UNSUBSCRIBE_SECRET_ARN",
    ]);
  });

  it("may read and write subscribers by key and by link id, read issues, count rates, read the keys and queue sign-ups — nothing more", () => {
    expect(actionsOf(pipeline, "WebFunction").sort()).toEqual([
      "dynamodb:BatchGetItem",
      "dynamodb:BatchGetItem",
      "dynamodb:DeleteItem",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:Query",
      "dynamodb:UpdateItem",
      "secretsmanager:DescribeSecret",
      "secretsmanager:DescribeSecret",
      "secretsmanager:GetSecretValue",
      "secretsmanager:GetSecretValue",
      "sqs:GetQueueAttributes",
      "sqs:GetQueueUrl",
      "sqs:SendMessage",
    ]);
    const indexes = statementsOf(pipeline, "WebFunction")
      .flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]))
      .map((r) => JSON.stringify(r))
      .filter((r) => r.includes("/index/"));
    // Never statusEmail: a compromised public function must not be able to list confirmed addresses.
    expect(indexes.join(" ")).not.toMatch(/index\/statusEmail/);
    expect(indexes.join(" ")).toMatch(/index\/idEmail/);
    expect(indexes.join(" ")).not.toContain("index/*");
    // Query on the subscribers' link index only, never on the table or another index.
    const subscriberQueries = statementsOf(pipeline, "WebFunction")
      .filter((s) => JSON.stringify(s.Action).includes("dynamodb:Query"))
      .map((s) => JSON.stringify(s.Resource))
      .filter((r) => r.includes("Subscribers"));
    expect(subscriberQueries).toHaveLength(1);
    expect(subscriberQueries[0]).toMatch(/^"?\{"Fn::Join":.*\/index\/idEmail"\]\]\}"?$/);
  });
});

describe("the sign-up challenge (-c signupChallengeCost=N)", () => {
  it("is off unless configured, and on at the cost given, with the widget's files beside the bundle", () => {
    expect(env.ONRECORD_SIGNUP_CHALLENGE_COST).toBeUndefined();
    const { pipeline: challenged } = synthesizeWithoutBundling({ signupChallengeCost: "5000" });
    const [, fn] =
      Object.entries(challenged.findResources("AWS::Lambda::Function")).find(([id]) =>
        id.startsWith("WebFunction"),
      ) ?? [];
    expect(fn?.Properties.Environment.Variables.ONRECORD_SIGNUP_CHALLENGE_COST).toBe("5000");
    expect(() => synthesizeWithoutBundling({ signupChallengeCost: "lots" })).toThrow(/signupChallengeCost/);
  });
});

describe("the signup worker", () => {
  const [workerId, worker] = Object.entries(functions).find(([id]) => id.startsWith("WebSignupWorker")) ?? [];

  it("drains the encrypted sign-up queue, whose failures go to a dead-letter queue that alarms", () => {
    expect(workerId).toBeDefined();
    const queues = pipeline.findResources("AWS::SQS::Queue");
    const [queueId, queue] = Object.entries(queues).find(([id]) => id.startsWith("WebSignups")) ?? [];
    expect(queue?.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      RedrivePolicy: { maxReceiveCount: 5 },
    });
    pipeline.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      FunctionName: { Ref: workerId },
      EventSourceArn: { "Fn::GetAtt": [queueId, "Arn"] },
      FunctionResponseTypes: ["ReportBatchItemFailures"],
    });
    const deadLetters = queue?.Properties.RedrivePolicy.deadLetterTargetArn["Fn::GetAtt"][0];
    const alarms = Object.values(pipeline.findResources("AWS::CloudWatch::Alarm"));
    expect(
      alarms.some((a) => JSON.stringify(a.Properties.Dimensions ?? []).includes(`"${deadLetters}"`)),
    ).toBe(true);
  });

  it("alarms as soon as the hourly confirmation budget refuses a sign-up", () => {
    pipeline.hasResourceProperties("AWS::CloudWatch::Alarm", {
      Namespace: "onrecord",
      MetricName: "ConfirmationsOverBudget",
      Dimensions: [{ Name: "service", Value: "signup-worker" }],
      Threshold: 1,
    });
    const [alarm] = Object.values(pipeline.findResources("AWS::CloudWatch::Alarm")).filter(
      (a) => a.Properties.MetricName === "ConfirmationsOverBudget",
    );
    expect(alarm?.Properties.AlarmActions).toHaveLength(1);
  });

  it("may read and write subscribers by key, count caps, read the key and send email — nothing more", () => {
    expect(actionsOf(pipeline, "WebSignupWorker").sort()).toEqual([
      "dynamodb:BatchGetItem",
      "dynamodb:BatchGetItem",
      "dynamodb:DeleteItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "secretsmanager:DescribeSecret",
      "secretsmanager:DescribeSecret",
      "secretsmanager:GetSecretValue",
      "secretsmanager:GetSecretValue",
      "ses:SendEmail",
      "sqs:ChangeMessageVisibility",
      "sqs:DeleteMessage",
      "sqs:GetQueueAttributes",
      "sqs:GetQueueUrl",
      "sqs:ReceiveMessage",
    ]);
    expect(worker?.Properties.Environment.Variables.ONRECORD_SENDER).toBeDefined();
  });
});

describe("the web function's bundle", () => {
  it("is under 500 KB; the signup worker's holds the rendered confirmation email", {
    timeout: 300_000,
  }, async () => {
    // The app as `cdk deploy` bundles it, synthesized once for every test that needs bundles.
    const outdir = await synthesizeOnce(TEST_CONTEXT);
    const found = deployedFunctions(outdir, () => "unused");
    const web = found.find((f) => f.logicalId.startsWith("WebFunction"));
    expect(statSync(join(web?.assetDir ?? "", "index.mjs")).size).toBeLessThan(500 * 1024);
    const worker = found.find((f) => f.logicalId.startsWith("WebSignupWorker"));
    const dir = worker?.assetDir ?? "";
    expect(readdirSync(dir).sort()).toEqual(
      expect.arrayContaining(["confirmation-template.json", "index.mjs"]),
    );
    const rendered = JSON.parse(readFileSync(join(dir, "confirmation-template.json"), "utf8"));
    expect(rendered.subject).toBe("Confirm your onrecord subscription");
    expect(rendered.html).toContain('href="{{confirmUrl}}"');
    expect(readFileSync(join(dir, "index.mjs"), "utf8")).not.toContain("mjml-core");
  });
});
