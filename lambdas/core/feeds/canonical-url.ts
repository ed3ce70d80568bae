import { createHash } from "node:crypto";

/** Query parameters that only say where a reader came from: dropped from an article's URL. */
const TRACKING = /^(utm_[a-z_]*|fbclid|gclid|mc_cid|mc_eid)$/i;

/**
 * The URL an article is known by: scheme and host lower-cased (as `URL` does), the default port,
 * the fragment and tracking parameters (`utm_*`, `fbclid`, …) dropped, the remaining parameters
 * kept in their order. Null for anything that is not an absolute http(s) URL.
 * @example
 * canonicalUrl("HTTPS://News.Example.ORG/2026/11/bridge?utm_source=rss#top")
 * // "https://news.example.org/2026/11/bridge"
 */
export function canonicalUrl(url: string, base?: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim(), base);
  } catch {
    return null;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  parsed.hash = "";
  parsed.username = "";
  parsed.password = "";
  for (const name of [...parsed.searchParams.keys()])
    if (TRACKING.test(name)) parsed.searchParams.delete(name);
  if ([...parsed.searchParams.keys()].length === 0) parsed.search = "";
  return parsed.toString();
}

/**
 * The page's own canonical URL (`<link rel=canonical>`), unless it points at the site's home page
 * or at the feed the item came from (sites that set one canonical for every page): then the URL
 * the page was fetched from.
 */
export function chooseCanonical(pageUrl: string, declared: string | null, feedUrl: string | null): string {
  const page = canonicalUrl(pageUrl) ?? pageUrl;
  const candidate = declared ? canonicalUrl(declared, pageUrl) : null;
  if (!candidate) return page;
  const { pathname, search } = new URL(candidate);
  const home = (pathname === "/" || pathname === "") && search === "";
  const feed = feedUrl !== null && candidate === canonicalUrl(feedUrl);
  return home || feed ? page : candidate;
}

/**
 * A fetched article's id: its canonical URL, or, for the rare URL longer than an id may be, its
 * host with a hash of the rest, so that one article reached by two feeds is one id.
 */
export function articleIdFor(canonical: string, maxBytes = 1024): string {
  if (Buffer.byteLength(canonical) <= maxBytes) return canonical;
  const { origin } = new URL(canonical);
  return `${origin}/#sha256:${createHash("sha256").update(canonical).digest("hex")}`;
}
