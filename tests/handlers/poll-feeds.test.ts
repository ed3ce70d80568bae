import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DirectoryFeedStore } from "../../lambdas/adapters/directory-feed-store.ts";
import { createHandler } from "../../lambdas/handlers/poll-feeds.ts";
import { FetchError, type HttpClient, type QueuedItem } from "../../lambdas/ports.ts";

const feedOf = (host: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${host}</title><item><title>Story</title><link>https://${host}/story</link></item></channel></rss>`;

describe("the poller handler", () => {
  it("polls the listed feeds several at once, queues each one's items, and goes on past a feed that fails", async () => {
    // Prepare: twelve listed feeds, each answering after a moment; one of them never answers.
    const feeds = new DirectoryFeedStore(await mkdtemp(join(tmpdir(), "onrecord-poller-")));
    const hosts = Array.from({ length: 12 }, (_, i) => `outlet-${i}.example`);
    for (const host of hosts) await feeds.add(`https://${host}/rss.xml`, new Date("2026-11-23T06:00:00Z"));
    let inFlight = 0;
    let mostInFlight = 0;
    const http: HttpClient = {
      get: async (url) => {
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 20));
        inFlight--;
        const { host } = new URL(url);
        if (host === "outlet-3.example") throw new FetchError(url, "no complete answer within 10 s", false);
        const body = Buffer.from(feedOf(host));
        return { status: 200, url, headers: { "content-type": "application/rss+xml" }, body };
      },
    };
    const queued: QueuedItem[] = [];
    const handler = createHandler({
      http,
      feeds,
      queue: { enqueue: async (items) => void queued.push(...items) },
    });
    // Act
    const summary = await handler();
    // Assess
    expect(summary).toEqual({ feeds: 12, queued: 11, failed: 1, notModified: 0 });
    expect(queued.map((i) => new URL(i.link).host).sort()).toEqual(
      hosts.filter((h) => h !== "outlet-3.example").sort(),
    );
    expect(mostInFlight).toBeGreaterThan(1);
    expect((await feeds.get("https://outlet-3.example/rss.xml"))?.lastError).toBe(
      "no complete answer within 10 s",
    );
  });
});
