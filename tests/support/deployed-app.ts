import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
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

/** What the bundles are built from: a change to any of these means synthesizing again. */
const SOURCES = ["lib", "lambdas", "templates", "bin/app.ts", "package-lock.json"];
const SYNTH_WAIT_MS = 10 * 60 * 1000;

/**
 * Synthesizes onrecord's app with bundling (esbuild, as `cdk deploy` does) once per version of
 * the sources and context: the cloud assembly goes to `test-output/cdk.out-<hash>`, and test
 * files running at the same time wait for the one that builds it rather than building it again.
 * @returns the assembly's directory.
 */
export async function synthesizeOnce(context: Record<string, unknown>): Promise<string> {
  const hash = createHash("sha256").update(JSON.stringify(context));
  for (const file of SOURCES.flatMap((s) => filesUnder(s)).sort())
    hash.update(file).update(readFileSync(file));
  const outdir = join("test-output", `cdk.out-src-${hash.digest("hex").slice(0, 16)}`);
  const complete = join(outdir, ".complete");
  const lock = `${outdir}.lock`;
  mkdirSync("test-output", { recursive: true });
  for (const started = Date.now(); !existsSync(complete); ) {
    if (Date.now() - started > SYNTH_WAIT_MS) throw new Error(`gave up waiting for ${lock}`);
    try {
      mkdirSync(lock, { recursive: false });
    } catch (error) {
      // Another test file is synthesizing: wait for it.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    try {
      if (!existsSync(complete)) synthesize(outdir, context);
      writeFileSync(complete, new Date().toISOString());
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return outdir;
}

function synthesize(outdir: string, context: Record<string, unknown>): void {
  rmSync(outdir, { recursive: true, force: true });
  pruneOldAssemblies();
  // The CDK CLI sets this too: it records where each function's bundle is.
  const app = new App({ outdir, context: { ...context, "aws:cdk:enable-asset-metadata": true } });
  addOnRecord(app);
  app.synth();
}

/** Removes assemblies of earlier sources, once they are an hour old (another run may still use one). */
function pruneOldAssemblies(): void {
  const hourAgo = Date.now() - 3_600_000;
  for (const entry of readdirSync("test-output", { withFileTypes: true })) {
    const complete = join("test-output", entry.name, ".complete");
    if (!entry.name.startsWith("cdk.out-src-") || !existsSync(complete)) continue;
    if (statSync(complete).mtimeMs < hourAgo)
      rmSync(join("test-output", entry.name), { recursive: true, force: true });
  }
}

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * The functions of a synthesized assembly with their environment resolved through `resolveRef`
 * (a logical id to the local name of that resource, e.g. a table name or queue URL).
 */
export function deployedFunctions(
  outdir: string,
  resolveRef: (logicalId: string) => string,
): DeployedFunction[] {
  const read = (stack: string) =>
    JSON.parse(readFileSync(join(outdir, `${stack}.template.json`), "utf8")) as Template;
  const templates = [read("OnRecordData"), read("OnRecordPipeline")];
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
  const pipeline = templates[1] as Template;
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
