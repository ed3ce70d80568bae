import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { chooseCanonical } from "./canonical-url.ts";
import { isoDate } from "./feed-items.ts";
import { type JsonLdArticle, type PageDocument, readJsonLd } from "./json-ld.ts";
import { collapse, type PageElement, paragraphsOf, removeFurniture } from "./page-body.ts";

/** What the feed said about an item, used where the page itself says nothing. */
export interface PageHints {
  feedUrl: string | null;
  title: string | null;
  publishedAt: string | null;
  /** The feed's own title, the outlet's name when the page gives none. */
  outlet: string | null;
}

/** An article as the outlet published it: its metadata and its paragraphs in order. */
export interface PageArticle {
  canonicalUrl: string;
  title: string | null;
  outlet: string | null;
  /** ISO date `YYYY-MM-DD`, or null. */
  publishedAt: string | null;
  paragraphs: string[];
}

/** A page that cannot be read as a news page: markup no outlet writes. */
export class PageFormatError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "PageFormatError";
  }
}

// Real pages nest a few dozen elements deep; Readability recurses, and a page nested thousands
// deep (hostile, or broken) would exhaust the stack.
const MAX_DEPTH = 400;
/**
 * Reads a news page as its outlet published it: headline, canonical URL, outlet, publication date
 * (the feed item's, else `article:published_time`, else JSON-LD `datePublished`) and the body as
 * paragraphs in order — captions, bylines, "read more" links, navigation and comments left out.
 * The body is Readability's (Firefox Reader View) over a linkedom DOM; a page whose text lives only
 * in JSON-LD `articleBody` gives that. Pure: the page's text in, plain data out.
 * @throws {PageFormatError} for markup nested deeper than any page is.
 * @example
 * extractPageArticle("<html>…<article><p>“We will rebuild the bridge,” the mayor said.</p></article>…", "https://news.example.org/bridge", hints)
 */
export function extractPageArticle(html: string, pageUrl: string, hints: PageHints): PageArticle {
  const { document } = parseHTML(html);
  if (deeperThan(document.documentElement as PageElement | null, MAX_DEPTH))
    throw new PageFormatError(`markup nested more than ${MAX_DEPTH} elements deep`);
  const meta = (key: string) =>
    document.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute("content")?.trim() ||
    null;
  const ld = readJsonLd(document);
  const canonicalHref = document.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? null;
  // The page's <title> usually carries the outlet's name too ("… – Harbour Gazette"); its <h1> does not.
  const heading = clean(document.querySelector("h1")?.textContent);
  const documentTitle = clean(document.querySelector("title")?.textContent);
  const title = clean(ld?.headline) ?? meta("og:title") ?? hints.title ?? heading ?? documentTitle;
  return {
    canonicalUrl: chooseCanonical(pageUrl, canonicalHref, hints.feedUrl),
    title,
    outlet: meta("og:site_name") ?? clean(ld?.publisher) ?? hints.outlet ?? new URL(pageUrl).hostname,
    publishedAt: day(hints.publishedAt) ?? day(meta("article:published_time")) ?? day(ld?.datePublished),
    paragraphs: bodyParagraphs(document, ld, [title, heading]),
  };
}

function bodyParagraphs(
  document: PageDocument,
  ld: JsonLdArticle | null,
  headlines: (string | null)[],
): string[] {
  removeFurniture(document);
  // The serializer hands back Readability's element itself: no second parse of its HTML.
  const parsed = new Readability(document as never, {
    charThreshold: 200,
    serializer: (element: unknown) => element,
  }).parse() as { content?: unknown; byline?: string | null } | null;
  const content = parsed?.content as PageElement | undefined;
  const skip = new Set([...headlines, clean(parsed?.byline)].filter((h): h is string => Boolean(h)));
  const fromPage = content ? paragraphsOf(content, skip) : [];
  const fromLd = ld?.articleBody ? splitParagraphs(ld.articleBody) : [];
  const length = (ps: string[]) => ps.reduce((n, p) => n + p.length, 0);
  // Text only in JSON-LD (an app shell, a paywall's teaser): the structured copy is the article.
  return length(fromLd) > 2 * length(fromPage) ? fromLd : fromPage;
}

/** Whether any element lies more than `limit` levels below `root` (walked without recursion). */
function deeperThan(root: PageElement | null, limit: number): boolean {
  const stack: [PageElement, number][] = root ? [[root, 0]] : [];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [element, depth] = next;
    if (depth > limit) return true;
    for (const child of [...element.children] as PageElement[]) stack.push([child, depth + 1]);
  }
  return false;
}

function splitParagraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n|\r?\n/)
    .map(collapse)
    .filter((p) => p.length > 0);
}

function clean(value: string | null | undefined): string | null {
  return value ? collapse(value) || null : null;
}

function day(value: string | null | undefined): string | null {
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return isoDate(value)?.slice(0, 10) ?? null;
}
