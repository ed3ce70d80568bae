/**
 * Stage 4: candidate attributions. For every reporting cue, every plausible pair of a source
 * (sources.ts) and a content (contents.ts), each named by the generators that proposed it. The
 * pair the hand-written rules would choose is marked `rule`: the baseline scorer keeps exactly
 * those; the trained scorer weighs them all (select.ts).
 */
import {
  afterDateline,
  allCapitals,
  carriesWords,
  clauseEnd,
  contentAfter,
  contentBefore,
  contentBeforeSubject,
  contentStart,
  isCircumstance,
  isSubordinate,
  isWholeQuote,
  narrationStart,
  paragraphAfterColon,
  parentheticalTail,
  startsWithQuote,
  type TokenRange,
  trailingQuotes,
  wordsIn,
} from "./contents.ts";
import type { Cue, CuedDoc } from "./cues.ts";
import { quoteAt } from "./document.ts";
import { CONTENT_BOUNDARY_GERUNDS, LABEL_WORDS } from "./lexicon/syntax.ts";
import { DETERMINER, is, PREPOSITION, VERB_GROUP_WORD } from "./lexicon/word-classes.ts";
import { type Mention, mentionEndingAt, mentionStartingAt } from "./mentions.ts";
import type { Sentence } from "./segment.ts";
import { firstUnquoted, sentenceSubject } from "./sentence-subject.ts";
import {
  absoluteSubject,
  accordingToSource,
  appositiveSubject,
  clauseSubjects,
  endsClause,
  invertedSubjectEndsClause,
  nearestPronoun,
  relativeBeforeAside,
  type Subject,
  skipFillersLeft,
  subjectAfter,
  subjectEndingAt,
} from "./sources.ts";
import { canSpeak } from "./speaker-check.ts";
import type { Token } from "./tokenize.ts";

export type { TokenRange } from "./contents.ts";

/** How a candidate's speaker was found. */
export type SourceVia =
  | "label"
  | "according-to"
  | "subject"
  | "relative"
  | "appositive"
  | "inverted"
  | "inherited"
  | "sentence-subject"
  | "clause-subject"
  | "pronoun"
  | "absolute";

/** How a candidate's content was found. */
export type ContentVia =
  | "label"
  | "leading"
  | "after"
  | "after-short"
  | "around"
  | "next-paragraph"
  | "before";

export interface Attribution {
  cue: Cue | null;
  mention: Mention | null;
  /** The mention was found through a relative pronoun or inherited by a gerund. */
  inherited: boolean;
  /**
   * The relative pronoun that stands for the speaker in the attribution's own clause ("Okafor,
   * who said …"): reported as the statement's mention, the mention itself being its antecedent.
   */
  relative?: number;
  parts: TokenRange[];
  sentence: number;
  paragraph: number;
  /** The generators that proposed the source and the content. */
  via: { source: SourceVia; content: ContentVia };
  /** The pair the hand-written rules choose for this cue (the baseline scorer keeps these). */
  rule: boolean;
  /** When the words were said, if at another time than the article's news (see said.ts). */
  said?: string;
  /** The trained scorer's probability that this is a statement of this speaker. */
  score?: number;
  /** How many of its cue's other speaker phrases stand nearer the cue (0: this one is the nearest). */
  nearer?: number;
}

/**
 * An attribution with every field present, set or not: all of them share one object shape, so
 * that the later stages, which read their fields for every candidate, read them at fixed places
 * (objects that differ in their optional fields make the engine look each read up).
 */
export function attribution(a: Attribution): Attribution {
  return {
    cue: a.cue,
    mention: a.mention,
    inherited: a.inherited,
    relative: a.relative,
    parts: a.parts,
    sentence: a.sentence,
    paragraph: a.paragraph,
    via: a.via,
    rule: a.rule,
    said: a.said,
    score: a.score,
    nearer: a.nearer,
  };
}

/**
 * The attribution with some fields changed: copied field by field into the one shape, then
 * changed (a spread copy can get a shape of its own: V8 gave up its clone cache for them).
 */
export function changed(a: Attribution, changes: Partial<Attribution>): Attribution {
  return Object.assign(attribution(a), changes);
}

/** Every cue's candidates, sentence by sentence (`[sentence][cue] → candidates`); none in a headline. */
export function findCandidates(doc: CuedDoc, headlines: ReadonlySet<number> = new Set()): Attribution[][][] {
  const stops = doc.cuesAndColons;
  const sentences = doc.seg.sentences;
  // Pushed, not mapped: once V8 optimises a function it builds `map`'s result holey (at full length
  // first), and every later pass, optimised on the packed arrays it met until then, throws its
  // code away at the first holey one and is compiled again. The arrays one pass hands the next
  // are pushed, so they stay of one kind.
  const bySentence: Attribution[][][] = [];
  let next = 0;
  for (let index = 0; index < sentences.length; index++) {
    const s = sentences[index] as Sentence;
    while (next < stops.length && (stops[next] as number) < s.first) next++;
    bySentence.push(headlines.has(s.paragraph) ? [] : sentenceCandidates(doc, s, index, stops, next));
  }
  return bySentence;
}

/** The sentence's candidates; `stops[from]` (of doc.cuesAndColons) is its first cue or colon, if it has one. */
function sentenceCandidates(
  doc: CuedDoc,
  s: Sentence,
  index: number,
  stops: readonly number[],
  from: number,
): Attribution[][] {
  // No cue and no colon: nothing here reports words (a speaker's label needs its colon too).
  if (from >= stops.length || (stops[from] as number) > s.last) return [];
  const label = speakerLabel(doc, s, index);
  if (label) return [[label]];
  const byCue: Attribution[][] = [];
  // Whether a cue, quoted or not, stands before the token looked at (a colon after one is none).
  let cueBefore = false;
  for (let n = from; n < stops.length && (stops[n] as number) <= s.last; n++) {
    const i = stops[n] as number;
    const known = doc.cues[i] ?? null;
    // Words inside a quotation are the speaker's, not the article's: no cue there.
    const quoted = doc.seg.quoteOf[i] !== -1;
    const cue = quoted ? null : (known ?? colonCue(doc, s, i, byCue, cueBefore));
    if (known) cueBefore = true;
    if (!cue) continue;
    const list = new CandidateList(doc, s, cue, index);
    if (cue.kind === "colon") colonCandidates(doc, s, cue, list);
    else cueCandidates(doc, s, cue, byCue, list);
    if (list.items.length > 0) byCue.push(rankedByNearness(list.items));
  }
  return byCue;
}

/** The candidates, each told how many of the cue's other speaker phrases stand nearer the cue. */
function rankedByNearness(items: Attribution[]): Attribution[] {
  // Most cues have one candidate (7,700 of 11,600 a train pass): the nearest, with nothing to rank.
  if (items.length === 1) {
    (items[0] as Attribution).nearer = 0;
    return items;
  }
  const distances = items.map(distanceToCue);
  const distinct = [...new Set(distances)].sort((x, y) => x - y);
  items.forEach((a, k) => {
    a.nearer = distinct.indexOf(distances[k] as number);
  });
  return items;
}

/** Tokens between a candidate's speaker phrase and its cue, on either side. */
function distanceToCue(a: Attribution): number {
  const m = a.mention;
  const cue = a.cue;
  if (!m || !cue) return 0;
  return m.last < cue.first ? cue.first - m.last : Math.max(0, m.first - cue.last);
}

/**
 * A colon that introduces words someone said: a quotation after it, or the next paragraph when
 * it closes its own (`Corbett went further: "…"`, `Okafor, in her letter:`), with no reporting verb
 * before it in the sentence to carry the attribution.
 */
function colonCue(
  doc: CuedDoc,
  s: Sentence,
  i: number,
  byCue: Attribution[][],
  cueBefore: boolean,
): Cue | null {
  const t = doc.tokens;
  if (t[i]?.text !== ":" || i === s.first || byCue.length > 0 || cueBefore) return null;
  const next = t[i + 1];
  const closesParagraph = i === doc.seg.paragraphs[s.paragraph]?.last;
  if (!closesParagraph && (!next || !t[i]?.spaceAfter)) return null;
  return { first: i, last: i, verb: null, kind: "colon" };
}

/** The colon's speaker: the phrase right before it, or one opening its clause; its words: what follows. */
function colonCandidates(doc: CuedDoc, s: Sentence, cue: Cue, list: CandidateList): void {
  const t = doc.tokens;
  // To the clause's end: 'Clinton was irritated: "Just email it," she wrote' stops at the quotation.
  let end = cue.last < s.last ? clauseEnd(doc, s, cue.last + 1) : cue.last;
  while (end > cue.last && /^[.,;:]$/.test(t[end]?.text ?? "")) end--;
  const next = end > cue.last ? null : paragraphAfterColon(doc, s, cue);
  const parts: TokenRange[] | null = end > cue.last ? [[cue.last + 1, end]] : next && [next];
  if (!parts) return;
  const content: ContentVia = next ? "next-paragraph" : "after";
  const named = mentionEndingAt(t, cue.first - 1, s.first);
  if (named && named.kind !== "pronoun" && canSpeak(doc, named))
    list.add(named, false, parts, { source: "subject", content }, false);
  for (const mention of clauseSubjects(doc, s, cue))
    list.add(mention, false, parts, { source: "clause-subject", content }, false);
}

/**
 * The questions a cue's sources share answers to (withContent), each with a number for its
 * input: the key is a number too, not a string built at every ask (some 60,000 a train pass).
 */
const QUESTIONS = { after: 0, before: 1, tail: 2, alternatives: 3 } as const;

const keyOf = (question: keyof typeof QUESTIONS, input: number) => input * 4 + QUESTIONS[question];

/** A cue's candidates, each pair of mention and content once, and the contents its sources share. */
class CandidateList {
  readonly items: Attribution[] = [];
  /**
   * The answers known, by key (question and input). A cue asks three questions on average: a
   * scan finds one sooner than a map is made, and methods that compute their own answer make
   * no closure at each ask.
   */
  private readonly keys: number[] = [];
  private readonly answers: unknown[] = [];

  constructor(
    private readonly doc: CuedDoc,
    private readonly s: Sentence,
    private readonly cue: Cue,
    private readonly sentence: number,
  ) {}

  /** The clause after the verb (contentAfter), for a subject in a subordinate clause or not. */
  after(subordinate: boolean): TokenRange | null {
    const key = keyOf("after", subordinate ? 1 : 0);
    const known = this.recall(key);
    if (known !== undefined) return known as TokenRange | null;
    return this.keep(key, contentAfter(this.doc, this.s, this.cue, subordinate));
  }

  /** The words before a subject that opens at `opens` (contentBeforeSubject). */
  before(opens: number): TokenRange[] | null {
    const key = keyOf("before", opens);
    const known = this.recall(key);
    if (known !== undefined) return known as TokenRange[] | null;
    return this.keep(key, contentBeforeSubject(this.doc, this.s, opens));
  }

  /** The words after the attribution that go with those before it (tailOf), for a subject at `first`. */
  tail(first: number, before: TokenRange[]): TokenRange[] {
    const key = keyOf("tail", first);
    const known = this.recall(key);
    if (known !== undefined) return known as TokenRange[];
    return this.keep(key, tailOf(this.doc, this.s, this.cue, before));
  }

  /** The contents the rules would not choose (alternativeContents), for a subject right before the verb. */
  alternatives(
    mention: Mention,
    subordinate: boolean,
    after: TokenRange | null,
    before: TokenRange[] | null,
  ): [TokenRange[], ContentVia][] {
    const key = keyOf(
      "alternatives",
      (mention.first * 2 + (subordinate ? 1 : 0)) * 2 + (before === null ? 1 : 0),
    );
    const known = this.recall(key);
    if (known !== undefined) return known as [TokenRange[], ContentVia][];
    return this.keep(key, alternativeContents(this.doc, this.s, this.cue, mention, after, before));
  }

  /** The answer known for the key, or undefined: nothing computed here is undefined. */
  private recall(key: number): unknown {
    const k = this.keys.indexOf(key);
    return k < 0 ? undefined : this.answers[k];
  }

  private keep<T>(key: number, answer: T): T {
    this.keys.push(key);
    this.answers.push(answer);
    return answer;
  }

  add(
    mention: Mention,
    inherited: boolean,
    parts: TokenRange[] | null,
    via: Attribution["via"],
    rule: boolean,
    relative?: number,
  ): void {
    if (!parts || parts.length === 0) return;
    // A cue has a handful of candidates: a scan finds the same reading sooner than a key is built.
    // Looked for first: a reading known has passed carriesWords (the cue's and the words' alone).
    for (const known of this.items)
      if (sameReading(known, mention, parts)) {
        known.rule ||= rule;
        return;
      }
    if (!carriesWords(this.doc, this.cue, parts)) return;
    const { cue, sentence } = this;
    const paragraph = this.s.paragraph;
    this.items.push(
      attribution({ cue, mention, inherited, relative, parts, sentence, paragraph, via, rule }),
    );
  }
}

/** The same speaker phrase and the same words: one candidate, whichever generators proposed it. */
function sameReading(a: Attribution, mention: Mention, parts: TokenRange[]): boolean {
  const m = a.mention as Mention;
  if (m.first !== mention.first || m.last !== mention.last || a.parts.length !== parts.length) return false;
  return a.parts.every(([first, last], k) => first === parts[k]?.[0] && last === parts[k]?.[1]);
}

/**
 * The cue's candidates: first what the rules choose (their cascade: "according to", a gerund
 * carrying on its clause, the subject before the verb, an inverted subject, an appositive), then
 * what every other generator proposes.
 */
function cueCandidates(
  doc: CuedDoc,
  s: Sentence,
  cue: Cue,
  earlier: Attribution[][],
  list: CandidateList,
): void {
  if (cue.kind === "according") {
    accordingTo(doc, s, cue, list);
    return;
  }
  const t = doc.tokens;
  const gerund = cue.verb?.form === "gerund";
  const j = skipFillersLeft(t, cue.first - 1, s.first);
  const before = j >= s.first ? t[j] : undefined;
  const afterQuote = before?.kind === "quote" && /^[,;]$/.test(t[j - 1]?.text ?? "");
  const gerundAfterClause =
    gerund && (!before || before.text === "," || before.lower === "and" || afterQuote);
  if (gerundAfterClause || before?.lower === "and" || before?.lower === "but") {
    // "…, saying …" starts a statement; "…, citing …" carries on the clause (rules: nothing).
    const boundary = !gerundAfterClause || CONTENT_BOUNDARY_GERUNDS.has((t[cue.first] as Token).lower);
    inheritedCandidates(doc, s, cue, earlier, list, boundary);
    return;
  }
  const plainBefore = before && before.text !== "," && before.kind !== "quote" && before.kind !== "dash";
  const subject = plainBefore ? subjectEndingAt(doc, j, s.first) : null;
  if (subject && gappedClause(doc, subject.mention)) return;
  const aside = before?.text === "," ? relativeBeforeAside(doc, j, s.first) : null;
  const inverted = !aside && before?.text === "," && invertedSubjectEndsClause(doc, s, cue);
  const appositive =
    !plainBefore && !aside && !inverted && (before?.text === "," || before?.kind === "dash")
      ? appositiveSubject(doc, j, s.first)
      : null;
  // The rules' cascade: the first source that applies is the rules' choice.
  let ruled = false;
  if (plainBefore) {
    if (subject) withContent(doc, s, subject, !gerund, list, true);
    ruled = true;
  } else if (aside) {
    withContent(doc, s, aside, !gerund, list, true);
    ruled = true;
  } else if (inverted) {
    invertedCandidates(doc, s, cue, list, true);
    ruled = true;
  } else if (appositive) {
    withContent(doc, s, { mention: appositive, inherited: false }, true, list, true, "appositive");
    ruled = true;
  }
  if (!ruled && cue.verb?.inverts) invertedCandidates(doc, s, cue, list, true);
  // Every other generator's proposal.
  invertedCandidates(doc, s, cue, list, false);
  const subjectOfSentence = sentenceSubject(doc, s);
  // "The scheme, called FastLane, …": a verb right after the subject's comma modifies it.
  const modifies = doc.tokens[cue.first - 1]?.text === "," && subjectOfSentence?.last === cue.first - 2;
  if (
    subjectOfSentence &&
    !modifies &&
    subjectOfSentence.last < cue.first &&
    canSpeak(doc, subjectOfSentence)
  )
    withContent(
      doc,
      s,
      { mention: subjectOfSentence, inherited: false },
      !gerund,
      list,
      false,
      "sentence-subject",
    );
  const pronoun = nearestPronoun(doc, s, cue);
  if (pronoun) withContent(doc, s, pronoun, false, list, false, "pronoun");
  if (gerund && !plainBefore) return;
  for (const mention of clauseSubjects(doc, s, cue))
    withContent(doc, s, { mention, inherited: false }, !gerund, list, false, "clause-subject");
}

/** `According to the agency, …` / `…, according to Yonhap.` */
function accordingTo(doc: CuedDoc, s: Sentence, cue: Cue, list: CandidateList): void {
  const mention = accordingToSource(doc, s, cue);
  if (!mention) return;
  if (firstUnquoted(doc, s) === cue.first) {
    const start = afterLeadingSource(doc, s, mention.last + 1);
    const end = clauseEnd(doc, s, start);
    if (end >= start)
      list.add(mention, false, [[start, end]], { source: "according-to", content: "leading" }, true);
    return;
  }
  const parts = contentBefore(doc, s, cue.first - 1, true);
  list.add(mention, false, parts, { source: "according-to", content: "before" }, true);
  // The whole sentence before it, past a dash or colon that the rules take as its start.
  list.add(
    mention,
    false,
    contentBefore(doc, s, cue.first - 1),
    { source: "according-to", content: "before" },
    false,
  );
  // "Since last November, according to the group, forces have killed 400": the words around it.
  const t = doc.tokens;
  if (parts && t[cue.first - 1]?.text === "," && t[mention.last + 1]?.text === ",") {
    const end = clauseEnd(doc, s, mention.last + 2);
    const opening = parts[0] as TokenRange;
    if (end > mention.last + 2)
      list.add(
        mention,
        false,
        [opening, [mention.last + 2, end]],
        { source: "according-to", content: "around" },
        false,
      );
  }
}

/**
 * Where the words start after a leading "According to X": past the comma, and past a short
 * circumstance before it ("According to Varga in an interview, …").
 */
function afterLeadingSource(doc: CuedDoc, s: Sentence, k: number): number {
  const t = doc.tokens;
  if (t[k]?.text === ",") {
    // "According to Lorna Pratt, the mayor's housing director, the city …": past the role too.
    if (mentionStartingAt(t, k + 1, s.last)?.kind !== "role") return k + 1;
    for (let n = k + 2; n <= Math.min(s.last, k + 10); n++) {
      const token = t[n] as Token;
      if (quoteAt(doc, n) || doc.cues[n] || is(token, VERB_GROUP_WORD)) return k + 1;
      if (token.text === ",") return n + 1;
    }
    return k + 1;
  }
  if (!is(t[k], PREPOSITION)) return k;
  for (let n = k + 1; n <= Math.min(s.last, k + 8); n++) {
    if (quoteAt(doc, n) || doc.cues[n]) return k;
    const token = t[n] as Token;
    if (token.text === ",") return n + 1;
    if (token.kind === "punct") return k;
  }
  return k;
}

/**
 * `…, saying …` / `… and added that …`: the speaker is that of the clause the gerund hangs off —
 * the previous cue's (its rules' choice first) or the sentence's subject.
 */
function inheritedCandidates(
  doc: CuedDoc,
  s: Sentence,
  cue: Cue,
  earlier: Attribution[][],
  list: CandidateList,
  boundary: boolean,
): void {
  const start = contentStart(doc, s, cue);
  const subject = sentenceSubject(doc, s);
  // "Declaring that the roads would be fixed, Mayor Haines closed his speech": the words end
  // where the clause the gerund opens gives way to its subject.
  const opensWithCue =
    subject !== null && subject.first > cue.last && doc.tokens[subject.first - 1]?.text === ",";
  const end = opensWithCue ? Math.min(clauseEnd(doc, s, start), subject.first - 2) : clauseEnd(doc, s, start);
  if (end < start) return;
  const parts: TokenRange[] = [[start, end]];
  const previous = earlier.at(-1) ?? [];
  const ruled = earlier.findLast((candidates) => candidates.some((a) => a.rule))?.find((a) => a.rule);
  const first = ruled?.mention ?? subject;
  if (first) list.add(first, true, parts, { source: "inherited", content: "after" }, boundary);
  for (const a of previous)
    if (a.mention) list.add(a.mention, true, parts, { source: "inherited", content: "after" }, false);
  if (subject) list.add(subject, true, parts, { source: "sentence-subject", content: "after" }, false);
  // The phrase opening the sentence: "The landlord later appealed, claiming …" (never one after a comma
  // inside the clause the gerund hangs off, which is that clause's object or appositive).
  const opening = clauseSubjects(doc, s, cue).at(-1);
  if (opening && opening.first <= afterDateline(doc, s) + 2)
    list.add(opening, true, parts, { source: "clause-subject", content: "after" }, false);
  // "he laughed and said …", "she defended the plan, saying …": the pronoun the clause opened with.
  const pronoun = nearestPronoun(doc, s, cue);
  if (pronoun)
    list.add(pronoun.mention, true, parts, { source: "pronoun", content: "after" }, false, pronoun.relative);
  // "…, with top officials stressing its reach and vowing …": the absolute phrase's subject.
  const absolute = absoluteSubject(doc, s, cue);
  if (absolute) list.add(absolute, true, parts, { source: "absolute", content: "after" }, false);
}

/**
 * The speaker's content when the speaker stands before the verb: the clause after the verb, or
 * the words before the speaker (with a parenthetical's tail or trailing quotations). The rules
 * prefer the clause after, unless what follows is circumstance or a whole quotation comes first.
 */
function withContent(
  doc: CuedDoc,
  s: Sentence,
  subject: Subject,
  allowBefore: boolean,
  list: CandidateList,
  rule: boolean,
  via?: Attribution["via"]["source"],
): void {
  const { mention, inherited, relative } = subject;
  const source = via ?? (relative !== undefined ? "relative" : "subject");
  // A cue's sources share its contents: each is read once per cue (the list keeps them).
  // "The treasurer, who said the budget was balanced, resigned": the relative clause's comma ends it.
  const subordinate =
    isSubordinate(doc, s, mention.first) ||
    (relative !== undefined && doc.tokens[relative - 1]?.text === ",");
  const after = list.after(subordinate);
  // '"…," his wife, Mira Halvorsen, wrote': the words end before the phrase that describes her.
  const opens = mention.appositive ? Math.min(mention.first, mention.appositive[0]) : mention.first;
  const before = allowBefore ? list.before(opens) : null;
  const circumstance = before !== null && after !== null && isCircumstance(doc, after[0]);
  // '"…," said Corbett, who told reporters "…"': a relative clause's words follow its own verb.
  const quotedBefore =
    before !== null &&
    relative === undefined &&
    isWholeQuote(doc, before) &&
    // (No read at index -1 when there is none: it would send every read here down the slow path.)
    (after === null || doc.tokens[after[0]]?.lower !== "that");
  const preferAfter = after !== null && !circumstance && !quotedBefore;
  const beforeParts = before ? before.concat(list.tail(mention.first, before)) : null;
  const afterParts = after ? [after] : null;
  if (preferAfter) {
    list.add(mention, inherited, afterParts, { source, content: "after" }, rule, relative);
    list.add(mention, inherited, beforeParts, { source, content: "before" }, false, relative);
  } else {
    list.add(mention, inherited, beforeParts, { source, content: "before" }, rule, relative);
    list.add(mention, inherited, afterParts, { source, content: "after" }, false, relative);
  }
  // Other readings of where the words start and stop, for the subject right before the verb
  // (for the other sources they were hardly ever the one right reading: npm run eval -- --cv).
  if (source !== "subject") return;
  for (const [parts, content] of list.alternatives(mention, subordinate, after, before))
    list.add(mention, inherited, parts, { source, content }, false, relative);
}

/**
 * Contents the rules would not choose: the clause after the verb stopped where the sentence goes
 * on to narrate ("…, and quoted …", '"a disgrace," drawing …'); the words around a parenthetical
 * attribution ("On balance, she said, the repairs paid off"); after a colon that ends the
 * paragraph, the paragraph that follows.
 */
function alternativeContents(
  doc: CuedDoc,
  s: Sentence,
  cue: Cue,
  mention: Mention,
  after: TokenRange | null,
  before: TokenRange[] | null,
): [TokenRange[], ContentVia][] {
  const found: [TokenRange[], ContentVia][] = [];
  if (after) {
    const stop = narrationStart(doc, after);
    if (stop > after[0]) found.push([[[after[0], stop - 1]], "after-short"]);
  }
  const tail = parentheticalTail(doc, s, cue);
  const opening = afterDateline(doc, s);
  if (!before && tail.length > 0 && mention.first > opening)
    found.push([[[opening, mention.first - 1], ...tail], "around"]);
  const next = paragraphAfterColon(doc, s, cue);
  if (next) found.push([[next], "next-paragraph"]);
  return found;
}

/**
 * "the bridge that she has said she would build": a verb in a clause that describes a noun reports no
 * statement of its own — its words lack the noun they describe ("she would build …").
 */
function gappedClause(doc: CuedDoc, mention: Mention): boolean {
  const t = doc.tokens;
  const link = t[mention.first - 1]?.lower;
  if (link !== "that" && link !== "which") return false;
  const noun = t[mention.first - 2];
  if (noun?.kind !== "word" || noun.cap || doc.cues[mention.first - 2]) return false;
  for (let k = mention.first - 3; k >= Math.max(0, mention.first - 5); k--)
    if (is(t[k], DETERMINER)) return true;
  return false;
}

/** "The talks failed, Ahn said, …": trailing quotations, or the tail of a parenthetical. */
function tailOf(doc: CuedDoc, s: Sentence, cue: Cue, before: TokenRange[]): TokenRange[] {
  const tail = trailingQuotes(doc, s, cue.last + 1);
  return tail.length > 0 || startsWithQuote(doc, before) ? tail : parentheticalTail(doc, s, cue);
}

/** `"…," said Ahn.` / `The talks failed, said the minister.`: the subject after the verb. */
function invertedCandidates(doc: CuedDoc, s: Sentence, cue: Cue, list: CandidateList, rule: boolean): void {
  // The content must end right before the verb: '"…," said Ahn', 'The talks failed, said Ahn'.
  const before = doc.tokens[cue.first - 1];
  if (!before || !(before.text === "," || before.kind === "quote")) return;
  const mention = subjectAfter(doc, s, cue);
  if (!mention) return;
  // "Executives, like their rivals, say the plan will fail": "say" inverts only at a clause's end.
  if (cue.verb?.form === "base" && !endsClause(doc, mention.last + 1)) return;
  const parts = contentBefore(doc, s, cue.first - 1);
  if (!parts) return;
  const all = [...parts, ...trailingQuotes(doc, s, mention.last + 1)];
  list.add(mention, false, all, { source: "inverted", content: "before" }, rule);
}

/**
 * `CORBETT: Thank you all for coming …` in a transcript, or a headline `Okafor: Bridge will not reopen before spring`:
 * a speaker's name and a colon open the paragraph.
 */
function speakerLabel(doc: CuedDoc, s: Sentence, index: number): Attribution | null {
  const t = doc.tokens;
  const paragraph = doc.seg.paragraphs[s.paragraph];
  if (
    !paragraph ||
    (paragraph.first !== s.first &&
      !(t[paragraph.first]?.kind === "quote" && s.first === paragraph.first + 1))
  )
    return null;
  const k = t[s.first]?.kind === "quote" ? s.first + 1 : s.first;
  if (!hasColonWithin(t, k, Math.min(s.last, k + 6))) return null;
  const mention = mentionStartingAt(t, k, Math.min(s.last, k + 5));
  if (!mention || mention.kind === "pronoun" || t[mention.last + 1]?.text !== ":") return null;
  for (let n = mention.first; n <= mention.last; n++) if (LABEL_WORDS.has((t[n] as Token).lower)) return null;
  const transcript = allCapitals(t, mention.first, mention.last);
  if (!transcript && s.paragraph !== 0) return null;
  const start = mention.last + 2;
  const end = transcript ? paragraph.last : s.last;
  // "KOCHI: Heavy rain forced …, officials said": a dateline, and the words are the officials'.
  if (transcript && reportsWithin(doc, start, s.last)) return null;
  let last = end;
  while (last > start && (/^[.,;:]$/.test(t[last]?.text ?? "") || t[last]?.kind === "quote")) last--;
  if (wordsIn(doc, start, last) < 3) return null;
  return attribution({
    cue: { first: mention.last + 1, last: mention.last + 1, verb: null, kind: "label" },
    mention,
    inherited: false,
    parts: [[start, last]],
    sentence: index,
    paragraph: s.paragraph,
    via: { source: "label", content: "label" },
    rule: true,
  });
}

/**
 * A report of what somebody said or says among tokens `[from, to]`, outside quotations: the
 * writer's "officials said", not a speaker's own "nobody will say why".
 */
function reportsWithin(doc: CuedDoc, from: number, to: number): boolean {
  for (let k = from; k <= to; k++) {
    const form = doc.cues[k]?.verb?.form;
    if ((form === "past" || form === "present") && !quoteAt(doc, k)) return true;
  }
  return false;
}

function hasColonWithin(t: Token[], from: number, to: number): boolean {
  for (let k = from; k <= to; k++) if (t[k]?.text === ":") return true;
  return false;
}
