import { createHash } from "node:crypto";
import { once } from "node:events";
import { readdir, readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { basename, extname, join } from "node:path";
import { parseArticle, proseStartOffset } from "../core/article.ts";
import { renderArticlePage, renderFrontPage, renderRssFeed, type SiteArticle } from "./news-site-pages.ts";

/** The local news site's name, shown in its pages and feed. */
export const LOCAL_SITE_NAME = "The Riverton Courier (onrecord examples)";

export interface LocalNewsSite {
  url: string;
  feedUrl: string;
  articles: SiteArticle[];
  /** Requests served, by path, for tests and the benchmark. */
  requests: string[];
  close: () => Promise<void>;
}

/**
 * The project's example articles served as a small news site on loopback: a front page listing
 * them, one HTML page per article (with a real site's navigation, byline, captions, related links
 * and comments around it), its RSS feed at `/feed.xml` (answering conditional requests with 304), and a `robots.txt`.
 * `npm start` polls it, so the local run takes its news the way the deployed one does.
 */
export async function startLocalNewsSite(options: { dir: string; port?: number }): Promise<LocalNewsSite> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://site").pathname;
    requests.push(path);
    const page = pages.get(path);
    if (!page) return void res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    if (req.headers["if-none-match"] === page.etag) return void res.writeHead(304, { etag: page.etag }).end();
    res.writeHead(200, { "content-type": page.type, etag: page.etag }).end(page.body);
  });
  server.listen(options.port ?? 0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const site = { name: LOCAL_SITE_NAME, url };
  const articles = await readSiteArticles(options.dir);
  const pages = new Map<string, { type: string; body: string; etag: string }>();
  const add = (path: string, type: string, body: string) =>
    pages.set(path, {
      type,
      body,
      etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 16)}"`,
    });
  for (const article of articles)
    add(article.path, "text/html; charset=utf-8", renderArticlePage(site, article));
  add("/", "text/html; charset=utf-8", renderFrontPage(site, articles));
  add("/feed.xml", "application/rss+xml; charset=utf-8", renderRssFeed(site, articles));
  add("/robots.txt", "text/plain", "User-agent: *\nDisallow: /comments/\n");
  return {
    url,
    feedUrl: new URL("/feed.xml", url).toString(),
    articles,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The `.txt` and `.json` articles of a folder as site articles: path by date and file name. */
export async function readSiteArticles(dir: string): Promise<SiteArticle[]> {
  const names = (await readdir(dir)).filter((f) => /\.(txt|json)$/.test(f)).sort();
  const articles: SiteArticle[] = [];
  for (const name of names) {
    const article = parseArticle({ name, bytes: await readFile(join(dir, name)) });
    const date = article.publishedAt ?? "2026-01-01";
    const slug = basename(name, extname(name));
    articles.push({
      path: `/${date.replace(/-/g, "/")}/${slug}.html`,
      title: article.title ?? headlineFrom(slug),
      outlet: article.outlet ?? LOCAL_SITE_NAME,
      publishedAt: date,
      paragraphs: paragraphsOf(article.body.slice(proseStartOffset(article.body))),
    });
  }
  return articles;
}

/** An article body's paragraphs: the blocks between blank lines, whitespace as written within them. */
export function paragraphsOf(body: string): string[] {
  return body
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

function headlineFrom(slug: string): string {
  const words = slug.replace(/[-_]+/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
