import { type App, Token, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { DataStack } from "./data-stack.ts";
import { PipelineStack } from "./pipeline-stack.ts";
import { SettingsError, settingsFrom } from "./settings.ts";
import { WebFirewallStack } from "./web-edge.ts";

/**
 * onrecord's stacks in an app: the data (tables, bucket, key) and the pipeline that uses it,
 * checked by cdk-nag's AWS Solutions rules. The CDK app and the tests build it the same way.
 */
export function addOnRecord(app: App): {
  data: DataStack;
  pipeline: PipelineStack;
  firewall?: WebFirewallStack;
} {
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const settings = settingsFrom(app.node);
  const data = new DataStack(app, "OnRecordData", {
    env,
    description: "onrecord: tables, ingest bucket, signing key",
  });
  const firewall = settings.webEdge ? webFirewall(app, env) : undefined;
  const pipeline = new PipelineStack(app, "OnRecordPipeline", {
    env,
    description: "onrecord: ingest, weekly compose, send worker, SES events",
    data,
    settings,
    // The web ACL lives in us-east-1, as CloudFront requires; CDK carries its ARN across.
    crossRegionReferences: firewall !== undefined,
    webAclArn: firewall?.webAclArn,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { data, pipeline, ...(firewall && { firewall }) };
}

/** The AWS WAF rules' stack, in us-east-1 of the same account (`webEdge`). */
function webFirewall(app: App, env: { account?: string | undefined; region?: string | undefined }) {
  if (app.node.tryGetContext("webDomainName"))
    throw new SettingsError(
      [],
      [
        "webEdge: not with webDomainName yet (the domain would reach the API around CloudFront); give one or the other",
      ],
    );
  if (!env.account || !env.region || Token.isUnresolved(env.region))
    throw new SettingsError(
      [],
      [
        "webEdge: CloudFront's firewall is made in us-east-1 and referred to from the stack's region, so the account and region must be known: synthesize with AWS credentials (or CDK_DEFAULT_ACCOUNT and CDK_DEFAULT_REGION set)",
      ],
    );
  return new WebFirewallStack(app, "OnRecordWebFirewall", {
    env: { account: env.account, region: "us-east-1" },
    crossRegionReferences: true,
    description: "onrecord: AWS WAF rate-based rules for the web app's CloudFront distribution",
  });
}
