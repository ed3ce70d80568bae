import { type Command, InvalidArgumentError } from "commander";
import { composeIssue } from "../app/compose-issue.ts";
import { InvalidWeekError, weekRange } from "../app/iso-week.ts";
import { composeDeps } from "../deps/compose.ts";
import { composeAndSendLocally, openTarget } from "./pipeline-target.ts";

/**
 * `onrecord send --week 2026-W47`: composes that week's issue and sends it to every confirmed
 * subscriber. On AWS the batches go to the send queue and the worker Lambda sends them; locally
 * they are sent before the command returns. Sending a week again sends nothing twice.
 */
export function registerSend(program: Command): void {
  program
    .command("send")
    .description("compose a week's issue and send it to confirmed subscribers (AWS or local, as `ingest`)")
    .requiredOption("--week <week>", "ISO week, e.g. 2026-W47", parseWeek)
    .action(async ({ week }: { week: string }) => {
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
    });
}

function parseWeek(value: string): string {
  try {
    weekRange(value);
    return value;
  } catch (error) {
    if (error instanceof InvalidWeekError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}
