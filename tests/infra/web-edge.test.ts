import { App } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { addOnRecord } from "../../lib/onrecord-app.ts";
import { TEST_CONTEXT } from "./app.ts";

/** The app with `-c webEdge=true`, deployed to a known account and region (as `cdk deploy` knows them). */
function synthesizeWithEdge(context: Record<string, unknown> = {}) {
  const saved = { ...process.env };
  Object.assign(process.env, { CDK_DEFAULT_ACCOUNT: "123456789012", CDK_DEFAULT_REGION: "eu-west-1" });
  try {
    const app = new App({
      context: {
        "aws:cdk:bundling-stacks": [],
        ...TEST_CONTEXT,
        publicUrl: undefined,
        webEdge: "true",
        ...context,
      },
    });
    const stacks = addOnRecord(app);
    return { app, stacks };
  } finally {
    process.env = saved;
  }
}

const { app, stacks } = synthesizeWithEdge();
const firewall = Template.fromStack(stacks.firewall as NonNullable<typeof stacks.firewall>);
const pipeline = Template.fromStack(stacks.pipeline);
// biome-ignore lint/suspicious/noExplicitAny: CloudFormation properties are free-form JSON.
type Json = any;
const searchStrings = (and: { Statements: { ByteMatchStatement: { SearchString: string } }[] }) =>
  and.Statements.map((s) => s.ByteMatchStatement.SearchString);

const [aclRules] = Object.values(firewall.findResources("AWS::WAFv2::WebACL")).map((r) => r.Properties.Rules);
const rule = (name: string) => (aclRules as { Name: string }[]).find((r) => r.Name === name) as Json;

describe("the optional edge (-c webEdge=true): AWS WAF", () => {
  it("is a web ACL for CloudFront, in us-east-1 as CloudFront requires", () => {
    expect(stacks.firewall?.region).toBe("us-east-1");
    firewall.hasResourceProperties("AWS::WAFv2::WebACL", {
      Scope: "CLOUDFRONT",
      DefaultAction: { Allow: {} },
    });
  });

  it("blocks a client past 20 sign-ups in 5 minutes, counted by IP, with 429", () => {
    const signups = rule("SignupsPerClient");
    expect(signups.Action).toEqual({ Block: { CustomResponse: { ResponseCode: 429 } } });
    expect(signups.Statement.RateBasedStatement).toMatchObject({
      AggregateKeyType: "IP",
      Limit: 20,
      EvaluationWindowSec: 300,
    });
    const matches = searchStrings(signups.Statement.RateBasedStatement.ScopeDownStatement.AndStatement);
    expect(matches).toEqual(["POST", "/subscribe"]);
  });

  it("blocks a client past 600 requests in 5 minutes, one-click unsubscribes exempt", () => {
    const requests = rule("RequestsPerClient");
    expect(requests.Statement.RateBasedStatement).toMatchObject({ AggregateKeyType: "IP", Limit: 600 });
    const exempt = requests.Statement.RateBasedStatement.ScopeDownStatement.NotStatement.Statement;
    expect(searchStrings(exempt.AndStatement)).toEqual(["POST", "/unsubscribe"]);
  });

  it("blocks Amazon's list of addresses known for bots and attacks", () => {
    expect(rule("KnownBadAddresses").Statement.ManagedRuleGroupStatement).toEqual({
      VendorName: "AWS",
      Name: "AWSManagedRulesAmazonIpReputationList",
    });
  });
});

describe("the optional edge: CloudFront in front of the web API", () => {
  const [distribution] = Object.values(pipeline.findResources("AWS::CloudFront::Distribution"));
  const config = distribution?.Properties.DistributionConfig;
  const functions = pipeline.findResources("AWS::Lambda::Function");
  const [, web] = Object.entries(functions).find(([id]) => id.startsWith("WebFunction")) ?? [];
  const env = web?.Properties.Environment.Variables ?? {};

  it("uses the firewall's web ACL and reaches the API over HTTPS", () => {
    expect(JSON.stringify(config.WebACLId)).toContain("OnRecordWebFirewall");
    expect(config.Origins).toHaveLength(1);
    expect(config.Origins[0].CustomOriginConfig.OriginProtocolPolicy).toBe("https-only");
    expect(JSON.stringify(config.Origins[0].DomainName)).toContain("ApiEndpoint");
    expect(config.DefaultCacheBehavior.AllowedMethods).toEqual(
      expect.arrayContaining(["GET", "HEAD", "POST"]),
    );
  });

  it("adds a secret header from Secrets Manager, which the web function checks, and passes the viewer's address", () => {
    const [header] = config.Origins[0].OriginCustomHeaders;
    expect(header.HeaderName).toBe("x-onrecord-origin-verify");
    expect(JSON.stringify(header.HeaderValue)).toMatch(/\{\{resolve:secretsmanager:/);
    const [policy] = Object.values(pipeline.findResources("AWS::CloudFront::OriginRequestPolicy"));
    expect(policy?.Properties.OriginRequestPolicyConfig.HeadersConfig).toEqual({
      HeaderBehavior: "whitelist",
      Headers: ["cloudfront-viewer-address", "origin", "sec-fetch-site", "content-type"],
    });
    expect(env.ONRECORD_EDGE_SECRET_ARN).toEqual({ Ref: expect.stringMatching(/^WebEdgeOriginSecret/) });
  });

  it("keys its cache by the query string and nothing a reader sends, caching only what the app marks public", () => {
    const [cache] = Object.values(pipeline.findResources("AWS::CloudFront::CachePolicy"));
    const cacheConfig = cache?.Properties.CachePolicyConfig;
    expect(cacheConfig).toMatchObject({ DefaultTTL: 0, MinTTL: 0 });
    expect(cacheConfig.ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({
      HeadersConfig: { HeaderBehavior: "none" },
      CookiesConfig: { CookieBehavior: "none" },
      QueryStringsConfig: { QueryStringBehavior: "all" },
    });
  });

  it("is where every link points: the web app, confirmations, unsubscribes, the archive", () => {
    const urls = Object.values(functions)
      .map((f) => f.Properties.Environment?.Variables?.ONRECORD_PUBLIC_URL)
      .filter(Boolean);
    expect(urls).toHaveLength(4);
    for (const url of urls) expect(JSON.stringify(url)).toMatch(/WebEdgeDistribution[0-9A-F]+","DomainName/);
  });

  it("leaves cdk-nag nothing unacknowledged", () => {
    expect(() => app.synth()).not.toThrow();
    pipeline.hasResourceProperties("AWS::CloudFront::Distribution", Match.anyValue());
  });
});

describe("without -c webEdge=true (the default)", () => {
  it("puts nothing in front of the API", () => {
    const plain = new App({ context: { "aws:cdk:bundling-stacks": [], ...TEST_CONTEXT } });
    const { pipeline: alone, firewall: none } = addOnRecord(plain);
    expect(none).toBeUndefined();
    Template.fromStack(alone).resourceCountIs("AWS::CloudFront::Distribution", 0);
  });

  it("says what an edge needs when the region is not known, and refuses it beside a custom domain", () => {
    const unknown = new App({ context: { ...TEST_CONTEXT, webEdge: "true" } });
    const saved = { ...process.env };
    delete process.env.CDK_DEFAULT_REGION;
    delete process.env.CDK_DEFAULT_ACCOUNT;
    try {
      expect(() => addOnRecord(unknown)).toThrow(/webEdge: .*account and region must be known/);
    } finally {
      process.env = saved;
    }
    expect(() =>
      synthesizeWithEdge({ webDomainName: "news.example.org", webCertificateArn: "arn:aws:acm:x" }),
    ).toThrow(/not with webDomainName/);
  });
});
