import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { App } from "aws-cdk-lib";
import { addOnRecord } from "../../lib/onrecord-app.ts";

type Template = {
  Resources: Record<string, Resource>;
  Outputs?: Record<string, { Value: unknown; Export?: { Name: string } }>;
};
interface Resource {
  Type: string;
  // biome-ignore lint/suspicious/noExplicitAny: CloudFormation properties are free-form JSON.
  Properties: Record<string, any>;
  Metadata?: Record<string, string>;
}

/** A Lambda function as the synthesized app defines it: its bundle and its environment. */
export interface DeployedFunction {
  logicalId: string;
  assetDir: string;
  handlerFile: string;
  /** The template's environment variables, with references resolved to local stand-ins. */
  environment: Record<string, string>;
}

/**
 * Synthesizes onrecord's app with bundling (esbuild, as `cdk deploy` does) into `outdir`, and
 * returns its functions with their environment resolved through `resolveRef` (a logical id to
 * the local name of that resource, e.g. a table name or queue URL).
 */
export function synthesizeDeployed(
  outdir: string,
  context: Record<string, unknown>,
  resolveRef: (logicalId: string) => string,
): DeployedFunction[] {
  // The CDK CLI sets this too: it records where each function's bundle is.
  const app = new App({ outdir, context: { ...context, "aws:cdk:enable-asset-metadata": true } });
  addOnRecord(app);
  const assembly = app.synth();
  const templates = assembly.stacks.map((s) => s.template as Template);
  const exports = new Map<string, unknown>();
  for (const t of templates)
    for (const o of Object.values(t.Outputs ?? {})) if (o.Export) exports.set(o.Export.Name, o.Value);
  const resolve = (value: unknown): string => {
    if (typeof value === "string") return value;
    // biome-ignore lint/suspicious/noExplicitAny: an intrinsic function, free-form JSON.
    const v = value as Record<string, any>;
    if (v.Ref) return resolveRef(v.Ref);
    if (v["Fn::ImportValue"]) return resolve(exports.get(v["Fn::ImportValue"]));
    if (v["Fn::GetAtt"]) return resolveRef(`${v["Fn::GetAtt"][0]}.${v["Fn::GetAtt"][1]}`);
    if (v["Fn::Join"]) return (v["Fn::Join"][1] as unknown[]).map(resolve).join(v["Fn::Join"][0]);
    throw new Error(`cannot resolve ${JSON.stringify(value)}`);
  };
  const pipeline = assembly.getStackByName("OnRecordPipeline").template as Template;
  return Object.entries(pipeline.Resources)
    .filter(
      ([, r]) => r.Type === "AWS::Lambda::Function" && String(r.Properties.Runtime).startsWith("nodejs"),
    )
    .map(([logicalId, r]) => {
      const assetDir = join(outdir, r.Metadata?.["aws:asset:path"] ?? "");
      const variables = (r.Properties.Environment?.Variables ?? {}) as Record<string, unknown>;
      return {
        logicalId,
        assetDir,
        handlerFile: join(assetDir, "index.mjs"),
        environment: Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, resolve(v)])),
      };
    });
}

/**
 * Loads a bundled handler as the Lambda runtime would: the environment set first (the function's
 * own, over the base), `LAMBDA_TASK_ROOT` at the bundle, then `index.mjs` imported.
 */
export async function loadHandler<E, R>(
  fn: DeployedFunction,
  baseEnv: Record<string, string>,
): Promise<(event: E) => Promise<R>> {
  const module = (await import(pathToFileURL(fn.handlerFile).href)) as { handler: (event: E) => Promise<R> };
  return async (event) => {
    for (const name of Object.keys(process.env)) if (name.startsWith("ONRECORD_")) delete process.env[name];
    Object.assign(process.env, baseEnv, fn.environment, { LAMBDA_TASK_ROOT: fn.assetDir });
    return module.handler(event);
  };
}
