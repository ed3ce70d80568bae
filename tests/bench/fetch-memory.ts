/**
 * The benchmark pages and their RSS feed served on loopback, for a process that fetches them
 * (the real `onrecord fetch` command, whose peak memory is measured without this server's).
 */
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { renderRssFeed } from "../../lambdas/adapters/news-site-pages.ts";
import { benchPages, PAGE_SIZES_KB } from "./fetch-pages.ts";

export async function serveBenchPages(copies: number): Promise<{ feedUrl: string; close: () => void }> {
  const server = createServer((req, res) => {
    if (req.url === "/feed.xml")
      return void res.writeHead(200, { "content-type": "application/rss+xml" }).end(feed);
    const page = pages.get(req.url ?? "");
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const all = benchPages(Array.from({ length: copies }, () => PAGE_SIZES_KB).flat(), origin);
  const pages = new Map(all.map((p) => [new URL(p.url).pathname, p.html]));
  const feed = renderRssFeed(
    { name: "Courier", url: `${origin}/` },
    all.map((p) => p.article),
  );
  return { feedUrl: `${origin}/feed.xml`, close: () => server.close() };
}
