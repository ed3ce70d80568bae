import { runningLocalStack } from "../adapters/local-stack.ts";
import { composeIssue } from "../app/compose-issue.ts";
import { deliveryReport } from "../app/delivery-report.ts";
import { composeDeps } from "../deps/compose.ts";
import { composeAndSendLocally, DATA_DIR, openTarget } from "./pipeline-target.ts";

/**
 * The local inbox lives in the `onrecord start` process: sending without one would deliver into
 * an inbox that closes with this command, and record the week as sent to everyone for good.
 */
const NOT_RUNNING =
  "onrecord send: no local run to send through; start one with `npm start` (the local inbox lives in it), then send again\n";

/** Composes the week's issue and sends it: queued on AWS, sent before returning locally. */
export async function runSend(week: string, options: { minStatements?: number } = {}): Promise<void> {
  if (!process.env.ONRECORD_ARTICLES_TABLE && !(await runningLocalStack(DATA_DIR))) {
    process.stderr.write(NOT_RUNNING);
    process.exitCode = 1;
    return;
  }
  const target = await openTarget();
  if (target.kind === "aws") {
    const deps = composeDeps(target.env);
    const minStatements = options.minStatements ?? deps.minStatements;
    const { issue: _, ...result } = await composeIssue(week, { ...deps, minStatements });
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (result.totals) process.stdout.write(deliveryReport(week, result.totals, result.run));
    process.stdout.write(
      result.noIssue
        ? `${result.noIssue}: nothing sent\n`
        : `queued: the send worker delivers the batches (\`onrecord status --week ${week}\` follows them)\n`,
    );
    return;
  }
  try {
    if (target.stack.owned) {
      // The run stopped in between.
      process.stderr.write(NOT_RUNNING);
      process.exitCode = 1;
      return;
    }
    const { issue: _, ...result } = await composeAndSendLocally(target.stack, week, options);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (!result.noIssue) process.stdout.write(deliveryReport(week, result.deliveries, result.run));
    if (result.noIssue) process.stdout.write(`${result.noIssue}: nothing sent\n`);
    process.stdout.write(`inbox: ${target.stack.sesUrl}/\n`);
    if (result.deadLetters > 0) process.exitCode = 1;
  } finally {
    await target.stack.close();
  }
}
