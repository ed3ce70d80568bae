/**
 * `npm run train`: trains the statement scorer on PolNeAR train and writes
 * lambdas/core/extraction/score/statement-model.json. Deterministic: the same corpus and code
 * give the same bytes. The calibration map and the cut-off come from out-of-fold predictions
 * (5 folds by article, as `npm run eval -- --cv`), never from the articles a model was fitted on.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { encodeWeights, type ModelFile } from "../../lambdas/core/extraction/score/model.ts";
import { DEFAULT_TRAINING, fitIsotonic, trainWeights } from "../../lambdas/core/extraction/score/train.ts";
import { collectExamples, fitModel, trainingExamples } from "./model-training.ts";
import { articleNames, FOLDS, foldsOf, SPLITS } from "./polnear.ts";

export const MODEL_PATH = join(
  import.meta.dirname,
  "..",
  "..",
  "lambdas",
  "core",
  "extraction",
  "score",
  "statement-model.json",
);

/** The cut-off's floor: out-of-fold statement precision it must keep, if any cut-off can. */
const PRECISION_FLOOR = 0.9;

const started = performance.now();
const names = articleNames(SPLITS.train);
const folds = foldsOf(names);
const articles = collectExamples(SPLITS.train, names);
const byName = new Map(articles.map((a) => [a.name, a]));

// Out-of-fold probabilities: each article scored by the model trained on the other folds.
const oof: { p: number; y: 0 | 1; outcome: string }[] = [];
let goldStatements = 0;
for (let k = 0; k < FOLDS; k++) {
  const held = new Set(folds[k]);
  const model = fitModel(
    articles.filter((a) => !held.has(a.name)),
    0,
  );
  for (const name of folds[k] ?? []) {
    const a = byName.get(name);
    if (!a) continue;
    goldStatements += a.goldStatements;
    for (const e of a.examples)
      oof.push({ p: model.probability(e.features), y: e.label, outcome: e.outcome });
  }
}

// The lowest cut-off that keeps the precision floor (as much recall as the floor allows).
const sweep: { threshold: number; p: number; r: number; f: number }[] = [];
for (let step = 0; step <= 90; step += 2) {
  const threshold = step / 100;
  let right = 0;
  let wrong = 0;
  for (const o of oof)
    if (o.p >= threshold) {
      if (o.outcome === "right") right++;
      else if (o.outcome === "wrong") wrong++;
    }
  const p = right / Math.max(1, right + wrong);
  const r = right / goldStatements;
  sweep.push({ threshold, p, r, f: p + r ? (2 * p * r) / (p + r) : 0 });
}
const floor = sweep.filter((s) => s.p >= PRECISION_FLOOR);
const best = floor[0] ?? sweep.reduce((a, b) => (b.f > a.f ? b : a));

const calibration = fitIsotonic(oof.filter((o) => o.outcome !== "other").map(({ p, y }) => ({ p, y })));
const weights = trainWeights(trainingExamples(articles), DEFAULT_TRAINING);
const file: ModelFile = {
  version: 1,
  dimensions: weights.length,
  threshold: best.threshold,
  calibration,
  trainedOn: {
    corpus: "PolNeAR train",
    articles: names.length,
    examples: trainingExamples(articles).length,
    epochs: DEFAULT_TRAINING.epochs,
    rate: DEFAULT_TRAINING.rate,
    l2: DEFAULT_TRAINING.l2,
    outOfFoldPrecision: Math.round(best.p * 1000) / 1000,
    outOfFoldRecall: Math.round(best.r * 1000) / 1000,
  },
  weights: encodeWeights(weights),
};
// Written by this script only (biome leaves it alone): the same bytes for the same training.
const json = `${JSON.stringify(file, null, 1)}\n`;
writeFileSync(MODEL_PATH, json);
const f3 = (x: number) => x.toFixed(3);
for (const s of sweep.filter((s, i) => i % 5 === 0 || s === best || process.env.SWEEP))
  console.log(
    `cut-off ${s.threshold.toFixed(2)}: out-of-fold statement P ${f3(s.p)} R ${f3(s.r)} F1 ${f3(s.f)}${s === best ? "  ← chosen" : ""}`,
  );
console.log(
  `trained on ${names.length} articles, ${file.trainedOn.examples} candidates; ${calibration.x.length} calibration breakpoints; wrote ${MODEL_PATH} (${(json.length / 1024).toFixed(0)} KB) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
