import { ArticleFormatError, type ArticleSource, checkArticleFields, parseArticle } from "../core/article.ts";
import { extractStatements } from "../core/extraction/extract-statements.ts";
import type { Article } from "../core/types.ts";
import {
  type ArticleStore,
  ArticleStoreError,
  type PutArticleOptions,
  type PutArticleResult,
  type Refusal,
  type RefusalLog,
} from "../ports.ts";

export interface IngestResult {
  id: string;
  publishedAt: string | null;
  statements: number;
  result: PutArticleResult;
}

/**
 * Stores an article and the statements extracted from it, once: extraction happens here, at
 * ingest, never when a digest is composed. Ingesting the same file again changes nothing, on
 * another day too (an undated file keeps the day it first came).
 *
 * @throws {ArticleFormatError} for a file that is not an article (binary, malformed JSON, too large).
 * @throws {ArticleStoreError} for one that cannot be stored (no date, refused by the store).
 */
export async function ingestArticle(
  source: ArticleSource,
  store: ArticleStore,
  options: PutArticleOptions = {},
): Promise<IngestResult> {
  // Read without the fallback first, to know whether the date is the article's own.
  const article = parseArticle({ ...source, fallbackDate: null });
  if (article.publishedAt !== null || !source.fallbackDate) return storeArticle(article, store, options);
  return storeArticle({ ...article, publishedAt: source.fallbackDate }, store, { ...options, undated: true });
}

/**
 * Stores an article already read (a fetched page's): its fields checked against the limits first,
 * then its statements extracted, then both stored.
 * @throws {ArticleFormatError} for a field over its limit; {ArticleStoreError} as {@link ingestArticle}.
 */
export async function storeArticle(
  article: Article,
  store: ArticleStore,
  options: PutArticleOptions = {},
): Promise<IngestResult> {
  checkArticleFields(article.url ?? article.id, article);
  const statements = extractStatements(article);
  const result = await store.put({ article, statements }, options);
  return { id: article.id, publishedAt: article.publishedAt, statements: statements.length, result };
}

/** Whether an error refuses an article for good (bad input, unstorable), rather than failing for now. */
export function isRefusal(error: unknown): error is ArticleFormatError | ArticleStoreError {
  return error instanceof ArticleFormatError || error instanceof ArticleStoreError;
}

/** Where refusals go: kept with their reason, and counted. */
export interface RefusalSink {
  log: RefusalLog;
  /** Counts refusals in a metric (CloudWatch on AWS); absent where nothing watches one. */
  count?: (refusals: number) => void;
}

/**
 * Keeps a refusal with its reason and counts it. The reason is the error's message without the
 * source it already names.
 */
export async function recordRefusal(
  sink: RefusalSink,
  source: string,
  error: Error,
  now = new Date(),
): Promise<Refusal> {
  const refusal = { at: now.toISOString(), source, reason: refusalReason(error) };
  await sink.log.record(refusal);
  sink.count?.(1);
  return refusal;
}

/** A refusal's one-line reason: the error's message without the file or id it starts with. */
export function refusalReason(error: Error): string {
  const subject =
    error instanceof ArticleFormatError
      ? error.file
      : error instanceof ArticleStoreError
        ? error.articleId
        : "";
  const message = error.message.replace(/\s+/g, " ").trim();
  return subject && message.startsWith(`${subject}: `) ? message.slice(subject.length + 2) : message;
}
