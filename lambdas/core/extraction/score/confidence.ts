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
  /**
   * Quoted words in its paragraph outside it: "claimed" when another reading holds them,
   * "unclaimed" when none does (the speaker may go on in them, or somebody else speak).
   */
  quotesBeside: "none" | "claimed" | "unclaimed";
}

/** The regression's inputs, in the order every statement's are read (the model file names each weight). */
export const EVIDENCE_INPUTS = [
  "bias",
  "score",
  "share",
  "rule",
  "direct",
  "mixed",
  "mention:name",
  "mention:role",
  "mention:pronoun",
  "mention:group",
  "mention:organisation",
  "named",
  "continued",
  "overlaps",
  "overlaps-likelier",
  "score&overlaps",
  "readings",
  "quotes-beside",
  "quotes-beside&direct",
  "quotes-unclaimed",
] as const;

const logit = (p: number) => {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
};

/** The inputs written into `x` in EVIDENCE_INPUTS order: no object made for every statement. */
function readInputs(e: ConfidenceEvidence, x: Float64Array): Float64Array {
  const z = logit(e.probability);
  const overlaps = e.overlap === "none" ? 0 : 1;
  x[0] = 1;
  x[1] = z;
  x[2] = logit(e.share);
  x[3] = e.rule ? 1 : 0;
  x[4] = e.kind === "direct" ? 1 : 0;
  x[5] = e.kind === "mixed" ? 1 : 0;
  x[6] = e.mention === "name" ? 1 : 0;
  x[7] = e.mention === "role" ? 1 : 0;
  x[8] = e.mention === "pronoun" ? 1 : 0;
  x[9] = e.mention === "group" ? 1 : 0;
  x[10] = e.mention === "organisation" ? 1 : 0;
  x[11] = e.named ? 1 : 0;
  x[12] = e.continued ? 1 : 0;
  x[13] = overlaps;
  x[14] = e.overlap === "likelier" ? 1 : 0;
  x[15] = z * overlaps;
  x[16] = Math.log(Math.max(1, e.readings));
  x[17] = e.quotesBeside === "none" ? 0 : 1;
  x[18] = x[17] * x[4];
  x[19] = e.quotesBeside === "unclaimed" ? 1 : 0;
  return x;
}

/** The regression's inputs by name (what `npm run train` fits the weights on). */
export function evidenceInputs(e: ConfidenceEvidence): Record<string, number> {
  const x = readInputs(e, new Float64Array(EVIDENCE_INPUTS.length));
  return Object.fromEntries(EVIDENCE_INPUTS.map((name, i) => [name, x[i] as number]));
}

/** The weights by name as an array in EVIDENCE_INPUTS order (a name the file lacks weighs 0). */
export const weightsInOrder = (weights: Readonly<Record<string, number>>): Float64Array =>
  Float64Array.from(EVIDENCE_INPUTS, (name) => weights[name] ?? 0);

const scratch = new Float64Array(EVIDENCE_INPUTS.length);

/** The regression's probability that the statement is right, from its weights in order (weightsInOrder). */
export function evidenceProbability(weights: Float64Array, e: ConfidenceEvidence): number {
  const x = readInputs(e, scratch);
  let z = 0;
  for (let i = 0; i < x.length; i++) z += (weights[i] as number) * (x[i] as number);
  return 1 / (1 + Math.exp(-z));
}

/** The odds of a probability, finite at 1. */
export const oddsOf = (p: number) => {
  const q = Math.min(1 - 1e-9, Math.max(0, p));
  return q / (1 - q);
};
