import { type Command, Option } from "commander";

/** `onrecord extract FILE|DIR...`: the statements of article files as JSON lines (DESIGN.md's contract). */
export function registerExtract(program: Command): void {
  program
    .command("extract")
    .description("print every statement in the given article files, one JSON object per line")
    .addOption(new Option("--format <format>", "output format").choices(["jsonl"]).default("jsonl"))
    .addOption(
      new Option(
        "--keep <which>",
        "likely: what the model finds more likely right than wrong; precise: only statements at its precision cut-off (cross-validated precision 0.90); all: every reading it chose",
      )
        .choices(["likely", "precise", "all"])
        .default("likely"),
    )
    .argument(
      "<files...>",
      "article files: plain text (optionally starting with `date YYYY-MM-DD`) or JSON; a directory: every .txt and .json file in it, in name order",
    )
    .action(async (files: string[], options: { keep: "likely" | "precise" | "all" }) =>
      (await import("./run-extract.ts")).runExtract(files, options.keep),
    );
}
