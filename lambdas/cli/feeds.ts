import type { Command } from "commander";

/**
 * `onrecord feeds add|list|remove URL`: the feeds the scheduled poller reads, kept in the data
 * stack (the local one, or AWS when ONRECORD_FEEDS_TABLE is set). `list` shows each feed's last
 * poll, last error and item counts.
 */
export function registerFeeds(program: Command): void {
  const feeds = program
    .command("feeds")
    .description("manage the feeds onrecord polls (AWS when ONRECORD_FEEDS_TABLE is set, else locally)");
  const run = async (action: "add" | "remove" | "list", url?: string) =>
    (await import("./run-feeds.ts")).runFeeds(action, url);
  feeds
    .command("add")
    .argument("<url>", "the feed's URL (RSS, Atom or JSON Feed)")
    .action((url: string) => run("add", url));
  feeds
    .command("remove")
    .argument("<url>", "a listed feed's URL")
    .action((url: string) => run("remove", url));
  feeds
    .command("list")
    .description("each feed with its last poll, last error and item counts")
    .action(() => run("list"));
}
