import type { Command } from "commander";

/**
 * `onrecord forget EMAIL`: erases a person from every table (subscribers, deliveries, rate
 * counters), says what it removed and what it cannot reach. On AWS when `ONRECORD_ARTICLES_TABLE`
 * is set, else locally, as `send` decides.
 */
export function registerForget(program: Command): void {
  program
    .command("forget")
    .description(
      "erase a person from every table (subscribers, deliveries, rate counters) and say what is out of reach",
    )
    .argument("<email>", "the address to forget, as they typed it")
    .action(async (email: string) => (await import("./run-forget.ts")).runForget(email));
}
