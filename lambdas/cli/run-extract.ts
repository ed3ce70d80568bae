import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { parseArticle } from "../core/article.ts";
import { type ExtractOptions, extractStatements } from "../core/extraction/extract-statements.ts";
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

/**
 * The article files named: a directory stands for every `.txt` and `.json` file directly in it,
 * in name order (not recursive), so a corpus of thousands of files needs no shell glob.
 */
async function articleFiles(paths: string[]): Promise<{ files: string[]; empty: string[] }> {
  const files: string[] = [];
  const empty: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info?.isDirectory()) {
      files.push(path);
      continue;
    }
    const entries = (await readdir(path, { withFileTypes: true }))
      .filter((e) => e.isFile() && /\.(txt|json)$/i.test(e.name))
      .map((e) => e.name)
      .sort();
    if (entries.length === 0) empty.push(path);
    for (const entry of entries) files.push(join(path, entry));
  }
  return { files, empty };
}

/** Prints each file's statements as JSON lines; a file that cannot be read is reported and skipped. */
export async function runExtract(paths: string[], keep: ExtractOptions["keep"] = "likely"): Promise<void> {
  const { files, empty } = await articleFiles(paths);
  // A folder without articles is most likely the wrong folder: said, and the exit status says so.
  for (const folder of empty)
    process.stderr.write(`onrecord extract: ${folder}: a folder with no .txt or .json article in it\n`);
  let failed = empty.length;
  for (const file of files) {
    try {
      const article = parseArticle({ name: file, bytes: await readFile(file) });
      const lines = extractStatements(article, { keep }).map((s) => JSON.stringify(toExtractRecord(file, s)));
      if (lines.length > 0) process.stdout.write(`${lines.join("\n")}\n`);
    } catch (error) {
      failed++;
      process.stderr.write(`onrecord extract: ${fileProblem(file, error)}\n`);
    }
  }
  if (failed > 0) process.exitCode = 1;
}
