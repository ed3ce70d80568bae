import { readFile } from "node:fs/promises";
import { parseArticle } from "../core/article.ts";
import { extractStatements } from "../core/extraction/extract-statements.ts";
import type { Statement } from "../core/types.ts";
import { fileProblem } from "./errors.ts";

/** One line of `onrecord extract` output: the contract in DESIGN.md, plus a few extra fields. */
export function toExtractRecord(file: string, s: Statement) {
  return {
    file,
    start: s.start,
    end: s.end,
    text: s.text,
    kind: s.kind,
    speaker: s.speaker,
    title: s.title,
    mention: s.mention,
    cue: s.cue,
    affiliation: s.affiliation,
    sourceType: s.sourceType,
    parts: s.parts,
    confidence: s.confidence,
    titles: s.titles,
    ...(s.said ? { said: s.said } : {}),
  };
}

/** Prints each file's statements as JSON lines; a file that cannot be read is reported and skipped. */
export async function runExtract(files: string[]): Promise<void> {
  let failed = 0;
  for (const file of files) {
    try {
      const article = parseArticle({ name: file, bytes: await readFile(file) });
      const lines = extractStatements(article).map((s) => JSON.stringify(toExtractRecord(file, s)));
      if (lines.length > 0) process.stdout.write(`${lines.join("\n")}\n`);
    } catch (error) {
      failed++;
      process.stderr.write(`onrecord extract: ${fileProblem(file, error)}\n`);
    }
  }
  if (failed > 0) process.exitCode = 1;
}
