import { type Command, Option } from "commander";
import { parseWeek } from "./send.ts";

/**
 * `onrecord status --week 2026-W47`: that deliveries by state (queued, claimed, sending,
 * retry, sent, rejected, skipped), on AWS or locally as `send` decides.
 */
export function registerStatus(program: Command): void {
  program
    .command("status")
    .description("an issue's delivery report: its deliveries by state (AWS or local, as `send`)")
    .requiredOption("--week <week>", "ISO week, e.g. 2026-W47", parseWeek)
    .addOption(new Option("--format <format>", "text or json").choices(["text", "json"]).default("text"))
    .action(async ({ week, format }: { week: string; format: "text" | "json" }) =>
      (await import("./run-status.ts")).runStatus(week, format),
    );
}
