/**
 * `npm run eval -- --cv`: 5-fold cross-validation on PolNeAR train, folds by article (name order,
 * dealt round-robin, the same every run). Each fold's articles are extracted and scored by the
 * shared scorer: by the rules alone (the baseline), and by a model trained on the other four
 * folds, keeping every statement and at the cut-off (the lowest keeping pooled out-of-fold
 * precision at 0.90, as `npm run train` chooses it). The figure to judge a rule, feature or model
 * choice by is the mean of the folds. Then the learning curve: the same with 25% and 50% of each
 * training fold's articles.
 */
import {
  chooseCutoff,
  collectExamples,
  judgePredictions,
  likelyFloor,
  outOfFoldPredictions,
  sweepCutoffs,
} from "./model-training.ts";
import {
  articleNames,
  extractSplit,
  type Figures,
  foldsOf,
  loadGold,
  type Outcome,
  outcomes,
  type Prediction,
  SPLITS,
  score,
  statementFigures,
} from "./polnear.ts";

const f3 = (x: number) => x.toFixed(3);

export function summarise(label: string, figures: Figures[]): string {
  const mean = (pick: (f: Figures) => number) => figures.reduce((n, f) => n + pick(f), 0) / figures.length;
  const sd = (pick: (f: Figures) => number) => {
    const m = mean(pick);
    return Math.sqrt(figures.reduce((n, f) => n + (pick(f) - m) ** 2, 0) / (figures.length - 1));
  };
  const range = (pick: (f: Figures) => number) =>
    `${f3(Math.min(...figures.map(pick)))}–${f3(Math.max(...figures.map(pick)))}`;
  const sf = (f: Figures) => f.statement.f;
  return (
    `${label} CV mean: statement F1 ${f3(mean(sf))} ± ${f3(sd(sf))} (folds ${range(sf)}) ` +
    `P ${f3(mean((f) => f.statement.p))} R ${f3(mean((f) => f.statement.r))} | ` +
    `all attributions F1 ${f3(mean((f) => f.attribution.f))} ± ${f3(sd((f) => f.attribution.f))}`
  );
}

export const foldLine = (label: string, k: number, f: Figures) =>
  `${label} fold ${k + 1} (${f.files} articles): statement F1 ${f3(f.statement.f)} (P ${f3(f.statement.p)} R ${f3(f.statement.r)}) | all attributions F1 ${f3(f.attribution.f)}`;

export async function run(): Promise<void> {
  const names = articleNames(SPLITS.train);
  const folds = foldsOf(names);
  const articles = collectExamples(SPLITS.train, names);
  const results: Record<string, Figures[]> = {};
  const add = (label: string, k: number, figures: Figures) => {
    results[label] = [...(results[label] ?? []), figures];
    console.log(foldLine(label, k, figures));
  };
  const modelFolds = outOfFoldPredictions(SPLITS.train, articles, folds);
  // The cut-off: the lowest that keeps out-of-fold precision at the floor, over all folds pooled.
  const pooled = judgePredictions(SPLITS.train, names, modelFolds.flat());
  const sweep = sweepCutoffs(pooled.judged, pooled.gold);
  const cutoff = chooseCutoff(sweep).threshold;
  const floor = likelyFloor(sweep).threshold;
  const above = (predictions: Prediction[], at: number) =>
    predictions.filter((p) => p.statement.confidence >= at);
  const atCutoff = (predictions: Prediction[]) => above(predictions, cutoff);
  // What `extract` reports by default: the rules' readings at the floor, the model's own at 0.5.
  const likely = outOfFoldPredictions(SPLITS.train, articles, folds, 1, { floor, keep: "likely" });
  folds.forEach((held, k) => {
    const rules = extractSplit(SPLITS.train, held, { scorer: "rules" });
    const figures = score(SPLITS.train, held, rules, `cv-${k}`);
    add("rules", k, figures);
    checkPort(held, rules, figures);
    const model = modelFolds[k] as Prediction[];
    add("model, every statement", k, score(SPLITS.train, held, model, `cv-${k}`));
    add(`model, likely (floor ${floor})`, k, score(SPLITS.train, held, likely[k] as Prediction[], `cv-${k}`));
    add(`model, cut-off ${cutoff}`, k, score(SPLITS.train, held, atCutoff(model), `cv-${k}`));
  });
  const lines = Object.entries(results).map(([label, figures]) => summarise(label, figures));
  // Learning curve: would more annotated articles pay?
  for (const fraction of [0.25, 0.5, 1]) {
    const predictions =
      fraction === 1 ? modelFolds : outOfFoldPredictions(SPLITS.train, articles, folds, fraction);
    const figures = folds.map((held, k) =>
      score(SPLITS.train, held, atCutoff(predictions[k] as Prediction[]), `cv-${k}`),
    );
    lines.push(
      summarise(`learning curve ${fraction * 100}% of each training fold (cut-off ${cutoff}):`, figures),
    );
  }
  for (const line of lines) console.log(line);
}

/** The matching ported for labels must count what the shared scorer counts. */
function checkPort(held: string[], predictions: ReturnType<typeof extractSplit>, figures: Figures): void {
  const all: Outcome[] = [];
  let gold = 0;
  for (const name of held) {
    const g = loadGold(SPLITS.train, name);
    gold += g.gold.filter((x) => x.speech).length;
    const mine = predictions.filter((p) => p.file.endsWith(`/${name}.txt`)).map((p) => p.statement);
    all.push(...outcomes(g.text, g.gold, mine).map((o) => o.outcome));
  }
  const ported = statementFigures(all, gold);
  if (Math.abs(ported.f - figures.statement.f) > 1e-9)
    console.log(
      `! training labels disagree with the shared scorer: F1 ${ported.f} vs ${figures.statement.f}`,
    );
}
