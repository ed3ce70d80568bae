import { XMLValidator } from "fast-xml-parser";
import { parseFeed } from "feedsmith";
import { FIELD_LIMITS } from "../article.ts";
import { canonicalUrl } from "./canonical-url.ts";

/** A feed that cannot be read: malformed XML, a web page served as a feed, an unknown format. */
export class FeedFormatError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "FeedFormatError";
  }
}

/** One item of a feed, in the form every format is read into. */
export interface FeedItem {
  /** The item's page, canonical form (see `canonicalUrl`). */
  link: string;
  title: string | null;
  /** The item's date as the feed gives it (ISO), or null. */
  publishedAt: string | null;
}

/** What a feed says of itself and its items. */
export interface ParsedFeed {
  format: "rss" | "atom" | "rdf" | "json";
  title: string | null;
  items: FeedItem[];
  /** Items with no usable link (none, not http(s), or longer than a URL may be), counted so that a broken feed shows. */
  withoutLink: number;
}

/**
 * Reads an RSS 2.0 (with or without `content:encoded`), RSS 1.0, Atom or JSON Feed document with
 * feedsmith. XML is checked for well-formedness first, so a truncated feed is an error rather
 * than a few items quietly missing. Links are resolved against the feed's URL.
 * @throws {FeedFormatError} for malformed XML, HTML (naming the feed the page links to, if it
 * links to one), or anything that is not a feed.
 * @example
 * parseFeedItems('<rss version="2.0"><channel><item><link>https://news.example.org/a</link></item></channel></rss>', "https://news.example.org/feed.xml")
 */
export function parseFeedItems(text: string, feedUrl: string): ParsedFeed {
  const body = text.replace(/^\uFEFF/, "").trimStart();
  if (body.startsWith("<")) {
    if (WEB_PAGE.test(body)) {
      const named = namedFeed(body, feedUrl);
      throw new FeedFormatError(
        `a web page, not a feed${named ? `; the page names its feed: ${named}` : ""}`,
      );
    }
    const valid = XMLValidator.validate(body);
    if (valid !== true)
      throw new FeedFormatError(`malformed XML at line ${valid.err.line}: ${valid.err.msg}`);
  }
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(body.startsWith("{") ? JSON.parse(body) : body);
  } catch (error) {
    throw new FeedFormatError(`not a feed (${(error as Error).message})`);
  }
  const raw = rawItems(parsed);
  const items: FeedItem[] = [];
  for (const item of raw) {
    const link = item.link ? canonicalUrl(item.link, feedUrl) : null;
    // A link longer than an article's URL may be could not even be remembered as dealt with.
    if (link && link.length <= FIELD_LIMITS.url)
      items.push({ link, title: item.title?.trim() || null, publishedAt: isoDate(item.date) });
  }
  return { format: parsed.format, title: feedTitle(parsed), items, withoutLink: raw.length - items.length };
}

// An HTML document, after any comments: a site's page given where its feed was meant.
const WEB_PAGE = /^(<!--[\s\S]*?-->\s*)*<(!doctype html|html[\s>]|head[\s>]|body[\s>])/i;
const FEED_TYPE = /^application\/(rss\+xml|atom\+xml|feed\+json)$/i;

/** The feed a page links to (`<link rel="alternate" type="application/rss+xml" href=…>`), or null. */
function namedFeed(html: string, pageUrl: string): string | null {
  for (const [tag] of html.slice(0, 64 * 1024).matchAll(/<link\b[^>]*>/gi)) {
    const attribute = (name: string) =>
      new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i")
        .exec(tag)
        ?.slice(1)
        .find(Boolean);
    const rel = attribute("rel")?.toLowerCase().split(/\s+/) ?? [];
    const href = attribute("href");
    if (rel.includes("alternate") && FEED_TYPE.test(attribute("type") ?? "") && href)
      return canonicalUrl(href, pageUrl);
  }
  return null;
}

interface RawItem {
  link: string | undefined;
  title: string | undefined;
  date: unknown;
}

function rawItems(parsed: ReturnType<typeof parseFeed>): RawItem[] {
  switch (parsed.format) {
    case "rss":
      return (parsed.feed.items ?? []).map((i) => ({
        link: i.link ?? (i.guid?.isPermaLink !== false ? i.guid?.value : undefined),
        title: i.title,
        date: i.pubDate ?? i.dc?.dates?.[0],
      }));
    case "rdf":
      return (parsed.feed.items ?? []).map((i) => ({ link: i.link, title: i.title, date: i.dc?.dates?.[0] }));
    case "atom":
      return (parsed.feed.entries ?? []).map((e) => ({
        link: (e.links?.find((l) => !l.rel || l.rel === "alternate") ?? e.links?.[0])?.href,
        title: textOf(e.title),
        date: e.published ?? e.updated,
      }));
    case "json":
      return (parsed.feed.items ?? []).map((i) => ({
        link: i.url ?? i.external_url,
        title: i.title,
        date: i.date_published ?? i.date_modified,
      }));
  }
}

function feedTitle(parsed: ReturnType<typeof parseFeed>): string | null {
  return textOf(parsed.feed.title as unknown)?.trim() || null;
}

/** Atom's text constructs are `{ value }`; the other formats' plain strings. */
function textOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  const inner = (value as { value?: unknown } | undefined)?.value;
  return typeof inner === "string" ? inner : undefined;
}

/** An RFC 822 (RSS) or ISO (Atom, JSON Feed) date as an ISO timestamp; null when unreadable. */
export function isoDate(value: unknown): string | null {
  if (typeof value !== "string" || !value) return null;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
