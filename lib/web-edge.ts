import { Duration, Fn, RemovalPolicy, Stack, type StackProps, Validations } from "aws-cdk-lib";
import type { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import {
  AllowedMethods,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestHeaderBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
  PriceClass,
  ViewerProtocolPolicy,
} from "aws-cdk-lib/aws-cloudfront";
import { HttpOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import { CfnWebACL } from "aws-cdk-lib/aws-wafv2";
import { Construct } from "constructs";
import { ORIGIN_VERIFY_HEADER, VIEWER_ADDRESS_HEADER } from "../lambdas/web/edge-origin.ts";

/** Requests one client (IP) may make in 5 minutes, anything but one-click unsubscribes. */
export const EDGE_REQUESTS_PER_CLIENT = 600;
/** Sign-ups (`POST /subscribe`) one client may make in 5 minutes (the app allows 20 in 10). */
export const EDGE_SIGNUPS_PER_CLIENT = 20;
const WINDOW_SECONDS = 300;

/**
 * AWS WAF rules for the web app, in a stack of their own: a web ACL that CloudFront uses must be
 * made in us-east-1, wherever the rest of onrecord runs. Per client IP: at most
 * {@link EDGE_SIGNUPS_PER_CLIENT} sign-ups and {@link EDGE_REQUESTS_PER_CLIENT} requests in 5
 * minutes (one-click unsubscribes are exempt: mail providers post them from a few addresses, many
 * at once after a send), and Amazon's list of addresses known for bots and attacks.
 */
export class WebFirewallStack extends Stack {
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const acl = new CfnWebACL(this, "WebAcl", {
      description: "onrecord web app - rate limits per client, known-bad addresses",
      scope: "CLOUDFRONT",
      defaultAction: { allow: {} },
      visibilityConfig: visibility("onrecord-web"),
      rules: [
        {
          name: "SignupsPerClient",
          priority: 0,
          action: { block: { customResponse: { responseCode: 429 } } },
          statement: {
            rateBasedStatement: {
              aggregateKeyType: "IP",
              limit: EDGE_SIGNUPS_PER_CLIENT,
              evaluationWindowSec: WINDOW_SECONDS,
              scopeDownStatement: request("POST", "/subscribe"),
            },
          },
          visibilityConfig: visibility("onrecord-signups-per-client"),
        },
        {
          name: "RequestsPerClient",
          priority: 1,
          action: { block: { customResponse: { responseCode: 429 } } },
          statement: {
            rateBasedStatement: {
              aggregateKeyType: "IP",
              limit: EDGE_REQUESTS_PER_CLIENT,
              evaluationWindowSec: WINDOW_SECONDS,
              scopeDownStatement: { notStatement: { statement: request("POST", "/unsubscribe") } },
            },
          },
          visibilityConfig: visibility("onrecord-requests-per-client"),
        },
        {
          name: "KnownBadAddresses",
          priority: 2,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesAmazonIpReputationList" },
          },
          visibilityConfig: visibility("onrecord-known-bad-addresses"),
        },
      ],
    });
    this.webAclArn = acl.attrArn;
  }
}

export interface WebEdgeProps {
  api: HttpApi;
  /** The firewall's web ACL (from {@link WebFirewallStack}). */
  webAclArn: string;
}

/**
 * CloudFront in front of the web API, with the AWS WAF web ACL. It adds the viewer's address
 * (`CloudFront-Viewer-Address`) and a secret header to every request it forwards; the web
 * function admits only requests carrying the secret and counts clients by that address. Pages the
 * app marks public (the archive, the feed) are cached as it says; the rest (`no-store`) never.
 */
export class WebEdge extends Construct {
  readonly distribution: Distribution;
  /** The header value CloudFront proves itself with, read by the web function. */
  readonly originSecret: Secret;
  readonly url: string;

  constructor(scope: Construct, id: string, props: WebEdgeProps) {
    super(scope, id);
    this.originSecret = new Secret(this, "OriginSecret", {
      description:
        "The header value CloudFront adds to onrecord's web requests, so the API serves only those",
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.originSecret).acknowledge({
      id: "AwsSolutions-SMG4",
      reason:
        "CloudFront holds the value in its origin settings: a rotation must redeploy the distribution with it, so it is rotated by deploying.",
    });
    const apiDomain = Fn.select(2, Fn.split("/", props.api.apiEndpoint));
    this.distribution = new Distribution(this, "Distribution", {
      comment: "onrecord's web app, behind AWS WAF",
      webAclId: props.webAclArn,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: false,
      defaultBehavior: {
        origin: new HttpOrigin(apiDomain, {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          customHeaders: { [ORIGIN_VERIFY_HEADER]: this.originSecret.secretValue.unsafeUnwrap() },
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: new CachePolicy(this, "Caching", {
          comment: "As the app's Cache-Control says; links' tokens are query strings, so those are keyed",
          defaultTtl: Duration.seconds(0),
          minTtl: Duration.seconds(0),
          maxTtl: Duration.days(1),
          queryStringBehavior: CacheQueryStringBehavior.all(),
          enableAcceptEncodingGzip: true,
          enableAcceptEncodingBrotli: true,
        }),
        originRequestPolicy: new OriginRequestPolicy(this, "Forwarded", {
          comment:
            "What the web app reads: the viewer's address, the cross-site check's headers, the form's type",
          headerBehavior: OriginRequestHeaderBehavior.allowList(
            VIEWER_ADDRESS_HEADER,
            "origin",
            "sec-fetch-site",
            "content-type",
          ),
          queryStringBehavior: OriginRequestQueryStringBehavior.all(),
        }),
      },
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: "AwsSolutions-CFR3",
        reason:
          "CloudFront's access logs hold every viewer's IP; the web app logs no client IPs, and WAF's metrics count what was blocked.",
      },
      {
        id: "AwsSolutions-CFR4",
        reason:
          "The default *.cloudfront.net certificate allows TLS 1.0 for old viewers; a custom domain with its own certificate sets TLS 1.2.",
      },
      {
        id: "AwsSolutions-CFR1",
        reason: "A newsletter for readers anywhere: no country is refused.",
      },
    );
    this.url = `https://${this.distribution.distributionDomainName}`;
  }
}

/** A request's method and exact path. */
function request(method: string, path: string): CfnWebACL.StatementProperty {
  const textTransformations = [{ priority: 0, type: "NONE" }];
  return {
    andStatement: {
      statements: [
        {
          byteMatchStatement: {
            fieldToMatch: { method: {} },
            positionalConstraint: "EXACTLY",
            searchString: method,
            textTransformations,
          },
        },
        {
          byteMatchStatement: {
            fieldToMatch: { uriPath: {} },
            positionalConstraint: "EXACTLY",
            searchString: path,
            textTransformations,
          },
        },
      ],
    },
  };
}

function visibility(metricName: string): CfnWebACL.VisibilityConfigProperty {
  return { cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: false };
}
