import robotsModule from "robots-parser";
import { FetchError, type HopWrapper, type HttpClient, type HttpResponse } from "../../ports.ts";

/** The name onrecord gives itself: robots.txt rules for `onrecord` (or `*`) apply to it. */
export const USER_AGENT = "onrecord/0.1 (weekly digest of what officials said on the record; feed reader)";
const ROBOTS_TOKEN = "onrecord";
// robots-parser is CommonJS (`module.exports = robotsParser`) but types itself as a default export.
const robotsParser = robotsModule as unknown as typeof robotsModule.default;

export interface PoliteOptions {
  /** Between two requests to one host (1 s); a longer `Crawl-delay` in robots.txt wins. */
  delayMs?: number;
  /** How long a host's robots.txt is trusted (24 h); one that could not be read, 10 minutes. */
  robotsTtlMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface Robots {
  isAllowed: (url: string, ua?: string) => boolean | undefined;
  crawlDelayMs: number;
  until: number;
}

const DAY_MS = 86_400_000;

/**
 * Fetching as a good guest: robots.txt honoured (read once per host and kept up to a day), at most
 * one request at a time per host, spaced by a delay, under a User-Agent that names onrecord. A
 * robots.txt that is missing (4xx) allows everything; one the host fails to serve (5xx, no answer)
 * allows nothing until it is asked again (RFC 9309).
 */
export class PoliteClient implements HttpClient {
  private readonly robots = new Map<string, Robots>();
  // A host's robots.txt being read: requests to it meanwhile wait for that one read, not a read each.
  private readonly reading = new Map<string, Promise<Robots>>();
  private readonly hosts = new Map<string, { tail: Promise<unknown>; last: number }>();
  private readonly delayMs: number;
  private readonly robotsTtlMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly http: HttpClient,
    options: PoliteOptions = {},
  ) {
    this.delayMs = options.delayMs ?? 1000;
    this.robotsTtlMs = options.robotsTtlMs ?? DAY_MS;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /**
   * GETs a URL robots.txt allows, in its host's turn; a redirect is followed the same way, to
   * whichever host it points at (a feed's links often pass through a tracking host first).
   * @throws {FetchError} (permanent) when robots.txt disallows it, or as the HTTP client does.
   */
  async get(url: string, headers: Record<string, string> = {}, eachHop?: HopWrapper): Promise<HttpResponse> {
    return this.http.get(url, headers, async (hop, send) => {
      const robots = await this.robotsFor(hop);
      if (robots.isAllowed(hop, ROBOTS_TOKEN) === false)
        throw new FetchError(hop, "robots.txt disallows it", true);
      return this.inTurn(hop, robots.crawlDelayMs, () => (eachHop ? eachHop(hop, send) : send()));
    });
  }

  private async robotsFor(url: string): Promise<Robots> {
    const origin = new URL(url).origin;
    const cached = this.robots.get(origin);
    if (cached && cached.until > this.now()) return cached;
    const pending = this.reading.get(origin) ?? this.readRobots(url, origin);
    this.reading.set(origin, pending);
    try {
      return await pending;
    } finally {
      this.reading.delete(origin);
    }
  }

  private async readRobots(url: string, origin: string): Promise<Robots> {
    const robotsUrl = `${origin}/robots.txt`;
    let robots: Robots;
    try {
      const response = await this.inTurn(url, this.delayMs, () => this.http.get(robotsUrl));
      if (response.status >= 200 && response.status < 300) {
        const parsed = robotsParser(robotsUrl, Buffer.from(response.body).toString("utf8"));
        const crawlDelay = parsed.getCrawlDelay(ROBOTS_TOKEN) ?? 0;
        robots = {
          isAllowed: (u, ua) => parsed.isAllowed(u, ua),
          crawlDelayMs: Math.min(Math.max(crawlDelay * 1000, this.delayMs), 60_000),
          until: this.now() + this.robotsTtlMs,
        };
      } else if (response.status >= 400 && response.status < 500) {
        robots = { isAllowed: () => true, crawlDelayMs: this.delayMs, until: this.now() + this.robotsTtlMs };
      } else robots = this.unavailable();
    } catch (error) {
      if (error instanceof FetchError && error.permanent) throw error;
      robots = this.unavailable();
    }
    this.robots.set(origin, robots);
    return robots;
  }

  private unavailable(): Robots {
    return { isAllowed: () => false, crawlDelayMs: this.delayMs, until: this.now() + 10 * 60_000 };
  }

  /** Runs `work` when the host's previous request has finished and its delay has passed. */
  private inTurn<T>(url: string, delayMs: number, work: () => Promise<T>): Promise<T> {
    const host = new URL(url).host;
    const slot = this.hosts.get(host) ?? { tail: Promise.resolve(), last: Number.NEGATIVE_INFINITY };
    const run = slot.tail.then(async () => {
      const wait = slot.last + delayMs - this.now();
      if (wait > 0) await this.sleep(wait);
      try {
        return await work();
      } finally {
        slot.last = this.now();
      }
    });
    slot.tail = run.catch(() => {});
    this.hosts.set(host, slot);
    return run;
  }
}
