import type { Command } from "commander";

/**
 * `onrecord ingest FILE...`: stores articles with their statements in the configured store, as
 * dropping them into the ingest bucket does. A file without a date takes its modification date.
 */
export function registerIngest(program: Command): void {
  program
    .command("ingest")
    .description(
      "store article files and their statements (AWS when ONRECORD_ARTICLES_TABLE is set, else locally)",
    )
    .argument("<files...>", "article files: plain text (optionally starting with `date YYYY-MM-DD`) or JSON")
    .action(async (files: string[]) => (await import("./run-ingest.ts")).runIngest(files));
}
