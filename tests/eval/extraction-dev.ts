/**
 * Extraction on the PolNeAR dev split, scored by `../shared/eval/score-attributions.mjs`: reported,
 * never tuned on. Prints the rules' figure and the model's (every statement, and at its cut-off),
 * each with a bootstrap 95% interval over articles; then how well `confidence` is calibrated: a
 * reliability table (10 bins), the expected calibration error, and what a reader keeping only
 * statements at confidence ≥ 0.8 gets.
 */
import type { ExtractOptions } from "../../lambdas/core/extraction/extract-statements.ts";
import {
  articleNames,
  extractSplit,
  goldStatementCount,
  loadGold,
  type Outcome,
  outcomes,
  type Prediction,
  SPLITS,
  score,
  statementFigures,
} from "./polnear.ts";

const f3 = (x: number) => x.toFixed(3);
const BOOTSTRAP_ROUNDS = 2000;

interface Judged {
  name: string;
  confidence: number[];
  outcome: Outcome[];
  gold: number;
}

function judge(names: string[], predictions: Prediction[]): Judged[] {
  return names.map((name) => {
    const mine = predictions.filter((p) => p.file.endsWith(`/${name}.txt`)).map((p) => p.statement);
    const { text, gold } = loadGold(SPLITS.dev, name);
    return {
      name,
      confidence: mine.map((s) => s.confidence),
      outcome: outcomes(text, gold, mine).map((o) => o.outcome),
      gold: goldStatementCount(gold),
    };
  });
}

/** Percentile bootstrap over articles (seeded: the same interval every run). */
export function bootstrapF1(judged: Judged[]): [number, number] {
  let seed = 0x2545f491;
  const random = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 0x100000000;
  };
  const f1s: number[] = [];
  for (let round = 0; round < BOOTSTRAP_ROUNDS; round++) {
    const all: Outcome[] = [];
    let gold = 0;
    for (let i = 0; i < judged.length; i++) {
      const a = judged[Math.floor(random() * judged.length)] as Judged;
      all.push(...a.outcome);
      gold += a.gold;
    }
    f1s.push(statementFigures(all, gold).f);
  }
  f1s.sort((a, b) => a - b);
  return [f1s[Math.floor(0.025 * f1s.length)] as number, f1s[Math.floor(0.975 * f1s.length)] as number];
}

export async function run(): Promise<void> {
  const names = articleNames(SPLITS.dev);
  const configs: Record<string, ExtractOptions> = {
    rules: { scorer: "rules" },
    model: { keep: "all" },
    "model at its floor": {},
    "model at its cut-off": { keep: "precise" },
  };
  let model: Prediction[] = [];
  for (const [label, options] of Object.entries(configs)) {
    const predictions = extractSplit(SPLITS.dev, names, options);
    if (label === "model") model = predictions;
    const figures = score(SPLITS.dev, names, predictions, "dev");
    const [lo, hi] = bootstrapF1(judge(names, predictions));
    console.log(
      `dev, ${label}: statement F1 ${f3(figures.statement.f)} [95% ${f3(lo)}–${f3(hi)}] (P ${f3(figures.statement.p)} R ${f3(figures.statement.r)}) | all attributions F1 ${f3(figures.attribution.f)} | ${figures.predictions} statements, ${figures.files} articles`,
    );
  }
  reliability(judge(names, model));
  const all = score(SPLITS.dev, names, model, "dev");
  const sure = score(
    SPLITS.dev,
    names,
    model.filter((p) => p.statement.confidence >= 0.8),
    "dev",
  );
  console.log(
    `dev, confidence ≥ 0.8: statement P ${f3(sure.statement.p)} (target ≥ 0.95), keeping ${f3(sure.statement.r / all.statement.r)} of the true statements (target ≥ 0.70); ${sure.predictions} of ${all.predictions} statements`,
  );
}

/** Confidence bins against the share right (statements only, as the shared scorer counts them). */
function reliability(judged: Judged[]): void {
  const bins = Array.from({ length: 10 }, () => ({ n: 0, right: 0, confidence: 0 }));
  for (const a of judged)
    a.outcome.forEach((o, i) => {
      if (o === "other") return;
      const c = a.confidence[i] as number;
      const bin = bins[Math.min(9, Math.floor(c * 10))] as (typeof bins)[number];
      bin.n++;
      bin.confidence += c;
      if (o === "right") bin.right++;
    });
  const total = bins.reduce((n, b) => n + b.n, 0);
  let ece = 0;
  console.log("dev reliability: confidence bin | statements | mean confidence | share right");
  bins.forEach((b, i) => {
    if (b.n === 0) {
      console.log(`  ${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)} |     0 |       |`);
      return;
    }
    const conf = b.confidence / b.n;
    const acc = b.right / b.n;
    ece += (b.n / total) * Math.abs(conf - acc);
    console.log(
      `  ${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)} | ${String(b.n).padStart(5)} | ${f3(conf)} | ${f3(acc)}`,
    );
  });
  console.log(`dev expected calibration error (10 bins): ${f3(ece)} (target ≤ 0.05)`);
}
