import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { Architecture, Runtime } from "aws-cdk-lib/aws-lambda";
import { NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";

/** The project's root folder: the handlers, the lock file and node_modules are found from here. */
export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

// ESM bundles cannot `require`; some dependencies still do, so give them one.
const REQUIRE_SHIM =
  "import { createRequire as __onrecordRequire } from 'node:module'; const require = __onrecordRequire(import.meta.url);";

export interface OnRecordFunctionProps {
  /** The handler's file name under `lambdas/handlers/`, without `.ts`. */
  handler: string;
  description: string;
  environment?: Record<string, string>;
  timeout?: Duration;
  memorySize?: number;
  reservedConcurrentExecutions?: number;
  /** Copy the MJML templates into the bundle (for the function that renders issues). */
  withTemplates?: boolean;
  /** Where asynchronous invocations that fail every retry are kept. */
  deadLetterQueue?: IQueue;
  /** Commands run after bundling, e.g. to write files beside the bundle. */
  afterBundling?: (inputDir: string, outputDir: string) => string[];
  /** Modules left out of the bundle (the Lambda runtime provides `@aws-sdk/*`). */
  externalModules?: string[];
}

/**
 * The defaults every onrecord Lambda shares, in one place: a minified ESM bundle with source maps
 * built by esbuild (the AWS SDK bundled too, so the version tested is the version run), Node.js 22
 * on arm64, and a log group kept for three months.
 */
export class OnRecordFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: OnRecordFunctionProps) {
    super(scope, id, {
      entry: join(PROJECT_ROOT, "lambdas", "handlers", `${props.handler}.ts`),
      handler: "handler",
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      deadLetterQueue: props.deadLetterQueue,
      environment: { NODE_OPTIONS: "--enable-source-maps", ...props.environment },
      logGroup: new LogGroup(scope, `${id}Logs`, {
        retention: RetentionDays.THREE_MONTHS,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, "package-lock.json"),
      bundling: {
        format: OutputFormat.ESM,
        target: "node22",
        mainFields: ["module", "main"],
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        externalModules: props.externalModules ?? [],
        banner: REQUIRE_SHIM,
        ...((props.withTemplates || props.afterBundling) && {
          commandHooks: {
            beforeBundling: () => [],
            beforeInstall: () => [],
            afterBundling: (inputDir: string, outputDir: string) => [
              ...(props.withTemplates ? [`cp -R "${inputDir}/templates" "${outputDir}/templates"`] : []),
              ...(props.afterBundling?.(inputDir, outputDir) ?? []),
            ],
          },
        }),
      },
    });
  }
}
