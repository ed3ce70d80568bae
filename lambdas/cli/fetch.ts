import { type Command, InvalidArgumentError } from "commander";
import { isoDay } from "./refused.ts";

export interface FetchOptions {
  feed: string[];
  out: string;
  since?: string;
  allowPrivateHosts?: boolean;
  delay: number;
}

/** Collects a repeatable option's values. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A whole number of milliseconds, at least 0. */
export function milliseconds(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new InvalidArgumentError("expected a whole number of milliseconds");
  return n;
}

/**
 * `onrecord fetch --feed URL… --out DIR`: reads the feeds, fetches each new item's page, and writes
 * one JSON article per item into DIR (the form `digest --articles` reads); one line per item:
 * `stored URL`, `unchanged URL`, or `skipped REASON URL`. What it has seen stays in DIR.
 */
export function registerFetch(program: Command): void {
  program
    .command("fetch")
    .description("fetch the new items of RSS, Atom or JSON feeds as article files")
    .requiredOption("--feed <url>", "a feed to read (repeat for more)", collect)
    .requiredOption("--out <dir>", "folder for the article files (and what was seen, for the next run)")
    .option("--since <date>", "skip items published before this day, YYYY-MM-DD", isoDay)
    .option("--allow-private-hosts", "also fetch from loopback and private addresses (local testing)")
    .option("--delay <ms>", "pause between two requests to one host", milliseconds, 1000)
    .action(async (options: FetchOptions) => (await import("./run-fetch.ts")).runFetch(options));
}
