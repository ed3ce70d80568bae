import { type Stack, Token, Validations } from "aws-cdk-lib";

/**
 * The cdk-nag findings the pipeline accepts, each with its reason. Everything else must pass
 * `AwsSolutionsChecks`, which the app runs on every stack.
 */
export function acknowledgePipelineFindings(stack: Stack): void {
  const acknowledge = (id: string, reason: string) => Validations.of(stack).acknowledge({ id, reason });
  acknowledge(
    "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
    "AWSLambdaBasicExecutionRole only lets a function write its own logs; CDK attaches it to each function's role.",
  );
  // cdk-nag names the region and account as written: tokens when deployed env-agnostic, values when not.
  const region = Token.isUnresolved(stack.region) ? "<AWS::Region>" : stack.region;
  const account = Token.isUnresolved(stack.account) ? "<AWS::AccountId>" : stack.account;
  acknowledge(
    `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:${region}:${account}:template/onrecord-issue-*]`,
    "SES templates are named per issue (onrecord-issue-YYYY-Www), so their ARN ends in a wildcard.",
  );
  acknowledge(
    "AwsSolutions-IAM5[Resource::*]",
    "ses:GetAccount (the send-rate quota) has no resource-level permissions.",
  );
}
