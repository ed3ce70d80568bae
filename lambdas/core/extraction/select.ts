/**
 * Stage 6: selection. From each cue's candidates, the one to report, and from those a consistent
 * set: each stretch of content attributed once, each quotation to one speaker. With no scores,
 * the rules' choice for each cue (the baseline); with scores, the likeliest candidate of each cue,
 * conflicts settled in favour of the likelier.
 */
import type { Attribution } from "./candidates.ts";
import type { CuedDoc } from "./cues.ts";
import { quoteAt } from "./document.ts";

/** Candidates by sentence and cue, as findCandidates gives them; the chosen ones by sentence. */
export function selectAttributions(
  doc: CuedDoc,
  candidates: Attribution[][][],
  probability?: ReadonlyMap<Attribution, number>,
): Attribution[][] {
  if (!probability) return candidates.map((cues) => cues.flatMap((list) => list.filter((a) => a.rule)));
  const p = (a: Attribution) => probability.get(a) ?? 0;
  const best = candidates.map((cues) =>
    cues.map((list) => list.reduce((top, a) => (p(a) > p(top) ? a : top))),
  );
  const kept = consistent(doc, withoutClausesOfOthers(best), p);
  return best.map((chosen) => chosen.filter((a) => kept.has(a)));
}

/**
 * "Ahn warned of instability, citing cooperation with Moscow": a gerund's clause within the
 * statement of the clause it hangs off belongs to that statement, which is reported whole.
 */
function withoutClausesOfOthers(bySentence: Attribution[][]): Attribution[] {
  return bySentence.flatMap((chosen) => chosen.filter((a) => !chosen.some((b) => b !== a && clauseOf(a, b))));
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

/** The chosen candidates that conflict with no likelier one (only neighbouring sentences can). */
function consistent(doc: CuedDoc, chosen: Attribution[], p: (a: Attribution) => number): Set<Attribution> {
  const kept = new Set<Attribution>();
  const bySentence = new Map<number, Attribution[]>();
  for (const a of [...chosen].sort((x, y) => p(y) - p(x))) {
    const near = [a.sentence - 1, a.sentence, a.sentence + 1].flatMap((k) => bySentence.get(k) ?? []);
    if (near.some((b) => conflict(doc, a, b))) continue;
    kept.add(a);
    bySentence.set(a.sentence, [...(bySentence.get(a.sentence) ?? []), a]);
  }
  return kept;
}

/**
 * Two attributions of the same words: they share a quotation or most of their content. A report
 * of a report is no conflict: in `"…," Ahn said, the agency reported.` the agency reports what Ahn
 * said, and both stand. A clause within another's content ("Ahn warned of …, citing …") is one:
 * the likelier reading stands.
 */
function conflict(doc: CuedDoc, a: Attribution, b: Attribution): boolean {
  if (nested(a, b) || nested(b, a)) return false;
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
function nested(inner: Attribution, outer: Attribution): boolean {
  if (!inner.cue || !outer.cue) return false;
  const [start, end] = spanOf(outer);
  const at = inner.cue.first;
  const speaker = inner.mention?.first ?? -1;
  if (at >= start && at <= end && speaker >= start && speaker <= end) return true;
  return (
    (end < outer.cue.first && at > end && at < outer.cue.first) ||
    (start > outer.cue.last && at > outer.cue.last && at < start)
  );
}

const size = (a: Attribution) => a.parts.reduce((n, [first, last]) => n + last - first + 1, 0);
