import { createHash } from "node:crypto";
import { escapeHtml } from "../core/render/escape.ts";

/** One article of the local news site, as its page shows it. */
export interface SiteArticle {
  /** The page's path, e.g. `/2026/11/16/defence-forum.html`. */
  path: string;
  title: string;
  outlet: string;
  /** ISO timestamp or date. */
  publishedAt: string;
  paragraphs: string[];
}

const e = escapeHtml;

/**
 * A news page the way outlets build them, furniture and all: navigation, breadcrumbs, a byline, a
 * photo with its caption and credit, an advertising slot, a "read more" link and a related-stories
 * box inside the article, an editor's note and the author's bio after it, a comments section, a
 * newsletter box and a footer. The article's own paragraphs are the
 * only prose a reader of the page should keep.
 */
export function renderArticlePage(site: { name: string; url: string }, article: SiteArticle): string {
  const url = new URL(article.path, site.url).toString();
  const [first, ...rest] = article.paragraphs;
  const middle = Math.ceil(rest.length / 2);
  const paragraph = (p: string) => `      <p>${e(p)}</p>`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${e(article.title)} | ${e(article.outlet)}</title>
  <link rel="canonical" href="${e(url)}">
  <meta property="og:title" content="${e(article.title)}">
  <meta property="og:site_name" content="${e(article.outlet)}">
  <meta property="article:published_time" content="${e(article.publishedAt)}">
  <link rel="alternate" type="application/rss+xml" href="/feed.xml" title="${e(site.name)}">
</head>
<body>
  <header class="site-header">
    <a class="logo" href="/">${e(site.name)}</a>
    <nav><ul><li><a href="/">Home</a></li><li><a href="/politics/">Politics</a></li><li><a href="/world/">World</a></li><li><a href="/business/">Business</a></li><li><a href="/opinion/">Opinion</a></li></ul></nav>
  </header>
  <div class="breadcrumbs"><a href="/">Home</a> › <a href="/politics/">Politics</a></div>
  <main>
    <article>
      <h1>${e(article.title)}</h1>
      <p class="byline">By <a rel="author" href="/staff/desk/">Staff Desk</a> · <time datetime="${e(article.publishedAt)}">${e(article.publishedAt.slice(0, 10))}</time></p>
      <figure class="lead-image"><img src="/images/${hash(article.path)}.jpg" alt=""><figcaption>Officials arrive for the morning session. <span class="credit">Photo: Desk archive</span></figcaption></figure>
${first ? paragraph(first) : ""}
      <div class="ad-slot"><p>Advertisement</p></div>
      <p class="continues">Story continues below advertisement</p>
      <div class="share"><a href="/share?u=${encodeURIComponent(url)}">Share</a> <a href="/email?u=${encodeURIComponent(url)}">Email</a></div>
${rest.slice(0, middle).map(paragraph).join("\n")}
      <p class="read-more"><a href="/politics/">Read more: the week in politics</a></p>
      <aside class="related"><h2>Related</h2><ul><li><a href="/politics/budget-vote/">Council sets date for budget vote</a></li><li><a href="/world/summit/">Summit ends without a joint statement</a></li></ul></aside>
${rest.slice(middle).map(paragraph).join("\n")}
      <p><em>This story has been updated with comment from the minister's office.</em></p>
      <div class="author-bio"><p>Staff Desk reports on government and politics for ${e(site.name)}.</p></div>
      <div class="tags">Tags: <a href="/tags/government/">government</a>, <a href="/tags/policy/">policy</a></div>
    </article>
    <section id="comments" class="comments">
      <h2>Comments (2)</h2>
      <div class="comment"><p>Great reporting, thank you for covering this.</p></div>
      <div class="comment"><p>I was at the meeting and it went on for hours.</p></div>
    </section>
  </main>
  <div class="newsletter"><p>Sign up for our morning briefing, delivered every weekday.</p><form action="/subscribe"><input name="email"><button>Sign up</button></form></div>
  <footer><p>© 2026 ${e(site.name)}. All rights reserved.</p><p><a href="/about/">About</a> · <a href="/privacy/">Privacy</a> · <a href="/contact/">Contact</a></p></footer>
</body>
</html>
`;
}

/** The site's front page: every article, newest first, linked, and the feed a reader can follow. */
export function renderFrontPage(
  site: { name: string; url: string },
  articles: readonly SiteArticle[],
): string {
  const items = [...articles]
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
    .map(
      (a) =>
        `      <li><a href="${e(a.path)}">${e(a.title)}</a> <time datetime="${e(a.publishedAt)}">${e(a.publishedAt.slice(0, 10))}</time></li>`,
    );
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${e(site.name)}</title>
  <link rel="alternate" type="application/rss+xml" href="/feed.xml" title="${e(site.name)}">
</head>
<body>
  <header class="site-header"><a class="logo" href="/">${e(site.name)}</a></header>
  <main>
    <h1>Latest news</h1>
    <ul class="stories">
${items.join("\n")}
    </ul>
    <p><a href="/feed.xml">RSS feed</a></p>
  </main>
</body>
</html>
`;
}

/** The site's RSS 2.0 feed: one item per article, newest first, with its page's link and date. */
export function renderRssFeed(site: { name: string; url: string }, articles: readonly SiteArticle[]): string {
  const items = [...articles]
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
    .map((a) => {
      const link = new URL(a.path, site.url).toString();
      return `    <item>
      <title>${e(a.title)}</title>
      <link>${e(link)}</link>
      <guid isPermaLink="true">${e(link)}</guid>
      <pubDate>${new Date(a.publishedAt).toUTCString()}</pubDate>
      <description>${e(a.paragraphs[0]?.slice(0, 200) ?? "")}</description>
    </item>`;
    });
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
  <channel>
    <title>${e(site.name)}</title>
    <link>${e(site.url)}</link>
    <description>Every story, as it is published</description>
${items.join("\n")}
  </channel>
</rss>
`;
}

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 12);
}
