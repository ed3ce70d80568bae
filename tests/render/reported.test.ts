import { describe, expect, it } from "vitest";
import { reportedSentence, roleOf } from "../../lambdas/core/render/reported.ts";

describe("a reported statement as a sentence of the email", () => {
  it.each([
    [
      "a plain report",
      "said",
      "that the bridge would reopen in March",
      "Ana Cole said that the bridge would reopen in March.",
    ],
    ["a cue in the present", "says", "the bridge will reopen", "Ana Cole said the bridge will reopen."],
    [
      "a verb that takes its object",
      "calls",
      "for a single-payer health care system",
      "Ana Cole called for a single-payer health care system.",
    ],
    [
      "a verb before a gerund",
      "proposes",
      "breaking up the largest banks",
      "Ana Cole proposed breaking up the largest banks.",
    ],
    [
      "a verb with its particle",
      "points out",
      "that the road is closed",
      "Ana Cole pointed out that the road is closed.",
    ],
    ["an irregular verb", "writes", "that the plan is sound", "Ana Cole wrote that the plan is sound."],
    ["a warning in the present", "warns", "that rates will rise", "Ana Cole warned that rates will rise."],
    [
      "a gerund after a plain said",
      "said",
      "adding that the road is closed",
      "Ana Cole spoke, adding that the road is closed.",
    ],
    [
      "a clause the writer linked to the one before",
      "said",
      "Yet the plan is also a risk",
      "Ana Cole said the plan is also a risk.",
    ],
    [
      "a report the speaker's own aside cut in two",
      "said",
      "At the time, … the mayor was trying to delay the vote",
      "Ana Cole said at the time, the mayor was trying to delay the vote.",
    ],
    [
      "a cue that is no verb",
      "according to",
      "the road is closed",
      "According to Ana Cole, the road is closed.",
    ],
  ])("reads %s with its speaker and a verb in the past", (_, cue, text, sentence) => {
    expect(reportedSentence("Ana Cole", cue, text, "indirect")).toBe(sentence);
  });

  it.each([
    ["a common phrase in lower case", "Exit polls", "According to exit polls, turnout rose."],
    [
      "a name with its capitals",
      "Military Times survey",
      "According to Military Times survey, turnout rose.",
    ],
    ["a one-word name", "Reuters", "According to Reuters, turnout rose."],
  ])("writes a source inside the sentence as %s", (_, source, sentence) => {
    expect(reportedSentence(source, "according to", "turnout rose", "indirect")).toBe(sentence);
  });

  it("leaves a direct quote as it is", () => {
    expect(reportedSentence("Ana Cole", "calls", "We will reopen the bridge", "direct")).toBe(
      "We will reopen the bridge",
    );
  });
});

describe("an official's role line", () => {
  it.each([
    ["a title and the country it serves", "Defence Minister", "South Korea", "Defence Minister, South Korea"],
    ["a title that names its state", "Ohio Secretary of State", "Ohio", "Ohio Secretary of State"],
    [
      "a title that names whom the adviser serves",
      "Senior adviser to Obama",
      "President Barack Obama",
      "Senior adviser to Obama",
    ],
    ["an affiliation alone", null, "Acme Corp", "Acme Corp"],
    ["a title alone", "Mayor", null, "Mayor"],
  ])("shows %s once", (_, title, affiliation, line) => {
    expect(roleOf(title, affiliation)).toBe(line);
  });
});
