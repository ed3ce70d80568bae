import { type Command, InvalidArgumentError } from "commander";
import { InvalidWeekError, weekRange } from "../app/iso-week.ts";

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
    .action(async ({ week }: { week: string }) => (await import("./run-send.ts")).runSend(week));
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
