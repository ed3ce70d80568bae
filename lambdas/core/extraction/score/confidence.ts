/**
 * What a statement's confidence reads besides the scorer's probability for its reading: how much
 * of its cue's probability its rivals claim, how its speaker was found, whether another reading
 * claims the same words. A small logistic regression over these (fitted by `npm run train` on
 * out-of-fold statements of PolNeAR train, never on the articles a scorer learnt from), then the
 * isotonic calibration map on top.
 */
import type { StatementKind } from "../../types.ts";
import type { MentionKind } from "../mentions.ts";

export interface ConfidenceEvidence {
  /** The scorer's probability for the reading. */
  probability: number;
  /**
   * The reading's share of its cue's probability against its rivals and "none" (the odds of each
   * candidate): low when another content or speaker is nearly as likely. A reading with no cue of
   * its own has no rivals: its probability.
   */
  share: number;
  /** The rules' own reading of its cue. */
  rule: boolean;
  kind: StatementKind;
  /** What the speaker phrase is ("name", "pronoun", …), null when there is none. */
  mention: MentionKind | null;
  /** The speaker was resolved to a name. */
  named: boolean;
  /** Quotations that continue it were added to the cue's own words. */
  continued: boolean;
  /** Another of the article's readings claims some of its words: "likelier" when that one scores higher. */
  overlap: "none" | "less likely" | "likelier";
  /** How many readings the article gives. */
  readings: number;
}

const MENTION_KINDS: readonly MentionKind[] = ["name", "role", "pronoun", "group", "organisation"];

const logit = (p: number) => {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
};

/** The regression's inputs, by name, in a fixed order (the model file stores a weight for each). */
export function evidenceInputs(e: ConfidenceEvidence): Record<string, number> {
  const z = logit(e.probability);
  const overlaps = e.overlap === "none" ? 0 : 1;
  const inputs: Record<string, number> = {
    bias: 1,
    score: z,
    share: logit(e.share),
    rule: e.rule ? 1 : 0,
    direct: e.kind === "direct" ? 1 : 0,
    mixed: e.kind === "mixed" ? 1 : 0,
  };
  for (const kind of MENTION_KINDS) inputs[`mention:${kind}`] = e.mention === kind ? 1 : 0;
  return {
    ...inputs,
    named: e.named ? 1 : 0,
    continued: e.continued ? 1 : 0,
    overlaps,
    "overlaps-likelier": e.overlap === "likelier" ? 1 : 0,
    "score&overlaps": z * overlaps,
    readings: Math.log(Math.max(1, e.readings)),
  };
}

/** The regression's probability that the statement is right, from its weights by input name. */
export function evidenceProbability(
  weights: Readonly<Record<string, number>>,
  e: ConfidenceEvidence,
): number {
  let z = 0;
  for (const [name, x] of Object.entries(evidenceInputs(e))) z += (weights[name] ?? 0) * x;
  return 1 / (1 + Math.exp(-z));
}

/** The odds of a probability, finite at 1. */
export const oddsOf = (p: number) => {
  const q = Math.min(1 - 1e-9, Math.max(0, p));
  return q / (1 - q);
};
