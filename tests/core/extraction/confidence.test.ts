import { describe, expect, it } from "vitest";
import { attribution, type TokenRange } from "../../../lambdas/core/extraction/candidates.ts";
import { extractStatements, readingOverlaps } from "../../../lambdas/core/extraction/extract-statements.ts";
import {
  type ConfidenceEvidence,
  evidenceInputs,
  evidenceProbability,
  weightsInOrder,
} from "../../../lambdas/core/extraction/score/confidence.ts";
import { shippedModel } from "../../../lambdas/core/extraction/score/shipped.ts";
import { fitIsotonic, fitLogistic, wilsonLow } from "../../../lambdas/core/extraction/score/train.ts";

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
  quotesBeside: "none",
};

describe("the shipped confidence", () => {
  const model = shippedModel();

  it.each([
    ["a likelier reading claims its words", { overlap: "likelier" }],
    ["another reading claims its words", { overlap: "less likely" }],
    ["a rival reading of its cue is nearly as likely", { share: 0.45 }],
    ["the speaker was not resolved to a name", { named: false }],
    ["the scorer is less sure of it", { probability: 0.7 }],
    ["its paragraph holds another reading's quotation", { quotesBeside: "claimed" }],
    ["its paragraph holds a quotation no reading takes", { quotesBeside: "unclaimed" }],
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

describe("a statement's confidence", () => {
  // The second text's reading of the mayor is below the default floor but claims words of the
  // chief's: the confidence reads it whichever statements are kept.
  it.each([
    [
      '"The bridge will reopen in May," said Mayor Ines Calder. Her deputy said the cost was not yet known.',
      2,
      2,
    ],
    ["According to the mayor, the chief said the force was short of officers, which the union denied.", 2, 1],
  ])("is the same whichever statements are kept: %s", (text, everyOne, likely) => {
    const all = extractStatements({ body: text }, { keep: "all" });
    expect(all).toHaveLength(everyOne);
    const kept = extractStatements({ body: text }, { keep: "likely" });
    expect(kept).toHaveLength(likely);
    for (const s of kept)
      expect(all.find((a) => a.start === s.start && a.end === s.end)?.confidence).toBe(s.confidence);
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
    const sure = evidenceProbability(weightsInOrder(weights), { ...plain, probability: 0.9 });
    expect(sure).toBeGreaterThan(
      evidenceProbability(weightsInOrder(weights), { ...plain, probability: 0.9, overlap: "likelier" }),
    );
    expect(sure).toBeGreaterThan(
      evidenceProbability(weightsInOrder(weights), { ...plain, probability: 0.5 }),
    );
  });
});

describe("cautious calibration", () => {
  /** n statements at score p, `right` of them right. */
  const block = (p: number, n: number, right: number) =>
    Array.from({ length: n }, (_, i) => ({ p, y: (i < right ? 1 : 0) as 0 | 1 }));

  it.each([
    ["a large block of 9 in 10 right", 1000, 900, 0.88, 0.9],
    ["a small block of 9 in 10 right", 10, 9, 0.6, 0.8],
    ["a block all right", 50, 50, 0.9, 1],
  ])("maps %s to the low end of its share, one standard error down", (_, n, right, low, high) => {
    const map = fitIsotonic([...block(0.1, 100, 10), ...block(0.9, n, right)], 1);
    const top = map.y.at(-1) as number;
    expect(top).toBeGreaterThan(low);
    expect(top).toBeLessThan(high + 1e-9);
    expect(top).toBeLessThanOrEqual(right / n);
  });

  it("keeps the map non-decreasing when a small block's low end falls below the block before", () => {
    const map = fitIsotonic([...block(0.2, 400, 300), ...block(0.5, 1000, 800), ...block(0.9, 5, 5)], 1);
    for (let i = 1; i < map.y.length; i++) expect(map.y[i]).toBeGreaterThanOrEqual(map.y[i - 1] as number);
    expect(fitIsotonic(block(0.5, 10, 9), 0).y).toEqual([0.9]);
  });

  it.each([
    [9, 10, 0],
    [9, 10, 1],
    [900, 1000, 1],
    [0, 20, 1],
  ])("gives a share's low end within [0, the share]: %s of %s at %s standard errors", (k, n, z) => {
    const low = wilsonLow(k, n, z);
    expect(low).toBeGreaterThanOrEqual(0);
    expect(low).toBeLessThanOrEqual(k / n);
    if (z === 0) expect(low).toBe(k / n);
  });
});
