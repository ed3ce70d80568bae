/**
 * Training examples from PolNeAR train and the models fitted on them: every candidate the
 * generators propose, as the statement it would make, labelled by the shared scorer's own
 * matching applied to it alone (right: it would be a statement with the right speaker; wrong:
 * spurious or the wrong speaker; matched to an attribution that is no speech: left out, as the
 * scorer leaves it out of the statement figures).
 */
import { readFileSync } from "node:fs";
import { parseArticle } from "../../lambdas/core/article.ts";
import {
  type ExtractOptions,
  statementCandidates,
} from "../../lambdas/core/extraction/extract-statements.ts";
import type { ConfidenceEvidence } from "../../lambdas/core/extraction/score/confidence.ts";
import { StatementModel } from "../../lambdas/core/extraction/score/model.ts";
import { DEFAULT_TRAINING, type Example, trainChoices } from "../../lambdas/core/extraction/score/train.ts";
import {
  candidateOutcomes,
  extractSplit,
  goldStatementCount,
  loadGold,
  type Outcome,
  outcomes,
  type Prediction,
  textPath,
} from "./polnear.ts";

export interface ArticleExamples {
  name: string;
  examples: (Example & { outcome: Outcome })[];
  goldStatements: number;
}

export function collectExamples(split: string, names: string[]): ArticleExamples[] {
  return names.map((name) => {
    const file = textPath(split, name);
    const candidates = statementCandidates(parseArticle({ name: file, bytes: readFileSync(file) }));
    const { text, gold } = loadGold(split, name);
    const judged = candidateOutcomes(
      text,
      gold,
      candidates.map((c) => c.statement),
    );
    const examples = candidates.map((c, i) => {
      const outcome = judged[i] as Outcome;
      return { features: c.features, label: outcome === "right" ? 1 : 0, outcome, group: c.group } as const;
    });
    return { name, examples, goldStatements: goldStatementCount(gold) };
  });
}

/**
 * The examples a model learns from: every candidate but those matched to non-speech attributions,
 * grouped by cue (each article's groups numbered apart).
 */
export const trainingExamples = (articles: ArticleExamples[]): Example[] =>
  articles.flatMap((a, k) =>
    a.examples
      .filter((e) => e.outcome !== "other")
      .map((e) => ({ ...e, group: k * 100_000 + (e.group ?? 0) })),
  );

/** A model trained on these articles, with the given cut-off and no calibration (identity). */
export function fitModel(articles: ArticleExamples[], threshold = 0, floor = threshold): StatementModel {
  const w = trainChoices(trainingExamples(articles), DEFAULT_TRAINING);
  return new StatementModel({ weights: "", calibration: { x: [], y: [] }, threshold, floor }, w);
}

/**
 * Out-of-fold statements: each article extracted by a model fitted on the other folds, with the
 * model's raw probability as `confidence` (no calibration), so that cut-offs and calibration are
 * judged on statements no model learnt from.
 */
export function outOfFoldPredictions(
  split: string,
  articles: ArticleExamples[],
  folds: string[][],
  share = 1,
  { floor = 0, keep = "all" }: { floor?: number; keep?: ExtractOptions["keep"] } = {},
): Prediction[][] {
  return folds.map((held) => {
    const heldSet = new Set(held);
    const training = articles.filter((a) => !heldSet.has(a.name)).filter((_, i) => (i % 4) + 1 <= share * 4);
    return extractSplit(split, held, { model: fitModel(training, 0, floor), keep });
  });
}

/** A statement's raw probability, what its confidence was read from, and what the shared scorer makes of it. */
export interface Judgement {
  p: number;
  evidence: ConfidenceEvidence | null;
  outcome: Outcome;
}

/** Predictions over these articles judged by the shared scorer's matching, article by article. */
export function judgePredictions(
  split: string,
  names: string[],
  predictions: Prediction[],
): { judged: Judgement[]; gold: number } {
  const byFile = new Map<string, Prediction[]>();
  for (const p of predictions) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  const judged: Judgement[] = [];
  let gold = 0;
  for (const name of names) {
    const g = loadGold(split, name);
    gold += goldStatementCount(g.gold);
    const file = byFile.get(textPath(split, name)) ?? [];
    const statements = file.map((p) => p.statement);
    outcomes(g.text, g.gold, statements).forEach((o, i) => {
      const { statement, evidence } = file[i] as Prediction;
      judged.push({ p: statement.confidence, evidence: evidence ?? null, outcome: o.outcome });
    });
  }
  return { judged, gold };
}

/** The statement figures of the judged statements at or above each cut-off (0 to 0.9 by 0.02). */
export function sweepCutoffs(judged: Judgement[], goldStatements: number): Cutoff[] {
  const sweep: Cutoff[] = [];
  for (let step = 0; step <= 90; step += 2) {
    const threshold = step / 100;
    let right = 0;
    let wrong = 0;
    for (const j of judged)
      if (j.p >= threshold) {
        if (j.outcome === "right") right++;
        else if (j.outcome === "wrong") wrong++;
      }
    const p = right / Math.max(1, right + wrong);
    const r = right / goldStatements;
    sweep.push({ threshold, p, r, f: p + r ? (2 * p * r) / (p + r) : 0 });
  }
  return sweep;
}

export interface Cutoff {
  threshold: number;
  p: number;
  r: number;
  f: number;
}

/** The cut-offs' floor: out-of-fold statement precision the chosen one must keep, if any can. */
export const PRECISION_FLOOR = 0.9;

/** The lowest cut-off that keeps the precision floor: as much recall as the floor allows. */
export const chooseCutoff = (sweep: Cutoff[]): Cutoff =>
  sweep.find((s) => s.p >= PRECISION_FLOOR) ?? bestF1(sweep);

/** The cut-off with the best F1. */
export const bestF1 = (sweep: Cutoff[]): Cutoff => sweep.reduce((a, b) => (b.f > a.f ? b : a));

/** F1 differences smaller than this are noise between retrainings (the folds spread by ±0.01). */
const F1_TIE = 0.002;

/**
 * The default's floor: the lowest cut-off whose F1 ties the best. Out-of-fold F1 is flat across a
 * wide band of cut-offs, so the best one alone jumps from one training to the next (0.36 to 0.52);
 * the lowest of the tied keeps the most true statements at the same F1.
 */
export const likelyFloor = (sweep: Cutoff[]): Cutoff => {
  const best = bestF1(sweep).f;
  return sweep.find((s) => s.f >= best - F1_TIE) as Cutoff;
};
