import { ArticleStoreError } from "../adapters/dynamo-article-store.ts";
import { type IngestResult, ingestArticle } from "../app/ingest-article.ts";
import { ArticleFormatError } from "../core/article.ts";
import { type IngestDeps, ingestDeps } from "../deps/ingest.ts";
import type { S3Event } from "./events.ts";
import { lazily } from "./events.ts";

/**
 * Stores each article file dropped into the ingest bucket. A file that is not an article is logged
 * and left in the bucket (retrying cannot fix it); any other failure is thrown so Lambda retries
 * the event and, after that, keeps it in the dead-letter queue.
 */
export function createHandler(deps: IngestDeps) {
  return async (event: S3Event): Promise<{ ingested: IngestResult[]; refused: string[] }> => {
    const ingested: IngestResult[] = [];
    const refused: string[] = [];
    for (const record of event.Records) {
      const bucket = record.s3.bucket.name;
      // S3 URL-encodes keys in events, with "+" for spaces.
      const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, " "));
      try {
        const bytes = await deps.readObject(bucket, key);
        ingested.push(
          await ingestArticle(
            { name: key, bytes, fallbackDate: record.eventTime.slice(0, 10) },
            deps.articles,
          ),
        );
      } catch (error) {
        if (!(error instanceof ArticleFormatError || error instanceof ArticleStoreError)) throw error;
        console.error(JSON.stringify({ message: "not ingested", bucket, key, reason: error.message }));
        refused.push(key);
      }
    }
    console.log(JSON.stringify({ message: "ingested", articles: ingested, refused }));
    return { ingested, refused };
  };
}

export const handler = lazily(() => createHandler(ingestDeps(process.env)));
