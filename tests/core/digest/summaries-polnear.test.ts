/**
 * Every summary of every week of PolNeAR train, composed from real articles through the real
 * extractor, reads as an editor would have it: one or two sentences, opening with the official's
 * label, quotation marks balanced, and nothing in it but the official's own reported words (no
 * fragment of the article's narration). The articles are read from ../shared at run time.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { composeDigest } from "../../../lambdas/core/digest/compose-digest.ts";
import { extractStatements } from "../../../lambdas/core/extraction/extract-statements.ts";
import type { Article, Digest, Official, StoredArticle } from "../../../lambdas/core/types.ts";

const TRAIN = fileURLToPath(new URL("../../../../shared/corpora/polnear/train/", import.meta.url));

/** The train articles with their dates, outlets and titles, each extracted once. */
function loadTrain(): StoredArticle[] {
  const [head, ...rows] = readFileSync(`${TRAIN}metadata.tsv`, "utf8")
    .trim()
    .split("\n")
    .map((l) => l.split("\t"));
  const col = (name: string) => head?.indexOf(name) ?? -1;
  return rows.map((row) => {
    const id = row[col("filename")] ?? "";
    const article: Article = {
      id: `${id}.json`,
      title: row[col("title")] ?? null,
      url: null,
      outlet: row[col("publisher")] ?? null,
      publishedAt: row[col("publication_date")] ?? null,
      body: readFileSync(`${TRAIN}text/${id}.txt`, "utf8"),
    };
    return { article, statements: extractStatements(article) };
  });
}

/** The Monday of a day's ISO week. */
function mondayOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

function plusDays(day: string, n: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

// Periods that end no sentence: "Sen.", "U.S.", "Mr.", a middle initial.
const ABBREVIATION =
  /(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|St|Jr|Sr|No|Inc|Corp|Co|vs|Ft|Mt)|\b\p{Lu}|\b(?:\p{Lu}\.)+\p{Lu}?)\.$/u;

function sentences(text: string): number {
  let n = 1;
  for (const m of text.matchAll(/[.!?…](?:["”’]|'')*\s+(?=["“‘]?\p{Lu})/gu)) {
    const upTo = text.slice(0, (m.index ?? 0) + 1);
    if (!ABBREVIATION.test(upTo)) n++;
  }
  return n;
}

function balanced(text: string): boolean {
  return (
    (text.match(/“/g) ?? []).length === (text.match(/”/g) ?? []).length &&
    (text.match(/"/g) ?? []).length % 2 === 0 &&
    (text.match(/''/g) ?? []).length % 2 === 0
  );
}

const squash = (s: string) => s.replace(/[“”"]/g, '"').replace(/\s+/g, " ").trim().toLowerCase();

/** What the summary says after its label and verb, as words to find in the official's statements. */
function reported(summary: string, label: string): string {
  // The verb goes, with its particle: "warned ", "pointed out ", "said: “".
  return summary
    .slice(label.length)
    .replace(/^,?\s*(?:spoke,\s*)?(?:[a-z]+(?::\s*“|\s(?:out\s)?))?/u, "")
    .replace(/[.!?…]?(?:["”’]|'')*\.?$/u, "")
    .replace(/[,;:]$/, "");
}

const FALLBACK = /^was quoted in \d+ articles? this week\.$/;

describe.skipIf(!existsSync(TRAIN))("summaries over every week of PolNeAR train", () => {
  const train = existsSync(TRAIN) ? loadTrain() : [];
  const weeks = [...new Set(train.map((a) => mondayOf(a.article.publishedAt ?? "")))].sort();
  const digests: Digest[] = weeks.map((from) =>
    composeDigest({ articles: train, from, to: plusDays(from, 6) }),
  );
  const officials: { week: string; official: Official }[] = digests.flatMap((d) =>
    d.officials.map((official) => ({ week: d.from, official })),
  );

  it("composes every week, with officials to summarise", () => {
    expect(weeks.length).toBeGreaterThan(20);
    expect(officials.length).toBeGreaterThan(200);
  });

  it("keeps every summary to one or two sentences that open with the official's label, quotes balanced", () => {
    const bad = officials.flatMap(({ week, official: o }) => {
      const s = o.summary;
      const labelled =
        s.startsWith(o.name) ||
        (o.title !== null && s.startsWith(`${o.title.charAt(0).toUpperCase()}${o.title.slice(1)} ${o.name}`));
      return labelled && balanced(s) && sentences(s) <= 2 ? [] : [`${week} ${o.name}: ${s}`];
    });
    expect(bad).toEqual([]);
  });

  it("says nothing in a summary but the official's own words, or the plain fallback", () => {
    const bad = officials.flatMap(({ week, official: o }) => {
      const title = o.title ? `${o.title.charAt(0).toUpperCase()}${o.title.slice(1)}` : "";
      // A long title follows the name, in the case it takes inside a sentence.
      const long = o.title ? `${o.name}, ${o.title},` : "";
      const label = o.summary.startsWith(`${title} ${o.name}`)
        ? `${title} ${o.name}`
        : long && o.summary.toLowerCase().startsWith(long.toLowerCase())
          ? o.summary.slice(0, long.length)
          : o.name;
      const rest = o.summary.slice(label.length).trim();
      if (FALLBACK.test(rest)) return [];
      const words = squash(reported(o.summary, label));
      const own = o.statements.some((st) => squash(st.text).includes(words));
      return words.length > 0 && own ? [] : [`${week} ${o.name}: ${o.summary}`];
    });
    expect(bad).toEqual([]);
  });
});
