/**
 * `npm run eval -- --cv`: 5-fold cross-validation on PolNeAR train, folds by article (name order,
 * dealt round-robin, the same every run). Each fold's articles are extracted and scored by the
 * shared scorer; the figure to judge a rule, feature or model choice by is the mean of the folds.
 */
import { articleNames, extractSplit, type Figures, foldsOf, SPLITS, score } from "./polnear.ts";

const f3 = (x: number) => x.toFixed(3);

export function summarise(label: string, figures: Figures[]): void {
  const mean = (pick: (f: Figures) => number) => figures.reduce((n, f) => n + pick(f), 0) / figures.length;
  const sd = (pick: (f: Figures) => number) => {
    const m = mean(pick);
    return Math.sqrt(figures.reduce((n, f) => n + (pick(f) - m) ** 2, 0) / (figures.length - 1));
  };
  const range = (pick: (f: Figures) => number) =>
    `${f3(Math.min(...figures.map(pick)))}–${f3(Math.max(...figures.map(pick)))}`;
  const sf = (f: Figures) => f.statement.f;
  console.log(
    `${label} CV mean: statement F1 ${f3(mean(sf))} ± ${f3(sd(sf))} (folds ${range(sf)}) ` +
      `P ${f3(mean((f) => f.statement.p))} R ${f3(mean((f) => f.statement.r))} | ` +
      `all attributions F1 ${f3(mean((f) => f.attribution.f))} ± ${f3(sd((f) => f.attribution.f))}`,
  );
}

export const foldLine = (label: string, k: number, f: Figures) =>
  `${label} fold ${k + 1} (${f.files} articles): statement F1 ${f3(f.statement.f)} (P ${f3(f.statement.p)} R ${f3(f.statement.r)}) | all attributions F1 ${f3(f.attribution.f)}`;

export async function run(): Promise<void> {
  const folds = foldsOf(articleNames(SPLITS.train));
  const rules: Figures[] = [];
  folds.forEach((names, k) => {
    const figures = score(
      SPLITS.train,
      names,
      extractSplit(SPLITS.train, names, { scorer: "rules" }),
      `cv-rules-${k}`,
    );
    rules.push(figures);
    console.log(foldLine("rules", k, figures));
  });
  summarise("rules", rules);
}
