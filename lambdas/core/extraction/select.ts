/**
 * Stage 6: selection. From each cue's candidates, the one to report, and from those a consistent
 * set: each stretch of content attributed once, each quotation to one speaker. With no scores,
 * the rules' choice for each cue (the baseline); with scores, the likeliest candidate of each cue
 * that no likelier reading of another cue contradicts.
 */
import type { Attribution } from "./candidates.ts";
import type { CuedDoc } from "./cues.ts";
import { quoteAt, quotesIn } from "./document.ts";
import { CLAUSE_OPENERS } from "./lexicon/words.ts";

/** Candidates by sentence and cue, as findCandidates gives them; the chosen ones by sentence. */
export function selectAttributions(
  doc: CuedDoc,
  candidates: Attribution[][][],
  probability?: ReadonlyMap<Attribution, number>,
): Attribution[][] {
  if (!probability) return passingBySentence(candidates, (a) => a.rule);
  const p = (a: Attribution) => probability.get(a) ?? 0;
  const best: Attribution[][] = [];
  for (const cues of candidates) {
    const tops: Attribution[] = [];
    for (const list of cues) tops.push(list.reduce((top, a) => (p(a) > p(top) ? a : top)));
    best.push(tops);
  }
  const open = new Set(withoutClausesOfOthers(best).map((a) => a.cue));
  const lists: Attribution[][] = [];
  for (const cues of candidates)
    for (const list of cues) if (open.has(list[0]?.cue ?? null)) lists.push(list);
  const kept = consistent(doc, lists, p);
  return passingBySentence(candidates, (a) => kept.has(a));
}

/**
 * Each sentence's candidates that pass. Pushed, not mapped: the arrays handed on stay packed (see
 * findCandidates).
 */
function passingBySentence(
  candidates: Attribution[][][],
  test: (a: Attribution) => boolean,
): Attribution[][] {
  const bySentence: Attribution[][] = [];
  for (const cues of candidates) bySentence.push(passing(cues, test));
  return bySentence;
}

/** A sentence's candidates that pass, in order: a plain loop, as most sentences have no cue at all. */
function passing(cues: Attribution[][], test: (a: Attribution) => boolean): Attribution[] {
  const out: Attribution[] = [];
  for (const list of cues) for (const a of list) if (test(a)) out.push(a);
  return out;
}

/**
 * "Ahn warned of instability, citing cooperation with Moscow": a gerund's clause within the
 * statement of the clause it hangs off belongs to that statement, which is reported whole.
 */
function withoutClausesOfOthers(bySentence: Attribution[][]): Attribution[] {
  const out: Attribution[] = [];
  for (const chosen of bySentence)
    for (const a of chosen) if (!chosen.some((b) => b !== a && clauseOf(a, b))) out.push(a);
  return out;
}

function clauseOf(inner: Attribution, outer: Attribution): boolean {
  if (!inner.inherited || !inner.mention || !outer.mention) return false;
  if (inner.mention.first !== outer.mention.first || inner.mention.last !== outer.mention.last) return false;
  const [start, end] = spanOf(outer);
  const [first, last] = spanOf(inner);
  return first >= start && last <= end;
}

const spanOf = (a: Attribution): [number, number] => [
  (a.parts[0] as [number, number])[0],
  (a.parts.at(-1) as [number, number])[1],
];

/**
 * One candidate per cue, likeliest first, none conflicting with a likelier one kept before it: a
 * cue whose likeliest reading claims another's words falls back on a reading at least half as
 * likely ('"…,"
 * Corbett said, while Ferris told reporters it would not' gives Ferris his own words). Only
 * neighbouring sentences can conflict.
 */
function consistent(doc: CuedDoc, lists: Attribution[][], p: (a: Attribution) => number): Set<Attribution> {
  const kept = new Set<Attribution>();
  const done = new Set<Attribution[]>();
  const bySentence = new Map<number, Attribution[]>();
  // Each candidate's probability and its cue's best, looked up once rather than at every comparison.
  const all: { a: Attribution; list: Attribution[]; p: number; best: number }[] = [];
  for (const list of lists) {
    const from = all.length;
    let best = Number.NEGATIVE_INFINITY;
    for (const a of list) {
      const likely = p(a);
      if (likely > best) best = likely;
      all.push({ a, list, p: likely, best: 0 });
    }
    for (let k = from; k < all.length; k++) (all[k] as (typeof all)[number]).best = best;
  }
  for (const { a, list, p: likely, best } of all.sort((x, y) => y.p - x.p)) {
    if (done.has(list) || likely < best / 2 || conflictsNear(doc, a, bySentence)) continue;
    kept.add(a);
    done.add(list);
    const same = bySentence.get(a.sentence);
    if (same) same.push(a);
    else bySentence.set(a.sentence, [a]);
  }
  return kept;
}

/** Whether a kept attribution of this sentence or a neighbouring one claims the same words. */
function conflictsNear(doc: CuedDoc, a: Attribution, bySentence: Map<number, Attribution[]>): boolean {
  for (let k = a.sentence - 1; k <= a.sentence + 1; k++)
    for (const b of bySentence.get(k) ?? []) if (conflict(doc, a, b)) return true;
  return false;
}

/**
 * Two attributions of the same words: they share a quotation or most of their content. A report
 * of a report is no conflict: in `"…," Ahn said, the agency reported.` the agency reports what Ahn
 * said, and both stand. A clause within another's content ("Ahn warned of …, citing …") is one:
 * the likelier reading stands.
 */
function conflict(doc: CuedDoc, a: Attribution, b: Attribution): boolean {
  if (nested(doc, a, b) || nested(doc, b, a)) return false;
  let shared = 0;
  for (const [first, last] of a.parts)
    for (const [x, y] of b.parts) {
      const from = Math.max(first, x);
      const to = Math.min(last, y);
      if (to < from) continue;
      for (let i = from; i <= to; i++) if (quoteAt(doc, i) && doc.tokens[i]?.kind === "word") return true;
      shared += to - from + 1;
    }
  return shared * 2 > Math.min(size(a), size(b));
}

/**
 * `inner` is a report within `outer`'s report: its cue stands between `outer`'s content and cue
 * ('"…," Ahn said, the agency reported'), or its speaker and cue inside `outer`'s content ('"…,"
 * Ahn said in the speech, the agency reported', the agency's content taking in Ahn's words).
 */
function nested(doc: CuedDoc, inner: Attribution, outer: Attribution): boolean {
  if (!inner.cue || !outer.cue) return false;
  const [, end] = spanOf(outer);
  const at = inner.cue.first;
  const speaker = inner.mention?.first ?? -1;
  // Inside one of its parts: between two quotations it is the speaker's own cue ('"…," Ahn said. "…"').
  if (inParts(outer, at) && inParts(outer, speaker)) return true;
  const between = end < outer.cue.first && at > end && at < outer.cue.first;
  // '"…," Corbett said, while Ferris told reporters …': a clause of its own, not a report of hers.
  return between && !joinsClauses(doc, inner.cue.last + 1, outer.cue.first - 1);
}

/** Whether token `k` is inside one of the attribution's parts. */
const inParts = (a: Attribution, k: number) => a.parts.some(([first, last]) => k >= first && k <= last);

function joinsClauses(doc: CuedDoc, from: number, to: number): boolean {
  for (let k = from; k <= to; k++) if (CLAUSE_OPENERS.has(doc.tokens[k]?.lower ?? "")) return true;
  return false;
}

const size = (a: Attribution) => a.parts.reduce((n, [first, last]) => n + last - first + 1, 0);

/**
 * "Ruiz said the mayor had told her the plan would fail": a paraphrase reported inside another
 * report's words is the outer speaker's account, not a statement of its own, when the outer
 * reading is at least as likely. A quotation keeps its own speaker ('"…," Lee said, according to
 * the agency': Lee's words, whoever relays them).
 */
export function withoutReportsWithinReports(doc: CuedDoc, chosen: Attribution[]): Attribution[] {
  // An outer report starts where its inner one does or before it, a few readings back at most: a
  // bounded look back keeps the pass linear however many readings a long text has.
  const byStart: { a: Attribution; span: [number, number] }[] = [];
  for (const a of chosen) byStart.push({ a, span: spanOf(a) });
  byStart.sort((x, y) => x.span[0] - y.span[0] || y.span[1] - x.span[1]);
  const dropped = new Set<Attribution>();
  byStart.forEach(({ a: inner }, k) => {
    for (let j = k - 1; j >= Math.max(0, k - LOOK_BACK); j--) {
      const outer = (byStart[j] as (typeof byStart)[number]).a;
      // '"Tyler said that …," he said': the pronoun's report repeats the named one it holds.
      if (repeatsReport(outer, inner)) dropped.add(outer);
      else if (!quotesIn(doc, inner.parts) && reportedWithin(inner, outer)) {
        dropped.add(inner);
        return;
      }
    }
  });
  return dropped.size ? chosen.filter((a) => !dropped.has(a)) : chosen;
}

const LOOK_BACK = 8;

/**
 * An outer report by a pronoun after its words, which hold an inner report's named speaker and
 * cue ('Tyler said that …, he said'); not "He said Ruiz told him …", a report of a report.
 */
function repeatsReport(outer: Attribution, inner: Attribution): boolean {
  const m = inner.mention;
  if (!inner.cue || !outer.cue || !m || m.kind !== "name" || outer.mention?.kind !== "pronoun") return false;
  if (outer.cue.first < inner.cue.first) return false;
  return inParts(outer, m.first) && inParts(outer, inner.cue.first);
}

function reportedWithin(inner: Attribution, outer: Attribution): boolean {
  if (!inner.cue || !outer.cue || (outer.score ?? 0) < (inner.score ?? 0)) return false;
  const at = inner.cue.first;
  if (!inParts(outer, at)) return false;
  const [start, end] = spanOf(outer);
  const [first, last] = spanOf(inner);
  return first >= start && last <= end;
}
