/**
 * The PolNeAR splits for evaluation and training: article names, folds by article, predictions
 * in the shared scorer's format, the shared scorer run on any subset of a split, and each
 * prediction's outcome under the scorer's own matching (ported here, so that training labels and
 * reliability tables agree with the figures it prints; `agreesWithSharedScorer` checks that).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArticle } from "../../lambdas/core/article.ts";
import { type ExtractOptions, extractReadings } from "../../lambdas/core/extraction/extract-statements.ts";
import type { ConfidenceEvidence } from "../../lambdas/core/extraction/score/confidence.ts";
import type { Statement } from "../../lambdas/core/types.ts";

export const SHARED = join(import.meta.dirname, "..", "..", "..", "shared");
export const SPLITS = {
  train: join(SHARED, "corpora", "polnear", "train"),
  dev: join(SHARED, "corpora", "polnear", "dev"),
} as const;
export const OUT = join(import.meta.dirname, "..", "..", "test-output");
const SCORER = join(SHARED, "eval", "score-attributions.mjs");
export const FOLDS = 5;

/** The split's annotated articles, in name order. */
export function articleNames(split: string): string[] {
  const annotated = new Set(readdirSync(join(split, "attributions")).map((f) => f.replace(/\.ann$/, "")));
  return readdirSync(join(split, "text"))
    .filter((f) => f.endsWith(".txt"))
    .map((f) => f.slice(0, -4))
    .filter((n) => annotated.has(n))
    .sort();
}

/** Fold of an article: its place in name order, dealt round-robin; the same every run. */
export function foldsOf(names: string[]): string[][] {
  const folds: string[][] = Array.from({ length: FOLDS }, () => []);
  names.forEach((name, i) => {
    folds[i % FOLDS]?.push(name);
  });
  return folds;
}

export interface Prediction {
  file: string;
  statement: Statement;
  /** What its confidence was read from (null under the rules alone). */
  evidence?: ConfidenceEvidence | null;
}

export const textPath = (split: string, name: string) => join(split, "text", `${name}.txt`);

export function extractSplit(split: string, names: string[], options?: ExtractOptions): Prediction[] {
  const out: Prediction[] = [];
  for (const name of names) {
    const file = textPath(split, name);
    const article = parseArticle({ name: file, bytes: readFileSync(file) });
    for (const { statement, evidence } of extractReadings(article, options))
      out.push({ file, statement, evidence });
  }
  return out;
}

export const toJsonl = (predictions: Prediction[]) =>
  predictions
    .map(({ file, statement: s }) =>
      JSON.stringify({ file, start: s.start, end: s.end, speaker: s.speaker, mention: s.mention }),
    )
    .join("\n");

export interface Figures {
  statement: { p: number; r: number; f: number };
  attribution: { p: number; r: number; f: number };
  files: number;
  predictions: number;
}

/** The shared scorer's figures for these predictions over these articles of the split. */
export function score(split: string, names: string[], predictions: Prediction[], tag: string): Figures {
  const dir = join(OUT, "eval", tag);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "text"), { recursive: true });
  mkdirSync(join(dir, "attributions"), { recursive: true });
  for (const name of names) {
    symlinkSync(textPath(split, name), join(dir, "text", `${name}.txt`));
    symlinkSync(join(split, "attributions", `${name}.ann`), join(dir, "attributions", `${name}.ann`));
  }
  const pred = join(dir, "predictions.jsonl");
  writeText(pred, toJsonl(predictions));
  const out = execFileSync(process.execPath, [SCORER, "--split", dir, "--pred", pred, "--json"], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  const json = out.split("\n").find((line) => line.startsWith("{"));
  if (!json) throw new Error(`shared scorer printed no figures:\n${out}`);
  return JSON.parse(json) as Figures;
}

const writeText = (path: string, text: string) => writeFileSync(path, text ? `${text}\n` : "");

// ---------------------------------------------------------------------------------------------
// The shared scorer's matching, per prediction (see ../shared/eval/score-attributions.mjs).

const WORD = /[\p{L}\p{N}]+/gu;
/** The shared scorer's list of speech cues, as it is there. */
const SPEECH_CUE = new RegExp(
  `(^|\\b)(${[
    "sa(y|ys|id|ying)",
    "t(ell|ells|old|elling)",
    "add(s|ed|ing)?",
    "wr(ite|ites|ote|iting|itten)",
    "according to",
    "call(s|ed|ing)?",
    "ask(s|ed|ing)?",
    "not(e|es|ed|ing)",
    "announc(e|es|ed|ing)",
    "suggest(s|ed|ing)?",
    "tweet(s|ed|ing)?",
    "describ(e|es|ed|ing)",
    "argu(e|es|ed|ing)",
    "continu(e|es|ed|ing)",
    "explain(s|ed|ing)?",
    "acknowledg(e|es|ed|ing)",
    "criticiz(e|es|ed|ing)",
    "declar(e|es|ed|ing)",
    "accus(e|es|ed|ing)",
    "urg(e|es|ed|ing)",
    "cit(e|es|ed|ing)",
    "recall(s|ed|ing)?",
    "conclud(e|es|ed|ing)",
    "defend(s|ed|ing)?",
    "claim(s|ed|ing)?",
    "respond(s|ed|ing)?",
    "prais(e|es|ed|ing)",
    "propos(e|es|ed|ing)",
    "stat(e|es|ed|ing)",
    "insist(s|ed|ing)?",
    "warn(s|ed|ing)?",
    "stress(es|ed|ing)?",
    "admit(s|ted|ting)?",
    "den(y|ies|ied|ying)",
    "confirm(s|ed|ing)?",
    "repl(y|ies|ied|ying)",
    "vow(s|ed|ing)?",
    "pledg(e|es|ed|ing)",
    "promis(e|es|ed|ing)",
    "predict(s|ed|ing)?",
    "complain(s|ed|ing)?",
    "charg(e|es|ed|ing)",
    "alleg(e|es|ed|ing)",
    "blast(s|ed|ing)?",
    "slam(s|med|ming)?",
    "question(s|ed|ing)?",
    "mock(s|ed|ing)?",
    "jok(e|es|ed|ing)",
    "quip(s|ped|ping)?",
    "reiterat(e|es|ed|ing)",
    "emphasi[sz](e|es|ed|ing)",
    "told",
    "statement",
    "interview",
    "remarks?",
    "speech",
    "post(s|ed)?",
    "answer(s|ed|ing)?",
    "reject(s|ed|ing)?",
    "dismiss(es|ed|ing)?",
    "thank(s|ed|ing)?",
    "apologi[sz](e|es|ed|ing)",
    "testif(y|ies|ied|ying)",
    "report(s|ed|ing)?",
    "point(s|ed|ing)? out",
    "shout(s|ed|ing)?",
    "yell(s|ed|ing)?",
    "exclaim(s|ed|ing)?",
    "whisper(s|ed|ing)?",
    "respon(se|ses)",
    "comment(s|ed|ing)?",
  ].join("|")})(\\b|$)|:`,
  "i",
);

type Range = [number, number];

function tokensIn(text: string, ranges: readonly (readonly [number, number])[]): Set<number> {
  const set = new Set<number>();
  for (const [a, b] of ranges) for (const m of text.slice(a, b).matchAll(WORD)) set.add(a + (m.index ?? 0));
  return set;
}

const overlap = (x: Set<number>, y: Set<number>) => {
  let n = 0;
  for (const v of x) if (y.has(v)) n++;
  return n;
};

interface Gold {
  tokens: Set<number>;
  sourceTokens: Set<number>;
  sourceNames: Set<string>;
  speech: boolean;
  /** The cue's words and the content's, for reading errors. */
  cueText: string;
  contentText: string;
  sourceText: string;
}

function codePointToUtf16(text: string): (cp: number) => number {
  const map: number[] = [];
  let u = 0;
  for (const ch of text) {
    map.push(u);
    u += ch.length;
  }
  map.push(u);
  return (cp) => map[Math.min(cp, map.length - 1)] as number;
}

export function loadGold(split: string, name: string): { text: string; gold: Gold[] } {
  const text = readFileSync(textPath(split, name), "utf8");
  const toU = codePointToUtf16(text);
  const spans = new Map<string, Range[]>();
  const relations: Record<string, string[]>[] = [];
  for (const line of readFileSync(join(split, "attributions", `${name}.ann`), "utf8").split("\n")) {
    const cols = line.split("\t");
    if (line.startsWith("T") && cols.length >= 2) {
      const [, ...rest] = (cols[1] as string).split(" ");
      const ranges = rest
        .join(" ")
        .split(";")
        .map((p) => p.trim().split(/\s+/).map(Number))
        .map(([a, b]) => [toU(a as number), toU(b as number)] as Range);
      spans.set(cols[0] as string, ranges);
    } else if (line.startsWith("E") && cols.length >= 2) {
      const roles: Record<string, string[]> = {};
      for (const part of (cols[1] as string).trim().split(/\s+/)) {
        const [role, id] = part.split(":") as [string, string];
        const key = role.replace(/\d+$/, "");
        if (!roles[key]) roles[key] = [];
        roles[key].push(id);
      }
      relations.push(roles);
    }
  }
  const gold: Gold[] = [];
  const rangesOf = (ids: string[] | undefined) => (ids ?? []).flatMap((id) => spans.get(id) ?? []);
  for (const r of relations) {
    if (!r.Source || !r.Content) continue;
    const content = rangesOf(r.Content);
    const tokens = tokensIn(text, content);
    if (tokens.size === 0) continue;
    const cue = rangesOf(r.Cue)
      .map(([a, b]) => text.slice(a, b))
      .join(" ");
    const source = rangesOf(r.Source);
    const sourceText = source.map(([a, b]) => text.slice(a, b)).join(" ");
    gold.push({
      tokens,
      sourceTokens: tokensIn(text, source),
      sourceNames: new Set(
        [...sourceText.matchAll(WORD)]
          .map((m) => m[0])
          .filter((w) => /^\p{Lu}/u.test(w))
          .map((w) => w.toLowerCase()),
      ),
      speech: SPEECH_CUE.test(cue),
      cueText: cue,
      contentText: content.map(([a, b]) => text.slice(a, b)).join(" "),
      sourceText,
    });
  }
  return { text, gold };
}

/**
 * What the shared scorer makes of each prediction of one article: a true statement ("right"),
 * a false one ("wrong": spurious, or the right words credited to the wrong speaker), or matched
 * to an attribution that is not speech ("other", neither right nor wrong for statements).
 * `rightSpeaker` says whether the speaker would be right for the content it matched.
 */
export type Outcome = "right" | "wrong" | "other";

export interface Candidate {
  start: number;
  end: number;
  speaker: string | null;
  mention: readonly [number, number] | null;
}

export function outcomes(
  text: string,
  gold: Gold[],
  preds: Candidate[],
): { outcome: Outcome; matched: number; rightSpeaker: boolean }[] {
  const ps = preds.map((p) => ({
    tokens: tokensIn(text, [[p.start, p.end]]),
    mentionTokens: p.mention ? tokensIn(text, [p.mention]) : new Set<number>(),
    speakerNames: new Set(
      [...String(p.speaker ?? "").matchAll(WORD)].map((m) => m[0].toLowerCase()).filter((w) => w.length > 1),
    ),
  }));
  const pairs: { i: number; j: number; f: number }[] = [];
  ps.forEach((s, i) => {
    gold.forEach((g, j) => {
      const o = overlap(s.tokens, g.tokens);
      if (o === 0) return;
      const f = (2 * o) / (s.tokens.size + g.tokens.size);
      if (f >= 0.5) pairs.push({ i, j, f });
    });
  });
  // Stable sort, as the shared scorer's Array.prototype.sort is.
  pairs.sort((a, b) => b.f - a.f);
  const result = ps.map(() => ({ outcome: "wrong" as Outcome, matched: -1, rightSpeaker: false }));
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  for (const { i, j } of pairs) {
    if (usedP.has(i) || usedG.has(j)) continue;
    usedP.add(i);
    usedG.add(j);
    const s = ps[i] as (typeof ps)[number];
    const g = gold[j] as Gold;
    const right =
      overlap(s.mentionTokens, g.sourceTokens) > 0 || [...s.speakerNames].some((w) => g.sourceNames.has(w));
    result[i] = { outcome: !g.speech ? "other" : right ? "right" : "wrong", matched: j, rightSpeaker: right };
  }
  return result;
}

/**
 * What the shared scorer would make of each candidate on its own, were it the article's only
 * prediction for those words: right when some speech attribution matches it (token overlap F1 at
 * least 0.5) with the right speaker; other when its best match is no speech; wrong otherwise.
 * Alternatives of one cue are judged apart, so that each that would be right is labelled right.
 */
export function candidateOutcomes(text: string, gold: Gold[], preds: Candidate[]): Outcome[] {
  return preds.map((p) => {
    const tokens = tokensIn(text, [[p.start, p.end]]);
    const mentionTokens = p.mention ? tokensIn(text, [p.mention]) : new Set<number>();
    const names = [...String(p.speaker ?? "").matchAll(WORD)]
      .map((m) => m[0].toLowerCase())
      .filter((w) => w.length > 1);
    let best: { f: number; g: Gold } | null = null;
    for (const g of gold) {
      const o = overlap(tokens, g.tokens);
      if (o === 0) continue;
      const f = (2 * o) / (tokens.size + g.tokens.size);
      if (f < 0.5) continue;
      const right = overlap(mentionTokens, g.sourceTokens) > 0 || names.some((w) => g.sourceNames.has(w));
      if (g.speech && right) return "right";
      if (!best || f > best.f) best = { f, g };
    }
    return best && !best.g.speech ? "other" : "wrong";
  });
}

/** Statement precision, recall and F1 from outcomes, as the shared scorer counts them. */
export function statementFigures(
  all: Outcome[],
  goldStatements: number,
): { p: number; r: number; f: number } {
  let right = 0;
  let wrong = 0;
  for (const o of all) {
    if (o === "right") right++;
    else if (o === "wrong") wrong++;
  }
  const p = right + wrong ? right / (right + wrong) : 0;
  const r = goldStatements ? right / goldStatements : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

export const goldStatementCount = (gold: Gold[]) => gold.filter((g) => g.speech).length;
