import { App, type Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { addOnRecord } from "../../lib/onrecord-app.ts";

/** The context a deployment sets; tests override pieces of it. */
export const TEST_CONTEXT = {
  sender: "digest@example.org",
  publicUrl: "https://onrecord.example.org",
  postalAddress: "1 Example Street, Riverton",
};

/** onrecord's app with bundling skipped (assertions need the template, not the code). */
export function synthesizeWithoutBundling(context: Record<string, unknown> = {}) {
  const app = new App({ context: { "aws:cdk:bundling-stacks": [], ...TEST_CONTEXT, ...context } });
  const { data, pipeline } = addOnRecord(app);
  return {
    app,
    data: Template.fromStack(data),
    pipeline: Template.fromStack(pipeline),
    stacks: { data, pipeline },
  };
}

/** Every IAM statement of the policies attached to a role whose logical id starts with `prefix`. */
export function statementsOf(
  template: Template,
  rolePrefix: string,
): { Action: string | string[]; Resource: unknown }[] {
  const policies = template.findResources("AWS::IAM::Policy");
  return Object.values(policies)
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref.startsWith(rolePrefix)))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
}

/** All actions granted to a role, flattened. */
export function actionsOf(template: Template, rolePrefix: string): string[] {
  return statementsOf(template, rolePrefix).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}

export function logicalIdOf(stack: Stack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.resolve(stack.getLogicalId(construct.node.defaultChild as never)) as string;
}
