import { once } from "node:events";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import { ARTICLES, type FixtureArticle, JSON_LD_ONLY, KOREAN } from "./news-fixtures.ts";

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A page as a blog-style outlet builds one: its furniture differs from the local site's on purpose. */
export function fixturePage(origin: string, a: FixtureArticle, canonical = `${origin}${a.path}`): string {
  const ps = a.paragraphs.map((p) => `<p>${esc(p)}</p>`);
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${esc(a.title)} – Harbour Gazette</title>
<link rel="canonical" href="${esc(canonical)}"><meta property="og:site_name" content="Harbour Gazette">
<meta property="article:published_time" content="${a.published}"></head>
<body class="single-post"><div id="masthead"><ul class="menu"><li><a href="/">News</a></li><li><a href="/sport/">Sport</a></li><li><a href="/weather/">Weather</a></li></ul></div>
<div id="primary"><div class="post"><h1 class="entry-title">${esc(a.title)}</h1>
<div class="entry-meta"><span class="author vcard">By Ruth Okafor</span>, Harbour Gazette</div>
<div class="entry-content">${ps[0]}
<div class="wp-caption"><img src="/x.jpg"><p class="wp-caption-text">The bridge at dawn. (Gazette photo)</p></div>
${ps.slice(1, 2).join("\n")}
<p><strong>Read more:</strong> <a href="/politics/">Our coverage of the council</a></p>
${ps.slice(2).join("\n")}
<div class="sharedaddy"><h3>Share this:</h3><ul><li><a href="#">Facebook</a></li><li><a href="#">Email</a></li></ul></div>
</div></div>
<div id="related-posts"><h3>You may also like</h3><ul><li><a href="/a/">Ferry timetable changes</a></li><li><a href="/b/">Market day moves to Friday</a></li></ul></div>
<div id="comments" class="comments-area"><h2>3 thoughts on this story</h2><ol><li><p>About time too.</p></li><li><p>Who pays for the repairs now?</p></li></ol></div>
</div><div id="secondary" class="widget-area"><p>Most read this week: the ferry, the market, the weather.</p></div>
<div id="colophon"><p>Harbour Gazette, 12 Quay Street. All rights reserved.</p></div></body></html>`;
}

function rss(origin: string, items: { path: string; title: string; published: string; content?: string }[]) {
  const entries = items.map(
    (i) =>
      `<item><title>${esc(i.title)}</title><link>${origin}${i.path}</link><guid>${origin}${i.path}</guid><pubDate>${new Date(i.published).toUTCString()}</pubDate>${i.content ? `<content:encoded><![CDATA[${i.content}]]></content:encoded>` : ""}</item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Harbour Gazette</title><link>${origin}/</link><description>News</description>${entries.join("")}</channel></rss>`;
}

export interface NewsServer {
  /** `http://news.test:PORT` — resolve `news.test` to 127.0.0.1 with the test resolver. */
  origin: string;
  port: number;
  /** Every request's path and its conditional headers, in order. */
  requests: { path: string; ifNoneMatch?: string; ifModifiedSince?: string }[];
  close: () => Promise<void>;
}

/** The fixture outlet: feeds of every format, item pages, and every way a server can misbehave. */
export async function startNewsServer(): Promise<NewsServer> {
  const requests: NewsServer["requests"] = [];
  const served = new Map<string, number>();
  let origin = "";
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const ifNoneMatch = req.headers["if-none-match"];
    const ifModifiedSince = req.headers["if-modified-since"];
    requests.push({
      path: url.pathname + url.search,
      ...(ifNoneMatch && { ifNoneMatch: String(ifNoneMatch) }),
      ...(ifModifiedSince && { ifModifiedSince }),
    });
    served.set(url.pathname, (served.get(url.pathname) ?? 0) + 1);
    const conditional = { ifNoneMatch: String(ifNoneMatch ?? ""), ifModifiedSince: ifModifiedSince ?? "" };
    route(origin, url.pathname, conditional, res, served.get(url.pathname) ?? 1);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  origin = `http://news.test:${port}`;
  return {
    origin,
    port,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const send = (res: ServerResponse, status: number, type: string, body: string | Buffer, extra = {}): void =>
  void res.writeHead(status, { "content-type": type, ...extra }).end(body);

// 50 MB of one byte, compressed once, before any request: compressing it while answering would
// spend the client's deadline. Brotli at quality 1: a few KB, in milliseconds.
const [GZIP_BOMB, BROTLI_BOMB] = ((fiftyMb: Buffer) => [
  gzipSync(fiftyMb),
  brotliCompressSync(fiftyMb, { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } }),
])(Buffer.alloc(50 * 1024 * 1024, "a"));

/** 50 MB in 1 MB chunks, as fast as the client reads, until it hangs up. */
function sendFiftyMegabytes(res: ServerResponse): void {
  const mb = Buffer.alloc(1024 * 1024, "a");
  let sent = 0;
  const pump = () => {
    while (sent < 50 && !res.destroyed && res.write(mb)) sent++;
    if (sent >= 50) res.end();
    else if (!res.destroyed) res.once("drain", pump);
  };
  pump();
}

function route(
  origin: string,
  path: string,
  { ifNoneMatch, ifModifiedSince }: { ifNoneMatch: string; ifModifiedSince: string },
  res: ServerResponse,
  /** How many times this path has been asked for, this one included. */
  nth: number,
): unknown {
  const { bridge, budget, clinic, harbour, rail } = ARTICLES as Record<string, FixtureArticle>;
  const page = Object.values(ARTICLES).find((a) => a.path === path);
  if (page) return send(res, 200, "text/html; charset=utf-8", fixturePage(origin, page));
  // /hops/N: N redirects, then the harbour story.
  const hops = /^\/hops\/(\d+)$/.exec(path)?.[1];
  if (hops !== undefined)
    return void res
      .writeHead(302, { location: Number(hops) > 1 ? `/hops/${Number(hops) - 1}` : harbour?.path })
      .end();
  switch (path) {
    case "/robots.txt":
      return send(res, 200, "text/plain", "User-agent: *\nDisallow: /private/\n");
    case "/rss.xml": {
      const etag = '"rss-v1"';
      if (ifNoneMatch === etag) return void res.writeHead(304, { etag }).end();
      return send(res, 200, "application/rss+xml", rss(origin, [bridge, budget] as FixtureArticle[]), {
        etag,
      });
    }
    case "/dated.xml": {
      // A feed that gives a Last-Modified and no ETag.
      const lastModified = "Tue, 24 Nov 2026 21:40:00 GMT";
      if (ifModifiedSince === lastModified) return void res.writeHead(304).end();
      return send(res, 200, "application/rss+xml", rss(origin, [budget as FixtureArticle]), {
        "last-modified": lastModified,
      });
    }
    case "/pending.xml": {
      // A story whose page fails the first time, and an older one.
      const etag = '"pending-v1"';
      if (ifNoneMatch === etag) return void res.writeHead(304, { etag }).end();
      const flaky = { ...(clinic as FixtureArticle), path: "/flaky.html" };
      return send(res, 200, "application/rss+xml", rss(origin, [flaky, rail as FixtureArticle]), { etag });
    }
    case "/flaky.html":
      if (nth === 1) return send(res, 503, "text/html", "<h1>Try again later</h1>");
      return send(
        res,
        200,
        "text/html; charset=utf-8",
        fixturePage(origin, { ...(clinic as FixtureArticle), path: "/flaky.html" }),
      );
    case "/long-links.xml":
      return send(
        res,
        200,
        "application/rss+xml",
        rss(origin, [
          { ...(rail as FixtureArticle), path: `/${"a".repeat(3000)}.html` },
          rail as FixtureArticle,
        ]),
      );
    case "/rss-content.xml":
      return send(
        res,
        200,
        "application/rss+xml",
        rss(origin, [{ ...(clinic as FixtureArticle), content: "<p>Teaser only.</p>" }]),
      );
    case "/second.xml":
      // The bridge story again, through a link with tracking parameters and a fragment.
      return send(
        res,
        200,
        "application/rss+xml",
        rss(origin, [
          { ...(bridge as FixtureArticle), path: `${bridge?.path}?utm_source=second&utm_medium=rss#top` },
        ]),
      );
    case "/atom.xml":
      return send(
        res,
        200,
        "application/atom+xml",
        `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Gazette</title><id>urn:gazette</id><updated>2026-11-22T09:30:00Z</updated><entry><title>${esc(harbour?.title ?? "")}</title><id>urn:gazette:harbour</id><link rel="alternate" href="${origin}${harbour?.path}"/><published>${harbour?.published}</published><updated>${harbour?.published}</updated></entry></feed>`,
      );
    case "/feed.json":
      return send(
        res,
        200,
        "application/feed+json",
        JSON.stringify({
          version: "https://jsonfeed.org/version/1.1",
          title: "Harbour Gazette",
          items: [
            {
              id: "rail",
              url: `${origin}${rail?.path}`,
              title: rail?.title,
              date_published: rail?.published,
            },
          ],
        }),
      );
    case "/special.xml":
      return send(
        res,
        200,
        "application/rss+xml",
        rss(
          origin,
          [
            KOREAN.path,
            JSON_LD_ONLY.path,
            "/missing.html",
            "/broken.html",
            "/slow.html",
            "/endless.html",
            "/loop-a.html",
            "/to-private.html",
            "/huge.html",
            "/huge-unannounced.html",
            "/bomb.html",
            "/bomb-br.html",
            "/private/memo.html",
            "/hops/5",
            "/hops/6",
            "/long-title.html",
            "/deep.html",
          ].map((p) => ({ path: p, title: p, published: "2026-11-20T00:00:00Z" })),
        ),
      );
    case "/malformed.xml":
      return send(
        res,
        200,
        "application/rss+xml",
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Cut</title><item><title>Half`,
      );
    case "/front.html":
      // The outlet's front page, given instead of its feed; it names the feed, as pages do.
      return send(
        res,
        200,
        "text/html; charset=utf-8",
        `<!-- served by the gazette --><!doctype html><html><head><link rel="stylesheet" href="/s.css"><link type="application/rss+xml" rel="alternate" href="/rss.xml" title="News"></head><body><h1>Harbour Gazette</h1></body></html>`,
      );
    case "/html-feed.xml":
      return send(
        res,
        200,
        "text/html",
        "<!DOCTYPE html><html><body><h1>Our feeds have moved</h1></body></html>",
      );
    case KOREAN.path:
      // The charset only in <meta>, as many Korean outlets serve it.
      return send(
        res,
        200,
        "text/html",
        iconv.encode(
          `<html><head><meta http-equiv="Content-Type" content="text/html; charset=euc-kr"><title>${KOREAN.title}</title></head><body><div id="menu"><a href="/">홈</a></div><div id="article-body">${KOREAN.paragraphs.map((p) => `<p>${p}</p>`).join("")}</div><div class="copyright">무단 전재 및 재배포 금지</div></body></html>`,
          "euc-kr",
        ),
      );
    case JSON_LD_ONLY.path:
      return send(
        res,
        200,
        "text/html; charset=utf-8",
        `<!doctype html><html><head><title>Gazette app</title><script type="application/ld+json">${JSON.stringify(
          {
            "@context": "https://schema.org",
            "@graph": [
              { "@type": "WebSite", name: "Harbour Gazette" },
              {
                "@type": "NewsArticle",
                headline: JSON_LD_ONLY.title,
                datePublished: JSON_LD_ONLY.published,
                publisher: { "@type": "Organization", name: "Harbour Gazette" },
                articleBody: JSON_LD_ONLY.paragraphs.join("\n\n"),
              },
            ],
          },
        )}</script></head><body><div id="app">Loading…</div><noscript>Please enable JavaScript.</noscript></body></html>`,
      );
    case "/long-title.html":
      // A headline no outlet writes: 5,000 characters.
      return send(
        res,
        200,
        "text/html; charset=utf-8",
        fixturePage(origin, { ...(rail as FixtureArticle), path }).replace(
          "<head>",
          `<head><meta property="og:title" content="${"Breaking ".repeat(555)}">`,
        ),
      );
    case "/deep.html":
      // Nested 20,000 elements deep: enough to exhaust a recursive reader's stack.
      return send(
        res,
        200,
        "text/html; charset=utf-8",
        `<html><body>${"<div>".repeat(20_000)}<p>Deep.</p>${"</div>".repeat(20_000)}</body></html>`,
      );
    case "/missing.html":
      return send(res, 404, "text/html", "<h1>Not found</h1>");
    case "/broken.html":
      return send(res, 500, "text/html", "<h1>Server error</h1>");
    case "/slow.html":
      res.writeHead(200, { "content-type": "text/html" });
      res.write("<html><body><p>The first words");
      return void setTimeout(() => res.end("</p></body></html>"), 3000).unref();
    case "/endless.html": {
      res.writeHead(200, { "content-type": "text/html" });
      const chunk = `<p>${"and on ".repeat(1000)}</p>`;
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once("drain", pump);
      };
      return pump();
    }
    case "/loop-a.html":
      return void res.writeHead(302, { location: "/loop-b.html" }).end();
    case "/loop-b.html":
      return void res.writeHead(302, { location: "/loop-a.html" }).end();
    case "/to-private.html":
      return void res
        .writeHead(301, { location: `http://intranet.test:${new URL(origin).port}/secret.html` })
        .end();
    case "/huge.html": {
      // 50 MB declared and sent, in 1 MB chunks.
      res.writeHead(200, { "content-type": "text/html", "content-length": 50 * 1024 * 1024 });
      return sendFiftyMegabytes(res);
    }
    case "/huge-unannounced.html": {
      // 50 MB with no Content-Length: only counting while reading can stop it.
      res.writeHead(200, { "content-type": "text/html" });
      return sendFiftyMegabytes(res);
    }
    case "/bomb.html":
      // 40 KB on the wire, 50 MB once gunzipped.
      return send(res, 200, "text/html", GZIP_BOMB, {
        "content-encoding": "gzip",
      });
    case "/bomb-br.html":
      // The same, brotli-compressed.
      return send(res, 200, "text/html", BROTLI_BOMB, {
        "content-encoding": "br",
      });
    default:
      return send(res, 404, "text/plain", "not found");
  }
}
