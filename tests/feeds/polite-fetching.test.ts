import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SafeHttpClient } from "../../lambdas/adapters/http/safe-http-client.ts";
import { PoliteClient, USER_AGENT } from "../../lambdas/app/feeds/polite-client.ts";

// Two outlets on one loopback server, told apart by the Host header: a.test with no crawl delay,
// b.test asking for 3 s between requests.
interface Seen {
  host: string;
  path: string;
  userAgent: string;
  /** The test's clock when the request arrived. */
  at: number;
}
let clock = 0;
const seen: Seen[] = [];
const inFlight = new Map<string, number>();
const mostInFlight = new Map<string, number>();
let server: Server;
let port = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const host = String(req.headers.host ?? "").split(":")[0] ?? "";
    const path = req.url ?? "/";
    seen.push({ host, path, userAgent: String(req.headers["user-agent"]), at: clock });
    for (const key of [host, "*"]) {
      const now = (inFlight.get(key) ?? 0) + 1;
      inFlight.set(key, now);
      mostInFlight.set(key, Math.max(now, mostInFlight.get(key) ?? 0));
    }
    // Slow enough that requests to one host would overlap if they were let through together.
    setTimeout(() => {
      for (const key of [host, "*"]) inFlight.set(key, (inFlight.get(key) ?? 1) - 1);
      if (path === "/robots.txt")
        return void res
          .writeHead(200, { "content-type": "text/plain" })
          .end(
            host === "b.test"
              ? "User-agent: *\nCrawl-delay: 3\nDisallow: /hidden/\n"
              : "User-agent: onrecord\nDisallow: /drafts/\n",
          );
      // a.test/go/PATH sends the reader to b.test/PATH; a.test/again/PATH to a.test/PATH.
      if (path.startsWith("/go/"))
        return void res.writeHead(302, { location: `http://b.test:${port}${path.slice(3)}` }).end();
      if (path.startsWith("/again/")) return void res.writeHead(302, { location: path.slice(6) }).end();
      res.writeHead(200, { "content-type": "text/html" }).end(`<p>${path}</p>`);
    }, 30);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  port = (server.address() as AddressInfo).port;
});
/** The client's sleep: time passes at once. */
const advance = async (ms: number) => {
  clock += ms;
};

/** A polite client on the test's clock, every test host resolved to this server. */
const politeClient = (delayMs: number) =>
  new PoliteClient(
    new SafeHttpClient({
      userAgent: USER_AGENT,
      resolve: async () => [{ address: "127.0.0.1", family: 4 }],
      isAllowedAddress: (a) => a === "127.0.0.1",
    }),
    { delayMs, now: () => clock, sleep: advance },
  );

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("fetching as a good guest", () => {
  it("asks one request at a time per host, spaced by the delay (a longer Crawl-delay wins), hosts side by side, under onrecord's name", async () => {
    // Prepare: a clock that moves only when the client waits, so the spacing it keeps is exact.
    clock = 0;
    const client = politeClient(1000);
    const url = (host: string, path: string) => `http://${host}:${port}${path}`;
    seen.length = 0;
    // Act
    const got = await Promise.all(
      ["a.test", "b.test"].flatMap((host) =>
        ["/1.html", "/2.html", "/3.html"].map((p) => client.get(url(host, p))),
      ),
    );
    // Assess
    expect(got.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const of = (host: string) => seen.filter((s) => s.host === host);
    for (const host of ["a.test", "b.test"]) {
      expect(mostInFlight.get(host)).toBe(1);
      expect(of(host).map((s) => s.path)).toEqual(["/robots.txt", "/1.html", "/2.html", "/3.html"]);
    }
    const gaps = (host: string) =>
      of(host)
        .slice(1)
        .map((s, i) => s.at - (of(host)[i]?.at ?? 0));
    expect(Math.min(...gaps("a.test"))).toBeGreaterThanOrEqual(1000);
    expect(Math.min(...gaps("b.test").slice(1))).toBeGreaterThanOrEqual(3000);
    // The two hosts were asked at the same time.
    expect(mostInFlight.get("*")).toBe(2);
    expect(new Set(seen.map((s) => s.userAgent))).toEqual(new Set([USER_AGENT]));
    expect(USER_AGENT).toMatch(/^onrecord\//);
  });

  it("follows a redirect as politely as the first request: the other host's robots.txt and turn, the same host's delay", async () => {
    // Prepare
    clock = 0;
    const client = politeClient(1000);
    const url = (path: string) => `http://a.test:${port}${path}`;
    seen.length = 0;
    // Act
    const redirected = await client.get(url("/go/news.html"));
    const refused = client.get(url("/go/hidden/memo.html"));
    await expect(refused).rejects.toThrow("robots.txt disallows it");
    const again = await client.get(url("/again/1.html"));
    // Assess
    expect([redirected.url, redirected.status]).toEqual([`http://b.test:${port}/news.html`, 200]);
    expect(seen.map((s) => `${s.host}${s.path}`)).toEqual([
      "a.test/robots.txt",
      "a.test/go/news.html",
      "b.test/robots.txt",
      "b.test/news.html",
      "a.test/go/hidden/memo.html",
      "a.test/again/1.html",
      "a.test/1.html",
    ]);
    expect(again.status).toBe(200);
    const at = (path: string) => seen.find((s) => s.path === path)?.at ?? Number.NaN;
    expect(at("/1.html") - at("/again/1.html")).toBeGreaterThanOrEqual(1000);
  });

  it("honours robots.txt for onrecord, keeps it a day, then reads it again", async () => {
    clock = 0;
    const client = politeClient(0);
    const url = (path: string) => `http://a.test:${port}${path}`;
    seen.length = 0;
    const robotsReads = () => seen.filter((s) => s.host === "a.test" && s.path === "/robots.txt").length;

    await expect(client.get(url("/drafts/memo.html"))).rejects.toThrow("robots.txt disallows it");
    expect((await client.get(url("/news.html"))).status).toBe(200);
    clock += 23 * 3_600_000;
    expect((await client.get(url("/news.html"))).status).toBe(200);
    expect(robotsReads()).toBe(1);
    clock += 2 * 3_600_000;
    expect((await client.get(url("/news.html"))).status).toBe(200);
    expect(robotsReads()).toBe(2);
    expect(seen.map((s) => s.path)).not.toContain("/drafts/memo.html");
  });
});
