import { describe, expect, it } from "vitest";
import { type Attribution, findCandidates } from "../../../lambdas/core/extraction/candidates.ts";
import type { CuedDoc } from "../../../lambdas/core/extraction/cues.ts";
import { allWords, cued, phrase } from "./helpers.ts";

/** Every candidate of the text as a reader would check it: how it was found, who, what. */
function candidates(...paragraphs: string[]) {
  const doc = cued(...paragraphs);
  return findCandidates(doc)
    .flat(2)
    .map((a) => read(doc, a));
}

const read = (doc: CuedDoc, a: Attribution) => ({
  via: `${a.via.source}/${a.via.content}`,
  speaker: phrase(doc, a.mention),
  content: allWords(doc, a.parts),
  rule: a.rule,
});

describe("findCandidates: each generator proposes its reading of a cue", () => {
  it.each([
    [
      "label/label",
      "a transcript's speaker label",
      ["CORBETT: Well, the plant will close in May."],
      "CORBETT",
      ["Well, the plant will close in May"],
    ],
    [
      "according-to/leading",
      "'according to' opening the sentence",
      ["According to the ministry, the drills will start in March."],
      "the ministry",
      ["the drills will start in March"],
    ],
    [
      "according-to/leading",
      "'according to' a person and their role opening the sentence",
      ["According to Ines Corbett, the mayor's housing director, the drills will start in March."],
      "Ines Corbett",
      ["the drills will start in March"],
    ],
    [
      "according-to/around",
      "'according to' inside the sentence",
      ["Since last spring, according to the ministry, the drills have doubled."],
      "the ministry",
      ["Since last spring", "the drills have doubled"],
    ],
    [
      "according-to/before",
      "'according to' closing the sentence",
      ["The drills will start in March, according to the ministry."],
      "the ministry",
      ["The drills will start in March"],
    ],
    [
      "subject/after",
      "the subject before the verb and the clause after it",
      ["Mayor Ines Corbett said the plant would close."],
      "Mayor Ines Corbett",
      ["the plant would close"],
    ],
    [
      "subject/before",
      "the clause before the speaker",
      ["The plant will close, Corbett said."],
      "Corbett",
      ["The plant will close"],
    ],
    [
      "relative/after",
      "the antecedent of 'who'",
      ["The plan was drafted by Corbett, who said it would save jobs."],
      "Corbett",
      ["it would save jobs"],
    ],
    [
      "appositive/after",
      "the name before an appositive",
      ["Ines Corbett, the city's budget director, said the library would stay open."],
      "Ines Corbett",
      ["the library would stay open"],
    ],
    [
      "inverted/before",
      "the speaker after an inverted verb",
      ['"We are ready," said Mayor Ines Corbett.'],
      "Mayor Ines Corbett",
      ["We are ready,"],
    ],
    [
      "inverted/before",
      "a quotation split by an inverted attribution",
      ['"We are ready," said Corbett, "and we will win."'],
      "Corbett",
      ["We are ready,", "and we will win."],
    ],
    [
      "inherited/after",
      "a gerund carrying on its clause's speaker",
      ["Corbett spoke at the plant on Friday, saying the workers would be paid."],
      "Corbett",
      ["the workers would be paid"],
    ],
    [
      "inherited/after",
      "the subject a determiner opens, with a comma later in the sentence",
      ["The mayor spoke for an hour on Monday, saying the port would reopen."],
      "The mayor",
      ["the port would reopen"],
    ],
    [
      "inherited/after",
      "the speaker of the clause before 'but went on to'",
      ['Ruiz joked that the port was his answer, but went on to say, "The port is a mess."'],
      "Ruiz",
      ['"The port is a mess."'],
    ],
    [
      "sentence-subject/after",
      "the name the sentence opens with, beside the subject before the verb",
      ["Ruth Amsel met the workers on Friday and an aide said the plant would close."],
      "Ruth Amsel",
      ["the plant would close"],
    ],
    [
      "clause-subject/after",
      "the phrase opening the clause, past an adverb",
      ["Even the organizer of the rally said the crowd was small."],
      "the organizer",
      ["the crowd was small"],
    ],
    [
      "pronoun/after",
      "the pronoun the clause opens with, past an adverb and an object",
      ["Corbett left early after she formally unveiled the budget, calling it a fresh start."],
      "she",
      ["it a fresh start"],
    ],
    [
      "pronoun/after",
      "the pronoun of the verb before 'and'",
      [
        "The treasurer took questions for an hour, and when the loan came up he laughed and said it had been repaid.",
      ],
      "he",
      ["it had been repaid"],
    ],
    [
      "pronoun/after",
      "the pronoun of the verb before 'and', past its object",
      [
        "The mayor spoke first, but then she stood by the plan for an hour and insisted that the bridge was safe.",
      ],
      "she",
      ["that the bridge was safe"],
    ],
    [
      "pronoun/after",
      "the relative pronoun of the verb before 'and', for its antecedent",
      ["The affidavit cites Dale Ferris, who saw the crash and described it in print."],
      "Dale Ferris",
      ["it in print"],
    ],
    [
      "absolute/after",
      "the subject of an absolute phrase with 'with', for its second gerund",
      [
        "The port raised its fees on Monday, with its directors shrugging off the losses and vowing to cut costs by spring.",
      ],
      "its directors",
      ["to cut costs by spring"],
    ],
    [
      "subject/after-short",
      "the clause stopped where the narration takes over",
      ["Mayor Ines Corbett said the budget was balanced -- and the hall fell silent."],
      "Mayor Ines Corbett",
      ["the budget was balanced"],
    ],
    [
      "subject/around",
      "the words around a parenthetical attribution",
      ["Overall, she said, turnout fell."],
      "she",
      ["Overall,", "turnout fell"],
    ],
    [
      "subject/next-paragraph",
      "the paragraph after a colon",
      ["The minister told the assembly:", "“We will not wait.”"],
      "The minister",
      ["“We will not wait.”"],
    ],
  ])("%s: %s", (via, _, paragraphs, speaker, content) => {
    expect(candidates(...paragraphs)).toContainEqual(expect.objectContaining({ via, speaker, content }));
  });

  it.each([
    ["the clause after the verb", ["Mayor Ines Corbett said the plant would close."], "subject/after"],
    ["the clause before the speaker", ["The plant will close, Corbett said."], "subject/before"],
    [
      "a quotation before the speaker, over the circumstance after the verb",
      ['"We are ready," Corbett said in a speech.'],
      "subject/before",
    ],
    ["the inverted speaker", ['"We are ready," said Mayor Ines Corbett.'], "inverted/before"],
    [
      "the appositive's name",
      ["Ines Corbett, the city's budget director, said the library would stay open."],
      "appositive/after",
    ],
    [
      "the gerund's speaker, the subject a determiner opens",
      ["The mayor spoke for an hour on Monday, saying the port would reopen."],
      "inherited/after",
    ],
    [
      "the whole clause, narration and all",
      ["Mayor Ines Corbett said the budget was balanced -- and the hall fell silent."],
      "subject/after",
    ],
  ])("marks the rules' own choice: %s", (_, paragraphs, via) => {
    const ruled = candidates(...paragraphs).filter((c) => c.rule);
    expect(ruled.map((c) => c.via)).toEqual([via]);
  });

  it.each([
    [
      "a two-letter state",
      "At a rally in Nashua, N.H., on Friday, Senator Ruth Amsel endorsed Corbett, saying she would win.",
    ],
    [
      "a state cut short",
      "At a rally in Dover, Del., on Friday, Senator Ruth Amsel endorsed Corbett, saying she would win.",
    ],
  ])("gives a gerund the sentence's subject past a place and a time opening it: %s", (_, text) => {
    const ruled = candidates(text).filter((c) => c.rule);
    expect(ruled.map((c) => [c.via, c.speaker])).toEqual([["inherited/after", "Senator Ruth Amsel"]]);
  });

  it.each([
    [
      "an adverb opening the sentence",
      "Once she was mayor, Corbett made the port a priority, announcing a new board within a week.",
      "Once",
    ],
    [
      "a participle opening the sentence",
      "Reached by phone, Corbett denied the report, explaining that she was away.",
      "Reached",
    ],
    ["'Soon after'", "Soon after, a column ran an item suggesting that Corbett was a hypocrite.", "Soon"],
    [
      "'Neither' opening the sentence",
      "Neither Amsel nor Ruiz has won a seat and Corbett strongly suggested they should quit the race.",
      "Neither Amsel",
    ],
    ["'Again'", "Again, the voters surveyed said the mayor was best able to handle the port.", "Again"],
    [
      "'Late last month'",
      "Late last month, the firm wrote to the mayor, calling the report misleading.",
      "Late",
    ],
  ])("takes no sentence-opening word for a speaker: %s", (_, text, word) => {
    const found = candidates(text);
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((c) => c.speaker)).not.toContain(word);
  });

  it.each([
    ["a passive", "Corbett was told the plant would close."],
    ["a negation", "Corbett did not say when the plant would close."],
    ["a refusal", "The council declined to say when the plant would close."],
    ["a noun that looks like a verb", "Her claims about the plant were disputed."],
    ["a phrase a participle modifies", "The program, called Second Chance, lets inmates finish school."],
    ["a state as the subject", "Texas said the new fence would be finished by summer."],
    ["a district as the subject", "Capitol Hill warned the vote would slip."],
    ["a capitalised verb as the subject", "Keeps insisted the deal was off."],
    ["sports narration: responded by", "The Hawks responded by scoring twice before the break."],
    [
      "sports narration: responded a couple of minutes later",
      "Halifax responded a couple of minutes later when Ada Novak scored.",
    ],
    ["sports narration: answered with", "Novak answered with a goal of her own."],
    ["a headline with no attribution", "Council Approves Budget After Long Night"],
    ["a byline", "By Ines Corbett and Dale Ferris"],
    ["a byline with a desk", "By DALE FERRIS\nAssociated Press"],
    ["a dateline alone", "RIVERTON, Ont. —"],
    ["a caption", "Mayor Ines Corbett, left, talks with residents at the library on Saturday."],
    ["a photo credit", "(Dale Ferris/The Riverton Star)"],
    [
      "an author's note",
      "Ines Corbett is a reporter covering city hall. She can be reached at the newsroom.",
    ],
  ])("proposes nothing for %s", (_, text) => {
    expect(candidates(text)).toEqual([]);
  });
});
