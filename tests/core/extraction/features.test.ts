import { describe, expect, it } from "vitest";
import { type Attribution, findCandidates } from "../../../lambdas/core/extraction/candidates.ts";
import {
  overlapsOtherCue,
  statementCandidates,
} from "../../../lambdas/core/extraction/extract-statements.ts";
import { candidateFeatures, shape } from "../../../lambdas/core/extraction/score/features.ts";
import { featureIndex } from "../../../lambdas/core/extraction/score/model.ts";
import { cued, phrase } from "./helpers.ts";

/**
 * The features the scorer reads of one candidate: the one a generator pair proposed ("inverted/
 * before"), or the rules' choice; its speaker phrase, when a cue has several.
 */
function featuresOf(text: string, via?: string, speaker?: string): Set<number> {
  const doc = cued(text);
  const candidates = findCandidates(doc);
  const overlapping = overlapsOtherCue(candidates);
  const found = candidates
    .flat(2)
    .find(
      (a: Attribution) =>
        (via ? `${a.via.source}/${a.via.content}` === via : a.rule) &&
        (speaker === undefined || phrase(doc, a.mention) === speaker),
    );
  if (!found) throw new Error(`no candidate ${via ?? "of the rules"} in: ${text}`);
  return new Set(candidateFeatures(doc, found, overlapping.has(found)));
}

type Feature = [family: string, value?: string, second?: string];
const has = (features: Set<number>, [family, value, second]: Feature) =>
  features.has(featureIndex(family, value, second));

describe("features: the generators that proposed a candidate", () => {
  it.each([
    ["subject", "after", "Mayor Ines Corbett said the plant would close."],
    ["inverted", "before", '"We are ready," said Mayor Ines Corbett.'],
    ["appositive", "after", "Ines Corbett, the city's budget director, said the library would stay open."],
    ["according-to", "leading", "According to the ministry, the drills will start in March."],
    ["inherited", "after", "Corbett spoke at the plant on Friday, saying the workers would be paid."],
    [
      "subject",
      "after-short",
      "Mayor Ines Corbett said the budget was balanced -- and the hall fell silent.",
    ],
    ["label", "label", "CORBETT: Well, the plant will close in May."],
  ])("names the source generator %s and the content generator %s", (source, content, text) => {
    const f = featuresOf(text, `${source}/${content}`);
    expect(has(f, ["via", source, content])).toBe(true);
    expect(has(f, ["via.source", source])).toBe(true);
    expect(has(f, ["via.content", content])).toBe(true);
  });

  it.each([
    ["the rules' choice", "subject/after", true],
    ["another generator's reading", "subject/after-short", false],
  ])("marks %s", (_, via, rule) => {
    const f = featuresOf("Mayor Ines Corbett said the budget was balanced -- and the hall fell silent.", via);
    expect(has(f, ["rule"])).toBe(rule);
  });
});

describe("features: what was said — its kind, size and edges", () => {
  it.each<[string, string, Feature[], Feature[]]>([
    [
      "a whole quotation",
      '"We are ready," said Mayor Ines Corbett.',
      [
        ["kind", "direct"],
        ["content.first", "<Cap:other>"],
        ["content.first.shape", "Xx"],
      ],
      [["kind", "indirect"], ["content.that"]],
    ],
    [
      "a clause opening the sentence",
      "The plant will close, Corbett said.",
      [
        ["kind", "indirect"],
        ["content.opens-sentence"],
        ["content.first", "<Cap:determiner>"],
        ["content.after", ","],
      ],
      [["content.that"]],
    ],
    [
      "a 'that' clause",
      "Corbett said that the plant would close.",
      [["kind", "indirect"], ["content.that"], ["content.first", "that"], ["content.after", "."]],
      [["kind", "direct"], ["content.opens-sentence"]],
    ],
    [
      "quoted words in reported speech",
      'Corbett called the closure "a betrayal of the town."',
      [["kind", "mixed"]],
      [
        ["kind", "indirect"],
        ["kind", "direct"],
      ],
    ],
    ["a question", "Corbett asked whether the plant would close?", [["sentence.question"]], []],
  ])("reads %s", (_, text, present, absent) => {
    const f = featuresOf(text);
    for (const feature of present) expect(has(f, feature), feature.join(" ")).toBe(true);
    for (const feature of absent) expect(has(f, feature), feature.join(" ")).toBe(false);
  });
});

describe("features: the reporting cue", () => {
  it.each<[string, string, Feature[]]>([
    [
      "a verb after its speaker",
      "Corbett said the plant would close.",
      [
        ["cue.kind", "verb"],
        ["cue", "say"],
        ["cue.form", "past"],
        ["cue.frame", "clause"],
        ["cue.side", "before"],
      ],
    ],
    [
      "a verb with an addressee, after its quotation",
      '"The plant will close," Corbett told reporters.',
      [
        ["cue", "tell"],
        ["cue.frame", "object-clause"],
        ["cue.side", "after"],
        ["cue.after", "reporters"],
      ],
    ],
    [
      "a present tense verb after a comma",
      "The plant will close, says Corbett.",
      [["cue", "say"], ["cue.form", "present"], ["cue.after-comma"]],
    ],
    [
      "'according to'",
      "According to the ministry, the drills will start in March.",
      [
        ["cue.kind", "according"],
        ["cue", "according"],
      ],
    ],
    [
      "a speaker label",
      "CORBETT: Well, the plant will close in May.",
      [
        ["cue.kind", "label"],
        ["cue", "label"],
      ],
    ],
  ])("reads %s", (_, text, present) => {
    const f = featuresOf(text);
    for (const feature of present) expect(has(f, feature), feature.join(" ")).toBe(true);
  });
});

describe("features: the speaker phrase, by lexicon class and shape", () => {
  it.each<[string, string, Feature[]]>([
    [
      "a title and a name",
      "Mayor Ines Corbett said the plant would close.",
      [
        ["mention.kind", "name"],
        ["mention.title"],
        ["mention.first.class", "role"],
        ["mention.shape", "Xx Xx Xx"],
        ["mention.name.len", "2"],
        ["mention.opens-sentence"],
      ],
    ],
    [
      "a definite role",
      "The minister said the drills would go ahead.",
      [
        ["mention.kind", "role"],
        ["mention.definite"],
        ["mention.head", "minister"],
        ["mention.head.class", "role"],
      ],
    ],
    [
      "a capital standing for its government",
      "Seoul said the talks would resume.",
      [["mention.head", "<Cap:place>"], ["mention.has-place"]],
    ],
    ["a group", "Officials said the talks would resume.", [["mention.kind", "group"]]],
    [
      "a pronoun",
      "The talks will resume, she said.",
      [
        ["mention.kind", "pronoun"],
        ["mention.head", "she"],
      ],
    ],
    [
      "a name with an appositive",
      "Ines Corbett, the city's budget director, said the library would stay open.",
      [["mention.appositive"], ["mention.kind", "name"]],
    ],
    [
      "an inherited speaker",
      "Corbett spoke at the plant on Friday, saying the workers would be paid.",
      [["mention.inherited"], ["mention.inherited&cue", "say"]],
    ],
  ])("reads %s", (_, text, present) => {
    const f = featuresOf(text);
    for (const feature of present) expect(has(f, feature), feature.join(" ")).toBe(true);
  });

  it.each([
    ["Corbett", "Xx"],
    ["CORBETT", "X"],
    ["U.S.", "X.X."],
    ["2016", "d"],
    ["Gyu-back", "Xx-x"],
    ["McDonald", "XxXx"],
    ["3.5", "d.d"],
  ])("reduces %s to the word shape %s", (word, expected) => {
    expect(shape(word)).toBe(expected);
  });
});

describe("features: distances and overlaps", () => {
  it.each<[string, string, Feature[]]>([
    [
      "a speaker right before the verb",
      "Corbett said the plant would close.",
      [
        ["mention.side", "before"],
        ["mention.gap", "0"],
      ],
    ],
    ["a speaker past a day", "Corbett on Friday said the plant would close.", [["mention.gap", "0"]]],
    [
      "a speaker past an appositive",
      "Ines Corbett, the city's budget director, said the library would stay open.",
      [
        ["mention.side", "before"],
        ["mention.gap", "~8"],
      ],
    ],
    [
      "an inverted speaker",
      '"We are ready," said Corbett.',
      [
        ["mention.side", "after"],
        ["cue.gap", "2"],
      ],
    ],
  ])("measures %s", (_, text, present) => {
    const f = featuresOf(text);
    for (const feature of present) expect(has(f, feature), feature.join(" ")).toBe(true);
  });

  it.each([
    [
      "a reading another cue claims too",
      "The union said Corbett had warned that the plant would close.",
      "The union",
      true,
    ],
    ["a reading no other cue claims", "The union said the plant would close.", "The union", false],
  ])("marks %s", (_, text, speaker, overlaps) => {
    const f = featuresOf(text, "subject/after", speaker);
    expect(has(f, ["overlaps"])).toBe(overlaps);
  });

  it.each([
    [
      "a name before a nearer 'she'",
      "Corbett left early after she formally unveiled the budget, calling it a fresh start.",
      "inherited/after",
      "Corbett",
      true,
    ],
    [
      "a name before 'and' and its verb",
      "Corbett laughed and said the loan had been repaid.",
      "inherited/after",
      "Corbett",
      false,
    ],
    [
      "a pronoun inside a quotation, which is nobody's subject here",
      'Corbett called the plan "what he wanted" and said it would pass.',
      "inherited/after",
      "Corbett",
      false,
    ],
  ])("marks %s", (_, text, via, speaker, between) => {
    const f = featuresOf(text, via, speaker);
    expect(has(f, ["mention.pronoun-between"])).toBe(between);
  });

  it.each([
    ["the pronoun nearest the cue", "pronoun/after", "she", "0"],
    ["the name one phrase further", "inherited/after", "Corbett", "1"],
  ])("ranks by nearness to the cue %s", (_, via, speaker, nearer) => {
    const text = "Corbett left early after she formally unveiled the budget, calling it a fresh start.";
    const f = featuresOf(text, via, speaker);
    expect(has(f, ["mention.nearer", nearer])).toBe(true);
  });

  it("ranks the antecedent of 'who' nearer than the sentence's subject", () => {
    const text = "Amsel joined the critics who say the levy is unfair.";
    expect(has(featuresOf(text, "relative/after", "the critics"), ["mention.nearer", "0"])).toBe(true);
    expect(has(featuresOf(text, "sentence-subject/after", "Amsel"), ["mention.nearer", "1"])).toBe(true);
  });

  it.each([
    ["words said years before", "Corbett said in 2010 that the plant would close.", true],
    ["words of the day", "Corbett said on Friday that the plant would close.", false],
  ])("marks %s", (_, body, earlier) => {
    const [candidate] = statementCandidates({ body, publishedAt: "2016-11-04" });
    expect(new Set(candidate?.features).has(featureIndex("said-earlier"))).toBe(earlier);
  });
});

describe("features never carry a name or a place from the text", () => {
  const features = (body: string) => statementCandidates({ body }).map((c) => c.features);

  it.each([
    [
      "a quotation and a titled speaker",
      '"The bridge opens in May," Mayor Ines Corbett said in Riverton.',
      '"The bridge opens in May," Mayor Dale Ferris said in Westbury.',
    ],
    [
      "a transcript label",
      "CORBETT: Well, the plant will close in May.",
      "FERRIS: Well, the plant will close in May.",
    ],
    [
      "an appositive",
      "Ines Corbett, a lawyer in Riverton, said the eviction was unlawful.",
      "Dale Ferris, a lawyer in Westbury, said the eviction was unlawful.",
    ],
    [
      "'according to' a person",
      "According to Ines Corbett, the plant will close.",
      "According to Dale Ferris, the plant will close.",
    ],
    [
      "a relative clause",
      "The plan was drafted by Corbett, who said it would save jobs.",
      "The plan was drafted by Ferris, who said it would save jobs.",
    ],
    [
      "a gerund's inherited speaker",
      "Corbett spoke in Riverton on Friday, saying the workers would be paid.",
      "Ferris spoke in Westbury on Friday, saying the workers would be paid.",
    ],
    [
      "a surname after the full name",
      'Mayor Ines Corbett opened the plant.\n\n"It will stay open," Corbett said.',
      'Mayor Dale Ferris opened the plant.\n\n"It will stay open," Ferris said.',
    ],
    [
      "a town inside what was said",
      "Corbett said Riverton would get a new bridge.",
      "Ferris said Westbury would get a new bridge.",
    ],
    ["one capital for another", "Seoul said the talks would resume.", "Tokyo said the talks would resume."],
    [
      "a dateline",
      "RIVERTON — The plant will close, the mayor said.",
      "WESTBURY — The plant will close, the mayor said.",
    ],
  ])("gives identical features to two readings that differ only in names: %s", (_, a, b) => {
    const first = features(a);
    expect(first.length).toBeGreaterThan(0);
    expect(features(b)).toEqual(first);
  });

  it("still tells a capital standing for its government from a person, by lexicon class", () => {
    expect(features("Seoul said the talks would resume.")).not.toEqual(
      features("Corbett said the talks would resume."),
    );
  });
});
