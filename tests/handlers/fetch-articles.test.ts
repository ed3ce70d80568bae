import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DirectoryArticleSink, DirectoryFeedStore } from "../../lambdas/adapters/directory-feed-store.ts";
import { createHandler } from "../../lambdas/handlers/fetch-articles.ts";
import type { HttpClient, QueuedItem, Refusal } from "../../lambdas/ports.ts";
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

describe("the fetcher handler, what it did not store", () => {
  it("keeps every item skipped for good with its reason and counts it, and none it hands back to retry", async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), "onrecord-fetcher-"));
    const kept: Refusal[] = [];
    let counted = 0;
    const handler = createHandler({
      http: outlet,
      feeds: new DirectoryFeedStore(dir),
      sink: new DirectoryArticleSink(dir),
      refusals: {
        log: { record: async (r) => void kept.push(r), listSince: async () => kept },
        count: (n) => {
          counted += n;
        },
      },
    });
    // Act: a story, a page gone for good, a story, then a busy page (handed back, with what follows).
    await handler({
      Records: [ARTICLES.bridge?.path, "/gone.html", ARTICLES.budget?.path].map((p) => record(p ?? "")),
    });
    await handler({ Records: ["/busy.html", ARTICLES.clinic?.path ?? ""].map(record) });
    // Assess
    expect(kept.map((r) => [r.source, r.reason])).toEqual([[`${ORIGIN}/gone.html`, "HTTP 404"]]);
    expect(counted).toBe(1);
  });
});
