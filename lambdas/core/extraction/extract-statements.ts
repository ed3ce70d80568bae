import type { Article, Statement, StatementKind } from "../types.ts";
import { type Attribution, changed, findCandidates, type TokenRange } from "./candidates.ts";
import { attachContinuations } from "./continuations.ts";
import { type Cue, type CuedDoc, findCues } from "./cues.ts";
import { readDocument } from "./document.ts";
import { headlineParagraphs } from "./headlines.ts";
import { resolveSpeakers, type Speaker, withNearestMention } from "./resolve.ts";
import { saidWhen } from "./said.ts";
import { type ConfidenceEvidence, oddsOf } from "./score/confidence.ts";
import { candidateFeatures, candidateProbability } from "./score/features.ts";
import type { StatementModel } from "./score/model.ts";
import { shippedModel } from "./score/shipped.ts";
import type { Quote } from "./segment.ts";
import { selectAttributions, withoutReportsWithinReports } from "./select.ts";
import { toStatement } from "./statements.ts";

export interface ExtractOptions {
  /**
   * "model" (the default): every candidate is scored by the trained model, which chooses among
   * them, and each statement gets a calibrated `confidence`; "rules": the hand-written rules'
   * choice for every cue, each with confidence 1 (the baseline).
   */
  scorer?: "model" | "rules";
  /** Score with this model instead of the shipped one (cross-validation trains its own). */
  model?: StatementModel;
  /**
   * Which of the model's chosen statements to report: "likely" (the default) the rules' own
   * readings the model does not find unlikely (at or above its floor, the cut-off with the best
   * cross-validated F1) and the readings only the model proposes when they are more likely right
   * than wrong (0.5 or more, and the floor); "precise" those at or above its precision cut-off
   * (cross-validated statement precision 0.90); "all" every one, however unlikely. Each carries
   * its confidence either way.
   */
  keep?: "likely" | "precise" | "all";
}

type ArticleText = Pick<Article, "body"> & Partial<Pick<Article, "publishedAt" | "title">>;

/**
 * Finds every statement in an article: direct quotes, partial quotes and reported speech, each
 * with its speaker resolved within the article and a calibrated confidence.
 *
 * The passes, each a pure function of what the one before gave: tokenize and segment
 * (readDocument) → reporting cues (findCues) → headlines, which say nothing (headlineParagraphs) → candidate sources and contents for every cue
 * (findCandidates) → when each was said (dateCandidates) → features and scores (scoreCandidates)
 * → a consistent choice (selectAttributions) → quotations that continue a statement
 * (attachContinuations) → no paraphrase reported within another's report (withoutReportsWithinReports)
 * → speakers resolved (resolveSpeakers) → statements.
 *
 * @example
 * extractStatements({ ...article, body: '"The door remains open," Lee said.' })
 * // → [{ text: "The door remains open", kind: "direct", speaker: "Lee", cue: "said", … }]
 */
export function extractStatements(article: ArticleText, options: ExtractOptions = {}): Statement[] {
  // Pushed, not mapped: the arrays handed on stay packed (see findCandidates).
  const statements: Statement[] = [];
  for (const r of extractReadings(article, options)) statements.push(r.statement);
  return statements;
}

/** A statement and what its confidence was read from (null under the rules alone). */
export interface Reading {
  statement: Statement;
  evidence: ConfidenceEvidence | null;
}

/** The statements of extractStatements, each with its confidence's evidence (tests/eval fits on it). */
export function extractReadings(article: ArticleText, options: ExtractOptions = {}): Reading[] {
  const model = options.scorer === "rules" ? null : (options.model ?? shippedModel());
  const doc = findCues(readDocument(article.body));
  const candidates = dateCandidates(
    doc,
    findCandidates(doc, headlineParagraphs(doc, article.title ?? null)),
    article.publishedAt ?? null,
  );
  const scores = model ? scoreCandidates(doc, candidates, model) : undefined;
  const chosen = selectAttributions(doc, candidates, scores);
  const attributions = withoutReportsWithinReports(doc, attachContinuations(doc, chosen, scores));
  const speakers = resolveSpeakers(doc, attributions);
  const context = scores ? evidenceContext(doc, candidates, chosen, attributions, scores) : null;
  const readings: Reading[] = [];
  attributions.forEach((a, k) => {
    if (model && (a.score ?? 0) < cutoffOf(model, options.keep ?? "likely", a.rule)) return;
    const speaker = speakers[k] as Speaker;
    const statement = toStatement(doc, withNearestMention(doc, a, speaker), speaker);
    if (!statement) return;
    if (!model || !context) {
      readings.push({ statement, evidence: null });
      return;
    }
    const evidence = evidenceOf(context, a, k, statement.kind, speaker);
    // Set on the statement made for it, not on a spread copy: one object per statement, not two.
    statement.confidence = Math.round(model.confidence(evidence) * 1000) / 1000;
    readings.push({ statement, evidence });
  });
  return readings;
}

/** What the evidence of every reading of an article is read from, once for all of them. */
interface EvidenceContext {
  /** The odds of each cue's candidates, summed. */
  cueOdds: Map<Cue, number>;
  /** How many parts each cue's chosen candidate has of its own, before continuations. */
  ownParts: Map<Cue, number>;
  overlaps: ConfidenceEvidence["overlap"][];
  quotesBeside: ConfidenceEvidence["quotesBeside"][];
  readings: number;
}

function evidenceContext(
  doc: CuedDoc,
  candidates: Attribution[][][],
  chosen: Attribution[][],
  attributions: Attribution[],
  scores: ReadonlyMap<Attribution, number>,
): EvidenceContext {
  // Only the chosen readings' cues: their lists stand in their sentence's candidates.
  const cueOdds = new Map<Cue, number>();
  const ownParts = new Map<Cue, number>();
  for (const list of chosen)
    for (const a of list) {
      if (!a.cue) continue;
      ownParts.set(a.cue, a.parts.length);
      const rivals = candidates[a.sentence]?.find((cue) => cue[0]?.cue === a.cue) ?? [a];
      let odds = 0;
      for (const r of rivals) odds += oddsOf(scores.get(r) ?? 0);
      cueOdds.set(a.cue, odds);
    }
  return {
    cueOdds,
    ownParts,
    overlaps: readingOverlaps(attributions),
    quotesBeside: quotesBeside(doc, attributions),
    readings: attributions.length,
  };
}

/**
 * For each reading, whether its paragraphs hold quoted words outside it, and whether any reading
 * holds them: a quotation left over beside a statement is often more of the same speaker's words
 * (the statement then stops short) or another's (the paragraph is not simply its speaker's).
 */
function quotesBeside(
  doc: CuedDoc,
  attributions: readonly Attribution[],
): ConfidenceEvidence["quotesBeside"][] {
  const quotes = doc.seg.quotes;
  const quoteOf = doc.seg.quoteOf;
  // Plain loops: run once an article, this stays cheap to compile as well as to run.
  const claimed = new Uint8Array(quotes.length);
  for (const a of attributions)
    for (const [first, last] of a.parts)
      for (let i = first; i <= last; i++) {
        const q = quoteOf[i] ?? -1;
        if (q >= 0) claimed[q] = 1;
      }
  const result: ConfidenceEvidence["quotesBeside"][] = [];
  for (const a of attributions) {
    // Its paragraphs: its own, to the last that a quotation it holds stands in. Quotations are in
    // text order, so each reading looks only at those its parts and its paragraphs reach: an
    // article of thousands of quotations and readings stays linear.
    let from = a.paragraph;
    let to = a.paragraph;
    for (const [first, last] of a.parts)
      for (let q = firstQuote(quotes, (x) => x.last >= first); q < quotes.length; q++) {
        const quote = quotes[q] as Quote;
        if (quote.first > last) break;
        if (!holds(a, quote)) continue;
        from = Math.min(from, quote.paragraph);
        to = Math.max(to, quote.paragraph);
      }
    let beside: ConfidenceEvidence["quotesBeside"] = "none";
    for (let q = firstQuote(quotes, (x) => x.paragraph >= from); q < quotes.length; q++) {
      const quote = quotes[q] as Quote;
      if (quote.paragraph > to || beside === "unclaimed") break;
      if (quote.last < quote.first || holds(a, quote)) continue;
      beside = claimed[q] ? "claimed" : "unclaimed";
    }
    result.push(beside);
  }
  return result;
}

/** The first quotation from which `reached` holds, by halving: it holds for all after it too. */
function firstQuote(quotes: readonly Quote[], reached: (q: Quote) => boolean): number {
  let lo = 0;
  let hi = quotes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (reached(quotes[mid] as Quote)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Whether some part of the attribution takes words of the quotation. */
function holds(a: Attribution, quote: Quote): boolean {
  for (const [first, last] of a.parts) if (first <= quote.last && last >= quote.first) return true;
  return false;
}

function evidenceOf(
  context: EvidenceContext,
  a: Attribution,
  k: number,
  kind: StatementKind,
  speaker: Speaker,
): ConfidenceEvidence {
  const probability = a.score ?? 0;
  const odds = oddsOf(probability);
  const cueOdds = a.cue ? context.cueOdds.get(a.cue) : undefined;
  return {
    probability,
    share: cueOdds === undefined ? probability : odds / (1 + cueOdds),
    rule: a.rule,
    kind,
    mention: a.mention?.kind ?? null,
    named: speaker.name !== null,
    continued: a.parts.length > (a.cue ? (context.ownParts.get(a.cue) ?? a.parts.length) : a.parts.length),
    overlap: context.overlaps[k] ?? "none",
    quotesBeside: context.quotesBeside[k] ?? "none",
    readings: context.readings,
  };
}

/**
 * For each reading, whether another claims some of its words, and whether a likelier one does:
 * of two readings of the same words at most one is right. One pass in start order.
 */
export function readingOverlaps(attributions: readonly Attribution[]): ConfidenceEvidence["overlap"][] {
  // Pushed, not mapped: the arrays handed on stay packed (see findCandidates).
  const result: ConfidenceEvidence["overlap"][] = [];
  const spans: { k: number; start: number; end: number; score: number }[] = [];
  attributions.forEach((a, k) => {
    result.push("none");
    spans.push({
      k,
      start: (a.parts[0] as TokenRange)[0],
      end: (a.parts.at(-1) as TokenRange)[1],
      score: a.score ?? 0,
    });
  });
  spans.sort((x, y) => x.start - y.start || x.k - y.k);
  const open: typeof spans = [];
  for (const span of spans) {
    for (let j = open.length - 1; j >= 0; j--)
      if ((open[j] as (typeof spans)[number]).end < span.start) open.splice(j, 1);
    for (const other of open) {
      mark(result, span.k, other.score > span.score);
      mark(result, other.k, span.score > other.score);
    }
    open.push(span);
  }
  return result;
}

function mark(result: ConfidenceEvidence["overlap"][], k: number, likelier: boolean): void {
  if (likelier) result[k] = "likelier";
  else if (result[k] === "none") result[k] = "less likely";
}

/** A reading the rules would not make must be more likely right than wrong to be reported. */
const MODEL_ONLY_FLOOR = 0.5;

const cutoffOf = (model: StatementModel, keep: NonNullable<ExtractOptions["keep"]>, rule: boolean) => {
  if (keep === "all") return 0;
  if (keep === "precise") return model.threshold;
  return rule ? model.floor : Math.max(MODEL_ONLY_FLOOR, model.floor);
};

/** Each candidate with when it was said, if the article says it was said at another time. */
function dateCandidates(
  doc: CuedDoc,
  candidates: Attribution[][][],
  published: string | null,
): Attribution[][][] {
  // Pushed, not mapped: the arrays handed on stay packed (see findCandidates). Most sentences have
  // no cue: their empty list is passed on as it is.
  const dated: Attribution[][][] = [];
  for (const cues of candidates) {
    if (cues.length === 0) {
      dated.push(cues);
      continue;
    }
    const lists: Attribution[][] = [];
    for (const list of cues) lists.push(datedList(doc, list, published));
    dated.push(lists);
  }
  return dated;
}

/**
 * One cue's candidates, dated. When is read from the attribution's own words around its cue: once
 * per speaker and side of the cue, the first candidate with them read for all (a cue's handful of
 * readings are scanned sooner than a key is built and looked up).
 */
function datedList(doc: CuedDoc, list: Attribution[], published: string | null): Attribution[] {
  const read: { a: Attribution; said: string | undefined }[] = [];
  const dated: Attribution[] = [];
  for (const a of list) {
    const s = doc.seg.sentences[a.sentence];
    if (!a.cue || !s) {
      dated.push(a);
      continue;
    }
    let known = read.find((r) => sameSpeakerAndSide(r.a, a));
    if (!known) {
      known = { a, said: saidWhen(doc, s, { cue: a.cue, mention: a.mention, parts: a.parts }, published) };
      read.push(known);
    }
    dated.push(known.said ? changed(a, { said: known.said }) : a);
  }
  return dated;
}

/** The same speaker phrase, and the words on the same side of the cue. */
function sameSpeakerAndSide(x: Attribution, y: Attribution): boolean {
  const cue = y.cue as Cue;
  return (
    x.mention?.first === y.mention?.first &&
    x.mention?.last === y.mention?.last &&
    (x.parts[0] as TokenRange)[0] > cue.last === (y.parts[0] as TokenRange)[0] > cue.last
  );
}

/**
 * The model's probability that each candidate is a statement of this speaker: its score against
 * "none" (the weights were learnt with the cue's candidates competing, trainChoices).
 */
function scoreCandidates(
  doc: CuedDoc,
  candidates: Attribution[][][],
  model: StatementModel,
): Map<Attribution, number> {
  const overlapping = overlapsOtherCue(candidates);
  const scores = new Map<Attribution, number>();
  for (const cues of candidates)
    for (const list of cues)
      for (const a of list) scores.set(a, candidateProbability(doc, a, overlapping.has(a), model));
  return scores;
}

/** The candidates whose content overlaps a candidate of another cue: one pass in start order. */
export function overlapsOtherCue(candidates: Attribution[][][]): Set<Attribution> {
  const spans: { a: Attribution; cue: number; start: number; end: number }[] = [];
  let cue = 0;
  for (const cues of candidates)
    for (const list of cues) {
      for (const a of list)
        spans.push({
          a,
          cue,
          start: (a.parts[0] as [number, number])[0],
          end: (a.parts.at(-1) as [number, number])[1],
        });
      cue++;
    }
  spans.sort((x, y) => x.start - y.start);
  const result = new Set<Attribution>();
  const open: typeof spans = [];
  for (const span of spans) {
    for (let k = open.length - 1; k >= 0; k--)
      if ((open[k] as (typeof spans)[number]).end < span.start) open.splice(k, 1);
    for (const other of open)
      if (other.cue !== span.cue) {
        result.add(other.a);
        result.add(span.a);
      }
    open.push(span);
  }
  return result;
}

/** A candidate as the statement it would make if chosen, and what the scorer reads of it. */
export interface StatementCandidate {
  statement: Statement;
  features: number[];
  /** The rules' choice for its cue. */
  rule: boolean;
  /** Candidates of the same cue share this number. */
  group: number;
}

/**
 * Every candidate of an article as the statement it would make if chosen, with its features:
 * what the scorer learns from (tests/eval). A chosen candidate's statement takes the quotations
 * that continue it; an alternative takes those its cue's rules' choice takes, and is credited to
 * the name its own mention gives.
 */
export function statementCandidates(article: ArticleText): StatementCandidate[] {
  const doc = findCues(readDocument(article.body));
  const candidates = dateCandidates(
    doc,
    findCandidates(doc, headlineParagraphs(doc, article.title ?? null)),
    article.publishedAt ?? null,
  );
  const overlapping = overlapsOtherCue(candidates);
  const continued = attachContinuations(doc, selectAttributions(doc, candidates));
  const speakers = resolveSpeakers(doc, continued);
  const out: StatementCandidate[] = [];
  let group = 0;
  for (const cues of candidates)
    for (const list of cues) {
      const ruled = continued.findIndex((a) => a.cue === list[0]?.cue && a.cue !== null);
      const chosen = list.find((a) => a.rule);
      for (const a of list) {
        const extended =
          ruled >= 0 && chosen ? continuedLike(doc, a, chosen, continued[ruled] as Attribution) : a;
        const speaker = a.rule && ruled >= 0 ? (speakers[ruled] as Speaker) : mentionSpeaker(doc, a);
        const statement = toStatement(doc, extended, speaker);
        if (statement)
          out.push({
            statement,
            features: candidateFeatures(doc, a, overlapping.has(a)),
            rule: a.rule,
            group,
          });
      }
      group++;
    }
  continued.forEach((a, k) => {
    if (a.cue) return;
    const statement = toStatement(doc, a, speakers[k] as Speaker);
    if (statement)
      out.push({ statement, features: candidateFeatures(doc, a, false), rule: a.rule, group: group++ });
  });
  return out;
}

/** The candidate with the quotations its cue's chosen candidate took before and after its own parts. */
function continuedLike(
  doc: CuedDoc,
  a: Attribution,
  chosen: Attribution,
  extended: Attribution,
): Attribution {
  const own = chosen.parts.length;
  const at = extended.parts.findIndex((p) => p[0] === chosen.parts[0]?.[0] && p[1] === chosen.parts[0]?.[1]);
  if (at < 0) return a;
  const before = extended.parts.slice(0, at);
  const after = extended.parts.slice(at + own);
  if (before.length === 0 && after.length === 0) return a;
  const quoted = a.parts.some(([first, last]) => {
    for (let i = first; i <= last; i++) if (doc.seg.quoteOf[i] !== -1) return true;
    return false;
  });
  return quoted ? changed(a, { parts: [...before, ...a.parts, ...after] }) : a;
}

/** The speaker as a candidate's own mention names it, before resolution. */
function mentionSpeaker(doc: CuedDoc, a: Attribution): Speaker {
  const m = a.mention;
  const name = m?.name
    ? doc.tokens
        .slice(m.name[0], m.name[1] + 1)
        .map((t) => t.text)
        .join(" ")
    : null;
  return {
    name,
    title: m?.title ?? null,
    titles: m?.title ? [m.title] : [],
    affiliation: null,
    sourceType: "unknown",
    gender: m?.gender ?? null,
  };
}
