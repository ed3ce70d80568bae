import { readFile } from "node:fs/promises";
import { parseArticle } from "../core/article.ts";
import { extractStatements } from "../core/extraction/extract-statements.ts";
import type { Statement } from "../core/types.ts";

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
      process.stderr.write(`onrecord extract: ${describeError(file, error)}\n`);
    }
  }
  if (failed > 0) process.exitCode = 1;
}

function describeError(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return `${file}: no such file`;
  if (code === "EISDIR") return `${file}: is a directory, not an article file`;
  if (code === "EACCES") return `${file}: permission denied`;
  const message = error instanceof Error ? error.message : String(error);
  return message.startsWith(file) ? message : `${file}: ${message}`;
}
