import { describe, expect, it } from "vitest";
import { extractStatements } from "../../../lambdas/core/extraction/extract-statements.ts";
import { extract } from "./helpers.ts";

/**
 * The errors a reader met in a real election week, written afresh: each table holds the pattern
 * and its neighbours, end to end through extractStatements with the default options.
 */
const who = (...paragraphs: string[]) => extract(...paragraphs).map((s) => s.speaker);

describe("two people sharing a surname: the surname goes to the one the text is about", () => {
  it.each([
    [
      "the secretary, by his title and surname",
      [
        "Labor Secretary Tom Haines toured the plant on Monday.",
        "Gloria Haines, a county commissioner, said the plant had lost workers for years.",
        '"These jobs are coming back," Secretary Haines said.',
      ],
      ["Gloria Haines", "Tom Haines"],
    ],
    [
      "the secretary, by his title alone",
      [
        "Labor Secretary Tom Haines toured the plant on Monday.",
        "Commissioner Gloria Haines said she had watched the plant lose workers for years.",
        '"These jobs are coming back," the secretary said.',
      ],
      ["Gloria Haines", "Tom Haines"],
    ],
    [
      "the story's person, not the relative named to say who she is",
      [
        "Ines Halvorsen, a gallery owner, said the gallery would close.",
        "Halvorsen, the younger sister of Oslo legend Mira Halvorsen, opened it in 1998.",
        "Halvorsen, who has lived in the town since 1990, was blunt.",
        '"Nobody came," Halvorsen said.',
      ],
      ["Ines Halvorsen", "Ines Halvorsen"],
    ],
  ])("%s", (_, paragraphs, speakers) => {
    expect(who(...paragraphs)).toEqual(speakers);
  });
});

describe("what is named beside a person is not the person", () => {
  it.each([
    [
      "the candidate, not the campaign shirt a supporter wears",
      [
        "Challenger Dana Okafor is running her first campaign.",
        'Ravi Menon, wearing an Okafor T-Shirt, said he was proud of her. "She owes nobody," Okafor said.',
      ],
      ["Ravi Menon", "Dana Okafor"],
    ],
    [
      "the candidate, not the campaign's bus",
      [
        "Challenger Dana Okafor is running her first campaign.",
        "Voters lined the road as the Okafor Express rolled into town.",
        'Okafor told the crowd, "We are not going anywhere."',
      ],
      ["Dana Okafor"],
    ],
    [
      "the candidate, not the country her sentence opened with",
      [
        "Senator Dana Okafor spoke to reporters on Sunday.",
        "The United States would not accept that from a rival, she said.",
        '"It raises serious questions," she said.',
      ],
      ["Dana Okafor", "Dana Okafor"],
    ],
  ])("%s", (_, paragraphs, speakers) => {
    expect(who(...paragraphs)).toEqual(speakers);
  });
});

describe("a commentator's quote stays with the commentator who gave it", () => {
  it.each([
    [
      "two inverted attributions in a row",
      [
        '"The map favors the governor," said Mira Okonjo, a pollster.',
        '"It is anyone\'s race," said Sam Reddy, a strategist.',
      ],
      ["Mira Okonjo", "Sam Reddy"],
    ],
    [
      "a pronoun after the second commentator's own statement",
      [
        "Pollster Mira Okonjo said the map favored the governor.",
        "But strategist Sam Reddy, who ran two campaigns in the state, said that was wrong.",
        '"It is anyone\'s race," he said.',
      ],
      ["Mira Okonjo", "Sam Reddy", "Sam Reddy"],
    ],
    [
      "a pronoun after a commentator introduced as the object of the sentence",
      [
        "Mayor Jo Corbett said the levy would pay for the bridge.",
        "The plan drew criticism from Ruth Amsel, a policy analyst at the Delmar Institute.",
        '"It will not work," she said.',
      ],
      ["Jo Corbett", "Ruth Amsel"],
    ],
    [
      "a pronoun after a sentence that introduces a sheriff on its way to the mayor",
      [
        "Mayor Jo Corbett said the fair would open on time.",
        "Preceded at the lectern by Joe Arpaio, the county sheriff, Corbett began her speech.",
        '"We will build a new hall," she said.',
      ],
      ["Jo Corbett", "Jo Corbett"],
    ],
    [
      "a role after the second commentator is introduced",
      [
        "Mira Okonjo, a pollster, said the governor had peaked.",
        "Then came Sam Reddy, a strategist.",
        '"She found her footing tonight," the strategist said.',
      ],
      ["Mira Okonjo", "Sam Reddy"],
    ],
    [
      "a surname after the second commentator is introduced",
      [
        "Mira Okonjo, a pollster, said the governor had peaked.",
        "The panel also heard from Sam Reddy, a strategist who advised the governor in 2014.",
        '"She found her footing tonight," Reddy said.',
      ],
      ["Mira Okonjo", "Sam Reddy"],
    ],
    [
      "a pronoun after a commentator who only disagreed",
      [
        "Mira Okonjo, a pollster, said the debate changed few minds.",
        "Sam Reddy, a strategist who has advised both parties, saw it differently.",
        '"Tonight was the turning point," he said.',
      ],
      ["Mira Okonjo", "Sam Reddy"],
    ],
  ])("%s", (_, paragraphs, speakers) => {
    expect(who(...paragraphs)).toEqual(speakers);
  });
});

describe("places and sentence-opening words never speak", () => {
  it.each([
    ["a state", "Ohio said the count would finish on Friday."],
    ["a state warning", "Texas warned the new fence would be late."],
    ["a district", "Capitol Hill warned the vote would slip."],
    ["a capitalised verb", "Keeps insisted the deal was off."],
    ["a participle opening the sentence", "Having announced that the plant would close, the board left."],
    ["an adverb opening the sentence", "Publicly said the deal was off."],
  ])("no statement for %s: %s", (_, body) => {
    expect(extract(body)).toEqual([]);
  });

  it.each([
    [
      "the aides, not the district they work in",
      "Capitol Hill was quiet on Friday, aides said.",
      { speaker: null, sourceType: "anonymous", text: "Capitol Hill was quiet on Friday" },
    ],
    [
      "the senator, past the district",
      "On Capitol Hill, Senator Ruth Amsel said the vote would slip.",
      { speaker: "Ruth Amsel", sourceType: "person", text: "the vote would slip" },
    ],
    [
      "the officials, past the state",
      "In Texas, election officials said turnout was high.",
      { speaker: null, sourceType: "anonymous", text: "turnout was high" },
    ],
    [
      "the governor, after an imperative quoted",
      '"Get out and vote," the governor told the crowd.',
      { speaker: null, title: "governor", text: "Get out and vote" },
    ],
    [
      "the minister, after an imperative reported",
      "Get the vaccine, the health minister urged on Monday.",
      { speaker: null, title: "health minister", text: "Get the vaccine" },
    ],
    [
      "the nurses a survey asked, past the adverb opening the sentence",
      "Nearly half of the nurses surveyed said they planned to leave the hospital.",
      { speaker: null, sourceType: "anonymous", text: "they planned to leave the hospital" },
    ],
    [
      "the mayor, whose words end where the opening gerund's clause gives way to him",
      "Declaring that he alone could fix the roads, Mayor Tom Haines closed his speech.",
      { speaker: "Tom Haines", text: "that he alone could fix the roads" },
    ],
    [
      "the mother, past the town and state in her own relative clause",
      "Mara Lind, who lost her son in the flood in Dover, Delaware, in March 2011, said the mayor had ignored her calls.",
      { speaker: "Mara Lind", text: "the mayor had ignored her calls" },
    ],
    [
      "the governor, past the participle opening the sentence",
      'Weighing in on the dispute, former Ohio Gov. Ruth Amsel agreed, praising the mayor as "a fine leader."',
      { speaker: "Ruth Amsel", text: 'the mayor as "a fine leader."' },
    ],
    [
      "the mayor, whose pronoun opens the sentence the ', saying …' clause hangs off",
      "Mayor Ines Corbett spoke last. She spoke for an hour, saying the plant would stay open.",
      { speaker: "Ines Corbett", text: "the plant would stay open" },
    ],
    [
      "the mayor, past the dateline's town",
      "RIVERTON, Ont. — The plant will close, the mayor said.",
      { speaker: null, title: "mayor", text: "The plant will close" },
    ],
  ])("credits %s", (_, body, expected) => {
    // Who is credited, however sure the scorer is of the reading.
    const statements = extractStatements({ body }, { keep: "all" });
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject(expected);
  });
});

describe("a country before a name stays out of the name", () => {
  it.each([
    [
      "a possessive country and a title",
      "Kenya's President Ruth Wanjiru said the talks had failed.",
      "Ruth Wanjiru",
    ],
    ["a possessive country, inverted", '"The talks have failed," said Ghana\'s Kofi Mensah.', "Kofi Mensah"],
    [
      "a country as a modifier of the title",
      "Kenya President Ruth Wanjiru said the talks had failed.",
      "Ruth Wanjiru",
    ],
    ["a dateline with its dash", "SEOUL, South Korea — Lee Jun-ho said the talks had failed.", "Lee Jun-ho"],
  ])("%s: %s", (_, body, speaker) => {
    expect(who(body)).toEqual([speaker]);
  });

  it("reads a possessive country before the title as the affiliation", () => {
    expect(extract("Kenya's President Ruth Wanjiru said the talks had failed.")[0]).toMatchObject({
      title: "President",
      affiliation: "Kenya",
    });
  });
});

describe("a dateline with a colon is no speaker", () => {
  it("gives the words to the source the sentence names, not to the place", () => {
    const statements = extract(
      "KOCHI: Heavy rain forced more than 20,000 people from their homes on Monday, officials said.",
    );
    expect(statements.map((s) => [s.text, s.sourceType])).toEqual([
      ["Heavy rain forced more than 20,000 people from their homes on Monday", "anonymous"],
    ]);
  });

  it("keeps a transcript's label", () => {
    expect(who("CORBETT: Well, the plant will close in May and nobody will say why.")).toEqual(["CORBETT"]);
  });
});

describe("a role speaking for someone is not that someone", () => {
  it.each([
    ["advisers mid-sentence", "On Friday two advisers to Mayor Ines Corbett said the plan was dead."],
    ["a spokesman", "A spokesman for Mayor Ines Corbett said the plan was dead."],
  ])("%s", (_, body) => {
    const statements = extract(body);
    expect(statements).toHaveLength(1);
    expect(statements[0]?.speaker).not.toBe("Ines Corbett");
    expect(statements[0]?.sourceType).toBe("anonymous");
  });
});

describe("each speaker keeps their own words", () => {
  it.each([
    [
      "two quotations in two sentences",
      '"The plant will close," Corbett said. "It will not," Ferris said.',
      [
        ["Corbett", "The plant will close"],
        ["Ferris", "It will not"],
      ],
    ],
    [
      "two speakers with appositives",
      "Corbett, the mayor, said the plant would close. Ferris, the union chief, said it would not.",
      [
        ["Corbett", "the plant would close"],
        ["Ferris", "it would not"],
      ],
    ],
    [
      "two speakers joined by ', but'",
      "The plant will close, Corbett said, but Ferris said it would not.",
      [
        ["Corbett", "The plant will close"],
        ["Ferris", "it would not"],
      ],
    ],
    [
      "two speakers joined by a semicolon",
      "Corbett said the plant would close; Ferris said it would not.",
      [
        ["Corbett", "the plant would close"],
        ["Ferris", "it would not"],
      ],
    ],
    [
      "a speaker recalling another's words, which are the recaller's account",
      "Ferris recalled that Corbett said the plant would close.",
      [["Ferris", "that Corbett said the plant would close"]],
    ],
    [
      "two speakers joined by ', and'",
      "Corbett said the plant would close, and Ferris said it would not.",
      [
        ["Corbett", "the plant would close"],
        ["Ferris", "it would not"],
      ],
    ],
  ])("%s", (_, body, expected) => {
    expect(extract(body).map((s) => [s.speaker, s.text])).toEqual(expected);
  });
});

describe("a quotation after where it was said is the statement, without the where", () => {
  it.each([
    [
      "a speaker introduced in passing, with a relative clause",
      "On Friday the mayor won her first endorsement from a colleague, from Gary Singh, who declared at the hall, “It is time to unite.”",
    ],
    [
      "a speaker after 'by'",
      "The plan was praised by Gary Singh, who declared at the hall, “It is time to unite.”",
    ],
  ])("%s", (_, text) => {
    expect(extract(text).map((s) => [s.speaker, s.text])).toEqual([["Gary Singh", "It is time to unite."]]);
  });
});
