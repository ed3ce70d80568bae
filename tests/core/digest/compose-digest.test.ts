import { describe, expect, it } from "vitest";
import { composeDigest } from "../../../lambdas/core/digest/compose-digest.ts";
import { storedArticle } from "./fixtures.ts";

const articles = [
  storedArticle({
    id: "forum.txt",
    date: "2026-11-16",
    title: "Minister warns of dangerous phase",
    url: "https://example.org/forum",
    outlet: "Example Daily",
    statements: [
      {
        text: "We are ready to respond to any provocation",
        speaker: "Han Tae-woo",
        title: "Defence Minister",
        affiliation: "South Korea",
      },
      {
        text: "the missiles flew about 600 kilometres",
        speaker: null,
        title: "a senior military official",
        sourceType: "anonymous",
        kind: "indirect",
      },
    ],
  }),
  storedArticle({
    id: "wire.json",
    date: "2026-11-17",
    outlet: "Example Wire",
    statements: [
      { text: "We are ready to respond to any provocation", speaker: "Han", title: "Defense Minister" },
    ],
  }),
];

describe("composeDigest", () => {
  it("produces the digest contract: officials with title, summary and statements with their sources", () => {
    const digest = composeDigest({ articles, from: "2026-11-16", to: "2026-11-22" });
    expect(digest).toMatchObject({
      from: "2026-11-16",
      to: "2026-11-22",
      officials: [
        {
          name: "Han Tae-woo",
          title: "Defence Minister",
          affiliation: "South Korea",
          summary: expect.stringMatching(
            /^Defence Minister Han Tae-woo said: “We are ready to respond to any provocation\.”$/,
          ),
          statements: [
            {
              text: "We are ready to respond to any provocation",
              kind: "direct",
              sources: [
                {
                  article: "forum.txt",
                  title: "Minister warns of dangerous phase",
                  outlet: "Example Daily",
                  date: "2026-11-16",
                  url: "https://example.org/forum",
                },
                { article: "wire.json", title: null, outlet: "Example Wire", date: "2026-11-17", url: null },
              ],
            },
          ],
        },
      ],
      others: [{ name: "A senior military official", sourceType: "anonymous" }],
      stats: { articles: 2, statements: 3, offRecord: 0, doubtful: 0, merged: 1 },
    });
  });

  it("does not change the articles it is given", () => {
    const before = structuredClone(articles);
    composeDigest({ articles, from: "2026-11-16", to: "2026-11-22" });
    expect(articles).toEqual(before);
  });

  it("composes an empty digest from an empty window", () => {
    expect(composeDigest({ articles: [], from: "2026-11-16", to: "2026-11-22" })).toEqual({
      from: "2026-11-16",
      to: "2026-11-22",
      officials: [],
      alsoQuoted: [],
      others: [],
      stats: { articles: 0, statements: 0, offRecord: 0, doubtful: 0, merged: 0 },
    });
  });
});
