import { readFile, stat } from "node:fs/promises";
import { DynamoArticleStore } from "../adapters/dynamo-article-store.ts";
import { type IngestResult, ingestArticle } from "../app/ingest-article.ts";
import { ingestDeps } from "../deps/ingest.ts";
import type { ArticleStore } from "../ports.ts";
import { openTarget } from "./pipeline-target.ts";

/** Stores the files into the target's article store (AWS or local), one line per file. */
export async function runIngest(files: string[]): Promise<void> {
  const target = await openTarget();
  const store: ArticleStore =
    target.kind === "aws"
      ? ingestDeps(target.env).articles
      : new DynamoArticleStore(target.stack.env.ONRECORD_ARTICLES_TABLE ?? "", target.stack.dynamo);
  try {
    process.exitCode = (await ingestFiles(files, store)).failed > 0 ? 1 : 0;
  } finally {
    if (target.kind === "local") await target.stack.close();
  }
}

/** Ingests each file, reporting one line per file; returns what was ingested and how many failed. */
export async function ingestFiles(
  files: readonly string[],
  store: ArticleStore,
  out: Pick<NodeJS.WritableStream, "write"> = process.stdout,
  err: Pick<NodeJS.WritableStream, "write"> = process.stderr,
): Promise<{ ingested: IngestResult[]; failed: number }> {
  let failed = 0;
  const ingested: IngestResult[] = [];
  for (const file of files) {
    try {
      const [bytes, info] = await Promise.all([readFile(file), stat(file)]);
      const fallbackDate = info.mtime.toISOString().slice(0, 10);
      const result = await ingestArticle({ name: file, bytes, fallbackDate }, store);
      ingested.push(result);
      out.write(
        `${result.result.padEnd(9)} ${file} (${result.publishedAt}, ${result.statements} statements)\n`,
      );
    } catch (error) {
      failed++;
      const message = error instanceof Error ? error.message : String(error);
      err.write(`onrecord ingest: ${message.includes(file) ? message : `${file}: ${message}`}\n`);
    }
  }
  return { ingested, failed };
}
