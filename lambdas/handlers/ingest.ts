import { basename } from "node:path";
import { type IngestResult, ingestArticle, isRefusal, recordRefusal } from "../app/ingest-article.ts";
import { checkSize } from "../core/article.ts";
import { type IngestDeps, ingestDeps } from "../deps/ingest.ts";
import type { S3Event } from "./events.ts";
import { lazily } from "./events.ts";

/**
 * Stores each article file dropped into the ingest bucket, each record on its own: a file that is
 * not an article, or is too large (known from the event's size, before reading), is refused with
 * its reason (kept, counted, left in the bucket) and the records after it still go in. A failure
 * retrying may cure (throttling, the network) is thrown after every other record has been tried,
 * so Lambda retries the event (what was stored reads `unchanged`) and then dead-letters it.
 */
export function createHandler(deps: IngestDeps) {
  return async (event: S3Event): Promise<{ ingested: IngestResult[]; refused: string[] }> => {
    const ingested: IngestResult[] = [];
    const refused: string[] = [];
    const failed: { key: string; error: unknown }[] = [];
    for (const record of event.Records) {
      const bucket = record.s3.bucket.name;
      // S3 URL-encodes keys in events, with "+" for spaces.
      const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, " "));
      try {
        checkSize(key, record.s3.object.size ?? 0);
        const bytes = await deps.readObject(bucket, key);
        const source = { name: key, id: key, bytes, fallbackDate: record.eventTime.slice(0, 10) };
        // Before ids came from the whole key they were its base name: such an article is found again.
        ingested.push(await ingestArticle(source, deps.articles, { formerIds: [basename(key)] }));
      } catch (error) {
        if (!isRefusal(error)) {
          failed.push({ key, error });
          continue;
        }
        try {
          const refusal = await recordRefusal(deps.refusals, `s3://${bucket}/${key}`, error);
          console.error(JSON.stringify({ message: "not ingested", bucket, key, reason: refusal.reason }));
          refused.push(key);
        } catch (recording) {
          failed.push({ key, error: recording });
        }
      }
    }
    deps.refusals.metric?.flush();
    console.log(JSON.stringify({ message: "ingested", articles: ingested, refused, failed: failed.length }));
    if (failed.length > 0) {
      const keys = failed.map((f) => f.key).join(", ");
      throw new AggregateError(
        failed.map((f) => f.error),
        `could not ingest ${keys} (retried by Lambda)`,
      );
    }
    return { ingested, refused };
  };
}

export const handler = lazily(() => createHandler(ingestDeps(process.env)));
