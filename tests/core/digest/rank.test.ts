import { describe, expect, it } from "vitest";
import { composeDigest } from "../../../lambdas/core/digest/compose-digest.ts";
import type { Digest, StoredArticle } from "../../../lambdas/core/types.ts";
import { type StatementSpec, storedArticle } from "./fixtures.ts";

const article = (id: string, ...statements: StatementSpec[]) =>
  storedArticle({ id, date: "2026-11-18", outlet: `Outlet ${id}`, statements });
const compose = (articles: StoredArticle[], previous: Digest | null = null) =>
  composeDigest({ articles, from: "2026-11-16", to: "2026-11-22", previous });

const PARK = { speaker: "Park Min-seo", title: "Trade Minister" };
const HOLT = { speaker: "Karen Holt", title: "Trade Representative" };
const TARIFFS = "Unilateral tariffs on memory chips would hurt workers in both our countries";
const PROGRESS = "We have made progress on the dispute over memory chips but we are not there yet";

describe("ranking", () => {
  it("puts the official quoted in more articles first", () => {
    const digest = compose([
      article("a.txt", { text: PROGRESS, ...HOLT }, { text: TARIFFS, ...PARK }),
      article("b.txt", {
        text: "Seoul is prepared to offer a phased reduction of its duties on farm goods",
        ...PARK,
      }),
      article("c.txt", { text: "The talks were frank, long and useful for both delegations", ...PARK }),
    ]);
    expect(digest.officials.map((o) => o.name)).toEqual(["Park Min-seo", "Karen Holt"]);
  });

  it("puts a statement repeated across outlets before a fuller one carried once", () => {
    const repeated = "Tariffs would hurt workers in both countries";
    const once =
      "The farmers of the southern provinces will be informed at every single step of the long negotiation with Washington";
    const digest = compose([
      article("a.txt", { text: once, ...PARK }, { text: repeated, ...PARK }),
      article("b.txt", { text: repeated, ...PARK }),
    ]);
    expect(digest.officials[0]?.statements.map((s) => s.text)).toEqual([repeated, once]);
  });

  it("puts a substantive statement before a two-word fragment", () => {
    const digest = compose([article("a.txt", { text: "frank talks", ...PARK }, { text: TARIFFS, ...PARK })]);
    expect(digest.officials[0]?.statements[0]?.text).toBe(TARIFFS);
  });

  it("puts what is new before what the previous issue already carried", () => {
    const fresh = "Seoul is prepared to offer a phased reduction of its duties on farm goods";
    const previous: Digest = {
      from: "2026-11-09",
      to: "2026-11-15",
      officials: [
        {
          name: "Park Min-seo",
          title: "Trade Minister",
          affiliation: null,
          summary: "",
          statements: [{ text: TARIFFS, kind: "direct", sources: [] }],
        },
      ],
    };
    const articles = [
      article("a.txt", { text: TARIFFS, ...PARK }, { text: fresh, ...PARK }),
      article("b.txt", { text: TARIFFS, ...PARK }),
    ];
    expect(compose(articles).officials[0]?.statements[0]?.text).toBe(TARIFFS);
    expect(compose(articles, previous).officials[0]?.statements.map((s) => s.text)).toEqual([fresh, TARIFFS]);
  });
});

describe("summaries", () => {
  it.each([
    [
      "reported speech, with its reporting verb",
      [
        {
          text: "of a growing security instability around the peninsula",
          kind: "indirect" as const,
          cue: "warned",
        },
      ],
      "Defence Minister Ahn Gyu-back warned of a growing security instability around the peninsula.",
    ],
    [
      "a quote when nothing was reported",
      [
        {
          text: "The door to dialogue remains open. We urge the North to walk through it.",
          kind: "direct" as const,
        },
      ],
      "Defence Minister Ahn Gyu-back said: “The door to dialogue remains open.”",
    ],
    [
      "a quote, past one that opens with a question",
      [
        { text: "Who pays for the bridge? Not the taxpayers of this city.", kind: "direct" as const },
        { text: "The bridge will open in May.", kind: "direct" as const },
      ],
      "Defence Minister Ahn Gyu-back said: “The bridge will open in May.”",
    ],
    [
      "its most important clean reported clause, nothing else",
      [
        { text: "he would seek dialogue with Pyongyang", kind: "indirect" as const, cue: "said" },
        { text: "Cooperation between North Korea and Russia is a grave challenge", kind: "direct" as const },
        { text: "Talks with the United States and North Korea must go on", kind: "direct" as const },
      ],
      "Defence Minister Ahn Gyu-back said he would seek dialogue with Pyongyang.",
    ],
    [
      "a plain fallback when nothing clean was said",
      [
        {
          text: "Asked about the misinformation, Trump's campaign manager did not apologize",
          kind: "indirect" as const,
        },
        { text: "Do I, Islam and Christianity", kind: "indirect" as const },
      ],
      "Defence Minister Ahn Gyu-back was quoted in 1 article this week.",
    ],
  ])("sums an official up in one sentence from %s", (_, statements, summary) => {
    const digest = compose([
      article(
        "a.txt",
        ...statements.map((s) => ({ ...s, speaker: "Ahn Gyu-back", title: "Defence Minister" })),
      ),
    ]);
    expect(digest.officials[0]?.summary).toBe(summary);
  });
});
