import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoArticleStore } from "../adapters/dynamo-article-store.ts";
import { DynamoFeedStore } from "../adapters/dynamo-feed-store.ts";
import { DynamoRefusalLog } from "../adapters/dynamo-refusal-log.ts";
import { countMetric } from "../adapters/emf-metrics.ts";
import { SafeHttpClient } from "../adapters/http/safe-http-client.ts";
import { SqsFetchQueue } from "../adapters/sqs-fetch-queue.ts";
import type { ArticleSink, FetchItemDeps } from "../app/feeds/fetch-item.ts";
import { PoliteClient, USER_AGENT } from "../app/feeds/polite-client.ts";
import type { PollDeps } from "../app/feeds/poll-feed.ts";
import { storeArticle } from "../app/ingest-article.ts";
import { readConfig } from "../config.ts";
import type { ArticleStore, FetchQueue } from "../ports.ts";
import type { Env } from "./shared.ts";

/** Stores fetched articles as ingest does: fields checked, statements extracted once, then put. */
export function storeSink(store: ArticleStore): ArticleSink {
  return { put: async (article) => (await storeArticle(article, store)).result };
}

/** The polite, SSRF-safe client the poller and fetcher share the settings of. */
export function feedClient(allowPrivateHosts: boolean): PoliteClient {
  return new PoliteClient(new SafeHttpClient({ userAgent: USER_AGENT, allowPrivateHosts }));
}

/** The poller's dependencies: the feeds, a polite and safe HTTP client, and the fetch queue. */
export function pollerDeps(
  env: Env,
  clients: { dynamo?: DynamoDBClient; sqs?: SQSClient } = {},
): PollDeps & { queue: FetchQueue } {
  const config = readConfig(
    [
      "ONRECORD_FEEDS_TABLE",
      "ONRECORD_FEED_ITEMS_TABLE",
      "ONRECORD_FETCH_QUEUE_URL",
      "ONRECORD_ALLOW_PRIVATE_HOSTS",
    ],
    env,
  );
  const dynamo = clients.dynamo ?? new DynamoDBClient({});
  return {
    http: feedClient(config.ONRECORD_ALLOW_PRIVATE_HOSTS === "true"),
    feeds: new DynamoFeedStore(config.ONRECORD_FEEDS_TABLE, config.ONRECORD_FEED_ITEMS_TABLE, dynamo),
    queue: new SqsFetchQueue(config.ONRECORD_FETCH_QUEUE_URL, clients.sqs ?? new SQSClient({})),
  };
}

/** The fetcher's dependencies: the same client, the article store behind the ingest checks, refusals. */
export function fetcherDeps(
  env: Env,
  clients: { dynamo?: DynamoDBClient } = {},
): FetchItemDeps & { flush: () => void } {
  const config = readConfig(
    [
      "ONRECORD_FEEDS_TABLE",
      "ONRECORD_FEED_ITEMS_TABLE",
      "ONRECORD_ARTICLES_TABLE",
      "ONRECORD_REFUSALS_TABLE",
      "ONRECORD_ALLOW_PRIVATE_HOSTS",
    ],
    env,
  );
  const dynamo = clients.dynamo ?? new DynamoDBClient({});
  const metric = countMetric("fetch", "ArticlesRefused");
  return {
    http: feedClient(config.ONRECORD_ALLOW_PRIVATE_HOSTS === "true"),
    feeds: new DynamoFeedStore(config.ONRECORD_FEEDS_TABLE, config.ONRECORD_FEED_ITEMS_TABLE, dynamo),
    sink: storeSink(new DynamoArticleStore(config.ONRECORD_ARTICLES_TABLE, dynamo)),
    refusals: { log: new DynamoRefusalLog(config.ONRECORD_REFUSALS_TABLE, dynamo), count: metric.count },
    flush: metric.flush,
  };
}
