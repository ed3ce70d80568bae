import { describe, expect, it } from "vitest";
import {
  accordingToSource,
  appositiveSubject,
  clauseSubjects,
  relativeBeforeAside,
  skipFillersLeft,
  subjectAfter,
  subjectEndingAt,
} from "../../../lambdas/core/extraction/sources.ts";
import { cued, cueOf, phrase } from "./helpers.ts";

/** The generator's view of a cue: its sentence and the last token before it, fillers skipped. */
function beforeCue(text: string, verb: string) {
  const doc = cued(text);
  const { cue, sentence } = cueOf(doc, verb);
  return { doc, cue, sentence, j: skipFillersLeft(doc.tokens, cue.first - 1, sentence.first) };
}

describe("subjectEndingAt: the speaker is the subject right before the verb", () => {
  it.each([
    ["a title and a name", "Mayor Ines Corbett said the plant would close.", "said", "Mayor Ines Corbett"],
    ["past the fillers", "Corbett also said on Tuesday that the plant would close.", "said", "Corbett"],
    [
      "a surname with an honorific",
      "Ms. Corbett told reporters the plant would close.",
      "told",
      "Ms. Corbett",
    ],
    [
      "a possessive country before the title",
      "Portugal's Finance Minister Rui Matos said the deficit would shrink.",
      "said",
      "Portugal's Finance Minister Rui Matos",
    ],
    ["a noun phrase no lexicon knows", "The Ohio farmer says the levy is unfair.", "says", "The Ohio farmer"],
    ["a possessive group", "Its defenders say the levy is fair.", "say", "Its defenders"],
    ["a pronoun", "The plan, they said, was dead.", "said", "they"],
    [
      "the subject a relative clause describes, not its object",
      "Current and former aides who spoke with The Riverton Star said the office was adrift.",
      "said",
      "Current and former aides",
    ],
    [
      "the subject a participle describes, not its agent",
      "A letter from the Legion obtained by The Riverton Star warns that the emblem is theirs.",
      "warns",
      "the Legion",
    ],
    [
      "past 'for the first time'",
      "The audit on Wednesday for the first time cited a memo by the inspector.",
      "cited",
      "The audit",
    ],
    ["past 'at one point'", "Corbett at one point claimed the port was closed.", "claimed", "Corbett"],
    ["past 'continued to'", "Ruiz has continued to insist that the port is safe.", "insist", "Ruiz"],
    ["past an adverb in -ly", "Corbett jokingly told reporters the plant would close.", "told", "Corbett"],
    ["a noun in -ly", "Her family said the plant would close.", "said", "Her family"],
    [
      "past a phrase of time before the verb",
      "The agency less than two weeks ago said the port would close.",
      "said",
      "The agency",
    ],
    [
      "the role, not its principal",
      "On Friday two advisers to Mayor Ines Corbett said the plan was dead.",
      "said",
      "two advisers to Mayor Ines Corbett",
    ],
    [
      "two modifiers of one role",
      "The plant will close, current and former officials said.",
      "said",
      "current and former officials",
    ],
  ])("reads %s", (_, text, verb, expected) => {
    const { doc, j, sentence } = beforeCue(text, verb);
    const subject = subjectEndingAt(doc, j, sentence.first);
    expect(phrase(doc, subject?.mention)).toBe(expected);
    expect(subject?.inherited).toBe(false);
  });

  it("reads the antecedent of 'who' as an inherited speaker", () => {
    const { doc, j, sentence } = beforeCue(
      "The treasurer, who said the books were balanced, resigned.",
      "said",
    );
    const subject = subjectEndingAt(doc, j, sentence.first);
    expect(phrase(doc, subject?.mention)).toBe("The treasurer");
    expect(subject?.inherited).toBe(true);
    expect(doc.tokens[subject?.relative ?? -1]?.text).toBe("who");
  });

  it.each([
    [
      "a plain plural noun",
      "The levy was backed by bankers who concluded it would pay off.",
      "concluded",
      "bankers",
    ],
    [
      "an antecedent past 'in the past'",
      "Ines Corbett, who has in the past described the levy as unfair, voted for it.",
      "described",
      "Ines Corbett",
    ],
    [
      "the antecedent of an earlier 'who' after 'and'",
      "Amsel endorsed Dale Ferris, who runs the port and who said the vote was rigged.",
      "said",
      "Dale Ferris",
    ],
    [
      "an antecedent past an aside between commas",
      "The ruling angered the port's staff, who, on a call on Friday, criticized the judge.",
      "criticized",
      "the port's staff",
    ],
  ])("reads the antecedent of 'who': %s", (_, text, verb, expected) => {
    const { doc, j, sentence } = beforeCue(text, verb);
    const subject = subjectEndingAt(doc, j, sentence.first) ?? relativeBeforeAside(doc, j, sentence.first);
    expect(phrase(doc, subject?.mention)).toBe(expected);
    expect(doc.tokens[subject?.relative ?? -1]?.text).toBe("who");
  });

  it.each([
    ["a state", "Texas said the new fence would be finished by summer.", "said"],
    ["a two-word state", "North Dakota warned the pipeline would be late.", "warned"],
    ["a district", "Capitol Hill warned the vote would slip.", "warned"],
    ["a verb capitalised by the sentence", "Keeps insisted the deal was off.", "insisted"],
    ["an imperative", "Watch insisted the deal was off.", "insisted"],
  ])("gives no speaker for %s", (_, text, verb) => {
    const { doc, j, sentence } = beforeCue(text, verb);
    expect(subjectEndingAt(doc, j, sentence.first)).toBeNull();
  });
});

describe("appositiveSubject: the name before an appositive the comma closes", () => {
  it.each([
    [
      "a role after the name",
      "Ines Corbett, the city's budget director, said the library would stay open.",
      "said",
      "Ines Corbett",
      "the city's budget director",
    ],
    [
      "a role before the name",
      "The council's treasurer, Amir Haddad, said the budget balanced.",
      "said",
      "Amir Haddad",
      "The council's treasurer",
    ],
    [
      "an appositive between dashes",
      "Dale Ferris -- the coach who took the club to two titles -- told reporters the season was over.",
      "told",
      "Dale Ferris",
      "the coach who took the club to two titles",
    ],
    ["an age", "Corbett, 54, said she would run again.", "said", "Corbett", "54"],
    [
      "a relative clause holding a place between commas",
      "Senator Ruth Amsel, whose hometown, Dover, is expected to flood, argues that the levy is too small.",
      "argues",
      "Senator Ruth Amsel",
      "whose hometown, Dover, is expected to flood",
    ],
    [
      "a relative clause holding a firm's name between commas",
      "Mr. Haddad, whose latest firm, Gridlock, sells traffic data, said the mayor was a pragmatist.",
      "said",
      "Mr. Haddad",
      "whose latest firm, Gridlock, sells traffic data",
    ],
    [
      "the name between the commas, where the name before them is the description's object",
      "One pastor backing Mr. Ruiz, Dale Ferris, said he had made 150 calls.",
      "said",
      "Dale Ferris",
      "One pastor backing Mr. Ruiz",
    ],
    [
      "the name between the commas, with where the person is from",
      "One pastor backing Mr. Ruiz, Dale Ferris of the Riverton chapel, said he had made 150 calls.",
      "said",
      "Dale Ferris",
      "One pastor backing Mr. Ruiz",
    ],
    [
      "a role whose paper is named after it",
      "Dale Ferris, the editor of the weekly paper, The Riverton Star, said every mayor was political.",
      "said",
      "Dale Ferris",
      "the editor of the weekly paper, The Riverton Star",
    ],
  ])("reads %s", (_, text, verb, name, appositive) => {
    const { doc, j, sentence } = beforeCue(text, verb);
    const mention = appositiveSubject(doc, j, sentence.first);
    expect(phrase(doc, mention)).toBe(name);
    expect(
      phrase(doc, mention?.appositive ? { first: mention.appositive[0], last: mention.appositive[1] } : null),
    ).toBe(appositive);
  });

  it.each([
    ["content before an inverted verb", "The talks failed, said the minister.", "said"],
    ["a quotation before the verb", '"The talks failed," said the minister.', "said"],
    ["a clause after a semicolon", "The talks failed; later, said the minister, they resumed.", "said"],
  ])("gives nothing for %s", (_, text, verb) => {
    const { doc, j, sentence } = beforeCue(text, verb);
    expect(appositiveSubject(doc, j, sentence.first)).toBeNull();
  });
});

describe("subjectAfter: the speaker after an inverted verb", () => {
  it.each([
    ["a title and a name", '"We are ready," said Mayor Ines Corbett.', "said", "Mayor Ines Corbett"],
    ["a role", '"We are ready," said the mayor.', "said", "the mayor"],
    ["a question's asker", '"Is the plant closing?" asked a worker.', "asked", "a worker"],
    [
      "a possessive country",
      '"The talks failed," said Kenya\'s Ruth Wanjiru.',
      "said",
      "Kenya's Ruth Wanjiru",
    ],
    ["a speaker with an appositive", '"We are ready," said Corbett, the mayor.', "said", "Corbett"],
    [
      "a role with a compound adjective",
      '"We are ready," said one well-connected organiser.',
      "said",
      "one well-connected organiser",
    ],
    [
      "a role with a year",
      '"We are ready," said a 2012 campaign veteran.',
      "said",
      "a 2012 campaign veteran",
    ],
    [
      "two roles that lead to a name",
      '"We are ready," said lobbyist and party strategist Tom Reyes.',
      "said",
      "lobbyist and party strategist Tom Reyes",
    ],
    ["an age for a person", '"We are ready," said the 46-year-old.', "said", "the 46-year-old"],
    [
      "only the first of two roles joined without a name",
      '"We are ready," said the mayor and the governor.',
      "said",
      "the mayor",
    ],
  ])("reads %s", (_, text, verb, expected) => {
    const { doc, cue, sentence } = beforeCue(text, verb);
    expect(phrase(doc, subjectAfter(doc, sentence, cue))).toBe(expected);
  });

  it.each([
    ["a pronoun", '"We are ready," said she.', "said"],
    ["nothing after the verb", '"We are ready," she said.', "said"],
    ["a circumstance", "The committee said in a statement that it would act.", "said"],
    ["a state", '"The fence is late," said Texas.', "said"],
  ])("gives nothing for %s", (_, text, verb) => {
    const { doc, cue, sentence } = beforeCue(text, verb);
    expect(subjectAfter(doc, sentence, cue)).toBeNull();
  });
});

describe("accordingToSource: the object of 'according to'", () => {
  it.each([
    [
      "a body, opening the sentence",
      "According to the ministry, the drills will start in March.",
      "the ministry",
    ],
    [
      "a person, closing the sentence",
      "The drills will start in March, according to Defence Minister Ana Lima.",
      "Defence Minister Ana Lima",
    ],
    [
      "a document up to the comma",
      "According to figures released on Monday, exports fell.",
      "figures released on Monday",
    ],
    [
      "a poll and where it comes from, up to the comma",
      "According to a new poll from the state university, the mayor leads.",
      "a new poll from the state university",
    ],
    [
      "a person, not the circumstance after the name",
      "According to Corbett in an interview, the plant will close.",
      "Corbett",
    ],
  ])("reads %s", (_, text, expected) => {
    const { doc, cue, sentence } = beforeCue(text, "according");
    expect(phrase(doc, accordingToSource(doc, sentence, cue))).toBe(expected);
  });

  it("gives nothing when a quotation follows", () => {
    const { doc, cue, sentence } = beforeCue(
      'The plan, according to "people close to the mayor," is dead.',
      "according",
    );
    expect(accordingToSource(doc, sentence, cue)).toBeNull();
  });
});

describe("clauseSubjects: the phrases that may open the cue's clause", () => {
  it.each([
    [
      "past an opening adverb",
      "Even the organizer of the rally said the crowd was small.",
      "said",
      "the organizer",
    ],
    [
      "a subject carrying a relative clause",
      "The organizer of the march, who asked not to be named, said the crowd was small.",
      "said",
      "The organizer",
    ],
    [
      "the subject after a subordinate clause",
      "When the vote was called, the treasurer said the books were balanced.",
      "said",
      "the treasurer",
    ],
    [
      "a share of a poll",
      "More than six in 10 said the town was on the wrong track.",
      "said",
      "More than six in 10",
    ],
    ["a share opened by an adverb", "Nearly half said they would stay home.", "said", "Nearly half"],
    [
      "a share of those surveyed",
      "A majority of those surveyed said the levy was unfair.",
      "said",
      "A majority of those surveyed",
    ],
  ])("proposes %s", (_, text, verb, expected) => {
    const { doc, cue, sentence } = beforeCue(text, verb);
    expect(clauseSubjects(doc, sentence, cue).map((m) => phrase(doc, m))).toContain(expected);
  });

  it.each([
    [
      "a phrase a participle modifies",
      "The program, called Second Chance, lets inmates finish school.",
      "called",
    ],
    ["a quotation before an inverted verb", '"We are ready," said the mayor.', "said"],
    ["a state", "Texas said the new fence would be finished by summer.", "said"],
    ["a sentence-opening verb", "Keeps insisted the deal was off.", "insisted"],
  ])("proposes nothing for %s", (_, text, verb) => {
    const { doc, cue, sentence } = beforeCue(text, verb);
    expect(clauseSubjects(doc, sentence, cue)).toEqual([]);
  });
});
