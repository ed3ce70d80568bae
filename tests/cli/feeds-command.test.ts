import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoArticleStore } from "../../lambdas/adapters/dynamo-article-store.ts";
import { DynamoFeedStore } from "../../lambdas/adapters/dynamo-feed-store.ts";
import { ARTICLES_TABLE, FEED_ITEMS_TABLE, FEEDS_TABLE } from "../../lambdas/adapters/dynamo-tables.ts";
import { type LocalNewsSite, startLocalNewsSite } from "../../lambdas/adapters/local-news-site.ts";
import { fetchFeeds } from "../../lambdas/app/feeds/fetch-feeds.ts";
import { feedsCommand } from "../../lambdas/cli/run-feeds.ts";
import { politeHttp } from "../../lambdas/cli/run-fetch.ts";
import { storeSink } from "../../lambdas/deps/feeds.ts";
import { type LocalAws, startLocalAws } from "../support/local-aws.ts";

const onrecord = new URL("../../bin/onrecord.mjs", import.meta.url).pathname;
let aws: LocalAws;
let site: LocalNewsSite;
beforeAll(async () => {
  aws = await startLocalAws();
  site = await startLocalNewsSite({ dir: "examples" });
});
afterAll(async () => {
  await site?.close();
  await aws?.close();
});

describe("onrecord feeds, and ingest --feed, on the local data stack", () => {
  it("adds, lists with last poll, last error and counts, and removes feeds", async () => {
    const store = new DynamoFeedStore(FEEDS_TABLE.localName, FEED_ITEMS_TABLE.localName, aws.dynamo);
    const now = new Date("2026-11-23T06:00:00Z");
    expect(await feedsCommand(store, "add", "HTTPS://News.Example.org/feed.xml?utm_source=x", now)).toBe(
      "added https://news.example.org/feed.xml\n",
    );
    expect(await feedsCommand(store, "add", "https://news.example.org/feed.xml", now)).toBe(
      "already listed https://news.example.org/feed.xml\n",
    );
    await store.recordPoll("https://news.example.org/feed.xml", {
      polledAt: "2026-11-23T06:00:00.000Z",
      error: null,
      links: ["https://news.example.org/a", "https://news.example.org/b", "https://news.example.org/c"],
      counts: { seen: 3 },
    });
    await store.recordPoll("https://news.example.org/feed.xml", {
      polledAt: "2026-11-23T06:30:00.000Z",
      error: "HTTP 503",
    });
    await store.count("https://news.example.org/feed.xml", { stored: 2, skipped: 1 });
    expect(await feedsCommand(store, "list")).toBe(
      "https://news.example.org/feed.xml  polled 2026-11-23T06:30:00Z  3 in the feed; 3 new, 2 stored, 1 skipped  last error: HTTP 503\n",
    );
    expect(await feedsCommand(store, "remove", "https://news.example.org/feed.xml")).toBe(
      "removed https://news.example.org/feed.xml\n",
    );
    expect(await feedsCommand(store, "remove", "https://news.example.org/feed.xml")).toBe(
      "not listed https://news.example.org/feed.xml\n",
    );
    await expect(feedsCommand(store, "add", "file:///etc/passwd")).rejects.toThrow("not an http(s) URL");
  });

  it("keeps in a listed feed's record what its poll found new, with the feed's title, for a later 304 to stand for", async () => {
    const store = new DynamoFeedStore(FEEDS_TABLE.localName, FEED_ITEMS_TABLE.localName, aws.dynamo);
    const feed = "https://wire.example.org/rss.xml";
    await store.add(feed, new Date("2026-11-23T06:00:00Z"));
    const pending = [{ link: "https://wire.example.org/a", title: "Tolls end in May", publishedAt: null }];
    await store.recordPoll(feed, {
      polledAt: "2026-11-23T06:30:00.000Z",
      etag: '"v1"',
      error: null,
      links: ["https://wire.example.org/a", "https://wire.example.org/b"],
      pending,
      title: "Example Wire",
    });
    expect(await store.get(feed)).toMatchObject({ etag: '"v1"', pending, title: "Example Wire" });
    await store.remove(feed);
  });

  it("stores a feed's new items into the article store with their statements, once", async () => {
    const feeds = new DynamoFeedStore(FEEDS_TABLE.localName, FEED_ITEMS_TABLE.localName, aws.dynamo);
    const articles = new DynamoArticleStore(ARTICLES_TABLE.localName, aws.dynamo);
    const deps = {
      http: politeHttp({ allowPrivateHosts: true, delay: 0 }),
      feeds,
      sink: storeSink(articles),
    };
    const first = await fetchFeeds([site.feedUrl], deps);
    const again = await fetchFeeds([site.feedUrl], deps);
    expect(first.items.map((i) => i.outcome)).toEqual(["stored", "stored", "stored", "stored"]);
    expect(again.items.map((i) => i.outcome)).toEqual(["unchanged", "unchanged", "unchanged", "unchanged"]);
    const week = await articles.listWindow("2026-11-16", "2026-11-22");
    expect(week).toHaveLength(4);
    expect(week.every((a) => a.statements.length > 0)).toBe(true);
  });

  it("npx onrecord ingest --feed stores the feed's new items, one line each, and says unchanged the second time", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "onrecord-ingest-feed-"));
    const ingest = async () => {
      const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        [onrecord, "ingest", "--feed", site.feedUrl, "--allow-private-hosts", "--delay", "0"],
        { cwd },
      );
      return { lines: stdout.trim().split("\n").sort(), stderr };
    };
    const pages = site.articles.map((a) => new URL(a.path, site.url).toString()).sort();
    expect(await ingest()).toEqual({ lines: pages.map((p) => `stored ${p}`), stderr: "" });
    expect(await ingest()).toEqual({ lines: pages.map((p) => `unchanged ${p}`), stderr: "" });
    const missing = new URL("/no-such-feed.xml", site.url).toString();
    const failed = await promisify(execFile)(
      process.execPath,
      [onrecord, "ingest", "--feed", missing, "--allow-private-hosts"],
      { cwd },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1, stderr: `onrecord ingest: feed ${missing}: HTTP 404\n` });
  });
});
