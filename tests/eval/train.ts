/**
 * `npm run train`: trains the statement scorer on PolNeAR train and writes
 * lambdas/core/extraction/score/statement-model.json. Deterministic: the same corpus and code
 * give the same bytes. The calibration map and the cut-off come from out-of-fold statements
 * (5 folds by article, as `npm run eval -- --cv`: each article extracted by a model fitted on
 * the other folds), never from the articles a model was fitted on.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  type ConfidenceEvidence,
  evidenceInputs,
  evidenceProbability,
  weightsInOrder,
} from "../../lambdas/core/extraction/score/confidence.ts";
import { encodeWeights, type ModelFile } from "../../lambdas/core/extraction/score/model.ts";
import {
  CALIBRATION_STANDARD_ERRORS,
  DEFAULT_TRAINING,
  fitIsotonic,
  fitLogistic,
  trainChoices,
} from "../../lambdas/core/extraction/score/train.ts";
import {
  chooseCutoff,
  collectExamples,
  judgePredictions,
  likelyFloor,
  outOfFoldPredictions,
  sweepCutoffs,
  trainingExamples,
} from "./model-training.ts";
import { articleNames, foldsOf, SPLITS } from "./polnear.ts";

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

const started = performance.now();
const names = articleNames(SPLITS.train);
const articles = collectExamples(SPLITS.train, names);
const oof = outOfFoldPredictions(SPLITS.train, articles, foldsOf(names)).flat();
const { judged, gold } = judgePredictions(SPLITS.train, names, oof);
const sweep = sweepCutoffs(judged, gold);
const best = chooseCutoff(sweep);
const likely = likelyFloor(sweep);

// The confidence: the evidence regression, then isotonic calibration of its probability, both
// fitted on the out-of-fold statements the shared scorer judges right or wrong.
const labelled = judged
  .filter((j) => j.outcome !== "other")
  .map((j) => ({ evidence: j.evidence as ConfidenceEvidence, y: (j.outcome === "right" ? 1 : 0) as 0 | 1 }));
const evidence = fitLogistic(labelled.map(({ evidence, y }) => ({ inputs: evidenceInputs(evidence), y })));
const ordered = weightsInOrder(evidence);
const calibration = fitIsotonic(
  labelled.map(({ evidence: e, y }) => ({ p: evidenceProbability(ordered, e), y })),
  CALIBRATION_STANDARD_ERRORS,
);
const examples = trainingExamples(articles);
const weights = trainChoices(examples, DEFAULT_TRAINING);
const file: ModelFile = {
  version: 1,
  dimensions: weights.length,
  threshold: best.threshold,
  floor: likely.threshold,
  calibration,
  evidence,
  trainedOn: {
    corpus: "PolNeAR train",
    articles: names.length,
    examples: examples.length,
    epochs: DEFAULT_TRAINING.epochs,
    rate: DEFAULT_TRAINING.rate,
    l2: DEFAULT_TRAINING.l2,
    calibrationStandardErrors: CALIBRATION_STANDARD_ERRORS,
    outOfFoldPrecision: Math.round(best.p * 1000) / 1000,
    outOfFoldRecall: Math.round(best.r * 1000) / 1000,
  },
  weights: encodeWeights(weights),
};
// Written by this script only (biome leaves it alone): the same bytes for the same training.
const json = `${JSON.stringify(file, null, 1)}\n`;
writeFileSync(MODEL_PATH, json);
const f3 = (x: number) => x.toFixed(3);
for (const s of sweep.filter((s, i) => i % 5 === 0 || s === best || s === likely || process.env.SWEEP))
  console.log(
    `cut-off ${s.threshold.toFixed(2)}: out-of-fold statement P ${f3(s.p)} R ${f3(s.r)} F1 ${f3(s.f)}${s === best ? "  ← precision cut-off" : ""}${s === likely ? "  ← floor (lowest tied with the best F1)" : ""}`,
  );
console.log(
  `trained on ${names.length} articles, ${examples.length} candidates; ${calibration.x.length} calibration breakpoints; wrote ${MODEL_PATH} (${(json.length / 1024).toFixed(0)} KB) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
