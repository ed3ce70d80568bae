import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { DynamoArticleStore } from "../adapters/dynamo-article-store.ts";
import { DynamoRefusalLog } from "../adapters/dynamo-refusal-log.ts";
import { type CountMetric, countMetric } from "../adapters/emf-metrics.ts";
import type { RefusalSink } from "../app/ingest-article.ts";
import { readConfig } from "../config.ts";
import { checkSize } from "../core/article.ts";
import type { ArticleStore } from "../ports.ts";
import type { Env } from "./shared.ts";

/** What the ingest handler needs: the article store, where refusals go, and a way to read a dropped file. */
export interface IngestDeps {
  articles: ArticleStore;
  refusals: RefusalSink & { metric?: CountMetric };
  /**
   * Reads an object, refusing it (an `ArticleFormatError`) before its body is read when S3 says it
   * is larger than an article may be.
   */
  readObject: (bucket: string, key: string) => Promise<Uint8Array>;
}

/** The ingest handler's dependencies from settings: the tables, S3 to read files, a refusal metric. */
export function ingestDeps(env: Env, clients: { dynamo?: DynamoDBClient; s3?: S3Client } = {}): IngestDeps {
  const config = readConfig(["ONRECORD_ARTICLES_TABLE", "ONRECORD_REFUSALS_TABLE"], env);
  const s3 = clients.s3 ?? new S3Client({});
  const dynamo = clients.dynamo ?? new DynamoDBClient({});
  const metric = countMetric("ingest", "ArticlesRefused");
  return {
    articles: new DynamoArticleStore(config.ONRECORD_ARTICLES_TABLE, dynamo),
    refusals: {
      log: new DynamoRefusalLog(config.ONRECORD_REFUSALS_TABLE, dynamo),
      count: metric.count,
      metric,
    },
    readObject: async (Bucket, Key) => {
      const { Body, ContentLength } = await s3.send(new GetObjectCommand({ Bucket, Key }));
      if (!Body) throw new Error(`s3://${Bucket}/${Key} has no body`);
      if (ContentLength !== undefined && ContentLength > 0) {
        try {
          checkSize(Key, ContentLength);
        } catch (error) {
          (Body as { destroy?: () => void }).destroy?.();
          throw error;
        }
      }
      return Body.transformToByteArray();
    },
  };
}
