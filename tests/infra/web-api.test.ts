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
    expect(routes.sort()).toEqual(["ANY /", "ANY /{proxy+}"]);
    pipeline.hasResourceProperties("AWS::ApiGatewayV2::Integration", {
      IntegrationType: "AWS_PROXY",
      PayloadFormatVersion: "2.0",
      IntegrationUri: { "Fn::GetAtt": [webId, "Arn"] },
    });
  });

  it("throttles its stage and logs requests without client IPs or query strings", () => {
    const [stage] = Object.values(pipeline.findResources("AWS::ApiGatewayV2::Stage"));
    expect(stage?.Properties).toMatchObject({
      StageName: "$default",
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
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
    // The web function, the send worker (unsubscribe links) and compose (archive links).
    expect(vars.filter(Boolean)).toEqual(Array(3).fill("https://news.example.org"));
  });

  it("refuses a domain without its certificate", () => {
    expect(() => synthesizeWithoutBundling({ webDomainName: "news.example.org" })).toThrow(
      /webCertificateArn/,
    );
  });
});

describe("the web function", () => {
  it("is given the settings it reads", () => {
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining([
        "ONRECORD_SUBSCRIBERS_TABLE",
        "ONRECORD_ISSUES_TABLE",
        "ONRECORD_RATE_LIMITS_TABLE",
        "ONRECORD_SENDER",
        "ONRECORD_CONFIGURATION_SET",
        "ONRECORD_PUBLIC_URL",
        "ONRECORD_UNSUBSCRIBE_SECRET_ARN",
      ]),
    );
    expect(env.ONRECORD_UNSUBSCRIBE_SECRET).toBeUndefined();
  });

  it("may read and write subscribers by key and index, read issues, count rates, read the key and send email — nothing more", () => {
    expect(actionsOf(pipeline, "WebFunction").sort()).toEqual([
      "dynamodb:GetItem",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:Scan",
      "dynamodb:UpdateItem",
      "secretsmanager:DescribeSecret",
      "secretsmanager:GetSecretValue",
      "ses:SendEmail",
    ]);
    const indexes = statementsOf(pipeline, "WebFunction")
      .flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]))
      .map((r) => JSON.stringify(r))
      .filter((r) => r.includes("/index/"));
    expect(indexes.join(" ")).toMatch(/index\/byStatus/);
    expect(indexes.join(" ")).toMatch(/index\/byId/);
    expect(indexes.join(" ")).not.toContain("index/*");
  });
});

describe("the web function's bundle", () => {
  it("holds the rendered confirmation email beside a handler under 500 KB", {
    timeout: 300_000,
  }, async () => {
    // The app as `cdk deploy` bundles it, synthesized once for every test that needs bundles.
    const outdir = await synthesizeOnce(TEST_CONTEXT);
    const web = deployedFunctions(outdir, () => "unused").find((f) => f.logicalId.startsWith("WebFunction"));
    const dir = web?.assetDir ?? "";
    expect(readdirSync(dir).sort()).toEqual(
      expect.arrayContaining(["confirmation-template.json", "index.mjs"]),
    );
    expect(statSync(join(dir, "index.mjs")).size).toBeLessThan(500 * 1024);
    const rendered = JSON.parse(readFileSync(join(dir, "confirmation-template.json"), "utf8"));
    expect(rendered.subject).toBe("Confirm your onrecord subscription");
    expect(rendered.html).toContain('href="{{confirmUrl}}"');
    expect(readFileSync(join(dir, "index.mjs"), "utf8")).not.toContain("mjml-core");
  });
});
