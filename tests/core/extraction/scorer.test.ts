import { describe, expect, it } from "vitest";
import { extractStatements } from "../../../lambdas/core/extraction/extract-statements.ts";
import {
  DIMENSIONS,
  decodeWeights,
  encodeWeights,
  featureIndex,
  interpolate,
  StatementModel,
} from "../../../lambdas/core/extraction/score/model.ts";
import { shippedModel } from "../../../lambdas/core/extraction/score/shipped.ts";
import { fitIsotonic, trainWeights } from "../../../lambdas/core/extraction/score/train.ts";

const body = (text: string) => ({ body: text });

describe("the statement scorer", () => {
  it("gives every statement a confidence in [0, 1], and the rules baseline gives 1", () => {
    const text =
      'SEOUL — Defence Minister Han Tae-woo said on Tuesday that the drills would go ahead. "We are ready," he said. The mayor, analysts said, may run again.';
    const scored = extractStatements(body(text));
    expect(scored.length).toBeGreaterThan(0);
    for (const s of scored) expect(s.confidence).toBeGreaterThanOrEqual(0);
    for (const s of scored) expect(s.confidence).toBeLessThanOrEqual(1);
    const rules = extractStatements(body(text), { scorer: "rules" });
    expect(rules.map((s) => s.text)).toEqual(scored.map((s) => s.text));
    expect(rules.every((s) => s.confidence === 1)).toBe(true);
  });

  it.each([
    ['"We will not back down," Finance Minister Ana Ruiz told reporters in Madrid.', 0.8],
    ["The senator said the bill would pass by Friday.", 0.5],
  ])("is sure of a plainly attributed statement: %s", (text, floor) => {
    const [statement] = extractStatements(body(text));
    expect(statement?.confidence).toBeGreaterThanOrEqual(floor);
  });

  it.each([
    ["likely", 0.4, 0.9, 1],
    ["likely", 0.6, 0.9, 0],
    ["precise", 0.4, 0.6, 0],
    ["all", 0.9, 0.99, 1],
  ] as const)(
    "keeps the %s statements (floor %s, cut-off %s): %s of one at probability 0.5",
    (keep, floor, threshold, n) => {
      const model = new StatementModel({ weights: "", calibration: { x: [], y: [] }, threshold, floor });
      expect(
        extractStatements(body("The council said the budget was balanced."), { model, keep }),
      ).toHaveLength(n);
    },
  );

  it("ships a model with a calibration map and a cut-off", () => {
    const model = shippedModel();
    expect(model.threshold).toBeGreaterThan(0);
    expect(model.file.calibration.x.length).toBeGreaterThan(2);
  });
});

describe("training", () => {
  const examples = Array.from({ length: 200 }, (_, i) => ({
    features: [
      featureIndex("bias"),
      featureIndex("cue", i % 3 === 0 ? "say" : "believe"),
      featureIndex("noise", String(i % 7)),
    ],
    label: (i % 3 === 0 ? 1 : 0) as 0 | 1,
  }));

  it("learns the same weights, to the bit, from the same examples", () => {
    const a = encodeWeights(trainWeights(examples));
    const b = encodeWeights(trainWeights(examples));
    expect(a).toBe(b);
    const model = new StatementModel({
      weights: a,
      calibration: { x: [], y: [] },
      threshold: 0.5,
      floor: 0.5,
    });
    expect(model.probability([featureIndex("bias"), featureIndex("cue", "say")])).toBeGreaterThan(0.8);
    expect(model.probability([featureIndex("bias"), featureIndex("cue", "believe")])).toBeLessThan(0.2);
  });

  it("stores weights compactly and reads them back", () => {
    const w = new Float64Array(DIMENSIONS);
    w[featureIndex("cue", "say")] = 1.5;
    w[featureIndex("bias")] = -0.25;
    const back = decodeWeights(encodeWeights(w));
    expect(back[featureIndex("cue", "say")]).toBe(1.5);
    expect(back[featureIndex("bias")]).toBe(-0.25);
  });

  it.each([
    [
      [0.1, 0.2, 0.3, 0.9],
      [0, 1, 0, 1],
    ],
    [
      [0.5, 0.6, 0.7],
      [1, 0, 0],
    ],
  ])("calibrates monotonically: scores %j, labels %j", (ps, ys) => {
    const map = fitIsotonic(ps.map((p, i) => ({ p, y: ys[i] as 0 | 1 })));
    for (let i = 1; i < map.y.length; i++) expect(map.y[i]).toBeGreaterThanOrEqual(map.y[i - 1] as number);
    for (const p of [0, 0.25, 0.55, 1]) {
      const c = interpolate(map, p);
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThanOrEqual(1);
    }
  });
});
