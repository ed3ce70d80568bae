import { describe, expect, it } from "vitest";
import { extractStatements } from "../../../lambdas/core/extraction/extract-statements.ts";

/** `said` of each statement of an article published on 2 June 2026. */
const saidOf = (body: string) =>
  extractStatements({ body, publishedAt: "2026-06-02" }, { keep: "all" }).map((s) => ({
    text: s.text,
    said: s.said,
  }));

describe("when it was said", () => {
  it.each([
    ["a year", "Okafor said in 2019 that the plant would close.", "2019"],
    ["a year in a relative clause", "Okafor, who in 2019 said the plant would close, runs it now.", "2019"],
    ["a year in the circumstance", "In a 2015 interview, Okafor said the plant would close.", "2015"],
    ["a month, this year", "The plant will close, Okafor said in March.", "2026-03"],
    [
      "a month later than publication: last year's",
      "Okafor said in September that the plant would close.",
      "2025-09",
    ],
    ["a full date", "Okafor said on July 3, 2015, that the plant would close.", "2015-07-03"],
    ["a day before its month", "In a statement on 3 May, Okafor said the plant would close.", "2026-05-03"],
    [
      "a day before its month and a year",
      "Okafor said on 3 July 2015 that the plant would close.",
      "2015-07-03",
    ],
    ["last year", "Okafor told reporters last year that the plant would close.", "2025"],
    ["last month", "Okafor said last month that the plant would close.", "2026-05"],
    ["at the time", '"The plant will close," Okafor said at the time.', "earlier"],
    ["the past perfect", "Okafor had warned that the plant would close.", "earlier"],
    ["years ago", "Okafor said two years ago that the plant would close.", "earlier"],
    ["previously", "Okafor previously said the plant would close.", "earlier"],
  ])("dates words said %s", (_, body, said) => {
    expect(saidOf(body)).toEqual([expect.objectContaining({ said })]);
  });

  it.each([
    ["a weekday", "Okafor said on Monday that the plant would close."],
    ["a date inside the content", "Okafor said the plant would close in March 2027."],
    ["a year inside a quotation", '"In 2019 we nearly closed," Okafor said.'],
    ["the modal 'may'", "Okafor said the plant may close."],
    ["a year naming the speaker's role", "The 2024 nominee, Okafor, said the plant would close."],
  ])("leaves words undated for %s", (_, body) => {
    expect(saidOf(body)).toEqual([expect.objectContaining({ said: undefined })]);
  });

  it("gives a continuing quotation the date of the words it continues", () => {
    const body = '"We will close," Okafor said in 2019. "There is no other way."\n\n"None at all."';
    expect(extractStatements({ body }).map((s) => [s.text, s.said])).toEqual([
      ["We will close … There is no other way. None at all.", "2019"],
    ]);
  });

  it("says only 'earlier' for a month when the article has no date", () => {
    expect(extractStatements({ body: "Okafor said in March that the plant would close." })[0]?.said).toBe(
      "earlier",
    );
  });
});
