import { describe, expect, it } from "vitest";
import { composeDigest, DigestWindowError } from "../../../lambdas/core/digest/compose-digest.ts";
import { storedArticle } from "./fixtures.ts";

const quote = "We will hold the line on spending this year";
const dated = (id: string, date: string | null) =>
  storedArticle({
    id,
    date,
    statements: [{ text: `${quote} (${id})`, speaker: "Helen Okafor", title: "Budget Director" }],
  });

const articleIds = (digest: ReturnType<typeof composeDigest>) =>
  digest.officials.flatMap((o) => o.statements.flatMap((s) => s.sources.map((src) => src.article))).sort();

describe("gathering the window", () => {
  it("takes the articles dated from the first to the last day, both included", () => {
    // Prepare
    const articles = ["2026-11-15", "2026-11-16", "2026-11-19", "2026-11-22", "2026-11-23"].map((d) =>
      dated(`${d}.txt`, d),
    );
    // Act
    const digest = composeDigest({ articles, from: "2026-11-16", to: "2026-11-22" });
    // Assess
    expect(articleIds(digest)).toEqual(["2026-11-16.txt", "2026-11-19.txt", "2026-11-22.txt"]);
    expect(digest.stats?.articles).toBe(3);
  });

  it.each([
    ["UTC", "2026-11-22T20:00:00Z", true],
    // 20:00 UTC on Sunday is already Monday in Seoul: next week's news there.
    ["Asia/Seoul", "2026-11-22T20:00:00Z", false],
    ["Asia/Seoul", "2026-11-15T16:00:00Z", true],
    ["America/New_York", "2026-11-16T03:00:00Z", false],
  ])("places a timestamped article on its day in the window's time zone (%s, %s)", (timeZone, at, inside) => {
    const digest = composeDigest({
      articles: [dated("wire.json", at)],
      from: "2026-11-16",
      to: "2026-11-22",
      timeZone,
    });
    expect(digest.officials.length > 0).toBe(inside);
  });

  it("leaves out articles with no date rather than guessing one", () => {
    const digest = composeDigest({
      articles: [dated("undated.txt", null)],
      from: "2026-11-16",
      to: "2026-11-22",
    });
    expect(digest.officials).toEqual([]);
    expect(digest.stats).toEqual({ articles: 0, statements: 0, offRecord: 0, doubtful: 0, merged: 0 });
  });

  it.each([
    ["2026-11-16", "2026-11-15", /after/],
    ["2026-13-01", "2026-13-07", /from must be a date/],
    ["2026-02-01", "2026-02-30", /to must be a date/],
    ["16/11/2026", "2026-11-22", /YYYY-MM-DD/],
  ])("refuses the window %s..%s with a clear error", (from, to, message) => {
    expect(() => composeDigest({ articles: [], from, to })).toThrow(DigestWindowError);
    expect(() => composeDigest({ articles: [], from, to })).toThrow(message);
  });

  it("refuses an unknown time zone", () => {
    expect(() =>
      composeDigest({ articles: [], from: "2026-11-16", to: "2026-11-22", timeZone: "Mars/Olympus" }),
    ).toThrow(/unknown time zone "Mars\/Olympus"/);
  });
});
