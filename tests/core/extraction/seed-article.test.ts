import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseArticle } from "../../../lambdas/core/article.ts";
import { extractStatements } from "../../../lambdas/core/extraction/extract-statements.ts";

// The seed article and its gold digest are the project brief's own example (../shared/examples).
const shared = new URL("../../../../shared/examples/", import.meta.url);
const article = parseArticle({
  name: "seed-article.txt",
  bytes: readFileSync(new URL("seed-article.txt", shared)),
});
const gold = JSON.parse(readFileSync(new URL("seed-article.gold.json", shared), "utf8")) as {
  officials: { name: string; title: string; statements: { text: string }[] }[];
};

const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
function overlap(a: string, b: string): number {
  const left = words(a);
  const right = words(b);
  const pool = new Map<string, number>();
  for (const w of right) pool.set(w, (pool.get(w) ?? 0) + 1);
  let shared = 0;
  for (const w of left) {
    const n = pool.get(w) ?? 0;
    if (n > 0) {
      shared++;
      pool.set(w, n - 1);
    }
  }
  return (2 * shared) / (left.length + right.length);
}

describe("the seed article", () => {
  const statements = extractStatements(article);
  const cases = gold.officials.flatMap((o) => o.statements.map((s) => [o.name, o.title, s.text] as const));

  it.each(cases)("attributes to %s (%s): %s", (name, title, text) => {
    const found = statements.find((s) => overlap(s.text, text) >= 0.5 && s.speaker === name);
    expect(found, `no statement by ${name} matching "${text}"`).toBeDefined();
    expect(found?.title).toBe(title);
  });

  it("attributes nothing to any other person", () => {
    const people = new Set(statements.filter((s) => s.sourceType === "person").map((s) => s.speaker));
    expect([...people].sort()).toEqual(gold.officials.map((o) => o.name).sort());
  });

  it("reads the article's date from its prefix and never quotes the prefix", () => {
    expect(article.publishedAt).toBe("2025-12-29");
    expect(statements.every((s) => s.start >= "date 2025-12-29".length)).toBe(true);
  });
});
