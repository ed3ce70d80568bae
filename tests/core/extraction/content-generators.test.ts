import { describe, expect, it } from "vitest";
import {
  contentAfter,
  contentBeforeSubject,
  narrationStart,
  paragraphAfterColon,
  parentheticalTail,
  trailingQuotes,
} from "../../../lambdas/core/extraction/contents.ts";
import { skipFillersLeft, subjectEndingAt } from "../../../lambdas/core/extraction/sources.ts";
import { allWords, cued, cueOf, words } from "./helpers.ts";

const at = (text: string, verb: string) => {
  const doc = cued(text);
  return { doc, ...cueOf(doc, verb) };
};

/** The first token of `word` in the text. */
const tokenOf = (text: string, word: string) => {
  const doc = cued(text);
  return { doc, i: doc.tokens.findIndex((t) => t.text === word) };
};

describe("contentAfter: what was said, after the verb", () => {
  it.each([
    [
      "a 'that' clause past the day",
      "Corbett said on Monday that the plant would close.",
      "said",
      "that the plant would close",
    ],
    ["past the addressee", "Corbett told reporters the plant would close.", "told", "the plant would close"],
    [
      "past a named addressee",
      "Corbett told The Riverton Star that the plant would close.",
      "told",
      "that the plant would close",
    ],
    [
      "past the circumstance",
      "Corbett said in a statement that the plant would close.",
      "said",
      "that the plant would close",
    ],
    [
      "past a time ago",
      "Corbett said two years ago that the plant would close.",
      "said",
      "that the plant would close",
    ],
    [
      "past a full date",
      "Corbett said on March 3, 2015, that the plant would close.",
      "said",
      "that the plant would close",
    ],
    ["a quotation after a colon", 'Corbett said: "The plant will close."', "said", '"The plant will close."'],
    [
      "a quotation past the circumstance and its comma",
      'Corbett said at the rally, "The plant will close."',
      "said",
      '"The plant will close."',
    ],
    [
      "up to a second attribution",
      "Corbett said the plant would close, according to the union.",
      "said",
      "the plant would close",
    ],
  ])("reads %s", (_, text, verb, expected) => {
    const { doc, cue, sentence } = at(text, verb);
    expect(words(doc, contentAfter(doc, sentence, cue, false))).toBe(expected);
  });

  it("ends a subordinate clause's content at its comma", () => {
    const { doc, cue, sentence } = at(
      "When Corbett said the plant would close, the workers walked out.",
      "said",
    );
    expect(words(doc, contentAfter(doc, sentence, cue, true))).toBe("the plant would close");
  });

  it.each([
    ["only a day", "Corbett said on Monday."],
    ["a comma and an action", "Corbett said, clapping."],
    ["a single word", "Corbett said nothing."],
  ])("gives nothing for %s", (_, text) => {
    const { doc, cue, sentence } = at(text, "said");
    expect(contentAfter(doc, sentence, cue, false)).toBeNull();
  });
});

describe("contentBeforeSubject: what was said, before the speaker", () => {
  /** The content before the subject that stands right before the verb. */
  const wordsBeforeSpeaker = (text: string, verb: string) => {
    const { doc, cue, sentence } = at(text, verb);
    const j = skipFillersLeft(doc.tokens, cue.first - 1, sentence.first);
    const subject = subjectEndingAt(doc, j, sentence.first);
    if (!subject) throw new Error(`no subject before "${verb}" in: ${text}`);
    return allWords(doc, contentBeforeSubject(doc, sentence, subject.mention.first));
  };

  it.each([
    ["a clause and a comma", "The plant will close, Corbett said.", "said", ["The plant will close"]],
    ["a quotation", '"The plant will close," Corbett said.', "said", ["The plant will close,"]],
    [
      "a clause before a role and an addressee",
      "The plant will close, the mayor told reporters on Friday.",
      "told",
      ["The plant will close"],
    ],
    ["past a dateline", "RIVERTON — The plant will close, the mayor said.", "said", ["The plant will close"]],
    [
      "past a wire dateline with a spaced hyphen",
      "RIVERTON (Reuters) - The plant will close, the mayor said.",
      "said",
      ["The plant will close"],
    ],
  ])("reads %s", (_, text, verb, expected) => {
    expect(wordsBeforeSpeaker(text, verb)).toEqual(expected);
  });

  it.each([
    ["nothing before the speaker", "Corbett said the plant would close."],
    ["a single word", "Yes, Corbett said."],
    ["no comma between", "On Friday Corbett said the plant would close."],
  ])("gives nothing for %s", (_, text) => {
    expect(wordsBeforeSpeaker(text, "said")).toBeNull();
  });
});

describe("parentheticalTail: the words after a parenthetical attribution", () => {
  it.each([
    [
      "a clause around the attribution",
      "These workers, Corbett explained, were underpaid.",
      "explained",
      ["were underpaid"],
    ],
    ["a pronoun speaker", "Overall, she said, turnout fell.", "said", ["turnout fell"]],
    ["past the day", "The plan, the mayor said on Friday, is dead.", "said", ["is dead"]],
  ])("reads %s", (_, text, verb, expected) => {
    const { doc, cue, sentence } = at(text, verb);
    expect(allWords(doc, parentheticalTail(doc, sentence, cue))).toEqual(expected);
  });

  it.each([
    ["an attribution closing the sentence", "The plan is dead, the mayor said."],
    ["a gerund after the attribution", "The plan is dead, she said, adding that the budget was too."],
  ])("gives nothing for %s", (_, text) => {
    const { doc, cue, sentence } = at(text, "said");
    expect(parentheticalTail(doc, sentence, cue)).toEqual([]);
  });
});

describe("trailingQuotes: quotations after the attribution continue it", () => {
  it.each([
    ["after the verb", '"We are ready," Corbett said, "and we will win."', "said", ["and we will win."]],
    [
      "after an inverted speaker",
      '"We are ready," said Corbett, "and we will win."',
      "Corbett",
      ["and we will win."],
    ],
    [
      "two in a row",
      '"We are ready," Corbett said, "and we will win" and "soon."',
      "said",
      ["and we will win", "soon."],
    ],
  ])("reads %s", (_, text, after, expected) => {
    const { doc, i } = tokenOf(text, after);
    const { sentence } = cueOf(doc, "said");
    expect(allWords(doc, trailingQuotes(doc, sentence, i + 1))).toEqual(expected);
  });

  it.each([
    ["no quotation after", '"We are ready," Corbett said.'],
    ["a clause after", '"We are ready," Corbett said, adding that the team was fit.'],
    ["a quotation in the next sentence", '"We are ready," Corbett said. "We will win."'],
  ])("gives nothing for %s", (_, text) => {
    const { doc, cue, sentence } = at(text, "said");
    expect(trailingQuotes(doc, sentence, cue.last + 1)).toEqual([]);
  });
});

describe("narrationStart: where the narration takes over a clause after the verb", () => {
  const narration = (text: string) => {
    const { doc, cue, sentence } = at(text, "said");
    const range = contentAfter(doc, sentence, cue, false);
    if (!range) throw new Error(`no content after the verb in: ${text}`);
    const stop = narrationStart(doc, range);
    return stop > range[0] ? words(doc, [stop, range[1]]) : null;
  };

  it.each([
    [
      "a gerund after a quotation's own comma",
      'Corbett said the plan was "a disgrace," drawing boos from the crowd.',
      "drawing boos from the crowd",
    ],
    [
      "a past verb after 'and'",
      "Corbett said the plant would close and walked off the stage.",
      "and walked off the stage",
    ],
    [
      "a past verb after 'but'",
      "Corbett said the plant would close but refused to say when.",
      "but refused to say when",
    ],
    [
      "a dash and 'and'",
      "Corbett said the plant would close -- and the hall fell silent.",
      "-- and the hall fell silent",
    ],
  ])("finds %s", (_, text, expected) => {
    expect(narration(text)).toBe(expected);
  });

  it.each([
    ["a second reported clause", "Corbett said the plant would close and the workers would be paid."],
    ["a gerund inside a quotation", 'Corbett said "we are closing, leaving nothing behind."'],
  ])("finds none in %s", (_, text) => {
    expect(narration(text)).toBeNull();
  });
});

describe("paragraphAfterColon: an attribution ending its paragraph with a colon", () => {
  it.each([
    ["a quotation", "The minister told the assembly:\n\n“We will not wait.”", "told", "“We will not wait.”"],
    [
      "plain words",
      "Corbett continued:\n\nThe plant will close in May.",
      "continued",
      "The plant will close in May",
    ],
  ])("takes the next paragraph: %s", (_, text, verb, expected) => {
    const { doc, cue, sentence } = at(text, verb);
    expect(words(doc, paragraphAfterColon(doc, sentence, cue))).toBe(expected);
  });

  it.each([
    [
      "a colon inside the paragraph",
      "Corbett said: the plant will close.\n\nWorkers were told on Friday.",
      "said",
    ],
    [
      "a colon far from the verb",
      "Corbett told the assembly on Monday, after a debate that ran very late into the night:\n\nThe plant will close.",
      "told",
    ],
    ["no paragraph after", "Corbett said:", "said"],
  ])("takes nothing for %s", (_, text, verb) => {
    const { doc, cue, sentence } = at(text, verb);
    expect(paragraphAfterColon(doc, sentence, cue)).toBeNull();
  });
});
