import { describe, expect, it } from "vitest";
import { composeDigest } from "../../../lambdas/core/digest/compose-digest.ts";
import type { StoredArticle } from "../../../lambdas/core/types.ts";
import { type StatementSpec, storedArticle } from "./fixtures.ts";

let n = 0;
/** One article per statement, so that resolution has to work across articles. */
const articlesOf = (...specs: StatementSpec[]): StoredArticle[] =>
  specs.map((s) => storedArticle({ id: `a${++n}.txt`, date: "2026-11-17", statements: [s] }));

const compose = (articles: StoredArticle[]) =>
  composeDigest({ articles, from: "2026-11-16", to: "2026-11-22" });
const officials = (articles: StoredArticle[]) =>
  compose(articles).officials.map((o) => ({ name: o.name, title: o.title, statements: o.statements.length }));

describe("resolving officials across articles", () => {
  it("makes one official of a full name, the bare family name and a title with the other spelling", () => {
    const articles = articlesOf(
      {
        text: "The situation is more unstable than ever",
        speaker: "Ahn Gyu-back",
        title: "Defence Minister",
      },
      { text: "Deterrence depends on training and trust", speaker: "Ahn Gyu-back", title: null },
      { text: "We will expand joint drills next spring", speaker: "Ahn", title: "Defense Minister" },
    );
    expect(officials(articles)).toEqual([{ name: "Ahn Gyu-back", title: "Defence Minister", statements: 3 }]);
  });

  it("keeps two people who share a surname apart", () => {
    const articles = articlesOf(
      { text: "Love does not pay the heating bill", speaker: "Daniel Reyes", title: "Mayor" },
      { text: "That branch is the only quiet room they have", speaker: "Maria Reyes", title: "Councilwoman" },
    );
    expect(
      officials(articles)
        .map((o) => o.name)
        .sort(),
    ).toEqual(["Daniel Reyes", "Maria Reyes"]);
  });

  it.each([
    ["a matching title", "Councilwoman", "Maria Reyes"],
    ["the other's title", "Mayor", "Daniel Reyes"],
  ])("gives a bare shared surname to the person with %s", (_, title, expected) => {
    const articles = articlesOf(
      { text: "Love does not pay the heating bill", speaker: "Daniel Reyes", title: "Mayor" },
      { text: "That branch is the only quiet room they have", speaker: "Maria Reyes", title: "Councilwoman" },
      { text: "We should be asking how to fill those rooms", speaker: "Reyes", title },
    );
    expect(officials(articles).find((o) => o.name === expected)?.statements).toBe(2);
  });

  it("leaves a bare surname that could mean either of two people with neither, and no official", () => {
    const articles = articlesOf(
      { text: "Love does not pay the heating bill", speaker: "Daniel Reyes", title: "Mayor" },
      { text: "That branch is the only quiet room they have", speaker: "Maria Reyes", title: "Councilwoman" },
      { text: "We should be asking how to fill those rooms", speaker: "Reyes", title: null },
    );
    expect(
      officials(articles)
        .map((o) => o.name)
        .sort(),
    ).toEqual(["Daniel Reyes", "Maria Reyes"]);
    expect(officials(articles).find((o) => o.name === "Daniel Reyes")?.statements).toBe(1);
    expect(officials(articles).find((o) => o.name === "Maria Reyes")?.statements).toBe(1);
  });

  it.each([
    ["a middle name", "Hillary Rodham Clinton", "Hillary Clinton"],
    ["a middle initial", "Donald J. Trump", "Donald Trump"],
    ["an honorific", "Mr. Lee Jun-ho", "Lee Jun-ho"],
    ["the family name last", "Gyu-back Ahn", "Ahn Gyu-back"],
    ["a role written before the name", "Councilwoman Maria Reyes", "Maria Reyes"],
  ])("recognises the same person written with %s", (_, variant, canonical) => {
    const articles = articlesOf(
      { text: "The first statement of the week on schools", speaker: canonical, title: "Mayor" },
      { text: "Another statement on roads and bridges", speaker: canonical },
      { text: "A third statement about the budget", speaker: variant },
    );
    expect(officials(articles)).toEqual([expect.objectContaining({ name: canonical, statements: 3 })]);
  });

  it("keeps the most informative title and the affiliation named most often", () => {
    const articles = articlesOf(
      {
        text: "We are ready to respond",
        speaker: "Han Tae-woo",
        title: "Minister",
        affiliation: "South Korea",
      },
      { text: "The launches were a deliberate test", speaker: "Han Tae-woo", title: "Defense Minister" },
      {
        text: "Early warning buys time",
        speaker: "Han Tae-woo",
        title: "Defence Minister",
        affiliation: "South Korea",
      },
      {
        text: "The ministry wants a larger budget",
        speaker: "Han Tae-woo",
        title: "former general",
        affiliation: "Seoul",
      },
    );
    const [official] = compose(articles).officials;
    expect(official).toMatchObject({
      name: "Han Tae-woo",
      title: "Defence Minister",
      affiliation: "South Korea",
    });
  });

  it.each([
    [
      "an agency",
      { speaker: "Korean Central News Agency", sourceType: "organisation" as const },
      "Korean Central News Agency",
    ],
    ["a poll", { speaker: "Gallup poll", sourceType: "organisation" as const }, "Gallup poll"],
    [
      "an unnamed source",
      { speaker: null, title: "a senior military official", sourceType: "anonymous" as const },
      "A senior military official",
    ],
    ["nobody known", { speaker: null, sourceType: "unknown" as const }, "Unattributed"],
  ])("leaves %s out of the officials, under others", (_, source, name) => {
    const digest = compose(articlesOf({ text: "The launches were a routine exercise", ...source }));
    expect(digest.officials).toEqual([]);
    expect(digest.others?.map((o) => o.name)).toEqual([name]);
    expect(digest.others?.[0]?.statements[0]?.text).toBe("The launches were a routine exercise");
  });

  it("does not take the role of the next person in a list for the name before it", () => {
    const article = storedArticle({
      id: "list.txt",
      date: "2026-11-17",
      body: "Senator Ana Cole and Ben Ortiz, and Republican Gov. Sam Park, backed the vote. Ortiz said the count was fair.",
      statements: [{ text: "the count was fair", speaker: "Ben Ortiz", kind: "indirect" }],
    });
    const digest = compose([article]);
    const roles = [
      ...digest.officials.map((p) => [p.name, p.title]),
      ...(digest.alsoQuoted ?? []).map((p) => [p.name, p.role]),
    ];
    expect(roles).toHaveLength(1);
    expect(roles[0]?.[0]).toBe("Ben Ortiz");
    expect(String(roles[0]?.[1])).not.toMatch(/Gov/);
  });

  it("does not give a lone given name from one article to a full name it opens in another", () => {
    const articles = [
      ...articlesOf({ text: "We are ready for the vote", speaker: "Al Franken", title: "Senator" }),
      storedArticle({
        id: "from.txt",
        date: "2026-11-18",
        body: '"We lost three elections in a row," said Al From, who founded the council.',
        statements: [{ text: "We lost three elections in a row", speaker: "Al" }],
      }),
    ];
    const franken = officials(articles).find((o) => o.name === "Al Franken");
    expect(franken?.statements).toBe(1);
  });

  it.each([["a retired teacher"], ["literary agent"], ["the singer's talent agent"]])(
    "lists a person in a private role (%s) under also quoted, never as an official",
    (title) => {
      const digest = compose(
        articlesOf({
          text: "The launches were a routine exercise",
          speaker: "Jane Doe",
          title,
        }),
      );
      expect(digest.officials).toEqual([]);
      expect(digest.alsoQuoted?.map((p) => [p.name, p.statements[0]?.text])).toEqual([
        ["Jane Doe", "The launches were a routine exercise"],
      ]);
    },
  );

  describe("one identity per person across the window", () => {
    const WORDS = [
      "The bridge will reopen in March",
      "Nobody in this chamber wants a shutdown",
      "Our farmers deserve the drought money now",
    ];
    it.each([
      [
        "an initial, a suffix, a diminutive and the bare surname",
        ["Joseph R. Biden Jr.", "Joe Biden", "Biden"],
      ],
      ["a middle name", ["Hillary Rodham Clinton", "Hillary Clinton", "Clinton"]],
      ["words a sentence puts before the name", ["Dana Fox", "Billionaire Dana Fox", "Fox"]],
      ["a shortened given name", ["Jennifer Palmieri", "Jen Palmieri", "Palmieri"]],
    ])("makes one official of %s", (_, forms) => {
      const articles = articlesOf(
        ...forms.map((speaker, i) => ({
          text: WORDS[i] ?? "",
          speaker,
          title: "Senator",
        })),
      );
      const listed = officials(articles);
      expect(listed).toHaveLength(1);
      expect(listed[0]?.statements).toBe(3);
      expect(forms).toContain(listed[0]?.name);
    });

    it("keeps a son apart from his father when one article quotes both", () => {
      const article = storedArticle({
        id: "family.txt",
        date: "2026-11-17",
        statements: [
          { text: "We will win this state", speaker: "Donald Trump", title: "Candidate" },
          { text: "My father will carry Ohio", speaker: "Donald Trump Jr.", title: "Trump campaign adviser" },
        ],
      });
      expect(
        officials([article])
          .map((o) => o.name)
          .sort(),
      ).toEqual(["Donald Trump", "Donald Trump Jr."]);
    });

    it("gives a bare surname two people share to the one its own article names in full", () => {
      const articles = [
        ...articlesOf(
          { text: "We will win Ohio", speaker: "Donald Trump", title: "Candidate" },
          { text: "My father is ready", speaker: "Ivanka Trump", title: "Trump campaign adviser" },
        ),
        storedArticle({
          id: "ohio.txt",
          date: "2026-11-18",
          body: "Donald J. Trump spoke in Dayton on Tuesday. Trump said the plant would reopen.",
          statements: [{ text: "the plant would reopen", speaker: "Trump", kind: "indirect" }],
        }),
      ];
      const listed = officials(articles);
      expect(listed.find((o) => o.name === "Donald Trump")?.statements).toBe(2);
      expect(listed.map((o) => o.name).sort()).toEqual(["Donald Trump", "Ivanka Trump"]);
    });
  });
});
