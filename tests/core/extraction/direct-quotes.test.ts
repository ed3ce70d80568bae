import { describe, expect, it } from "vitest";
import { brief, extract } from "./helpers.ts";

describe("direct quotes", () => {
  it.each([
    [
      "question mark, then who said it and of what",
      '"Who do they think they are?" Lee said of the lenders.',
      "Lee",
      "Who do they think they are?",
    ],
    [
      "attribution after the quote",
      '"The door to dialogue remains open," Lee said.',
      "Lee",
      "The door to dialogue remains open",
    ],
    [
      "inverted attribution",
      '"The door to dialogue remains open," said Lee.',
      "Lee",
      "The door to dialogue remains open",
    ],
    [
      "attribution before, with a colon",
      'Lee said: "The door to dialogue remains open."',
      "Lee",
      "The door to dialogue remains open.",
    ],
    [
      "attribution before, with a comma",
      'Lee told reporters, "The door to dialogue remains open."',
      "Lee",
      "The door to dialogue remains open.",
    ],
    [
      "curly quote marks",
      "“The door to dialogue remains open,” Lee said.",
      "Lee",
      "The door to dialogue remains open",
    ],
    [
      "doubled apostrophes as quote marks",
      "''The door to dialogue remains open,'' Lee said.",
      "Lee",
      "The door to dialogue remains open",
    ],
    ["a question", '"Who will pay for it?" asked Park.', "Park", "Who will pay for it?"],
  ])("reads a quote with its %s", (_, body, speaker, text) => {
    expect(extract(body).map(brief)).toEqual([{ speaker, kind: "direct", text }]);
  });

  it("reports once a quotation after a colon that carries its own attribution", () => {
    const statements = extract('Lee was blunt: "Send it to the council," she wrote.');
    expect(statements.map((s) => s.text)).toEqual(["Send it to the council"]);
  });

  it("keeps a quote of several sentences whole", () => {
    const [statement] = extract(
      '"Deterrence is not a slogan. It is a daily discipline. We train every day," Han said.',
    );
    expect(statement?.text).toBe("Deterrence is not a slogan. It is a daily discipline. We train every day");
  });

  it("joins the two halves of a quote split by its attribution", () => {
    const statements = extract('"We have made progress," Holt said, "but we are not there yet."');
    expect(statements.map(brief)).toEqual([
      { speaker: "Holt", kind: "direct", text: "We have made progress … but we are not there yet." },
    ]);
    expect(statements[0]?.parts).toHaveLength(2);
  });

  it("lets the next sentence's unattributed quote continue the speaker", () => {
    const statements = extract('"The door remains open," Lee said. "We urge the North to walk through it."');
    expect(statements.map((s) => s.text)).toEqual([
      "The door remains open … We urge the North to walk through it.",
    ]);
  });

  it.each([
    [
      "another speaker's quotation later in the paragraph",
      '"The ferry will run on Sundays," Mayor Ines Ortega said. "We have hired two more crews." "It is a good start," a rider told reporters.',
    ],
    [
      "another speaker's reply later in the paragraph",
      '"The ferry will run on Sundays," Ortega said. "Crews are ready." Asked about fares, her deputy said: "They stay the same."',
    ],
  ])("gives the next sentence's quote to the speaker just quoted, not to %s", (_, body) => {
    const statements = extract(body);
    expect(statements[0]?.text).toMatch(/^The ferry will run on Sundays … /);
    expect(statements[1]?.text).not.toMatch(/crews|Crews/);
  });

  it.each([
    [
      "in the same paragraph",
      ['Mayor Ines Ortega said the ferry would run on Sundays. "We have hired two crews."'],
    ],
    [
      "in the next paragraph",
      ["Mayor Ines Ortega said the ferry would run on Sundays.", '"We have hired two crews."'],
    ],
  ])("lets a quotation go on from a report in the speaker's own words, %s", (_, paragraphs) => {
    const statements = extract(...paragraphs);
    expect(statements.map((s) => [s.speaker, s.text])).toEqual([
      ["Ines Ortega", "the ferry would run on Sundays … We have hired two crews."],
    ]);
  });

  it.each([
    [
      "a few words of narration after it",
      ' "After long thought, I have concluded the plan fails" on fairness.',
      true,
    ],
    [
      "more narration than quotation",
      ' "A failure" was how the council summed up the long night of talks.',
      false,
    ],
  ])("lets the next sentence's leading quote continue the speaker, with %s", (_, next, joins) => {
    const statements = extract(`"We will not back down," said Senator Ada Lee, Democrat of Ohio.${next}`);
    expect(statements[0]?.text.includes("… ")).toBe(joins);
  });

  it("lets a quote continue into the next paragraph, as news copy leaves it open", () => {
    const statements = extract(
      'Reyes said: "We will keep the central library open late.',
      '"And we will ask the council for the money next spring."',
    );
    expect(statements).toHaveLength(1);
    expect(statements[0]?.speaker).toBe("Reyes");
    expect(statements[0]?.text).toContain("ask the council for the money next spring");
  });

  it("joins the next paragraph's quote, with no attribution of its own, to the statement it continues", () => {
    const statements = extract(
      '"I love these libraries," Mayor Daniel Reyes said.',
      '"But love does not pay the heating bill."',
    );
    expect(statements.map((s) => [s.speaker, s.cue, s.text])).toEqual([
      ["Daniel Reyes", "said", "I love these libraries … But love does not pay the heating bill."],
    ]);
  });

  it("does not hand a quote to the previous speaker once the story has moved on", () => {
    const statements = extract(
      '"We are ready," Han said.',
      "The drills are held every spring near the border.",
      '"It was a quiet year."',
    );
    expect(statements.map((s) => s.text)).toEqual(["We are ready"]);
  });
});
