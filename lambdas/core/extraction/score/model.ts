/**
 * The statement scorer: a logistic regression over hashed sparse features, trained by
 * `npm run train` (train.ts) on PolNeAR train, and a calibration map (isotonic, fitted on
 * out-of-fold predictions) from its probability to the share of statements that are right.
 */

import { type ConfidenceEvidence, evidenceProbability, weightsInOrder } from "./confidence.ts";

/**
 * Feature names hash into this many weights; collisions are rare at a few thousand features. A
 * power of two (featureIndex takes the hash's low bits).
 */
export const DIMENSIONS = 1 << 18;

const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a, 32 bits, carried on from `h`: the same index for a feature on every machine and run. */
function fnv(text: string, h: number): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** A feature family ("cue", "mention.head") by its name's hash: hashed once, where it is declared. */
export type FeatureFamily = number & { readonly family: unique symbol };

export const featureFamily = (name: string): FeatureFamily => fnv(name, FNV_OFFSET) as FeatureFamily;

/** The weight index of a feature: a family ("cue", "mention.head") and its values. */
export function featureIndex(family: string, value?: string, second?: string): number {
  return indexOf(featureFamily(family), value, second);
}

/**
 * The family with a first value hashed in: its features, with the values that follow, have the
 * indices of the family's with all of them (and with none, the index of the family's with that
 * value). A value most candidates share, such as their generator, is so hashed once, not at each.
 */
export const featureFamilyWith = (family: FeatureFamily, value: string): FeatureFamily =>
  fnv(value, withValueOpened(family)) as FeatureFamily;

/**
 * The family ready for a value: its characters then hashed in one at a time (withChar) give what
 * featureFamilyWith gives with the value as a string, where making the string would cost more.
 */
export const withValueOpened = (family: FeatureFamily): FeatureFamily =>
  Math.imul(family ^ 0x3d, 0x01000193) as FeatureFamily;

/** A value's next character, by its code, hashed in (as fnv does). */
export const withChar = (h: FeatureFamily, code: number): FeatureFamily =>
  Math.imul(h ^ code, 0x01000193) as FeatureFamily;

/** The weight index of a feature of a family already hashed: no feature name is ever built as a string. */
function indexOf(family: FeatureFamily, value?: string, second?: string): number {
  let h: FeatureFamily = family;
  if (value !== undefined) h = featureFamilyWith(h, value);
  if (second !== undefined) h = featureFamilyWith(h, second);
  // The remainder by a power of two is the low bits: no modulo of an unsigned 32-bit number,
  // which the engine would compute in floating point.
  return h & (DIMENSIONS - 1);
}

/** The remainder by DIMENSIONS, a power of two: the low bits. */
const MASK = DIMENSIONS - 1;

/** The weight indices of the first `n` features, given as their families with their values hashed in. */
export function featureIndices(families: readonly FeatureFamily[], n: number): number[] {
  const indices: number[] = [];
  for (let i = 0; i < n; i++) indices.push((families[i] as number) & MASK);
  return indices;
}

/** What `npm run train` writes: sparse weights, the calibration map and the cut-off. */
export interface ModelFile {
  version: 1;
  dimensions: number;
  /**
   * Every non-zero weight, by index, as base64 of little-endian pairs (uint32 index, float32
   * weight): a few hundred kilobytes that parse at once, and stay one string to the type checker.
   */
  weights: string;
  /**
   * Isotonic calibration: breakpoints of the evidence regression's probability (of the raw
   * probability when there is none) and the share right at each.
   */
  calibration: { x: number[]; y: number[] };
  /**
   * The confidence regression's weights by input name (confidence.ts), fitted on out-of-fold
   * statements; absent, the confidence reads the raw probability alone.
   */
  evidence?: Record<string, number>;
  /**
   * The precision cut-off: statements at or above this raw probability keep out-of-fold
   * statement precision at 0.90 (the lowest such, chosen by cross-validation).
   */
  threshold: number;
  /** The floor: the cut-off with the best out-of-fold statement F1 (chosen by cross-validation). */
  floor: number;
  /** How the file was made, for the reader: examples, folds, out-of-fold figures. */
  trainedOn: Record<string, number | string>;
}

export class StatementModel {
  // Single precision, as the weights are stored: half the memory to touch for every feature read.
  private readonly w: Float32Array;
  private readonly evidence: Float64Array | null;
  constructor(
    readonly file: Pick<ModelFile, "weights" | "calibration" | "threshold" | "floor" | "evidence">,
    weights?: Float64Array,
  ) {
    this.w = weights ? Float32Array.from(weights) : decodeWeights(file.weights);
    this.evidence = file.evidence ? weightsInOrder(file.evidence) : null;
  }

  /** The model's probability that the candidate is a statement of this speaker. */
  probability(features: readonly number[]): number {
    return sigmoid(dot(this.w, features));
  }

  /**
   * The probability of the first `n` features, given as their families with their values hashed
   * in: the same to the last bit as `probability` of their indices (the weights added in order).
   */
  probabilityOf(families: readonly FeatureFamily[], n: number): number {
    let z = 0;
    for (let i = 0; i < n; i++) z += this.w[(families[i] as number) & MASK] as number;
    return sigmoid(z);
  }

  /** The calibrated confidence of a statement: its evidence weighed (confidence.ts), then the map. */
  confidence(evidence: ConfidenceEvidence): number {
    const p = this.evidence ? evidenceProbability(this.evidence, evidence) : evidence.probability;
    return interpolate(this.file.calibration, p);
  }

  get threshold(): number {
    return this.file.threshold;
  }

  get floor(): number {
    return this.file.floor;
  }
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function dot(w: Float32Array | Float64Array, features: readonly number[]): number {
  let z = 0;
  for (const i of features) z += w[i] as number;
  return z;
}

/** Piecewise-linear through the breakpoints, flat beyond them. */
export function interpolate({ x, y }: { x: number[]; y: number[] }, p: number): number {
  if (x.length === 0) return p;
  if (p <= (x[0] as number)) return y[0] as number;
  if (p >= (x.at(-1) as number)) return y.at(-1) as number;
  let lo = 0;
  let hi = x.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((x[mid] as number) <= p) lo = mid;
    else hi = mid;
  }
  const x0 = x[lo] as number;
  const x1 = x[hi] as number;
  const y0 = y[lo] as number;
  const y1 = y[hi] as number;
  return x1 === x0 ? y1 : y0 + ((p - x0) / (x1 - x0)) * (y1 - y0);
}

export function encodeWeights(w: Float64Array): string {
  const pairs: number[] = [];
  // Weights this small change no probability by a thousandth: left out.
  for (let i = 0; i < w.length; i++) if (Math.abs(w[i] as number) >= 1e-4) pairs.push(i);
  const view = new DataView(new ArrayBuffer(pairs.length * 8));
  pairs.forEach((i, k) => {
    view.setUint32(k * 8, i, true);
    view.setFloat32(k * 8 + 4, w[i] as number, true);
  });
  let binary = "";
  const bytes = new Uint8Array(view.buffer);
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function decodeWeights(encoded: string): Float32Array {
  const binary = atob(encoded);
  const view = new DataView(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) view.setUint8(i, binary.charCodeAt(i));
  const w = new Float32Array(DIMENSIONS);
  for (let k = 0; k + 8 <= binary.length; k += 8) w[view.getUint32(k, true)] = view.getFloat32(k + 4, true);
  return w;
}
