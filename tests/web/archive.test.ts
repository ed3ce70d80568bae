import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Digest } from "../../lambdas/core/types.ts";
import type { StoredIssue } from "../../lambdas/ports.ts";
import { buildApp, type Emulators, PUBLIC_URL, startEmulators } from "./harness.ts";

let emulators: Emulators;

function issue(id: string, from: string, to: string, digest: Partial<Digest> = {}): StoredIssue {
  return {
    id,
    digest: { from, to, officials: [], ...digest },
    rendered: { subject: `onrecord, week of ${from}`, html: "<p>{{unsubscribeUrl}}</p>", text: "" },
    templateName: `onrecord-${id}`,
    composedAt: `${to}T23:00:00.000Z`,
  };
}

const source = (outlet: string, url: string | null) => ({
  article: `${outlet}.txt`,
  title: null,
  outlet,
  date: "2026-01-07",
  url,
});

const FULL = issue("2026-W02", "2026-01-05", "2026-01-11", {
  officials: [
    {
      name: "Ahn Gyu-back",
      title: "Defence Minister",
      affiliation: "South Korea",
      summary: "On deterrence and the forum.",
      statements: [
        {
          text: "We will answer any provocation",
          kind: "direct",
          sources: [source("Wire One", "https://news.example/a")],
        },
        {
          text: "the talks would continue",
          kind: "indirect",
          sources: [source("Daily Two", "javascript:alert(1)")],
        },
        { text: "third statement of the minister", kind: "mixed", sources: [source("Paper Three", null)] },
        {
          text: "the drills had been a mistake",
          kind: "indirect",
          sources: [source("Paper Three", null)],
          email: false,
          why: "earlier",
        },
      ],
    },
    {
      name: "<img src=x onerror=alert(1)>",
      title: "Spokesperson & Adviser",
      affiliation: null,
      summary: "",
      statements: [
        {
          text: '</blockquote><script>alert("quote")</script>',
          kind: "direct",
          sources: [source("Wire One", null)],
        },
      ],
    },
    ...["Third Official", "Fourth Official"].map((name) => ({
      name,
      title: null,
      affiliation: null,
      summary: "",
      statements: [{ text: `${name} spoke`, kind: "direct" as const, sources: [source("Wire One", null)] }],
    })),
  ],
  alsoQuoted: [
    {
      name: "Lena Ortiz",
      role: "political analyst at Coastal University",
      statements: [
        { text: "the minister had misread the room", kind: "indirect", sources: [source("Wire One", null)] },
      ],
    },
  ],
  others: [
    {
      name: "a senior military official",
      sourceType: "anonymous",
      statements: [{ text: "drills were planned", kind: "indirect", sources: [source("Wire One", null)] }],
    },
  ],
});

beforeAll(async () => {
  emulators = await startEmulators();
});
afterAll(() => emulators?.close());

describe("with no issue yet", () => {
  it("says so on the archive, the subscribe page and in an empty feed", async () => {
    const { app } = buildApp(emulators);
    expect(await (await app.request("/archive")).text()).toContain("No issue has been published yet");
    expect(await (await app.request("/")).text()).toContain("The first issue has not been published yet");
    const feed = await (await app.request("/feed.xml")).text();
    expect(feed).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(feed).not.toContain("<entry>");
  });
});

describe("with published issues", () => {
  beforeAll(async () => {
    await emulators.issues.putIfAbsent(issue("2025-W52", "2025-12-22", "2025-12-28"));
    await emulators.issues.putIfAbsent(FULL);
    await emulators.issues.putIfAbsent(issue("2026-W01", "2025-12-29", "2026-01-04"));
  });

  it("lists every issue on /archive, newest first, with its dates", async () => {
    const { app } = buildApp(emulators);
    const page = await (await app.request("/archive")).text();
    const ids = [...page.matchAll(/href="\/archive\/([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(["2026-W02", "2026-W01", "2025-W52"]);
    expect(page).toContain("5–11 January 2026");
    expect(page).toContain("29 December 2025 – 4 January 2026");
  });

  it("shows the whole issue: every official, every statement with its kind and sources, and the other sources", async () => {
    const { app } = buildApp(emulators);
    const response = await app.request("/archive/2026-W02");
    const page = await response.text();
    expect(response.status).toBe(200);
    for (const text of [
      "Ahn Gyu-back",
      "Defence Minister, South Korea",
      "Fourth Official",
      "third statement of the minister",
    ]) {
      expect(page).toContain(text);
    }
    expect(page).toContain("a senior military official");
    expect(page).toContain("drills were planned");
    expect(page).toMatch(/Quoted[\s\S]*Reported[\s\S]*Partly quoted/);
    expect(page).toContain('<a href="https://news.example/a" rel="nofollow noopener">Wire One</a>');
  });

  it("shows what the email left out, marked with why, and the people also quoted", async () => {
    const { app } = buildApp(emulators);
    const page = await (await app.request("/archive/2026-W02")).text();
    expect(page).toMatch(
      /class="not-in-email"[\s\S]*not in the email: said before this week[\s\S]*Ahn Gyu-back said the drills had been a mistake\./,
    );
    expect(page).toMatch(/Also quoted[\s\S]*Lena Ortiz[\s\S]*political analyst at Coastal University/);
    expect(page).toContain("Lena Ortiz said the minister had misread the room.");
  });

  it("escapes everything that came from an article, and links no script URL", async () => {
    const { app } = buildApp(emulators);
    const page = await (await app.request("/archive/2026-W02")).text();
    expect(page).not.toContain("<img src=x");
    expect(page).not.toContain("<script>");
    expect(page).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(page).toContain("Spokesperson &amp; Adviser");
    expect(page).not.toContain("javascript:");
    expect(page).toContain("Daily Two (2026-01-07)");
  });

  it("shows a sample of the latest issue on the subscribe page, linking to the whole of it", async () => {
    const { app } = buildApp(emulators);
    const page = await (await app.request("/")).text();
    expect(page).toContain('href="/archive/2026-W02"');
    expect(page).toContain("We will answer any provocation");
    expect(page).not.toContain("Fourth Official");
    expect(page).not.toContain("third statement of the minister");
  });

  it.each([
    ["an unknown week", "/archive/2030-W01"],
    ["a malformed id", "/archive/latest"],
    ["a path escape", "/archive/..%2F..%2Fetc%2Fpasswd"],
    ["markup", "/archive/%3Cscript%3E"],
  ])("answers %s with 404", async (_, path) => {
    const { app } = buildApp(emulators);
    const response = await app.request(path);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("<script>");
  });

  it("publishes an Atom feed of the issues with absolute links and escaped content", async () => {
    const { app } = buildApp(emulators);
    const response = await app.request("/feed.xml");
    const feed = await response.text();
    expect(response.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    expect(feed.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(feed.match(/<entry>/g)).toHaveLength(3);
    expect(feed).toContain(`<id>${PUBLIC_URL}/archive/2026-W02</id>`);
    expect(feed).toContain(`<link rel="self" type="application/atom+xml" href="${PUBLIC_URL}/feed.xml"/>`);
    expect(feed).toContain("<updated>2026-01-11T23:00:00.000Z</updated>");
    expect(feed).not.toMatch(/<script|<img/);
    expect(feed).toContain("&#38;#60;img src=x");
  });

  it.each(["/feed.xml", "/archive", "/archive/2026-W02", "/"])(
    "lets caches keep %s and answers a conditional GET with 304 and no body",
    async (path) => {
      const { app } = buildApp(emulators);
      const first = await app.request(path);
      const etag = first.headers.get("etag");
      const modified = first.headers.get("last-modified");
      expect(first.status).toBe(200);
      expect(first.headers.get("cache-control")).toBe(
        path === "/" ? "public, no-cache" : "public, max-age=300",
      );
      expect(etag).toMatch(/^"[^"]+"$/);
      expect(modified).toBe(new Date("2026-01-11T23:00:00.000Z").toUTCString());

      const unchanged = await app.request(path, { headers: { "if-none-match": etag as string } });
      expect(unchanged.status).toBe(304);
      expect(await unchanged.text()).toBe("");
      expect(unchanged.headers.get("etag")).toBe(etag);
      const since = await app.request(path, { headers: { "if-modified-since": modified as string } });
      expect(since.status).toBe(304);
      const stale = await app.request(path, { headers: { "if-none-match": '"something-else"' } });
      expect(stale.status).toBe(200);
      const older = await app.request(path, {
        headers: { "if-modified-since": new Date("2026-01-01T00:00:00Z").toUTCString() },
      });
      expect(older.status).toBe(200);
    },
  );
});

describe("with a long archive", () => {
  it("reads only the newest issues: the feed carries 20, and a new issue changes its ETag", async () => {
    const { app } = buildApp(emulators);
    const before = (await app.request("/feed.xml")).headers.get("etag");
    for (let week = 10; week < 40; week++) {
      const id = `2027-W${String(week).padStart(2, "0")}`;
      await emulators.issues.putIfAbsent(
        issue(id, "2027-03-01", `2027-${String(Math.floor(week / 4)).padStart(2, "0")}-07`),
      );
    }
    const response = await app.request("/feed.xml");
    const feed = await response.text();
    expect(feed.match(/<entry>/g)).toHaveLength(20);
    expect(feed).toContain("/archive/2027-W39</id>");
    expect(feed).not.toContain("/archive/2027-W19</id>");
    expect(response.headers.get("etag")).not.toBe(before);
  });
});
