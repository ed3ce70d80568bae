import { composeIssue } from "../app/compose-issue.ts";
import { composeDeps } from "../deps/compose.ts";
import { composeAndSendLocally, openTarget } from "./pipeline-target.ts";

/** Composes the week's issue and sends it: queued on AWS, sent before returning locally. */
export async function runSend(week: string): Promise<void> {
  const target = await openTarget();
  if (target.kind === "aws") {
    const { issue: _, ...result } = await composeIssue(week, composeDeps(target.env));
    process.stdout.write(`${JSON.stringify(result)}\nqueued: the send worker delivers the batches\n`);
    return;
  }
  try {
    const { issue: _, ...result } = await composeAndSendLocally(target.stack, week);
    process.stdout.write(`${JSON.stringify(result)}\n`);
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
