import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DirectoryArticleSink, DirectoryFeedStore } from "../../lambdas/adapters/directory-feed-store.ts";
import { createHandler } from "../../lambdas/handlers/fetch-articles.ts";
import type { HttpClient, QueuedItem } from "../../lambdas/ports.ts";
import { ARTICLES } from "../support/news-fixtures.ts";
import { fixturePage } from "../support/news-server.ts";

const ORIGIN = "https://news.example.org";
const item = (path: string): QueuedItem => ({
  link: `${ORIGIN}${path}`,
  feedUrl: `${ORIGIN}/feed.xml`,
  feedTitle: "Harbour Gazette",
  title: null,
  publishedAt: null,
});
const record = (path: string) => ({ messageId: `m${path}`, body: JSON.stringify(item(path)) });

/** An outlet that serves the fixture pages, a 503 for `/busy.html` and 404 for anything else. */
const outlet: HttpClient = {
  get: async (url) => {
    const path = new URL(url).pathname;
    const page = Object.values(ARTICLES).find((a) => a.path === path);
    const status = page ? 200 : path === "/busy.html" ? 503 : 404;
    return {
      status,
      url,
      headers: { "content-type": "text/html; charset=utf-8" },
      body: Buffer.from(page ? fixturePage(ORIGIN, page) : ""),
    };
  },
};

describe("the fetcher handler, one FIFO group (one host) per batch", () => {
  it.each([
    ["stores every item and hands back none", ["bridge", "budget"], []],
    ["skips a 404 for good and goes on", ["bridge", "/gone.html", "budget"], []],
    [
      "hands back a 503 and every item after it, so the group's order holds",
      ["bridge", "/busy.html", "budget"],
      ["/busy.html", "budget"],
    ],
  ])("%s", async (_, items, handedBack) => {
    const dir = await mkdtemp(join(tmpdir(), "onrecord-fetcher-"));
    const handler = createHandler({
      http: outlet,
      feeds: new DirectoryFeedStore(dir),
      sink: new DirectoryArticleSink(dir),
    });
    const paths = items.map((i) => ARTICLES[i]?.path ?? i);
    const { batchItemFailures } = await handler({ Records: paths.map(record) });
    expect(batchItemFailures.map((f) => f.itemIdentifier)).toEqual(
      handedBack.map((i) => `m${ARTICLES[i]?.path ?? i}`),
    );
  });
});
