/**
 * Whole short articles of other countries and other kinds of news than the training corpus's
 * 2016 US politics, written for this test: who said each statement, with what title, as a
 * reader of the email (confidence 0.8 or more) would meet it.
 */
import { describe, expect, it } from "vitest";
import { extractStatements } from "../../../lambdas/core/extraction/extract-statements.ts";

const emailed = (body: string) =>
  extractStatements({ body, publishedAt: "2026-03-12" })
    .filter((s) => s.confidence >= 0.8)
    .map((s) => [s.speaker, s.title]);

describe("news from elsewhere, read as the email shows it", () => {
  it("a European summit: particles in names, a surname that opens a sentence, a spokesman of a leader", () => {
    const body = [
      "BRUSSELS — European leaders failed on Friday to agree on how to fund the new defence plan.",
      'Dutch Prime Minister Pieter van den Broek blocked the proposal, arguing that joint borrowing would "turn the Union into a debt union".',
      '"We are disappointed, but not discouraged," European Commission President Ilse van der Berg told reporters after the talks ended at 3 a.m. Van der Berg said the Commission would present a new plan within weeks.',
      'Mr. van den Broek\'s spokesman, Joost Mulder, wrote that The Hague "will not pay for promises it did not make."',
    ].join("\n\n");
    expect(emailed(body)).toEqual([
      ["Pieter van den Broek", "Dutch Prime Minister"],
      ["Ilse van der Berg", "European Commission President"],
      ["Ilse van der Berg", "European Commission President"],
      ["Joost Mulder", "spokesman"],
    ]);
  });

  it("a flood in India: a dateline with a colon, a byline and a caption run into the text", () => {
    const body = [
      "Floods force thousands from homes in Kerala",
      "By Anjali Nair, Staff Reporter",
      'KOCHI: Heavy rain forced more than 20,000 people from their homes on Monday, officials said, as rivers burst their banks.Chief Minister Arun Menon told the state assembly that 14 people had died since Friday. "This is the worst rain we have seen since 2018," he said.',
      "PHOTO: Residents wade through a flooded street in Aluva on Monday. (Photo: Staff)",
      'Opposition leader V.D. Thomas said the government had ignored warnings. "They were told in May and did nothing," Thomas said.',
    ].join("\n");
    const speakers = emailed(body).map(([speaker]) => speaker);
    expect(speakers).not.toContain("KOCHI");
    expect(speakers).not.toContain("PHOTO");
    expect(emailed(body).filter(([speaker]) => speaker !== null)).toEqual([
      ["Arun Menon", "Chief Minister"],
      ["Arun Menon", "Chief Minister"],
      ["V.D. Thomas", "Opposition leader"],
      ["V.D. Thomas", "Opposition leader"],
    ]);
  });

  it("a football match: narration of play yields nothing, managers and bosses speak", () => {
    const body = [
      "Riverton beat Westbury 2-1 on Sunday. Westbury equalised a couple of minutes later when Okafor curled a shot into the far corner.",
      '"We were not brave enough in the first half," Riverton manager Tomas Weil said after the match.',
      "Westbury boss Ada Ruiz defended her decision to rest her captain, saying he had felt tightness in his hamstring.",
    ].join("\n\n");
    expect(emailed(body)).toEqual([
      ["Tomas Weil", "Riverton manager"],
      ["Ada Ruiz", "Westbury boss"],
    ]);
  });
});
