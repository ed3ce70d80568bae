import { Stack } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { type IGrantable, PolicyStatement } from "aws-cdk-lib/aws-iam";

/**
 * Grants exactly the DynamoDB actions a function calls, on the table (and the named indexes),
 * rather than the broad `grantReadWriteData` sets.
 */
export function grantTable(
  grantee: IGrantable,
  table: ITable,
  actions: string[],
  indexes: string[] = [],
): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: actions.map((a) => `dynamodb:${a}`),
      resources: [table.tableArn, ...indexes.map((name) => `${table.tableArn}/index/${name}`)],
    }),
  );
}

/** Grants Query on one index of a table, and not on the table itself. */
export function grantIndexQuery(grantee: IGrantable, table: ITable, index: string): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ actions: ["dynamodb:Query"], resources: [`${table.tableArn}/index/${index}`] }),
  );
}

/** The ARN of an SES resource in this stack's account and region, e.g. `template/onrecord-issue-*`. */
export function sesArn(scope: import("constructs").Construct, resource: string): string {
  const { region, account, partition } = Stack.of(scope);
  return `arn:${partition}:ses:${region}:${account}:${resource}`;
}
