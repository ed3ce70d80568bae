/**
 * `npm run bench -- fetch`: what taking news from feeds costs.
 * 1. Pages per second through text extraction (decode, linkedom, Readability, paragraphs) on one
 *    core, over news pages of 5–200 KB, beside linkedom's parse alone (the floor) in the same run.
 * 2. Peak memory of `onrecord fetch` (the built command, in its own process) fetching 200 such pages.
 * 3. A poll of 50 unchanged feeds (50 hosts, robots.txt cached by a first poll): the requests it makes.
 */
import { execFile } from "node:child_process";
import { once } from "node:events";
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { parseHTML } from "linkedom";
import { DirectoryArticleSink, DirectoryFeedStore } from "../../lambdas/adapters/directory-feed-store.ts";
import { SafeHttpClient } from "../../lambdas/adapters/http/safe-http-client.ts";
import { renderRssFeed } from "../../lambdas/adapters/news-site-pages.ts";
import { fetchFeeds } from "../../lambdas/app/feeds/fetch-feeds.ts";
import { PoliteClient, USER_AGENT } from "../../lambdas/app/feeds/polite-client.ts";
import { decodeText } from "../../lambdas/core/feeds/charset.ts";
import { extractPageArticle } from "../../lambdas/core/feeds/page-article.ts";
import { serveBenchPages } from "./fetch-memory.ts";
import { benchPages, PAGE_SIZES_KB } from "./fetch-pages.ts";
import { mark, median, printTable } from "./measure.ts";

const ROUNDS = 7;
const hints = { feedUrl: null, title: null, publishedAt: null, outlet: null };

export async function run(): Promise<void> {
  extractionThroughput();
  await peakMemory();
  await unchangedFeeds();
}

function extractionThroughput(): void {
  const pages = benchPages(PAGE_SIZES_KB).map((p) => ({ url: p.url, bytes: Buffer.from(p.html) }));
  const kb = pages.map((p) => Math.round(p.bytes.byteLength / 1024));
  let sink = 0;
  const subjects = [
    {
      name: "linkedom parseHTML (floor)",
      run: () => {
        for (const p of pages) sink += parseHTML(decodeText(p.bytes, null)).document.childNodes.length;
      },
    },
    {
      name: "onrecord extractPageArticle",
      run: () => {
        for (const p of pages)
          sink += extractPageArticle(decodeText(p.bytes, "text/html; charset=utf-8"), p.url, hints).paragraphs
            .length;
      },
    },
  ];
  const cpuRates = subjects.map(() => [] as number[]);
  const wallRates = subjects.map(() => [] as number[]);
  for (const s of subjects) s.run(); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    subjects.forEach((s, k) => {
      const cpu = process.cpuUsage();
      const started = performance.now();
      s.run();
      const wall = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      cpuRates[k]?.push(pages.length / ((used.user + used.system) / 1e6));
      wallRates[k]?.push(pages.length / wall);
    });
  }
  const sorted = (v: number[] | undefined) => [...(v ?? [])].sort((a, b) => a - b);
  const extraction = median(sorted(cpuRates[1]));
  console.log(
    `pages of ${Math.min(...kb)}–${Math.max(...kb)} KB (${kb.join(", ")}), ${ROUNDS} rounds, median:`,
  );
  printTable([
    ["subject", "pages/s (one core, CPU time)", "pages/s (wall)"],
    ...subjects.map((s, k) => [
      s.name,
      median(sorted(cpuRates[k])).toFixed(1),
      median(sorted(wallRates[k])).toFixed(1),
    ]),
  ]);
  console.log(
    `${mark(extraction >= 20)} ${extraction.toFixed(1)} pages/s through text extraction on one core (target ≥ 20); ` +
      `${(median(sorted(cpuRates[0])) / extraction).toFixed(1)}× the cost of parsing alone`,
  );
  if (sink < 0) console.log(sink);
}

// Loaded into the measured process: prints its peak resident memory (KB) when it exits.
const REPORT_PEAK = `data:text/javascript,process.on("exit",()=>process.stderr.write("peak-kb "+process.resourceUsage().maxRSS+"\\n"))`;

async function peakMemory(): Promise<void> {
  const site = await serveBenchPages(20);
  const out = await mkdtemp(join(tmpdir(), "onrecord-bench-fetch-"));
  const onrecord = fileURLToPath(new URL("../../bin/onrecord.mjs", import.meta.url));
  const args = ["fetch", "--feed", site.feedUrl, "--out", out, "--allow-private-hosts", "--delay", "0"];
  const started = performance.now();
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    ["--import", REPORT_PEAK, onrecord, ...args],
    {
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const seconds = (performance.now() - started) / 1000;
  site.close();
  const pages = stdout.split("\n").filter((l) => l.startsWith("stored ")).length;
  const peakMb = Number(/peak-kb (\d+)/.exec(stderr)?.[1] ?? Number.NaN) / 1024;
  console.log(
    `${mark(peakMb < 300)} onrecord fetch of ${pages} pages (5–200 KB), one host, --delay 0: peak ${peakMb.toFixed(0)} MB ` +
      `(target < 300), ${(pages / seconds).toFixed(1)} pages/s end to end (process start included)`,
  );
}

async function unchangedFeeds(): Promise<void> {
  const requests: { host: string; path: string; conditional: boolean }[] = [];
  const server = createServer((req, res) => {
    const host = String(req.headers.host ?? "").split(":")[0] ?? "";
    const path = req.url ?? "/";
    requests.push({ host, path, conditional: Boolean(req.headers["if-none-match"]) });
    if (path === "/robots.txt")
      return void res.writeHead(200, { "content-type": "text/plain" }).end("User-agent: *\nAllow: /\n");
    if (path === "/feed.xml") {
      const etag = `"${host}-v1"`;
      if (req.headers["if-none-match"] === etag) return void res.writeHead(304, { etag }).end();
      return void res.writeHead(200, { "content-type": "application/rss+xml", etag }).end(feedOf(host));
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(pageOf(host, path));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  const hosts = Array.from({ length: 50 }, (_, i) => `feed-${i + 1}.test`);
  const pagesFor = new Map(hosts.map((h) => [h, benchPages([5, 8], `http://${h}:${port}`)]));
  const feedOf = (host: string) =>
    renderRssFeed(
      { name: host, url: `http://${host}:${port}/` },
      (pagesFor.get(host) ?? []).map((p) => p.article),
    );
  const pageOf = (host: string, path: string) =>
    pagesFor.get(host)?.find((p) => p.url.endsWith(path))?.html ?? "";
  const dir = await mkdtemp(join(tmpdir(), "onrecord-bench-feeds-"));
  const http = new PoliteClient(
    new SafeHttpClient({
      userAgent: USER_AGENT,
      resolve: async () => [{ address: "127.0.0.1", family: 4 }],
      isAllowedAddress: (a) => a === "127.0.0.1",
    }),
  );
  const deps = { http, feeds: new DirectoryFeedStore(dir), sink: new DirectoryArticleSink(dir) };
  const feeds = hosts.map((h) => `http://${h}:${port}/feed.xml`);
  const first = await fetchFeeds(feeds, deps);
  const before = requests.length;
  const started = performance.now();
  const second = await fetchFeeds(feeds, deps);
  const seconds = (performance.now() - started) / 1000;
  const made = requests.slice(before);
  server.close();
  const conditional = made.filter((r) => r.path === "/feed.xml" && r.conditional).length;
  const pages = made.filter((r) => r.path !== "/feed.xml" && r.path !== "/robots.txt").length;
  const robots = made.filter((r) => r.path === "/robots.txt").length;
  const stored = first.items.filter((i) => i.outcome === "stored").length;
  const unchanged = second.items.filter((i) => i.outcome === "unchanged").length;
  console.log(
    `${mark(made.length === 50 && conditional === 50 && pages === 0)} a poll of 50 unchanged feeds (after a first that stored ${stored} pages): ` +
      `${made.length} requests, ${conditional} conditional feed requests answered 304, ${robots} robots.txt, ${pages} page fetches; ` +
      `${unchanged} items unchanged, in ${seconds.toFixed(2)} s`,
  );
}
