import { describe, expect, it } from "vitest";
import { type SummaryInput, summariseOfficial } from "../../../lambdas/core/digest/summarise.ts";

const reported = (text: string): SummaryInput => ({ text, kind: "indirect", cue: "said" });

describe("an official's one-line summary stands on its own", () => {
  it.each([
    ["'it'", "it still posed a direct threat to the harbour"],
    ["'that it'", "that it would cost more than the council had been told"],
    ["'they'", "they had been warned twice about the dredging"],
    ["'this'", "this was the worst flood the town had seen"],
  ])("passes over a clause opening with %s, which stands for words before it", (_, clause) => {
    const summary = summariseOfficial("Ada Ruiz", "Mayor", [
      reported(clause),
      reported("the harbour would reopen in May"),
    ]);
    expect(summary).toBe("Mayor Ada Ruiz said the harbour would reopen in May.");
  });

  it.each([
    ["a relative", "the cuts were a response to attacks - attacks that"],
    ["a conjunction", "the harbour would close for the winter and"],
    ["a preposition", "the dredging would start in the spring of"],
  ])("passes over words cut off after %s", (_, clause) => {
    const summary = summariseOfficial("Ada Ruiz", "Mayor", [
      reported(clause),
      reported("the harbour would reopen in May"),
    ]);
    expect(summary).toBe("Mayor Ada Ruiz said the harbour would reopen in May.");
  });

  it("keeps a clause whose subject is the speaker herself", () => {
    expect(summariseOfficial("Ada Ruiz", "Mayor", [reported("she would seek a second term in office")])).toBe(
      "Mayor Ada Ruiz said she would seek a second term in office.",
    );
  });
});
