/**
 * Training examples from PolNeAR train and the models fitted on them: each candidate statement
 * the rules find, labelled by the shared scorer's own matching (right: a statement with the right
 * speaker; wrong: spurious or the wrong speaker; matched to an attribution that is no speech:
 * left out, as the scorer leaves it out of the statement figures).
 */
import { readFileSync } from "node:fs";
import { parseArticle } from "../../lambdas/core/article.ts";
import { statementCandidates } from "../../lambdas/core/extraction/extract-statements.ts";
import { StatementModel } from "../../lambdas/core/extraction/score/model.ts";
import { DEFAULT_TRAINING, type Example, trainWeights } from "../../lambdas/core/extraction/score/train.ts";
import { goldStatementCount, loadGold, type Outcome, outcomes, textPath } from "./polnear.ts";

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
    const judged = outcomes(
      text,
      gold,
      candidates.map((c) => c.statement),
    );
    const examples = candidates.map((c, i) => {
      const outcome = (judged[i] as (typeof judged)[number]).outcome;
      return { features: c.features(), label: outcome === "right" ? 1 : 0, outcome } as const;
    });
    return { name, examples, goldStatements: goldStatementCount(gold) };
  });
}

/** The examples a model learns from: every candidate but those matched to non-speech attributions. */
export const trainingExamples = (articles: ArticleExamples[]): Example[] =>
  articles.flatMap((a) => a.examples.filter((e) => e.outcome !== "other"));

/** A model trained on these articles, with the given cut-off and no calibration (identity). */
export function fitModel(articles: ArticleExamples[], threshold: number): StatementModel {
  const w = trainWeights(trainingExamples(articles), DEFAULT_TRAINING);
  return new StatementModel({ weights: "", calibration: { x: [], y: [] }, threshold }, w);
}
