import { describe, expect, it } from "vitest";
import { rankTitles } from "../../../lambdas/core/extraction/roles.ts";
import { extract } from "./helpers.ts";

/** The speaker of the last statement in the text, with every title the article gave them. */
const lastSpeaker = (...paragraphs: string[]) => {
  const s = extract(...paragraphs).at(-1);
  return { speaker: s?.speaker, title: s?.title, titles: s?.titles, affiliation: s?.affiliation };
};

describe("titles and affiliations, as the article gives them", () => {
  it.each([
    [
      "a title before the name",
      ["Defence Minister Ahn Gyu-back said the drills would go ahead."],
      { speaker: "Ahn Gyu-back", title: "Defence Minister", titles: ["Defence Minister"] },
    ],
    [
      "an appositive after the name",
      ["Dana Whitfield, the city's budget director, said the library would stay open."],
      {
        speaker: "Dana Whitfield",
        title: "budget director",
        titles: ["budget director"],
        affiliation: "city",
      },
    ],
    [
      "an office with its 'of'",
      ["Nora Field, the presidential chief of staff, said the summit was off."],
      { speaker: "Nora Field", title: "presidential chief of staff" },
    ],
    [
      "a spokesperson for a body",
      ["Lee Jun-ho, a spokesperson for the Unification Ministry, said the channel was open."],
      { speaker: "Lee Jun-ho", title: "spokesperson", affiliation: "Unification Ministry" },
    ],
    [
      "a role before an appositive name",
      ["The council's treasurer, Amir Haddad, said the budget balanced."],
      { speaker: "Amir Haddad", title: "treasurer", affiliation: "council" },
    ],
    [
      "an honorific spelt out",
      ["Sen. Carla Mendes said the bill had the votes."],
      { speaker: "Carla Mendes", title: "Senator" },
    ],
    [
      "an office ending in its portfolio",
      ["Secretary of State Ruth Amsel said the embassy would reopen."],
      { speaker: "Ruth Amsel", title: "Secretary of State" },
    ],
    [
      "a possessor's long role before an appositive name, after the quotation",
      ['"We found no pattern," Acme\'s chief human resources executive, Ada Ruiz, told reporters.'],
      { speaker: "Ada Ruiz", title: "chief human resources executive", affiliation: "Acme" },
    ],
    [
      "a body's role with a noun between, in lower case after the quotation",
      ['"The people deserve the truth," party floor leader Min Ha-eun said.'],
      { speaker: "Min Ha-eun", title: "party floor leader" },
    ],
    [
      "a club's boss, carried on by a gerund",
      ["Riverton boss Ada Ruiz defended the substitution, saying the striker was tired."],
      { speaker: "Ada Ruiz", title: "Riverton boss" },
    ],
    [
      "a role before a courtesy, with its body's own part",
      ["Dr. Ada Ruiz, chair of the Riverton Medical Association's council, said nurses were tired."],
      {
        speaker: "Ada Ruiz",
        title: "chair",
        titles: ["chair", "Dr."],
        affiliation: "Riverton Medical Association's council",
      },
    ],
    [
      "a party's own office with its party",
      ["Harbour Party Leader Ada Ruiz said the plan came late."],
      { speaker: "Ada Ruiz", title: "Harbour Party Leader" },
    ],
    [
      "a party label before a party's office",
      ["Conservative Leader Ada Ruiz said the plan came late."],
      { speaker: "Ada Ruiz", title: "Conservative Leader" },
    ],
    [
      "no role from the byline line before",
      ["The council met on Monday. By Staff Writer", "Green Leader Ada Ruiz said the plan came late."],
      { speaker: "Ada Ruiz", title: "Green Leader", titles: ["Green Leader"] },
    ],
    [
      "a title that stops at the verb between two people",
      [
        "Harbour Minister Tomas Weil met Federal Transit Chair Ada Ruiz on Tuesday.",
        "Ruiz said the cranes were ready.",
      ],
      { speaker: "Ada Ruiz", title: "Federal Transit Chair" },
    ],
    [
      "a hyphenated office after a body's possessive",
      ["Ngozi Okafor, the WTO's director-general, warned that trade could shrink."],
      { speaker: "Ngozi Okafor", title: "director-general", affiliation: "WTO" },
    ],
    [
      "the office past a candidacy",
      ["Republican presidential hopeful Sen. Carla Mendes said the bill had the votes."],
      { speaker: "Carla Mendes", title: "Senator", titles: ["Senator"] },
    ],
    [
      "the office past a candidate's race",
      ["Democratic presidential candidate Gov. Carla Mendes said the bill had the votes."],
      { speaker: "Carla Mendes", title: "Governor" },
    ],
    [
      "the office past its party labels",
      ["Democratic socialist Senator Carla Mendes said the bill had the votes."],
      { speaker: "Carla Mendes", title: "Senator" },
    ],
    [
      "a candidacy with no office after it",
      ["Republican presidential nominee Carla Mendes said the bill had the votes."],
      { speaker: "Carla Mendes", title: "Republican presidential nominee" },
    ],
    [
      "a party's body, not a party label",
      ["Democratic National Committee chair Carla Mendes said the bill had the votes."],
      { speaker: "Carla Mendes", title: "Democratic National Committee chair" },
    ],
    [
      "every role phrase of a person, most specific first",
      [
        "Harbour Minister Tomas Weil opened the port on Tuesday.",
        "Weil, a former mayor of Brackwater, said the cranes were ready.",
        "The minister said more ships would come.",
      ],
      {
        speaker: "Tomas Weil",
        title: "Harbour Minister",
        titles: ["Harbour Minister", "minister", "former mayor of Brackwater"],
      },
    ],
    [
      "an appositive dated by 'then', its body without the time word",
      ["Tess Okoro, then the harbour board's treasurer, said the loan was repaid."],
      { speaker: "Tess Okoro", title: "treasurer", affiliation: "harbour board" },
    ],
    [
      "an appositive dated by 'now'",
      ["Ivo Marsh, now a senator, said the vote was close."],
      { speaker: "Ivo Marsh", title: "senator", titles: ["senator"] },
    ],
    [
      "a role and the place it serves",
      ["Ines Vidal, a senator from Ohio, said the bill would fail."],
      { speaker: "Ines Vidal", title: "senator", affiliation: "Ohio" },
    ],
    [
      "a named person before an appositive dated by 'then'",
      ["Rui Alves, then ambassador to Chile, said the talks had failed."],
      { speaker: "Rui Alves", title: "then ambassador", affiliation: "Chile" },
    ],
  ])("reads %s", (_, paragraphs, expected) => {
    expect(lastSpeaker(...paragraphs)).toMatchObject(expected);
  });

  it.each([
    ["a descriptor", "Rival Owen Marsh said the count was wrong."],
    ["a party label", "Republican Owen Marsh said the count was wrong."],
    ["a descriptor and a party", "GOP veteran Owen Marsh said the count was wrong."],
    ["a relation", "Owen Marsh, the brother of Governor Ivy Marsh, said the count was wrong."],
    ["an age and a party", "Owen Marsh, 61, a Democrat, said the count was wrong."],
  ])("gives no title for %s", (_, body) => {
    expect(lastSpeaker(body)).toMatchObject({ speaker: "Owen Marsh", title: null, titles: [] });
  });

  it.each([
    [
      ["minister", "Defence Minister"],
      ["Defence Minister", "minister"],
    ],
    [
      ["former Prime Minister", "senator"],
      ["senator", "former Prime Minister"],
    ],
    [
      ["Mayor", "mayor", "city mayor"],
      ["city mayor", "Mayor"],
    ],
  ])("ranks %j as %j", (titles, ranked) => {
    expect(rankTitles(titles)).toEqual(ranked);
  });
});
