import { describe, expect, it } from "vitest";
import { type Attribution, findCandidates } from "../../../lambdas/core/extraction/candidates.ts";
import type { CuedDoc } from "../../../lambdas/core/extraction/cues.ts";
import { selectAttributions, withoutReportsWithinReports } from "../../../lambdas/core/extraction/select.ts";
import { allWords, cued, extract, phrase } from "./helpers.ts";

/** A candidate as a reader checks it: how it was found, who said it, what. */
const read = (doc: CuedDoc, a: Attribution) => ({
  via: `${a.via.source}/${a.via.content}`,
  speaker: phrase(doc, a.mention),
  content: allWords(doc, a.parts)?.join(" … "),
});

/**
 * Selects among the text's candidates; `scores` gives a probability to the candidates a reading
 * names ("inverted/before" or "inverted/before Corbett"), every other candidate 0.
 */
function select(text: string, scores?: Record<string, number>, pass = (_: CuedDoc, a: Attribution[]) => a) {
  const doc = cued(text);
  const candidates = findCandidates(doc);
  const probability = scores
    ? new Map(
        candidates.flat(2).map((a) => {
          const { via, speaker } = read(doc, a);
          return [a, scores[`${via} ${speaker}`] ?? scores[via] ?? 0] as const;
        }),
      )
    : undefined;
  const chosen = selectAttributions(doc, candidates, probability)
    .flat()
    .map((a) => ({ ...a, score: probability?.get(a) }));
  return pass(doc, chosen).map((a) => read(doc, a));
}

describe("selectAttributions without scores: the rules' choice for every cue", () => {
  it.each([
    [
      "the whole clause after the verb",
      "Mayor Ines Corbett said the budget was balanced -- and the hall fell silent.",
      [["Mayor Ines Corbett", "the budget was balanced -- and the hall fell silent"]],
    ],
    [
      "a report and the report it gives",
      "Ferris recalled that Corbett said the plant would close.",
      [
        ["Ferris", "that Corbett said the plant would close"],
        ["Corbett", "the plant would close"],
      ],
    ],
    [
      "an agency reporting a quotation",
      '"We will win," Corbett said, the agency reported.',
      [
        ["Corbett", "We will win,"],
        ["the agency", '"We will win," Corbett said'],
      ],
    ],
  ])("keeps %s", (_, text, expected) => {
    expect(select(text).map((c) => [c.speaker, c.content])).toEqual(expected);
  });
});

describe("selectAttributions with scores: the likeliest consistent reading", () => {
  it.each([
    [
      "a shorter reading the scorer prefers",
      "Mayor Ines Corbett said the budget was balanced -- and the hall fell silent.",
      { "subject/after-short": 0.9, "subject/after": 0.6 },
      [["subject/after-short", "the budget was balanced"]],
    ],
    [
      "the rules' reading when the scorer prefers it",
      "Mayor Ines Corbett said the budget was balanced -- and the hall fell silent.",
      { "subject/after-short": 0.6, "subject/after": 0.9 },
      [["subject/after", "the budget was balanced -- and the hall fell silent"]],
    ],
    [
      "another speaker than the rules'",
      "Ruth Amsel met the workers on Friday and an aide said the plant would close.",
      { "sentence-subject/after": 0.9, "subject/after": 0.6 },
      [["sentence-subject/after", "the plant would close"]],
    ],
  ])("takes %s for its cue", (_, text, scores, expected) => {
    expect(select(text, scores).map((c) => [c.via, c.content])).toEqual(expected);
  });

  it.each([
    [
      "the report, when likelier",
      { "subject/after The union": 0.9, "sentence-subject/after The union": 0.8 },
      [["The union", "Corbett had warned that the plant would close"]],
    ],
    [
      "the embedded clause, when likelier",
      { "subject/after The union": 0.8, "sentence-subject/after The union": 0.9 },
      [["The union", "that the plant would close"]],
    ],
  ])("settles two cues claiming the same words in favour of %s", (_, scores, expected) => {
    const chosen = select("The union said Corbett had warned that the plant would close.", scores);
    expect(chosen.map((c) => [c.speaker, c.content])).toEqual(expected);
  });

  it("keeps a report and the embedded speaker's own statement together", () => {
    const chosen = select("The union said Corbett had warned that the plant would close.", {
      "subject/after The union": 0.9,
      "subject/after Corbett": 0.8,
    });
    expect(chosen.map((c) => [c.speaker, c.content])).toEqual([
      ["The union", "Corbett had warned that the plant would close"],
      ["Corbett", "that the plant would close"],
    ]);
  });

  it.each([
    ["less likely", 0.5],
    ["likelier", 0.95],
  ])(
    "reports a relative clause's reading of a quotation within the inverted statement, it being %s",
    (_, relative) => {
      const chosen = select(
        '"The plant will close," said Corbett, who told reporters "nothing can save it."',
        {
          "inverted/before": 0.9,
          "relative/before": relative,
        },
      );
      expect(chosen.map((c) => [c.via, c.content])).toEqual([["inverted/before", "The plant will close,"]]);
    },
  );

  it.each([
    ["likelier", 0.9],
    ["less likely", 0.5],
  ])("keeps a report of a report, the report being %s", (_, agency) => {
    const chosen = select('"We will win," Corbett said, the agency reported.', {
      "subject/before Corbett": 0.8,
      "subject/before the agency": agency,
    });
    expect(chosen.map((c) => c.speaker)).toEqual(["Corbett", "the agency"]);
  });

  it.each([
    ["less likely", 0.5],
    ["likelier", 0.95],
  ])(
    "reports a gerund's clause within the statement it hangs off, the clause alone being %s",
    (_, inherited) => {
      const chosen = select("Corbett warned of layoffs, citing the slump in orders.", {
        "subject/after": 0.9,
        "inherited/after": inherited,
      });
      expect(chosen.map((c) => [c.via, c.content])).toEqual([
        ["subject/after", "of layoffs, citing the slump in orders"],
      ]);
    },
  );

  it("reports a quotation once when a later cue's reading takes in the earlier cue's quotation", () => {
    const chosen = select(
      '"The plant will close," Corbett said on Monday, though she said, "We hope to reopen."',
      {
        "subject/before Corbett": 0.8,
        "sentence-subject/before": 0.9,
      },
    );
    expect(chosen.map((c) => c.content)).toEqual(["The plant will close, … We hope to reopen."]);
  });

  it("keeps two speakers' statements in one sentence", () => {
    const chosen = select("Corbett said the plant would close, and Ferris said it would not.", {
      "subject/after": 0.9,
    });
    expect(chosen.map((c) => [c.speaker, c.content])).toEqual([
      ["Corbett", "the plant would close"],
      ["Ferris", "it would not"],
    ]);
  });
});

describe("withoutReportsWithinReports: a paraphrase inside another's report is that report's", () => {
  const reported = (text: string, scores: Record<string, number>) =>
    select(text, scores, withoutReportsWithinReports).map((c) => c.speaker);

  it.each([
    ["the report likelier", 0.9, ["The union"]],
    ["the paraphrase likelier", 0.7, ["The union", "Corbett"]],
  ])("with %s", (_, union, expected) => {
    const speakers = reported("The union said Corbett had warned that the plant would close.", {
      "subject/after The union": union,
      "subject/after Corbett": 0.8,
    });
    expect(speakers).toEqual(expected);
  });

  it("reports once what a name said when a pronoun after it repeats the report", () => {
    const statements = extract(
      'Campaign spokesman Rick Tolan said that the campaign will press on to "the very end," he said.',
    );
    expect(statements.map((s) => [s.speaker, s.text])).toEqual([
      ["Rick Tolan", 'that the campaign will press on to "the very end,"'],
    ]);
  });

  it("keeps a pronoun's report of what a name said", () => {
    const statements = extract("Ada Ruiz arrived late.", "She said Tolan told her that the plan would fail.");
    expect(statements.map((s) => s.speaker)).toContain("Ada Ruiz");
  });

  it("keeps a quotation's own speaker inside a report", () => {
    const speakers = reported('"We will win," Corbett said, the agency reported.', {
      "subject/before Corbett": 0.8,
      "subject/before the agency": 0.9,
    });
    expect(speakers).toEqual(["Corbett", "the agency"]);
  });
});
