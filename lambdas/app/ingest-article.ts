import { type ArticleSource, parseArticle } from "../core/article.ts";
import { extractStatements } from "../core/extraction/extract-statements.ts";
import type { ArticleStore, PutArticleResult } from "../ports.ts";

export interface IngestResult {
  id: string;
  publishedAt: string | null;
  statements: number;
  result: PutArticleResult;
}

/**
 * Stores an article and the statements extracted from it, once: extraction happens here, at
 * ingest, never when a digest is composed. Ingesting the same file again changes nothing.
 *
 * @throws {ArticleFormatError} for a file that is not an article (binary, malformed JSON).
 * @throws {ArticleStoreError} for one that cannot be stored (no date, too large).
 */
export async function ingestArticle(source: ArticleSource, store: ArticleStore): Promise<IngestResult> {
  const article = parseArticle(source);
  const statements = extractStatements(article);
  const result = await store.put({ article, statements });
  return { id: article.id, publishedAt: article.publishedAt, statements: statements.length, result };
}
