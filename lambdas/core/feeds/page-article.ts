import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { chooseCanonical } from "./canonical-url.ts";
import { isoDate } from "./feed-items.ts";
import { type JsonLdArticle, type PageDocument, readJsonLd } from "./json-ld.ts";

type PageElement = NonNullable<ReturnType<PageDocument["querySelector"]>>;

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

// Page furniture removed before Readability looks: it keeps most of these out by itself, but a
// caption or a byline inside the article's own container would otherwise be read as prose.
const FURNITURE = [
  "script",
  "style",
  "noscript",
  "template",
  "nav",
  "aside",
  "footer",
  "form",
  "figure",
  "figcaption",
  "[role=navigation]",
  "[role=complementary]",
  "[rel=author]",
  "[itemprop=author]",
].join(",");
const FURNITURE_CLASS =
  /(^|[\s_-])(byline|author|comments?|related|read-?more|share|social|newsletter|promo|caption|credit|tags|breadcrumbs?)([\s_-]|$)/i;
// A paragraph that only sends the reader elsewhere.
const SIGNPOST =
  /^(read more|related|see also|continue reading|more on this|sign up|subscribe|advertisement)\b/i;
const BLOCKS = "p, h2, h3, h4, h5, h6, li, blockquote, pre";

/**
 * Reads a news page as its outlet published it: headline, canonical URL, outlet, publication date
 * (the feed item's, else `article:published_time`, else JSON-LD `datePublished`) and the body as
 * paragraphs in order — captions, bylines, "read more" links, navigation and comments left out.
 * The body is Readability's (Firefox Reader View) over a linkedom DOM; a page whose text lives only
 * in JSON-LD `articleBody` gives that. Pure: the page's text in, plain data out.
 * @example
 * extractPageArticle("<html>…<article><p>“We will rebuild the bridge,” the mayor said.</p></article>…", "https://news.example.org/bridge", hints)
 */
export function extractPageArticle(html: string, pageUrl: string, hints: PageHints): PageArticle {
  const { document } = parseHTML(html);
  const meta = (key: string) =>
    document.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute("content")?.trim() ||
    null;
  const ld = readJsonLd(document);
  const canonicalHref = document.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? null;
  // The page's <title> usually carries the outlet's name too ("… – Harbour Gazette"); its <h1> does not.
  const heading = clean(document.querySelector("h1")?.textContent);
  const documentTitle = clean(document.querySelector("title")?.textContent);
  const paragraphs = bodyParagraphs(document, ld);
  return {
    canonicalUrl: chooseCanonical(pageUrl, canonicalHref, hints.feedUrl),
    title: clean(ld?.headline) ?? meta("og:title") ?? hints.title ?? heading ?? documentTitle,
    outlet: meta("og:site_name") ?? clean(ld?.publisher) ?? hints.outlet ?? new URL(pageUrl).hostname,
    publishedAt: day(hints.publishedAt) ?? day(meta("article:published_time")) ?? day(ld?.datePublished),
    paragraphs,
  };
}

function bodyParagraphs(document: PageDocument, ld: JsonLdArticle | null): string[] {
  for (const element of [...document.querySelectorAll(FURNITURE)]) element.remove();
  for (const element of [...document.querySelectorAll("[class], [id]")]) {
    const names = `${element.getAttribute("class") ?? ""} ${element.getAttribute("id") ?? ""}`;
    if (FURNITURE_CLASS.test(names) && !element.matches("html, body, main, article")) element.remove();
  }
  const parsed = new Readability(document as never, { charThreshold: 200 }).parse();
  const fromPage = parsed?.content ? paragraphsOf(parsed.content, parsed.byline ?? null) : [];
  const fromLd = ld?.articleBody ? splitParagraphs(ld.articleBody) : [];
  const length = (ps: string[]) => ps.reduce((n, p) => n + p.length, 0);
  // Text only in JSON-LD (an app shell, a paywall's teaser): the structured copy is the article.
  return length(fromLd) > 2 * length(fromPage) ? fromLd : fromPage;
}

function paragraphsOf(content: string, byline: string | null): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${content}</body></html>`);
  const blocks = [...document.querySelectorAll(BLOCKS)].filter(
    (block) => !block.querySelector(BLOCKS), // the innermost block holds the words
  );
  const paragraphs: string[] = [];
  for (const block of blocks) {
    const text = collapse(block.textContent ?? "");
    if (!text || SIGNPOST.test(text) || onlyALink(block, text)) continue;
    if (byline && text === collapse(byline)) continue;
    paragraphs.push(text);
  }
  return paragraphs;
}

/** A block whose whole text is one link ("Mayor outlines budget →") is a teaser for another page. */
function onlyALink(block: PageElement, text: string): boolean {
  const links = [...block.querySelectorAll("a")];
  return links.length === 1 && collapse(links[0]?.textContent ?? "") === text;
}

function splitParagraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n|\r?\n/)
    .map(collapse)
    .filter((p) => p.length > 0);
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function clean(value: string | null | undefined): string | null {
  return value ? collapse(value) || null : null;
}

function day(value: string | null | undefined): string | null {
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return isoDate(value)?.slice(0, 10) ?? null;
}
