import { type App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { DataStack } from "./data-stack.ts";
import { PipelineStack } from "./pipeline-stack.ts";
import { settingsFrom } from "./settings.ts";

/**
 * onrecord's stacks in an app: the data (tables, bucket, key) and the pipeline that uses it,
 * checked by cdk-nag's AWS Solutions rules. The CDK app and the tests build it the same way.
 */
export function addOnRecord(app: App): { data: DataStack; pipeline: PipelineStack } {
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const data = new DataStack(app, "OnRecordData", {
    env,
    description: "onrecord: tables, ingest bucket, signing key",
  });
  const pipeline = new PipelineStack(app, "OnRecordPipeline", {
    env,
    description: "onrecord: ingest, weekly compose, send worker, SES events",
    data,
    settings: settingsFrom(app.node),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { data, pipeline };
}
