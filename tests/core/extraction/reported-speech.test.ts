import { describe, expect, it } from "vitest";
import { brief, extract } from "./helpers.ts";

describe("partial quotes and reported speech", () => {
  it("reads a partial quote inside reported speech as mixed", () => {
    const [statement] = extract(
      'Han called the launches a "deliberate test of our resolve" and a provocation.',
    );
    expect(brief(statement as never)).toEqual({
      speaker: "Han",
      kind: "mixed",
      text: 'the launches a "deliberate test of our resolve" and a provocation',
    });
  });

  it.each([
    ["said", "Cho said he would seek dialogue with the North.", "he would seek dialogue with the North"],
    [
      "said that",
      "Cho said that he would seek dialogue with the North.",
      "that he would seek dialogue with the North",
    ],
    ["added that", "He added that Seoul would bolster deterrence.", "that Seoul would bolster deterrence"],
    [
      "told someone that",
      "Lee told reporters that the channel was still open.",
      "that the channel was still open",
    ],
    [
      "said in a statement that",
      "Park said in a statement that the talks were useful.",
      "that the talks were useful",
    ],
    ["warned", "Okafor warned the city would face a shortfall.", "the city would face a shortfall"],
    ["stressed", "Holt stressed the deadline had not moved.", "the deadline had not moved"],
    ["noted", "Han noted the drills had been planned for months.", "the drills had been planned for months"],
    ["vowed", "Park vowed to protect farmers from the tariffs.", "to protect farmers from the tariffs"],
    ["pledged", "Reyes pledged to keep one branch open on weekends.", "to keep one branch open on weekends"],
    ["urged", "Lee urged the North to return to talks.", "the North to return to talks"],
    [
      "reiterated",
      "Cho reiterated that the door to talks stayed open.",
      "that the door to talks stayed open",
    ],
    ["insisted", "Holt insisted the tariffs were lawful.", "the tariffs were lawful"],
    ["denied", "Han denied that the drills were a provocation.", "that the drills were a provocation"],
    ["claimed", "Reyes claimed the branches sat half empty.", "the branches sat half empty"],
    ["content first", "The talks were frank and useful, Park said.", "The talks were frank and useful"],
    [
      "content first, verb first",
      "The talks were frank and useful, said Park.",
      "The talks were frank and useful",
    ],
    [
      "said by telephone that (no passive)",
      "Park said by telephone that the talks were useful.",
      "that the talks were useful",
    ],
    ["content first, said by phone", "The talks were useful, Park said by phone.", "The talks were useful"],
    [
      "told an audience and where",
      "Park told a gathering in Busan she would protect the fisheries.",
      "she would protect the fisheries",
    ],
    [
      "told an audience named by capitalised words",
      "Park told a Busan Rotary Club gathering she would protect the fisheries.",
      "she would protect the fisheries",
    ],
    [
      "told an audience, where and when, then that",
      "Park is telling a packed hall in rainy Busan, South Korea, on the last day of campaigning that the fisheries are safe.",
      "that the fisheries are safe",
    ],
    [
      "told reporters where, then that",
      "Park told reporters in Busan that the fisheries were safe.",
      "that the fisheries were safe",
    ],
    [
      "told a body what, no place",
      "Park told the council the fisheries were safe.",
      "the fisheries were safe",
    ],
    [
      "said, an aside, that",
      "Park said, however, that the fisheries were safe.",
      "that the fisheries were safe",
    ],
    [
      "conceded, an aside, that",
      "Park conceded, for the first time, that the fisheries were failing.",
      "that the fisheries were failing",
    ],
    [
      "told one's own people",
      "Park told his aides that the fisheries were safe.",
      "that the fisheries were safe",
    ],
    [
      "told several people",
      "Park told Kim and others that the fisheries were safe.",
      "that the fisheries were safe",
    ],
  ])("reads reported speech introduced by %s", (_, body, text) => {
    const statements = extract(body);
    expect(statements.map((s) => ({ kind: s.kind, text: s.text }))).toEqual([{ kind: "indirect", text }]);
  });

  it.each([
    [
      "an inverted 'he said'",
      "Lee spoke on Monday. And the pier will close in May, he said.",
      "the pier will close in May",
    ],
    [
      "a 'she added' after a 'But'",
      "Lee Park spoke on Monday. But the pier will close in May, she added.",
      "the pier will close in May",
    ],
    ["not a quotation's own", '"And the pier will close," Lee said.', "And the pier will close"],
  ])("leaves out the writer's opening 'And' or 'But' from reported words: %s", (_, body, text) => {
    expect(extract(body).map((s) => s.text)).toEqual([text]);
  });

  it("reads 'according to' before and after the clause", () => {
    const before = extract("According to the ministry, the drills will start in March.");
    const after = extract("The drills will start in March, according to the ministry.");
    expect(before.map((s) => [s.speaker, s.text])).toEqual([["ministry", "the drills will start in March"]]);
    expect(after.map((s) => [s.speaker, s.text])).toEqual([["ministry", "The drills will start in March"]]);
  });

  it("gives a trailing ', saying …' clause to the speaker of the sentence", () => {
    const statements = extract("Cho made the remarks at a forum on Monday, saying it was time to reflect.");
    expect(statements.map(brief)).toEqual([
      { speaker: "Cho", kind: "indirect", text: "it was time to reflect" },
    ]);
  });

  it("reads a quote and its ', stressing …' tail as two statements of one speaker", () => {
    const statements = extract(
      '"The summits laid a foundation," he said, stressing the need to act "swiftly and properly."',
    );
    expect(statements.map((s) => s.kind)).toEqual(["direct", "mixed"]);
    expect(statements[1]?.text).toBe('the need to act "swiftly and properly."');
  });

  it("keeps a ', citing …' clause in the statement it belongs to", () => {
    const [statement] = extract(
      "Ahn warned of growing instability, citing cooperation between Moscow and Pyongyang.",
    );
    expect(statement?.text).toBe("of growing instability, citing cooperation between Moscow and Pyongyang");
  });

  it.each([
    [
      "a phrase set off after the subject",
      "Farm economists, like their rivals in industry, say the tariff hurts exports.",
      "the tariff hurts exports",
    ],
    ["a quotation before it", '"The tariff hurts exports," say the economists.', "The tariff hurts exports"],
  ])("reads a plural 'say' after %s", (_, body, text) => {
    expect(extract(body).map((s) => s.text)).toEqual([text]);
  });

  it("reads no inverted speaker after 'say' when the clause goes on", () => {
    const speakers = extract(
      "Executives at the mill, which earned a record profit last year, say the company will hire.",
    ).map((s) => s.speaker);
    expect(speakers).not.toContain("company");
  });

  it.each([
    [
      "but went on to say",
      'Reyes joked that the budget was a mystery, but went on to say, "We will balance it."',
    ],
    [
      "and proceeded to argue",
      "Reyes said the budget was sound and proceeded to argue that no cuts were needed.",
    ],
  ])("ends a statement where the speaker goes on to the next, '%s'", (_, body) => {
    expect(extract(body).map((s) => s.text)).toHaveLength(2);
    expect(extract(body)[0]?.text).not.toMatch(/went on|proceeded/);
  });

  it("ends the words where the narration takes its next step, 'and turned a blind eye to …'", () => {
    const [statement] = extract(
      "Reyes called on the rangers not to cross the river, and turned a blind eye to the new fence.",
    );
    expect(statement?.text).toBe("on the rangers not to cross the river");
  });

  it.each([
    ["a passive", "Lee was told the channel was closed."],
    ["a negation", "Han did not say when the drills would start."],
    ["a refusal", "The ministry declined to say when the drills would start."],
    ["an example's 'say'", "The fare could rise to, say, forty dollars."],
    ["a noun that looks like a verb", "His claims about the budget were disputed."],
    ["an unrelated 'called'", "The program, called EB-5, lets investors apply for residency."],
  ])("finds no statement in %s", (_, body) => {
    expect(extract(body)).toEqual([]);
  });
});
