import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { DynamoArticleStore } from "../adapters/dynamo-article-store.ts";
import { DynamoFeedStore } from "../adapters/dynamo-feed-store.ts";
import { DynamoRefusalLog } from "../adapters/dynamo-refusal-log.ts";
import { fetchFeeds } from "../app/feeds/fetch-feeds.ts";
import {
  type IngestResult,
  ingestArticle,
  isRefusal,
  type RefusalSink,
  recordRefusal,
} from "../app/ingest-article.ts";
import { checkSize } from "../core/article.ts";
import { storeSink } from "../deps/feeds.ts";
import { ingestDeps } from "../deps/ingest.ts";
import type { ArticleStore } from "../ports.ts";
import { fileProblem } from "./errors.ts";
import type { IngestOptions } from "./ingest.ts";
import { openTarget } from "./pipeline-target.ts";
import { politeHttp, printLine } from "./run-fetch.ts";

/**
 * Stores the files into the target's article store (AWS or local), one line per file; with
 * `--feed`, the feeds' new items, one line per item as `onrecord fetch` prints them, the items
 * dealt with kept in the target's feed tables as the deployed fetcher keeps them.
 */
export async function runIngest(files: string[], options: IngestOptions = {}): Promise<void> {
  const target = await openTarget();
  const { articles, refusals } =
    target.kind === "aws"
      ? ingestDeps(target.env)
      : {
          articles: new DynamoArticleStore(
            target.stack.env.ONRECORD_ARTICLES_TABLE ?? "",
            target.stack.dynamo,
          ),
          refusals: {
            log: new DynamoRefusalLog(target.stack.env.ONRECORD_REFUSALS_TABLE ?? "", target.stack.dynamo),
          },
        };
  try {
    const { files: found, empty } = await articleFilesIn(files);
    for (const folder of empty)
      process.stderr.write(`onrecord ingest: ${folder}: a folder with no .txt or .json article files\n`);
    const { failed } = await ingestFiles(found, articles, process.stdout, process.stderr, refusals);
    let feedsFailed = false;
    if (options.feed) {
      const env = target.kind === "aws" ? target.env : target.stack.env;
      const feeds = new DynamoFeedStore(
        env.ONRECORD_FEEDS_TABLE ?? "",
        env.ONRECORD_FEED_ITEMS_TABLE ?? "",
        ...(target.kind === "local" ? [target.stack.dynamo] : []),
      );
      const http = politeHttp({
        allowPrivateHosts: options.allowPrivateHosts ?? false,
        delay: options.delay ?? 1000,
      });
      const deps = { http, feeds, sink: storeSink(articles), refusals };
      feedsFailed = (await fetchFeeds(options.feed, deps, printLine("ingest"))).polls.some(
        (p) => p.status === "failed",
      );
    }
    process.exitCode = failed > 0 || empty.length > 0 || feedsFailed ? 1 : 0;
  } finally {
    if (target.kind === "local") await target.stack.close();
  }
}

/**
 * The files to ingest: each file given as it is, and for each folder its `.txt` and `.json` files
 * (hidden ones left out, as `digest --articles` reads a folder), in name order; the folders that
 * hold none are returned to be reported.
 */
export async function articleFilesIn(
  paths: readonly string[],
): Promise<{ files: string[]; empty: string[] }> {
  const files: string[] = [];
  const empty: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    // A path that cannot be read is passed on, to be reported as the file it was meant to be.
    if (!info?.isDirectory()) {
      files.push(path);
      continue;
    }
    const names = (await readdir(path, { withFileTypes: true }))
      .filter(
        (e) =>
          e.isFile() && !e.name.startsWith(".") && [".txt", ".json"].includes(extname(e.name).toLowerCase()),
      )
      .map((e) => e.name)
      .sort();
    if (names.length === 0) empty.push(path);
    files.push(...names.map((name) => join(path, name)));
  }
  return { files, empty };
}

/**
 * Ingests each file, reporting one line per file; returns what was ingested and how many failed.
 * A file over the size limit is refused from its size, unread; refusals go to `refusals` if given.
 */
export async function ingestFiles(
  files: readonly string[],
  store: ArticleStore,
  out: Pick<NodeJS.WritableStream, "write"> = process.stdout,
  err: Pick<NodeJS.WritableStream, "write"> = process.stderr,
  refusals?: RefusalSink,
): Promise<{ ingested: IngestResult[]; failed: number }> {
  let failed = 0;
  const ingested: IngestResult[] = [];
  for (const file of files) {
    try {
      const info = await stat(file);
      checkSize(file, info.size);
      const fallbackDate = info.mtime.toISOString().slice(0, 10);
      const result = await ingestArticle({ name: file, bytes: await readFile(file), fallbackDate }, store);
      ingested.push(result);
      out.write(
        `${result.result.padEnd(9)} ${file} (${result.publishedAt}, ${result.statements} statements)\n`,
      );
    } catch (error) {
      failed++;
      if (refusals && isRefusal(error)) await recordRefusal(refusals, file, error);
      err.write(`onrecord ingest: ${fileProblem(file, error)}\n`);
    }
  }
  return { ingested, failed };
}
