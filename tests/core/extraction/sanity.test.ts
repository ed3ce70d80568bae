import { describe, expect, it } from "vitest";
import {
  extractStatements,
  statementCandidates,
} from "../../../lambdas/core/extraction/extract-statements.ts";

const extract = (body: string) => extractStatements({ body });

describe("speakers are people, organisations or anonymous sources", () => {
  it.each([
    ["a state", "Nevada said the new road would be finished by spring."],
    ["a district", "Capitol Hill said the vote would slip to next week."],
    ["a headline verb", "Keeps said the plan was dead, and the town moved on."],
    ["an imperative", "Get said the plan was dead."],
    ["a two-word state", "New Mexico said the fund was empty."],
  ])("never %s: %s", (_, body) => {
    expect(extract(body)).toEqual([]);
  });

  it.each([
    ["a capital standing for its government", "Ottawa said the tariffs would stay.", "Ottawa"],
    [
      "a governor named after the state",
      "Nevada Gov. Lena Ruiz said the road would open in May.",
      "Lena Ruiz",
    ],
    ["an inverted speaker", '"The road opens in May," said Lena Ruiz.', "Lena Ruiz"],
  ])("still %s: %s", (_, body, speaker) => {
    expect(extract(body).map((s) => s.speaker)).toEqual([speaker]);
  });
});

describe("narration is no statement", () => {
  it.each([
    "Halifax responded a couple minutes later when Mika Toivonen scored on a rebound.",
    "The visitors responded quickly with two goals of their own.",
  ])("%s", (body) => {
    expect(extract(body)).toEqual([]);
  });
});

describe("sentences run together by feeds", () => {
  it("ends a sentence at a full stop with no space before a capitalised word", () => {
    const body =
      "Crews closed the bridge in the province.The ferry was cancelled, Transport Minister Ana Silva said.";
    const [statement] = extract(body);
    expect(statement?.text).toBe("The ferry was cancelled");
    expect(statement?.speaker).toBe("Ana Silva");
  });

  it.each([
    ["a web address", "The mayor said the forms were on example.com now."],
    ["a decimal", "The mayor said growth was 3.5 per cent."],
    ["an initialism", "The mayor said the U.S. Navy would help."],
  ])("keeps %s whole", (_, body) => {
    const [statement] = extract(body);
    expect(statement?.text).toBe(body.slice(body.indexOf("said ") + 5, -1));
  });
});

describe("the scorer's features", () => {
  it("learn no names: two statements that differ only in who and where score the same", () => {
    const features = (body: string) => statementCandidates({ body }).map((c) => c.features);
    expect(features('"The bridge opens in May," Transport Minister Ana Costa said in Riverton.')).toEqual(
      features('"The bridge opens in May," Transport Minister Ilse Brandt said in Kelowna.'),
    );
  });

  it.each([
    ['"We are ready," said Defence Minister Omar Haddad.', "direct"],
    ["Defence Minister Omar Haddad said the drills would go ahead.", "indirect"],
  ])("is sure of a plainly attributed statement: %s", (body, kind) => {
    const [statement] = extract(body);
    expect(statement?.kind).toBe(kind);
    expect(statement?.confidence).toBeGreaterThanOrEqual(0.8);
  });
});
