import { mkdir } from "node:fs/promises";
import { DirectoryArticleSink, DirectoryFeedStore } from "../adapters/directory-feed-store.ts";
import { SafeHttpClient } from "../adapters/http/safe-http-client.ts";
import { fetchFeeds, outcomeLine } from "../app/feeds/fetch-feeds.ts";
import type { FetchItemDeps, ItemOutcome } from "../app/feeds/fetch-item.ts";
import { PoliteClient, USER_AGENT } from "../app/feeds/polite-client.ts";
import type { PollResult } from "../app/feeds/poll-feed.ts";
import { fileProblem } from "./errors.ts";
import type { FetchOptions } from "./fetch.ts";

/** Fetches the feeds into `--out`, printing one line per item; exit code 1 if a feed failed. */
export async function runFetch(options: FetchOptions): Promise<void> {
  await mkdir(options.out, { recursive: true }).catch((error) => {
    throw new Error(
      `--out ${error.code === "EEXIST" || error.code === "ENOTDIR" ? `${options.out}: a file, not a folder` : fileProblem(options.out, error)}`,
    );
  });
  const deps: FetchItemDeps = {
    http: politeHttp(options),
    feeds: new DirectoryFeedStore(options.out),
    sink: new DirectoryArticleSink(options.out),
    ...(options.since && { since: options.since }),
  };
  const { polls } = await fetchFeeds(options.feed, deps, printLine("fetch"));
  if (polls.some((p) => p.status === "failed")) process.exitCode = 1;
}

/** The polite, SSRF-safe client every fetching command uses. */
export function politeHttp(options: { allowPrivateHosts?: boolean; delay?: number }): PoliteClient {
  return new PoliteClient(
    new SafeHttpClient({ userAgent: USER_AGENT, allowPrivateHosts: options.allowPrivateHosts ?? false }),
    { delayMs: options.delay ?? 1000 },
  );
}

/** Items on stdout, one line each; a feed that failed on stderr, named by the command that read it. */
export function printLine(command: string): (line: ItemOutcome | PollResult) => void {
  return (line) => {
    if ("outcome" in line) process.stdout.write(`${outcomeLine(line)}\n`);
    else if (line.status === "failed")
      process.stderr.write(`onrecord ${command}: feed ${line.feedUrl}: ${line.error}\n`);
  };
}
