import { describe, expect, it } from "vitest";
import { attribution, type TokenRange } from "../../../lambdas/core/extraction/candidates.ts";
import { readingOverlaps } from "../../../lambdas/core/extraction/extract-statements.ts";
import {
  type ConfidenceEvidence,
  evidenceInputs,
  evidenceProbability,
} from "../../../lambdas/core/extraction/score/confidence.ts";
import { shippedModel } from "../../../lambdas/core/extraction/score/shipped.ts";
import { fitLogistic } from "../../../lambdas/core/extraction/score/train.ts";

/** A reading of these token ranges at this score: all readingOverlaps reads. */
const reading = (parts: TokenRange[], score: number) =>
  attribution({
    cue: null,
    mention: null,
    inherited: false,
    parts,
    sentence: 0,
    paragraph: 0,
    via: { source: "subject", content: "after" },
    rule: true,
    score,
  });

describe("readings that claim the same words", () => {
  it.each([
    ["apart", [[[0, 4]], 0.9] as const, [[[6, 9]], 0.8] as const, ["none", "none"]],
    [
      "sharing a word, the first likelier",
      [[[0, 4]], 0.9] as const,
      [[[4, 9]], 0.8] as const,
      ["less likely", "likelier"],
    ],
    [
      "one within the other, the inner likelier",
      [[[0, 9]], 0.5] as const,
      [[[2, 3]], 0.7] as const,
      ["likelier", "less likely"],
    ],
    ["equally likely", [[[0, 4]], 0.6] as const, [[[3, 6]], 0.6] as const, ["less likely", "less likely"]],
    [
      "a quotation in two parts around another",
      [
        [
          [0, 2],
          [8, 9],
        ],
        0.9,
      ] as const,
      [[[4, 5]], 0.3] as const,
      ["less likely", "likelier"],
    ],
  ])("%s", (_, [partsA, scoreA], [partsB, scoreB], expected) => {
    const a = reading(
      partsA.map((p) => [...p] as TokenRange),
      scoreA,
    );
    const b = reading(
      partsB.map((p) => [...p] as TokenRange),
      scoreB,
    );
    expect(readingOverlaps([a, b])).toEqual(expected);
  });
});

const plain: ConfidenceEvidence = {
  probability: 0.9,
  share: 0.85,
  rule: true,
  kind: "direct",
  mention: "name",
  named: true,
  continued: false,
  overlap: "none",
  readings: 8,
};

describe("the shipped confidence", () => {
  const model = shippedModel();

  it.each([
    ["a likelier reading claims its words", { overlap: "likelier" }],
    ["another reading claims its words", { overlap: "less likely" }],
    ["a rival reading of its cue is nearly as likely", { share: 0.45 }],
    ["the speaker was not resolved to a name", { named: false }],
    ["the scorer is less sure of it", { probability: 0.7 }],
  ] as const)("is lower when %s", (_, change) => {
    expect(model.confidence({ ...plain, ...change })).toBeLessThan(model.confidence(plain));
  });

  it("stays a probability at the extremes", () => {
    for (const probability of [0, 1])
      for (const overlap of ["none", "likelier"] as const) {
        const c = model.confidence({ ...plain, probability, share: probability, overlap });
        expect(c).toBeGreaterThanOrEqual(0);
        expect(c).toBeLessThanOrEqual(1);
      }
  });
});

describe("fitting the confidence regression", () => {
  // Right when the scorer is sure and no likelier reading claims the words; one in four exceptions.
  const rows = Array.from({ length: 400 }, (_, i) => {
    const evidence: ConfidenceEvidence = {
      ...plain,
      probability: 0.5 + (i % 5) / 10,
      overlap: i % 3 === 0 ? "likelier" : "none",
    };
    const right = evidence.probability >= 0.7 && evidence.overlap === "none";
    return { inputs: evidenceInputs(evidence), y: (right !== (i % 4 === 0) ? 1 : 0) as 0 | 1 };
  });

  it("learns which evidence counts against a statement, the same weights every time", () => {
    const weights = fitLogistic(rows);
    expect(fitLogistic(rows)).toEqual(weights);
    expect(weights["overlaps-likelier"]).toBeLessThan(0);
    const sure = evidenceProbability(weights, { ...plain, probability: 0.9 });
    expect(sure).toBeGreaterThan(
      evidenceProbability(weights, { ...plain, probability: 0.9, overlap: "likelier" }),
    );
    expect(sure).toBeGreaterThan(evidenceProbability(weights, { ...plain, probability: 0.5 }));
  });
});
