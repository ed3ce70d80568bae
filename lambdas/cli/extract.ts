import { type Command, Option } from "commander";

/** `onrecord extract FILE|DIR...`: the statements of article files as JSON lines (DESIGN.md's contract). */
export function registerExtract(program: Command): void {
  program
    .command("extract")
    .description("print every statement in the given article files, one JSON object per line")
    .addOption(new Option("--format <format>", "output format").choices(["jsonl"]).default("jsonl"))
    .argument(
      "<files...>",
      "article files: plain text (optionally starting with `date YYYY-MM-DD`) or JSON; a directory: every .txt and .json file in it, in name order",
    )
    .action(async (files: string[]) => (await import("./run-extract.ts")).runExtract(files));
}
