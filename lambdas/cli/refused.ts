import { type Command, InvalidArgumentError } from "commander";

/** A `YYYY-MM-DD` option value, checked before any work starts. */
export function isoDay(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw new InvalidArgumentError("expected a date, YYYY-MM-DD");
  return value;
}

/**
 * `onrecord refused [--since YYYY-MM-DD]`: the articles that were not stored (bucket drops,
 * files, fetched pages), each with when, what and why, so nobody has to read logs to find them.
 */
export function registerRefused(program: Command): void {
  program
    .command("refused")
    .description(
      "list articles that were refused, with their reasons (AWS when ONRECORD_ARTICLES_TABLE is set)",
    )
    .option("--since <date>", "first day to list, YYYY-MM-DD (default: 30 days ago; kept 90 days)", isoDay)
    .action(async (options: { since?: string }) => (await import("./run-refused.ts")).runRefused(options));
}
