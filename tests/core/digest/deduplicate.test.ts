import { describe, expect, it } from "vitest";
import { composeDigest } from "../../../lambdas/core/digest/compose-digest.ts";
import type { StoredArticle } from "../../../lambdas/core/types.ts";
import { type StatementSpec, storedArticle } from "./fixtures.ts";

const HAN = { speaker: "Han Tae-woo", title: "Defence Minister" };
const outlet = (id: string, ...statements: StatementSpec[]) =>
  storedArticle({
    id,
    date: "2026-11-17",
    outlet: `Outlet ${id}`,
    statements: statements.map((s) => ({ ...HAN, ...s })),
  });

const statementsOf = (articles: StoredArticle[]) =>
  composeDigest({ articles, from: "2026-11-16", to: "2026-11-22" }).officials.flatMap((o) =>
    o.statements.map((s) => ({ text: s.text, articles: s.sources.map((x) => x.article) })),
  );

describe("deduplicating statements", () => {
  it("makes one statement of the same quote carried by several outlets, listing every article", () => {
    const quote =
      "We are watching every move across the border, and we are ready to respond to any provocation";
    const statements = statementsOf([
      outlet("a.txt", { text: quote }),
      outlet("b.json", { text: quote }),
      outlet("c.txt", { text: quote }),
    ]);
    expect(statements).toEqual([{ text: quote, articles: ["a.txt", "b.json", "c.txt"] }]);
  });

  it.each([
    [
      "punctuation and spelling",
      "The defense budget must grow, and it must grow this year.",
      "The defence budget must grow and it must grow this year",
    ],
    [
      "a rewording of its reporting words",
      "the launches were a deliberate test of our resolve",
      "the launches had been a deliberate test of our resolve",
    ],
    [
      "a partial quote inside the fuller rendering",
      "the ministry would expand joint drills with the United States next spring, he said",
      "expand joint drills with the United States next spring",
    ],
    [
      "a rewrite around the same quoted words",
      'that the security situation around the Korean Peninsula had entered "a more dangerous phase," pointing to a new round of missile launches by North Korea',
      "that the security situation on the Korean Peninsula had entered “a more dangerous phase” after a fresh series of North Korean missile launches",
    ],
  ])("merges near-identical renderings differing by %s", (_, first, second) => {
    const kind = first.includes('"') ? ("mixed" as const) : ("indirect" as const);
    const statements = statementsOf([
      outlet("a.txt", { text: first, kind }),
      outlet("b.txt", { text: second, kind }),
    ]);
    expect(statements).toHaveLength(1);
    expect(statements[0]?.articles).toEqual(["a.txt", "b.txt"]);
  });

  it.each([
    ["short statements sharing only function words", "We are ready to respond", "We are ready to talk"],
    [
      "statements on the same subject",
      "The budget will grow by five percent",
      "The budget will shrink next year after the election",
    ],
  ])("keeps apart %s", (_, first, second) => {
    expect(statementsOf([outlet("a.txt", { text: first }), outlet("b.txt", { text: second })])).toHaveLength(
      2,
    );
  });

  it("joins one utterance split by its attribution within an article", () => {
    const body =
      '"I love these libraries as much as anyone," Reyes said at the meeting. "But love does not pay the heating bill."';
    const article = storedArticle({
      id: "city.txt",
      date: "2026-11-20",
      body,
      statements: [
        { text: "I love these libraries as much as anyone,", speaker: "Daniel Reyes", title: "Mayor" },
        { text: "But love does not pay the heating bill.", speaker: "Daniel Reyes", title: "Mayor" },
      ],
    });
    expect(statementsOf([article])).toEqual([
      {
        text: "I love these libraries as much as anyone. But love does not pay the heating bill.",
        articles: ["city.txt"],
      },
    ]);
  });

  it("keeps two quotes of one speaker in different paragraphs apart", () => {
    const body =
      '"Deterrence is not a slogan," Han said.\n\n"We will not let that discipline slip," he added.';
    const article = storedArticle({
      id: "forum.txt",
      date: "2026-11-16",
      body,
      statements: [
        { text: "Deterrence is not a slogan,", ...HAN },
        { text: "We will not let that discipline slip,", ...HAN },
      ],
    });
    expect(statementsOf([article])).toHaveLength(2);
  });

  it("drops a part given again inside the whole statement in the same article", () => {
    const body =
      "Pena Nieto said he had told Trump at the start of the meeting that Mexico would not pay for a wall.";
    const article = storedArticle({
      id: "mexico.txt",
      date: "2026-11-18",
      body,
      statements: [
        {
          text: "he had told Trump at the start of the meeting that Mexico would not pay for a wall",
          speaker: "Enrique Pena Nieto",
          title: "Mexican President",
          kind: "indirect",
        },
        {
          text: "Mexico would not pay for a wall",
          speaker: "Enrique Pena Nieto",
          title: "Mexican President",
          kind: "indirect",
        },
      ],
    });
    expect(statementsOf([article]).map((s) => s.text)).toEqual([
      "he had told Trump at the start of the meeting that Mexico would not pay for a wall",
    ]);
  });

  it("shows the most direct rendering of a merged statement", () => {
    const statements = statementsOf([
      outlet("a.txt", { text: "the launches were a deliberate test of our resolve", kind: "indirect" }),
      outlet("b.txt", { text: "The launches were a deliberate test of our resolve", kind: "direct" }),
    ]);
    expect(statements).toEqual([
      { text: "The launches were a deliberate test of our resolve", articles: ["a.txt", "b.txt"] },
    ]);
  });

  it("counts the statements it merged", () => {
    const quote = "The door to dialogue remains open";
    const digest = composeDigest({
      articles: [
        outlet("a.txt", { text: quote }),
        outlet("b.txt", { text: quote }),
        outlet("c.txt", { text: "Another thing entirely" }),
      ],
      from: "2026-11-16",
      to: "2026-11-22",
    });
    expect(digest.stats).toEqual({ articles: 3, statements: 3, offRecord: 0, doubtful: 0, merged: 1 });
  });
});

describe("an untitled article's sources", () => {
  it("stand for it by its opening words, past the plain-text date prefix", () => {
    const quote = "We are ready to respond to any provocation";
    const article = storedArticle({
      id: "forum.txt",
      date: "2026-11-17",
      body: `date 2026-11-17 SEOUL — Defence Minister Han Tae-woo warned of new launches on Tuesday. "${quote}," Han said.`,
      statements: [{ ...HAN, text: quote }],
    });
    const digest = composeDigest({ articles: [article], from: "2026-11-16", to: "2026-11-22" });
    const lead = digest.officials[0]?.statements[0]?.sources[0]?.lead;
    expect(lead).toBe("SEOUL — Defence Minister Han Tae-woo warned of new launches …");
  });
});
