import { describe, expect, it } from "vitest";
import { extractStatements } from "../../../lambdas/core/extraction/extract-statements.ts";
import { extract } from "./helpers.ts";

/**
 * What must yield no statement at all, end to end with the default options: narration that
 * borrows a reporting verb, and the furniture around an article's prose.
 */
describe("narration is no statement", () => {
  it.each([
    [
      "a team responding a couple of minutes later",
      "Halifax responded a couple of minutes later when Ada Novak scored.",
    ],
    ["a team responding by scoring", "The Hawks responded by scoring twice before the break."],
    ["a player answering with a goal", "Novak answered with a goal of her own."],
    ["a team responding moments later", "Westbury responded moments later with an equaliser."],
    ["a team responding later in the half", "Riverton responded later in the half."],
    ["a team answering in a period", "The Hawks answered in the third period."],
    ["a player continuing to attack", "Ferris continued to attack down the left."],
    ["a player pointing to the stands", "Ferris pointed to the stands after scoring."],
    ["fans adding to the noise", "The fans added to the noise."],
    ["a coach calling up players", "The coach called up two players from the reserves."],
    ["a mayor calling in the police", "The mayor called in the state police."],
    ["a council calling off a vote", "The council called off the vote."],
    ["a coach calling for a timeout", "The coach called for a timeout."],
    ["a striker calling for the ball", "Ferris called for the ball."],
    ["where something was said, and nothing more", "Corbett said at a rally in Ames."],
    ["how something was said, and nothing more", "Corbett said pleasantly into the phone."],
    ["whom somebody joked with, and nothing more", "Corbett joked with an aide at the back of the hall."],
    ["when somebody posted, and nothing more", "Ruiz tweeted as the mayor spoke from the balcony."],
    [
      "a defence and the time clause after it",
      "Mayor Ada Ruiz on Tuesday defended the city's response, a day after a report faulted the fire crews.",
    ],
    ["when somebody reported, and nothing more", "Ruiz reported after the police had left the square."],
    ["a reporter reporting to an editor", "Ruiz reported daily to the night editor."],
    ["a host saying goodbye", "Corbett said goodbye to the last guest at midnight."],
    ["questions raised about somebody", "The report raised questions about the mayor's travel."],
    ["questions that linger", "Questions remain about who paid for the trip."],
    ["a mayor telephoning somebody", "Corbett called Ruiz earlier this month to ask about the vote."],
    ["a mayor calling somebody up to the stage", "Corbett called Ruiz onto the stage."],
    ["a candidate calling a rival after the result", "Corbett called Ruiz shortly after the result."],
    [
      "a governor calling a delegate named after her role",
      "Corbett called a local delegate, Ana Ruiz, and met her at the hall.",
    ],
    ["officers reporting to a scene", "Two officers reported to the scene."],
    ["a lawmaker writing a law", "Ruiz wrote legislation that gave the port new powers."],
    ["an officer reporting for duty", "She reported for duty on Monday."],
    ["a candidate adding to her lead", "Corbett added to her lead in the polls."],
    ["a referee noting the time", "The referee noted the time and restarted play."],
    ["a player claiming the ball", "Hall claimed the ball at midfield."],
    ["a rebel group claiming an attack", "The group claimed the attack in a video."],
    ["a runner insisting on a rematch", "Ferris insisted on a rematch."],
  ])("%s: %s", (_, body) => {
    expect(extract(body)).toEqual([]);
  });
});

describe("a call for something at a statement's length is a statement", () => {
  it.each([
    ["for", "Mayor Ines Corbett called for a recount of every ballot.", "for a recount of every ballot"],
    ["on", "Corbett called on the council to delay the vote.", "on the council to delay the vote"],
  ])("'called %s …'", (_, body, text) => {
    expect(extract(body).map((s) => s.text)).toEqual([text]);
  });
});

describe("a clause of when before the words still reports them", () => {
  it.each([
    [
      "after a comma",
      "Corbett said after the vote, the party would regroup.",
      "after the vote, the party would regroup",
    ],
    ["before a 'that'", "Corbett said of the plan that it would fail.", "that it would fail"],
  ])("%s", (_, body, text) => {
    expect(extract(body).map((s) => s.text)).toEqual([text]);
  });
});

describe("a reporting word after an article or a possessive is a noun, no cue", () => {
  it.each([
    ["a possessive", '"We are like a bridge," Corbett said, not finishing his joke.'],
    ["an article", '"We are like a bridge," Corbett said, and the joke fell flat.'],
    ["a plural noun", '"We are like a bridge," Corbett said, repeating her claims.'],
  ])("after %s", (_, body) => {
    expect(extract(body).map((s) => s.cue)).toEqual(["said"]);
  });
});

describe("an article's furniture is no statement", () => {
  it.each([
    ["a headline", ["Council Approves Budget After Long Night"]],
    ["a byline", ["By Ines Corbett and Dale Ferris"]],
    ["a byline with a desk", ["By DALE FERRIS\nAssociated Press"]],
    ["a byline with a job", ["By Dale Ferris, Staff Writer"]],
    ["a dateline alone", ["RIVERTON, Ont. —"]],
    ["a timestamp", ["Updated 5:42 p.m. ET"]],
    ["a reporter's location", ["Dale Ferris reports from Lisbon."]],
    ["a credit line", ["Ines Corbett contributed reporting from Riverton."]],
    ["a caption", ["Mayor Ines Corbett, left, talks with residents at the library on Saturday."]],
    [
      "a caption with a label",
      ["Photo: Ines Corbett speaks during a council meeting in Riverton on Monday."],
    ],
    ["a photo credit", ["(Dale Ferris/The Riverton Star)"]],
    [
      "a caption and its credit",
      ["Mayor Ines Corbett speaks to reporters outside city hall on Monday. (Photo: Dale Ferris)"],
    ],
    [
      "an author's note",
      ["Ines Corbett is a reporter covering city hall. She can be reached at the newsroom."],
    ],
  ])("%s: %j", (_, paragraphs) => {
    expect(extract(...paragraphs)).toEqual([]);
  });

  it.each([
    [
      "a byline and a dateline",
      ["By Dale Ferris", "RIVERTON, Ont. — The bridge will open in May, Mayor Ines Corbett said on Tuesday."],
    ],
    [
      "a caption",
      [
        "The bridge will open in May, Mayor Ines Corbett said on Tuesday.",
        "Mayor Ines Corbett, left, talks with residents at the library on Saturday.",
      ],
    ],
  ])("leaves only the body's statement when the article has %s", (_, paragraphs) => {
    expect(extract(...paragraphs).map((s) => [s.speaker, s.text])).toEqual([
      ["Ines Corbett", "The bridge will open in May"],
    ]);
  });

  it("reads a first paragraph that repeats the article's title as its headline", () => {
    const title = "Corbett: The bridge will open in May";
    const body = `${title}.\n\nThe bridge will open in May, Mayor Ines Corbett said on Tuesday.`;
    expect(extractStatements({ title, body }).map((s) => [s.speaker, s.text])).toEqual([
      ["Ines Corbett", "The bridge will open in May"],
    ]);
  });
});
