import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  DynamoDBServiceException,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand, paginateQuery } from "@aws-sdk/lib-dynamodb";
import type { Article, StoredArticle } from "../core/types.ts";
import {
  type ArticleStore,
  ArticleStoreError,
  type PutArticleOptions,
  type PutArticleResult,
} from "../ports.ts";
import { ARTICLES_TABLE } from "./dynamo-tables.ts";

export { ArticleStoreError };

/** DynamoDB refuses items over 400 KB; the compressed content must leave room for the rest. */
export const MAX_STORED_CONTENT_BYTES = 380 * 1024;

/**
 * Articles in DynamoDB, one item each: readable metadata, and the body with its statements as
 * gzip-compressed JSON (prose compresses about fourfold, and DynamoDB charges by size). A window
 * is read with one Query per day on the `byDay` index, never a Scan.
 */
export class DynamoArticleStore implements ArticleStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient = new DynamoDBClient({}),
  ) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  async put(stored: StoredArticle, options: PutArticleOptions = {}): Promise<PutArticleResult> {
    const { article } = stored;
    const undated = options.undated ?? false;
    if (undated && (await this.holdsSameArticle(article.id, article, undated))) return "unchanged";
    const former = (options.formerIds ?? []).filter((id) => id !== article.id);
    if (former.length > 0 && !(await this.has(article.id))) {
      for (const id of former) if (await this.holdsSameArticle(id, article, undated)) return "unchanged";
    }
    if (!article.publishedAt) throw new ArticleStoreError(article.id, "no publication date to file it under");
    const json = JSON.stringify(stored);
    const content = gzipSync(json);
    if (content.byteLength > MAX_STORED_CONTENT_BYTES) {
      throw new ArticleStoreError(
        article.id,
        `${Math.round(content.byteLength / 1024)} KB compressed, over the limit`,
      );
    }
    const contentHash = createHash("sha256").update(json).digest("base64url");
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            [ARTICLES_TABLE.partitionKey]: article.id,
            day: article.publishedAt,
            title: article.title,
            outlet: article.outlet,
            url: article.url,
            statementCount: stored.statements.length,
            contentHash,
            ingestedAt: new Date().toISOString(),
            content,
          },
          ConditionExpression: "attribute_not_exists(#id) OR contentHash <> :hash",
          ExpressionAttributeNames: { "#id": ARTICLES_TABLE.partitionKey },
          ExpressionAttributeValues: { ":hash": contentHash },
        }),
      );
      return "stored";
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return "unchanged";
      // DynamoDB refusing the item itself (its size, an attribute) is final: retrying cannot help.
      if (error instanceof DynamoDBServiceException && error.name === "ValidationException")
        throw new ArticleStoreError(article.id, `refused by DynamoDB: ${error.message}`);
      throw error;
    }
  }

  async has(id: string): Promise<boolean> {
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [ARTICLES_TABLE.partitionKey]: id },
        ProjectionExpression: "#id",
        ExpressionAttributeNames: { "#id": ARTICLES_TABLE.partitionKey },
      }),
    );
    return Item !== undefined;
  }

  /**
   * Whether the item under `id` is this article: every field but the id equal, and the date too
   * unless the article has none of its own.
   */
  private async holdsSameArticle(id: string, article: Article, undated: boolean): Promise<boolean> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { [ARTICLES_TABLE.partitionKey]: id } }),
    );
    if (!Item?.content) return false;
    const found = (JSON.parse(gunzipSync(Item.content as Uint8Array).toString("utf8")) as StoredArticle)
      .article;
    const fields = ["title", "url", "outlet", "body", ...(undated ? [] : ["publishedAt" as const])] as const;
    return fields.every((f) => found[f] === article[f]);
  }

  async listWindow(from: string, to: string): Promise<StoredArticle[]> {
    const perDay = await Promise.all(daysBetween(from, to).map((day) => this.listDay(day)));
    return perDay.flat();
  }

  private async listDay(day: string): Promise<StoredArticle[]> {
    const index = ARTICLES_TABLE.indexes[0];
    const pages = paginateQuery(
      { client: this.doc },
      {
        TableName: this.tableName,
        IndexName: index.name,
        KeyConditionExpression: "#day = :day",
        ExpressionAttributeNames: { "#day": index.partitionKey },
        ExpressionAttributeValues: { ":day": day },
      },
    );
    const articles: StoredArticle[] = [];
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        articles.push(
          withStatementDefaults(JSON.parse(gunzipSync(item.content as Uint8Array).toString("utf8"))),
        );
      }
    }
    return articles;
  }
}

/** An article as stored by any version: statements stored before they were scored count as sure. */
function withStatementDefaults(stored: StoredArticle): StoredArticle {
  return {
    ...stored,
    statements: stored.statements.map((s) => ({
      ...s,
      confidence: s.confidence ?? 1,
      titles: s.titles ?? (s.title ? [s.title] : []),
    })),
  };
}

/** Every ISO date from `from` to `to` inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}
