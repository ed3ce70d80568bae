import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoArticleStore } from "../../lambdas/adapters/dynamo-article-store.ts";
import { DynamoFeedStore } from "../../lambdas/adapters/dynamo-feed-store.ts";
import { ARTICLES_TABLE, FEED_ITEMS_TABLE, FEEDS_TABLE } from "../../lambdas/adapters/dynamo-tables.ts";
import { type LocalNewsSite, startLocalNewsSite } from "../../lambdas/adapters/local-news-site.ts";
import { parseArticle } from "../../lambdas/core/article.ts";
import { extractStatements } from "../../lambdas/core/extraction/extract-statements.ts";
import { deployLocally, type LocalDeployment, sqsEvent } from "./local-deployment.ts";

let deployment: LocalDeployment;
let site: LocalNewsSite;
let feeds: DynamoFeedStore;
beforeAll(async () => {
  deployment = await deployLocally();
  site = await startLocalNewsSite({ dir: "examples" });
  feeds = new DynamoFeedStore(FEEDS_TABLE.localName, FEED_ITEMS_TABLE.localName, deployment.aws.dynamo);
}, 180_000);
afterAll(async () => {
  await site?.close();
  await deployment?.close();
});

/** What extraction says of an article, without offsets: who said what, and how. */
const said = (body: string) =>
  extractStatements({ body }).map((s) => ({ text: s.text, speaker: s.speaker, kind: s.kind }));

describe("feeds, the deployed poller and fetcher against the local news site", { timeout: 120_000 }, () => {
  it("polls the listed feed, queues each new item grouped by host, and the fetcher stores every article", async () => {
    // Prepare
    await feeds.add(site.feedUrl, new Date("2026-11-23T06:00:00Z"));
    // Act: the schedule fires; SQS hands the queued items to the fetcher.
    const polled = await deployment.invoke<unknown, { feeds: number; queued: number }>("FeedsPoller", {});
    const queued = deployment.standIns.messages.filter((m) => m.queueUrl.endsWith("onrecord-fetch.fifo"));
    const fetched = await deployment.invoke<unknown, { batchItemFailures: unknown[] }>(
      "FeedsFetcher",
      sqsEvent(queued),
    );
    // Assess
    expect(polled).toMatchObject({ feeds: 1, queued: 4 });
    expect(new Set(queued.map((m) => m.groupId))).toEqual(new Set([new URL(site.url).host]));
    expect(fetched.batchItemFailures).toEqual([]);
    const week = await new DynamoArticleStore(ARTICLES_TABLE.localName, deployment.aws.dynamo).listWindow(
      "2026-11-16",
      "2026-11-22",
    );
    expect(week.map((a) => a.article.url).sort()).toEqual(
      site.articles.map((a) => new URL(a.path, site.url).toString()).sort(),
    );
    const [feed] = await feeds.list();
    expect(feed).toMatchObject({ lastError: null, counts: { seen: 4, stored: 4, skipped: 0 } });
    expect(feed?.etag).toMatch(/^"/);
  });

  it("extracts from each fetched page the statements (text, speaker, kind) of the article it was written from", async () => {
    const week = await new DynamoArticleStore(ARTICLES_TABLE.localName, deployment.aws.dynamo).listWindow(
      "2026-11-16",
      "2026-11-22",
    );
    const files = (await readdir("examples")).filter((f) => /\.(txt|json)$/.test(f));
    expect(week).toHaveLength(files.length);
    for (const file of files) {
      const source = parseArticle({ name: file, bytes: await readFile(join("examples", file)) });
      const slug = file.replace(/\.(txt|json)$/, "");
      const fetched = week.find((a) => a.article.url?.endsWith(`/${slug}.html`));
      expect(fetched, file).toBeDefined();
      expect(
        fetched?.statements.map((s) => ({ text: s.text, speaker: s.speaker, kind: s.kind })),
        file,
      ).toEqual(said(source.body));
    }
  });

  it("polls again with a conditional request only: 304, nothing queued, no page fetched", async () => {
    const before = site.requests.length;
    const messages = deployment.standIns.messages.length;
    const polled = await deployment.invoke<unknown, { queued: number; notModified: number }>(
      "FeedsPoller",
      {},
    );
    expect(polled).toMatchObject({ queued: 0, notModified: 1 });
    expect(site.requests.slice(before)).toEqual(["/feed.xml"]);
    expect(deployment.standIns.messages).toHaveLength(messages);
  });
});
