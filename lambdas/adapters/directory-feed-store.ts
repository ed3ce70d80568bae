import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ArticleSink } from "../app/feeds/fetch-item.ts";
import { checkArticleFields } from "../core/article.ts";
import type { Article } from "../core/types.ts";
import type { FeedPollUpdate, FeedRecord, FeedStore, SeenItem } from "../ports.ts";

/** The file in `--out DIR` where `onrecord fetch` keeps what it has seen. */
export const STATE_FILE = ".onrecord-fetch.json";

interface State {
  feeds: Record<string, FeedRecord>;
  items: Record<string, SeenItem>;
}

/**
 * `onrecord fetch`'s memory, one JSON file in its output folder: each feed's ETag and
 * Last-Modified, and each item dealt with, so that a second run asks conditionally and says
 * `unchanged`. Written whole (to a temporary file, then renamed) after every change.
 */
export class DirectoryFeedStore implements FeedStore {
  private state: State | null = null;
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly dir: string) {}

  async add(url: string, now: Date): Promise<boolean> {
    const state = await this.load();
    if (state.feeds[url]) return false;
    state.feeds[url] = newFeedRecord(url, now);
    await this.save();
    return true;
  }

  async remove(url: string): Promise<boolean> {
    const state = await this.load();
    if (!state.feeds[url]) return false;
    delete state.feeds[url];
    await this.save();
    return true;
  }

  async list(): Promise<FeedRecord[]> {
    return Object.values((await this.load()).feeds);
  }

  async get(url: string): Promise<FeedRecord | null> {
    return (await this.load()).feeds[url] ?? null;
  }

  /** Every feed `fetch` is given is remembered: the folder is its own list. */
  async recordPoll(url: string, update: FeedPollUpdate): Promise<void> {
    const state = await this.load();
    state.feeds[url] = applyPoll(state.feeds[url] ?? newFeedRecord(url, new Date(update.polledAt)), update);
    await this.save();
  }

  async count(url: string, counts: Partial<FeedRecord["counts"]>): Promise<void> {
    const state = await this.load();
    const feed = state.feeds[url];
    if (!feed) return;
    feed.counts = addCounts(feed.counts, counts);
    await this.save();
  }

  async seen(links: readonly string[]): Promise<Set<string>> {
    const { items } = await this.load();
    return new Set(links.filter((l) => items[l]));
  }

  async markSeen(item: SeenItem): Promise<void> {
    (await this.load()).items[item.link] = item;
    await this.save();
  }

  private async load(): Promise<State> {
    if (this.state) return this.state;
    try {
      this.state = JSON.parse(await readFile(join(this.dir, STATE_FILE), "utf8")) as State;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      this.state = { feeds: {}, items: {} };
    }
    return this.state;
  }

  /** Writes the state, one write at a time (polls of several feeds run at once). */
  private save(): Promise<void> {
    this.writes = this.writes.then(async () => {
      await mkdir(this.dir, { recursive: true });
      const file = join(this.dir, STATE_FILE);
      await writeFile(`${file}.tmp`, `${JSON.stringify(this.state, null, 1)}\n`);
      await rename(`${file}.tmp`, file);
    });
    return this.writes;
  }
}

/** A feed just added: never polled. */
export function newFeedRecord(url: string, now: Date): FeedRecord {
  return {
    url,
    addedAt: now.toISOString(),
    etag: null,
    lastModified: null,
    lastPolledAt: null,
    lastError: null,
    links: [],
    counts: { seen: 0, stored: 0, skipped: 0 },
  };
}

/** A feed's record after a poll: validators and links replaced when the poll gave them. */
export function applyPoll(feed: FeedRecord, update: FeedPollUpdate): FeedRecord {
  return {
    ...feed,
    lastPolledAt: update.polledAt,
    lastError: update.error,
    ...(update.etag !== undefined && { etag: update.etag }),
    ...(update.lastModified !== undefined && { lastModified: update.lastModified }),
    ...(update.links !== undefined && { links: update.links }),
    ...(update.pending !== undefined && { pending: update.pending }),
    ...(update.title !== undefined && { title: update.title }),
    counts: addCounts(feed.counts, update.counts ?? {}),
  };
}

function addCounts(a: FeedRecord["counts"], b: Partial<FeedRecord["counts"]>): FeedRecord["counts"] {
  return {
    seen: a.seen + (b.seen ?? 0),
    stored: a.stored + (b.stored ?? 0),
    skipped: a.skipped + (b.skipped ?? 0),
  };
}

/**
 * Fetched articles as JSON files in a folder, in the form `onrecord digest --articles` reads;
 * each named after its canonical URL (readable, and unique by a short hash). Each is checked as
 * `digest --articles` will check it, so no file is written that it would refuse.
 */
export class DirectoryArticleSink implements ArticleSink {
  constructor(private readonly dir: string) {}

  /** @throws {ArticleFormatError} for a field over its limit. */
  async put(article: Article): Promise<"stored" | "unchanged"> {
    checkArticleFields(article.url ?? article.id, article);
    const file = join(this.dir, fileNameFor(article.url ?? article.id));
    const json = `${JSON.stringify(
      {
        title: article.title,
        url: article.url,
        outlet: article.outlet,
        publishedAt: article.publishedAt,
        body: article.body,
      },
      null,
      2,
    )}\n`;
    const existing = await readFile(file, "utf8").catch(() => null);
    if (existing === json) return "unchanged";
    await mkdir(this.dir, { recursive: true });
    await writeFile(file, json);
    return "stored";
  }
}

/** `news.example.org-2026-11-16-bridge-3f9a1c2b.json` for `https://news.example.org/2026/11/16/bridge`. */
export function fileNameFor(url: string): string {
  const { host, pathname, search } = new URL(url);
  const slug = `${host}${pathname}${search}`
    .replace(/\.(html?|php|aspx?)$/i, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 100);
  return `${slug}-${createHash("sha256").update(url).digest("hex").slice(0, 8)}.json`;
}
