import { composeIssue } from "../app/compose-issue.ts";
import { composeDeps } from "../deps/compose.ts";
import { composeAndSendLocally, openTarget } from "./pipeline-target.ts";

/** Composes the week's issue and sends it: queued on AWS, sent before returning locally. */
export async function runSend(week: string, options: { minStatements?: number } = {}): Promise<void> {
  const target = await openTarget();
  if (target.kind === "aws") {
    const deps = composeDeps(target.env);
    const minStatements = options.minStatements ?? deps.minStatements;
    const { issue: _, ...result } = await composeIssue(week, { ...deps, minStatements });
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.stdout.write(
      result.noIssue ? `${result.noIssue}: nothing sent\n` : "queued: the send worker delivers the batches\n",
    );
    return;
  }
  try {
    const { issue: _, ...result } = await composeAndSendLocally(target.stack, week, options);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (result.noIssue) process.stdout.write(`${result.noIssue}: nothing sent\n`);
    if (!target.stack.owned) process.stdout.write(`inbox: ${target.stack.sesUrl}/\n`);
    else
      process.stdout.write(
        "note: no `onrecord start` is running, so the local inbox closes with this command\n",
      );
    if (result.deadLetters > 0) process.exitCode = 1;
  } finally {
    await target.stack.close();
  }
}
