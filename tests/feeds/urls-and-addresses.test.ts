import { describe, expect, it } from "vitest";
import { isPublicAddress } from "../../lambdas/core/feeds/address-policy.ts";
import { articleIdFor, canonicalUrl, chooseCanonical } from "../../lambdas/core/feeds/canonical-url.ts";
import { extractPageArticle } from "../../lambdas/core/feeds/page-article.ts";
import { ARTICLES } from "../support/news-fixtures.ts";
import { fixturePage } from "../support/news-server.ts";

describe("the address policy", () => {
  it.each([
    ["93.184.215.14", true],
    ["2606:4700::1111", true],
    ["10.1.2.3", false],
    ["172.16.0.1", false],
    ["192.168.1.1", false],
    ["127.0.0.1", false],
    ["::1", false],
    ["169.254.169.254", false],
    ["fd00:ec2::254", false],
    ["fe80::1", false],
    ["100.64.0.1", false],
    ["0.0.0.0", false],
    ["::ffff:10.0.0.1", false],
    ["not an address", false],
  ])("%s may be fetched: %s", (address, allowed) => {
    expect(isPublicAddress(address)).toBe(allowed);
  });
});

describe("an article's URL and id", () => {
  it.each([
    [
      "HTTPS://News.Example.ORG/2026/11/bridge?utm_source=rss&utm_medium=feed#top",
      "https://news.example.org/2026/11/bridge",
    ],
    ["http://news.example.org:80/a?id=7&utm_campaign=x", "http://news.example.org/a?id=7"],
    ["https://news.example.org/a?fbclid=abc", "https://news.example.org/a"],
    ["ftp://news.example.org/a", null],
    ["javascript:alert(1)", null],
  ])("%s is known as %s", (url, canonical) => {
    expect(canonicalUrl(url)).toBe(canonical);
  });

  it.each([
    [
      "its own canonical",
      "https://news.example.org/story?utm_source=x",
      "https://news.example.org/2026/story",
      "https://news.example.org/2026/story",
    ],
    [
      "a canonical at the home page, ignored",
      "https://news.example.org/story",
      "https://news.example.org/",
      "https://news.example.org/story",
    ],
    [
      "a canonical at the feed, ignored",
      "https://news.example.org/story",
      "https://news.example.org/feed.xml",
      "https://news.example.org/story",
    ],
    [
      "an AMP copy's canonical at the article above it, taken",
      "https://news.example.org/2026/11/story/amp/",
      "/2026/11/story/",
      "https://news.example.org/2026/11/story/",
    ],
    [
      "a canonical without the page's query, taken",
      "https://news.example.org/politics/story?page=1",
      "https://news.example.org/politics/story",
      "https://news.example.org/politics/story",
    ],
    [
      "a canonical at another outlet that first published it, taken",
      "https://news.example.org/wire/story",
      "https://wire.example.com/2026/story",
      "https://wire.example.com/2026/story",
    ],
    ["no canonical", "https://news.example.org/story#c", null, "https://news.example.org/story"],
  ])("a page with %s", (_, page, declared, expected) => {
    expect(chooseCanonical(page, declared, "https://news.example.org/feed.xml")).toBe(expected);
  });

  it("keeps an over-long URL's id within the store's limit, the same for the same URL", () => {
    const long = `https://news.example.org/${"a".repeat(2000)}`;
    expect(Buffer.byteLength(articleIdFor(long))).toBeLessThan(1024);
    expect(articleIdFor(long)).toBe(articleIdFor(long));
  });

  it("reads a page whose canonical points at the home page under the URL it was fetched from", () => {
    const article = ARTICLES.rail;
    if (!article) throw new Error("fixture missing");
    const page = fixturePage("https://news.example.org", article, "https://news.example.org/");
    const read = extractPageArticle(page, `https://news.example.org${article.path}`, {
      feedUrl: null,
      title: null,
      publishedAt: null,
      outlet: null,
    });
    expect(read).toEqual({
      canonicalUrl: `https://news.example.org${article.path}`,
      title: article.title,
      outlet: "Harbour Gazette",
      publishedAt: "2026-11-21",
      paragraphs: article.paragraphs,
    });
  });
});
