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
  /** The cue it is a candidate of: candidates of one cue compete (trainChoices). */
  group?: number;
}

export interface TrainOptions {
  epochs: number;
  rate: number;
  l2: number;
}

// Chosen by cross-validation on train (npm run eval -- --cv), as every other setting here.
export const DEFAULT_TRAINING: TrainOptions = { epochs: 4, rate: 0.1, l2: 1e-5 };

/**
 * The calibration's caution: each confidence is the share right among out-of-fold statements
 * like it less one standard error (fitIsotonic), so that "of statements at 0.8, about 8 in 10 or
 * more are right" holds for the few at the top as for the many (DESIGN). One standard error, the
 * conventional width, not tuned: out-of-fold statement precision at confidence 0.8 or more rises
 * from 0.949 to 0.953 (nested), at an expected calibration error of 0.02, all of it below the share right.
 */
export const CALIBRATION_STANDARD_ERRORS = 1;

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
 * block's mean score, the block's share of positives as its value — or, `standardErrors` above
 * 0, the low end of its Wilson interval that many standard errors wide, kept non-decreasing: a
 * cautious share, lower for a block of few statements than for a large one that shares it.
 */
export function fitIsotonic(
  points: readonly { p: number; y: 0 | 1 }[],
  standardErrors = 0,
): { x: number[]; y: number[] } {
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
  let floor = 0;
  const y = blocks.map((b) => {
    floor = Math.max(floor, wilsonLow(b.sumY, b.n, standardErrors));
    return round(floor);
  });
  return { x: blocks.map((b) => round(b.sumP / b.n)), y };
}

/** The low end of the Wilson score interval, z standard errors wide, for k successes of n. */
export function wilsonLow(k: number, n: number, z: number): number {
  const share = k / n;
  if (z === 0) return share;
  const z2 = z * z;
  const centre = share + z2 / (2 * n);
  const spread = z * Math.sqrt((share * (1 - share)) / n + z2 / (4 * n * n));
  return Math.max(0, (centre - spread) / (1 + z2 / n));
}

/**
 * Training the scorer as a choice: each cue's candidates compete with "none of them" (a
 * conditional logit, its "none" fixed at score 0), and the weights learn to make a right
 * candidate the likeliest — or "none" when no candidate is right. A cue with one candidate is a
 * logistic regression. AdaGrad with L2 shrinkage, seeded order: the same examples give the same
 * weights to the bit.
 *
 * @example
 * // cue "said" with candidates [speaker Ahn, content after] (right) and [speaker Seoul] (wrong):
 * // the weights move so that softmax(z_Ahn, z_Seoul, 0) puts its mass on Ahn.
 */
export function trainChoices(
  examples: readonly Example[],
  options: TrainOptions = DEFAULT_TRAINING,
): Float64Array {
  const w = new Float64Array(DIMENSIONS);
  const g2 = new Float64Array(DIMENSIONS);
  const groups = new Map<number, { at: Int32Array; y: 0 | 1 }[]>();
  examples.forEach((e, i) => {
    const key = e.group ?? -1 - i;
    const list = groups.get(key) ?? [];
    list.push({ at: Int32Array.from(e.features), y: e.label });
    groups.set(key, list);
  });
  const all = [...groups.values()];
  const order = all.map((_, i) => i);
  let seed = 0x9e3779b9;
  const random = () => {
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
      const group = all[k] as { at: Int32Array; y: 0 | 1 }[];
      const z = group.map(({ at }) => {
        let sum = 0;
        for (const i of at) sum += w[i] as number;
        return sum;
      });
      const top = Math.max(0, ...z);
      const e = z.map((v) => Math.exp(v - top));
      const none = Math.exp(-top);
      const total = none + e.reduce((a, b) => a + b, 0);
      const right = group.reduce((n, c, i) => (c.y ? n + (e[i] as number) : n), 0);
      group.forEach(({ at, y }, i) => {
        // d(-log P(a right one, or none when none is right)) / dz_i
        const g = (e[i] as number) / total - (y && right > 0 ? (e[i] as number) / right : 0);
        if (g === 0) return;
        for (const f of at) {
          const gi = g + options.l2 * (w[f] as number);
          g2[f] = (g2[f] as number) + gi * gi;
          w[f] = (w[f] as number) - (options.rate * gi) / Math.sqrt((g2[f] as number) + 1e-8);
        }
      });
    }
  }
  return w;
}

/**
 * A dense logistic regression by Newton's method, L2-penalised (all but the input named "bias"):
 * for the few inputs of the confidence regression (confidence.ts). Deterministic; weights by
 * input name, rounded to 6 decimals so that the model file reads plainly.
 */
export function fitLogistic(
  rows: readonly { inputs: Readonly<Record<string, number>>; y: 0 | 1 }[],
  l2 = 1,
  iterations = 30,
): Record<string, number> {
  const names = Object.keys(rows[0]?.inputs ?? {});
  const n = names.length;
  const x = rows.map((r) => names.map((name) => r.inputs[name] ?? 0));
  const penalty = names.map((name) => (name === "bias" ? 0 : l2));
  const w = new Array<number>(n).fill(0);
  for (let it = 0; it < iterations; it++) {
    const gradient = w.map((v, i) => (penalty[i] as number) * v);
    const hessian = names.map((_, i) => names.map((_, j) => (i === j ? (penalty[i] as number) : 0)));
    x.forEach((xi, r) => {
      const p = sigmoid(xi.reduce((z, v, i) => z + v * (w[i] as number), 0));
      const g = p - (rows[r]?.y ?? 0);
      const h = p * (1 - p);
      for (let i = 0; i < n; i++) {
        gradient[i] = (gradient[i] as number) + g * (xi[i] as number);
        const row = hessian[i] as number[];
        for (let j = 0; j < n; j++) row[j] = (row[j] as number) + h * (xi[i] as number) * (xi[j] as number);
      }
    });
    const step = solve(hessian, gradient);
    for (let i = 0; i < n; i++) w[i] = (w[i] as number) - (step[i] as number);
  }
  return Object.fromEntries(names.map((name, i) => [name, Math.round((w[i] as number) * 1e6) / 1e6]));
}

/** Solves a·x = b by Gaussian elimination with partial pivoting (a small, positive definite a). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++)
      if (Math.abs((m[r] as number[])[c] as number) > Math.abs((m[pivot] as number[])[c] as number))
        pivot = r;
    [m[c], m[pivot]] = [m[pivot] as number[], m[c] as number[]];
    const top = m[c] as number[];
    for (let r = c + 1; r < n; r++) {
      const row = m[r] as number[];
      const f = (row[c] as number) / (top[c] as number);
      for (let k = c; k <= n; k++) row[k] = (row[k] as number) - f * (top[k] as number);
    }
  }
  const out = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const row = m[r] as number[];
    let v = row[n] as number;
    for (let k = r + 1; k < n; k++) v -= (row[k] as number) * (out[k] as number);
    out[r] = v / (row[r] as number);
  }
  return out;
}
