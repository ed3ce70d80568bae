import { type Command, InvalidArgumentError, Option } from "commander";
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
    .addOption(
      new Option("--min-statements <n>", "send no issue for a week with fewer statements for the email")
        .env("ONRECORD_MIN_STATEMENTS")
        .argParser(parseCount),
    )
    .action(async ({ week, minStatements }: { week: string; minStatements?: number }) =>
      (await import("./run-send.ts")).runSend(week, { minStatements }),
    );
}

/** A whole number of at least 1, for counts given on the command line. */
export function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number of at least 1");
  return n;
}

/** An ISO week option value (`2026-W47`), checked before any work starts. */
export function parseWeek(value: string): string {
  try {
    weekRange(value);
    return value;
  } catch (error) {
    if (error instanceof InvalidWeekError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}
