import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DirectoryArticleSink, DirectoryFeedStore } from "../../lambdas/adapters/directory-feed-store.ts";
import { SafeHttpClient } from "../../lambdas/adapters/http/safe-http-client.ts";
import { fetchFeeds } from "../../lambdas/app/feeds/fetch-feeds.ts";
import type { FetchItemDeps } from "../../lambdas/app/feeds/fetch-item.ts";
import { PoliteClient, USER_AGENT } from "../../lambdas/app/feeds/polite-client.ts";
import { ARTICLES, JSON_LD_ONLY, KOREAN } from "../support/news-fixtures.ts";
import { type NewsServer, startNewsServer } from "../support/news-server.ts";

// news.test is the fixture outlet (on loopback, which this test's policy treats as the public
// internet); intranet.test stands for a host inside the network.
const ADDRESSES: Record<string, string> = { "news.test": "127.0.0.1", "intranet.test": "10.0.0.7" };
const resolve = async (host: string) => {
  const address = ADDRESSES[host];
  if (!address) throw new Error(`getaddrinfo ENOTFOUND ${host}`);
  return [{ address, family: 4 }];
};

let server: NewsServer;
beforeAll(async () => {
  server = await startNewsServer();
});
afterAll(async () => server?.close());

async function newRun() {
  const dir = await mkdtemp(join(tmpdir(), "onrecord-fetch-"));
  const http = new PoliteClient(
    new SafeHttpClient({
      userAgent: USER_AGENT,
      timeoutMs: 1000,
      resolve,
      isAllowedAddress: (a) => a === "127.0.0.1",
    }),
    { delayMs: 0 },
  );
  const deps: FetchItemDeps = {
    http,
    feeds: new DirectoryFeedStore(dir),
    sink: new DirectoryArticleSink(dir),
  };
  return {
    dir,
    deps,
    run: (feed: string, options: { since?: string } = {}) =>
      fetchFeeds([`${server.origin}${feed}`], { ...deps, ...options }),
    runAll: (...feeds: string[]) =>
      fetchFeeds(
        feeds.map((f) => `${server.origin}${f}`),
        deps,
      ),
  };
}

async function articlesIn(
  dir: string,
): Promise<
  Record<string, { title: string; url: string; outlet: string; publishedAt: string; body: string }>
> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".json") && !f.startsWith("."));
  const all = await Promise.all(files.map(async (f) => JSON.parse(await readFile(join(dir, f), "utf8"))));
  return Object.fromEntries(all.map((a) => [new URL(a.url).pathname, a]));
}

describe("onrecord fetch against a local outlet", () => {
  it.each([
    ["RSS 2.0", "/rss.xml", ["bridge", "budget"]],
    ["RSS 2.0 with content:encoded (a teaser: the page is fetched)", "/rss-content.xml", ["clinic"]],
    ["Atom", "/atom.xml", ["harbour"]],
    ["JSON Feed", "/feed.json", ["rail"]],
  ])(
    "reads %s and stores every item's article exactly: every paragraph in order, no furniture",
    async (_, feed, names) => {
      const { dir, run } = await newRun();
      const { items } = await run(feed);
      const stored = await articlesIn(dir);
      expect(items.map((i) => i.outcome)).toEqual(names.map(() => "stored"));
      for (const name of names) {
        const expected = ARTICLES[name];
        expect(stored[expected?.path ?? ""]).toEqual({
          title: expected?.title,
          url: `${server.origin}${expected?.path}`,
          outlet: "Harbour Gazette",
          publishedAt: expected?.published.slice(0, 10),
          body: expected?.paragraphs.join("\n\n"),
        });
      }
    },
  );

  it("reads a page in EUC-KR and one whose text is only in JSON-LD, and skips every misbehaving page with its reason", async () => {
    const { dir, run } = await newRun();
    const heapBefore = process.memoryUsage().heapUsed;
    const { items } = await run("/special.xml");
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    const outcome = Object.fromEntries(items.map((i) => [new URL(i.link).pathname, i.reason ?? i.outcome]));
    expect(outcome).toEqual({
      [KOREAN.path]: "stored",
      [JSON_LD_ONLY.path]: "stored",
      "/missing.html": "HTTP 404",
      "/broken.html": "HTTP 500",
      "/slow.html": "no complete answer within 1 s",
      "/endless.html": "larger than 5 MB",
      "/loop-a.html": `redirect loop at ${server.origin}/loop-a.html`,
      "/to-private.html": "intranet.test is a private or local address (10.0.0.7), not fetched",
      "/huge.html": "larger than 5 MB",
      "/huge-unannounced.html": "larger than 5 MB",
      "/bomb.html": "larger than 5 MB",
      "/bomb-br.html": "larger than 5 MB",
      "/private/memo.html": "robots.txt disallows it",
      // Five redirects are followed (to the harbour story), a sixth is not.
      "/hops/5": "stored",
      "/hops/6": "more than 5 redirects",
      // A field over its limit: never written where `digest --articles` would refuse it.
      "/long-title.html": "title longer than 1000 characters",
      // Markup no page has, which would exhaust Readability's stack.
      "/deep.html": "markup nested more than 400 elements deep",
    });
    const stored = await articlesIn(dir);
    expect(stored[KOREAN.path]?.body).toBe(KOREAN.paragraphs.join("\n\n"));
    // Reached through five redirects, the harbour story is stored under its own URL (the feed
    // item's title, "/hops/5", is the headline the feed gave it).
    expect(stored[ARTICLES.harbour?.path ?? ""]?.body).toBe(ARTICLES.harbour?.paragraphs.join("\n\n"));
    expect(stored[JSON_LD_ONLY.path]).toMatchObject({
      title: JSON_LD_ONLY.title,
      publishedAt: "2026-11-20",
      body: JSON_LD_ONLY.paragraphs.join("\n\n"),
    });
    // Nothing was connected to inside the network, and the 50 MB pages were never held.
    expect(server.requests.map((r) => r.path)).not.toContain("/secret.html");
    expect(heapGrowth).toBeLessThan(60 * 1024 * 1024);
  });

  it.each([
    ["malformed XML", "/malformed.xml", /^malformed XML at line 1: /],
    ["a web page served as a feed", "/html-feed.xml", /^a web page, not a feed$/],
    [
      "a site's front page given for its feed (naming the feed it links to)",
      "/front.html",
      /^a web page, not a feed; the page names its feed: http:\/\/news\.test:\d+\/rss\.xml$/,
    ],
  ])("reports %s as the feed's error and stores nothing", async (_, feed, error) => {
    const { deps, run } = await newRun();
    const { polls, items } = await run(feed);
    expect(polls[0]).toMatchObject({ status: "failed", error: expect.stringMatching(error) });
    expect(items).toEqual([]);
    expect((await deps.feeds.get(`${server.origin}${feed}`))?.lastError).toMatch(error);
  });

  it("stores the same article reached through two feeds once, its tracking parameters and fragment dropped", async () => {
    const { dir, runAll } = await newRun();
    const { items } = await runAll("/rss.xml", "/second.xml");
    const bridge = `${server.origin}${ARTICLES.bridge?.path}`;
    expect(items.filter((i) => i.link === bridge).map((i) => i.outcome)).toEqual(["stored"]);
    expect(Object.keys(await articlesIn(dir)).filter((p) => p === ARTICLES.bridge?.path)).toHaveLength(1);
  });

  it("asks again with If-None-Match, and on 304 says unchanged for every item without fetching a page", async () => {
    const { run } = await newRun();
    await run("/rss.xml");
    const before = server.requests.length;
    const { polls, items } = await run("/rss.xml");
    const asked = server.requests.slice(before);
    expect(polls[0]?.status).toBe("not-modified");
    expect(asked).toEqual([{ path: "/rss.xml", ifNoneMatch: '"rss-v1"' }]);
    expect(items.map((i) => i.outcome)).toEqual(["unchanged", "unchanged"]);
  });

  it("fetches again, on a later run answered 304, the items a run left: a page that failed for now, an item before --since", async () => {
    // Prepare: the first run leaves both items of the feed.
    const { run } = await newRun();
    const flaky = `${server.origin}/flaky.html`;
    const rail = `${server.origin}${ARTICLES.rail?.path}`;
    const first = await run("/pending.xml", { since: "2026-11-22" });
    expect(first.items.map((i) => [i.link, i.reason])).toEqual([
      [flaky, "HTTP 503"],
      [rail, "published before 2026-11-22"],
    ]);
    // Act: the feed has not changed.
    const before = server.requests.length;
    const second = await run("/pending.xml");
    const third = await run("/pending.xml");
    // Assess: the 304 stood for both items, and each was fetched and stored once.
    expect(second.polls[0]?.status).toBe("not-modified");
    expect(second.items.map((i) => [i.link, i.outcome])).toEqual([
      [flaky, "stored"],
      [rail, "stored"],
    ]);
    expect(third.items.map((i) => [i.link, i.outcome])).toEqual([
      [flaky, "unchanged"],
      [rail, "unchanged"],
    ]);
    expect(server.requests.slice(before).map((r) => r.path)).toEqual([
      "/pending.xml",
      "/flaky.html",
      ARTICLES.rail?.path,
      "/pending.xml",
    ]);
  });

  it("passes over an item whose link is longer than a URL may be, and says so as the feed's error", async () => {
    const { deps, run } = await newRun();
    const { items } = await run("/long-links.xml");
    expect(items.map((i) => [new URL(i.link).pathname, i.outcome])).toEqual([
      [ARTICLES.rail?.path, "stored"],
    ]);
    expect((await deps.feeds.get(`${server.origin}/long-links.xml`))?.lastError).toBe(
      "1 item(s) without a usable link",
    );
  });

  it("asks a feed that gives only Last-Modified again with If-Modified-Since, and on 304 fetches no page", async () => {
    const { run } = await newRun();
    const first = await run("/dated.xml");
    const before = server.requests.length;
    const second = await run("/dated.xml");
    expect(first.items.map((i) => i.outcome)).toEqual(["stored"]);
    expect(second.polls[0]?.status).toBe("not-modified");
    expect(server.requests.slice(before)).toEqual([
      { path: "/dated.xml", ifModifiedSince: "Tue, 24 Nov 2026 21:40:00 GMT" },
    ]);
    expect(second.items.map((i) => i.outcome)).toEqual(["unchanged"]);
  });

  it("refuses a loopback feed under the default address policy, after resolving its name", async () => {
    const dir = await mkdtemp(join(tmpdir(), "onrecord-fetch-"));
    const http = new SafeHttpClient({ userAgent: USER_AGENT, resolve });
    const deps = { http, feeds: new DirectoryFeedStore(dir), sink: new DirectoryArticleSink(dir) };
    const { polls } = await fetchFeeds(
      [`${server.origin}/rss.xml`, `http://127.0.0.1:${server.port}/rss.xml`],
      deps,
    );
    expect(polls.map((p) => p.status === "failed" && p.error)).toEqual([
      "news.test is a private or local address (127.0.0.1), not fetched",
      "127.0.0.1 is a private or local address (127.0.0.1), not fetched",
    ]);
  });
});
