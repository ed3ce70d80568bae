import { describe, expect, it } from "vitest";
import { type SummaryInput, summariseOfficial } from "../../../lambdas/core/digest/summarise.ts";

const reported = (text: string): SummaryInput => ({ text, kind: "indirect", cue: "said" });

describe("an official's one-line summary stands on its own", () => {
  it.each([
    ["opening with 'it', which stands for words before it", "it still posed a direct threat to the harbour"],
    ["opening with 'that it'", "that it would cost more than the council had been told"],
    ["opening with 'they'", "they had been warned twice about the dredging"],
    ["opening with 'this'", "this was the worst flood the town had seen"],
    ["cut off after a relative", "the cuts were a response to attacks - attacks that"],
    ["cut off after a conjunction", "the harbour would close for the winter and"],
    ["cut off after a preposition", "the dredging would start in the spring of"],
  ])("passes over a clause %s", (_, clause) => {
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
