/**
 * Training the statement scorer: logistic regression by AdaGrad with L2 shrinkage, in a seeded
 * order, so the same examples give the same weights to the bit; and isotonic calibration by pool
 * adjacent violators. Pure functions: the corpus is read by tests/eval/train.ts.
 */
import { DIMENSIONS, sigmoid } from "./model.ts";

export interface Example {
  /** Weight indices (features.ts). */
  features: readonly number[];
  label: 0 | 1;
}

export interface TrainOptions {
  epochs: number;
  rate: number;
  l2: number;
}

// Chosen by cross-validation on train (npm run eval -- --cv), as every other setting here.
export const DEFAULT_TRAINING: TrainOptions = { epochs: 4, rate: 0.1, l2: 1e-5 };

export function trainWeights(
  examples: readonly Example[],
  options: TrainOptions = DEFAULT_TRAINING,
): Float64Array {
  const w = new Float64Array(DIMENSIONS);
  const g2 = new Float64Array(DIMENSIONS);
  const indexed = examples.map((e) => ({ at: Int32Array.from(e.features), y: e.label }));
  const order = indexed.map((_, i) => i);
  let seed = 0x9e3779b9;
  const random = () => {
    // xorshift32: a fixed sequence, whatever the platform.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 0x100000000;
  };
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const k of order) {
      const { at, y } = indexed[k] as (typeof indexed)[number];
      let z = 0;
      for (const i of at) z += w[i] as number;
      const g = sigmoid(z) - y;
      for (const i of at) {
        const gi = g + options.l2 * (w[i] as number);
        g2[i] = (g2[i] as number) + gi * gi;
        w[i] = (w[i] as number) - (options.rate * gi) / Math.sqrt((g2[i] as number) + 1e-8);
      }
    }
  }
  return w;
}

/**
 * Isotonic regression of labels on scores (pool adjacent violators): breakpoints at each pooled
 * block's mean score, the block's share of positives as its value.
 */
export function fitIsotonic(points: readonly { p: number; y: 0 | 1 }[]): { x: number[]; y: number[] } {
  const sorted = [...points].sort((a, b) => a.p - b.p);
  const blocks: { sumP: number; sumY: number; n: number }[] = [];
  for (const { p, y } of sorted) {
    blocks.push({ sumP: p, sumY: y, n: 1 });
    while (blocks.length > 1) {
      const b = blocks[blocks.length - 1] as (typeof blocks)[number];
      const a = blocks[blocks.length - 2] as (typeof blocks)[number];
      if (a.sumY / a.n < b.sumY / b.n) break;
      blocks.splice(blocks.length - 2, 2, { sumP: a.sumP + b.sumP, sumY: a.sumY + b.sumY, n: a.n + b.n });
    }
  }
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  return { x: blocks.map((b) => round(b.sumP / b.n)), y: blocks.map((b) => round(b.sumY / b.n)) };
}
