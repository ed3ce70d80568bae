/**
 * `npm run eval -- --cv`: 5-fold cross-validation on PolNeAR train, folds by article (name order,
 * dealt round-robin, the same every run). Each fold's articles are extracted and scored by the
 * shared scorer: by the rules alone (the baseline), and by a model trained on the other four
 * folds, keeping every statement and at the cut-off. The figure to judge a rule, feature or model
 * choice by is the mean of the folds. Then the learning curve: the same with 25% and 50% of each
 * training fold's articles.
 */
import type { ExtractOptions } from "../../lambdas/core/extraction/extract-statements.ts";
import { shippedModel } from "../../lambdas/core/extraction/score/shipped.ts";
import { type ArticleExamples, collectExamples, fitModel } from "./model-training.ts";
import {
  articleNames,
  extractSplit,
  type Figures,
  foldsOf,
  loadGold,
  type Outcome,
  outcomes,
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

/** Training articles kept for a share of the data: every article whose place in order falls in it. */
const share = (articles: ArticleExamples[], fraction: number) =>
  articles.filter((_, i) => (i % 4) + 1 <= fraction * 4);

export async function run(): Promise<void> {
  const names = articleNames(SPLITS.train);
  const folds = foldsOf(names);
  const articles = collectExamples(SPLITS.train, names);
  const threshold = shippedModel().threshold;
  const scorers: Record<string, (training: ArticleExamples[]) => ExtractOptions> = {
    rules: () => ({ scorer: "rules" }),
    model: (training) => ({ model: fitModel(training, threshold) }),
    [`model, cut-off ${threshold}`]: (training) => ({ model: fitModel(training, threshold), cutoff: true }),
  };
  const results: Record<string, Figures[]> = {};
  const lines: string[] = [];
  folds.forEach((held, k) => {
    const heldSet = new Set(held);
    const training = articles.filter((a) => !heldSet.has(a.name));
    for (const [label, options] of Object.entries(scorers)) {
      const predictions = extractSplit(SPLITS.train, held, options(training));
      const figures = score(SPLITS.train, held, predictions, `cv-${k}`);
      results[label] = [...(results[label] ?? []), figures];
      console.log(foldLine(label, k, figures));
      if (label === "rules") checkPort(held, predictions, figures);
    }
  });
  for (const [label, figures] of Object.entries(results)) lines.push(summarise(label, figures));
  // Learning curve: would more annotated articles pay?
  for (const fraction of [0.25, 0.5, 1]) {
    const figures: Figures[] = [];
    folds.forEach((held, k) => {
      const heldSet = new Set(held);
      const training = share(
        articles.filter((a) => !heldSet.has(a.name)),
        fraction,
      );
      const options = { model: fitModel(training, threshold), cutoff: true };
      figures.push(score(SPLITS.train, held, extractSplit(SPLITS.train, held, options), `cv-${k}`));
    });
    lines.push(
      summarise(`learning curve ${fraction * 100}% of each training fold (cut-off ${threshold}):`, figures),
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
