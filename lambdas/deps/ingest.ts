import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { DynamoArticleStore } from "../adapters/dynamo-article-store.ts";
import { readConfig } from "../config.ts";
import type { ArticleStore } from "../ports.ts";
import type { Env } from "./shared.ts";

/** What the ingest handler needs: the article store, and a way to read a dropped file. */
export interface IngestDeps {
  articles: ArticleStore;
  readObject: (bucket: string, key: string) => Promise<Uint8Array>;
}

/** The ingest handler's dependencies from settings: the articles table, and S3 to read files. */
export function ingestDeps(env: Env, clients: { dynamo?: DynamoDBClient; s3?: S3Client } = {}): IngestDeps {
  const config = readConfig(["ONRECORD_ARTICLES_TABLE"], env);
  const s3 = clients.s3 ?? new S3Client({});
  return {
    articles: new DynamoArticleStore(
      config.ONRECORD_ARTICLES_TABLE,
      clients.dynamo ?? new DynamoDBClient({}),
    ),
    readObject: async (Bucket, Key) => {
      const { Body } = await s3.send(new GetObjectCommand({ Bucket, Key }));
      if (!Body) throw new Error(`s3://${Bucket}/${Key} has no body`);
      return Body.transformToByteArray();
    },
  };
}
