import type { Command } from "commander";
import { collect, milliseconds } from "./fetch.ts";

export interface IngestOptions {
  feed?: string[];
  allowPrivateHosts?: boolean;
  delay?: number;
}

/**
 * `onrecord ingest FILE...` / `onrecord ingest --feed URL`: stores articles with their statements
 * in the configured store, as dropping them into the ingest bucket (or the poller and fetcher)
 * does. A file without a date takes its modification date.
 */
export function registerIngest(program: Command): void {
  program
    .command("ingest")
    .description(
      "store article files, or a feed's new items, and their statements (AWS when ONRECORD_ARTICLES_TABLE is set, else locally)",
    )
    .argument(
      "[files...]",
      "article files, or folders of them: plain text (optionally starting with `date YYYY-MM-DD`) or JSON",
    )
    .option("--feed <url>", "fetch a feed's new items and store them (repeat for more)", collect)
    .option("--allow-private-hosts", "with --feed: also fetch from loopback and private addresses")
    .option("--delay <ms>", "with --feed: pause between two requests to one host", milliseconds, 1000)
    .action(async (files: string[], options: IngestOptions) => {
      if (files.length === 0 && !options.feed) {
        process.stderr.write("onrecord ingest: give article files, a folder of them, or --feed URL\n");
        process.exitCode = 1;
        return;
      }
      await (await import("./run-ingest.ts")).runIngest(files, options);
    });
}
