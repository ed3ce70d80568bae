/**
 * Stage 4a: source generators — the phrases that may be the speaker of a reporting cue: the
 * subject right before the verb, the antecedent of "who", a name before an appositive, the
 * subject after an inverted verb, the object of "according to", the phrases that open the cue's
 * clause. Each returns mentions or null; which of them speaks is decided later, by the scorer.
 */
import { afterDateline } from "./contents.ts";
import type { Cue, CuedDoc } from "./cues.ts";
import { quoteAt } from "./document.ts";
import { ROLE_DATING_ADVERBS } from "./lexicon/people.ts";
import {
  AFTER_INVERTED_SPEAKER,
  CLAUSE_CONJUNCTIONS,
  CLAUSE_OPENING_ADVERBS,
  GO_ON_WORDS,
  IRREGULAR_PAST,
  NOT_NOUNS,
  STRETCH_OPENERS,
} from "./lexicon/syntax.ts";
import { EARLIER_PHRASES, isYear } from "./lexicon/time.ts";
import {
  CLAUSE_OPENER,
  DETERMINER,
  is,
  PERIOD_UNIT,
  PREPOSITION,
  ROLE_HEAD,
  ROLE_MODIFIER,
  SUBJECT_PRONOUN,
  SUBJECT_VERB_FILLER,
  TIME_OPENER,
  TIME_WORD,
} from "./lexicon/word-classes.ts";
import {
  DETERMINERS,
  NOUNS_ENDING_IN_LY,
  POSSESSIVE_DETERMINERS,
  PREPOSITIONS,
  QUANTITY_WORDS,
  RELATIVE_PRONOUNS,
  SUBJECT_VERB_PHRASES,
  SURVEY_PARTICIPLES,
  THIRD_PERSON_SUBJECTS,
} from "./lexicon/words.ts";
import {
  describeMention,
  type Mention,
  mentionEndingAt,
  mentionStartingAt,
  mentionWith,
  speakerFor,
} from "./mentions.ts";
import type { Sentence } from "./segment.ts";
import { canSpeak, isNonSpeakingPlace, namesCountry } from "./speaker-check.ts";
import type { Token } from "./tokenize.ts";

export interface Subject {
  mention: Mention;
  /** Found through a relative pronoun or inherited from the clause a gerund hangs off. */
  inherited: boolean;
  /** The relative pronoun that stands for the speaker in its clause ("…, who said …"). */
  relative?: number;
}

/**
 * `Ahn said`, `the minister, who …, said`, `a source who told …`: the subject right before the
 * verb, `j` being the last token before it (fillers skipped).
 */
export function subjectEndingAt(doc: CuedDoc, j: number, lo: number): Subject | null {
  const t = doc.tokens;
  if (t[j]?.lower === "who" || t[j]?.lower === "which") {
    const end = t[j - 1]?.text === "," ? j - 2 : j - 1;
    // "Ferris, who runs the firm and who said …": the second relative shares the first's
    // antecedent (read once: no chain of "and who" is followed further back).
    const first = CLAUSE_CONJUNCTIONS.has(t[end]?.lower ?? "") ? earlierRelative(t, end - 1, lo) : -1;
    const antecedent = antecedentEndingAt(
      doc,
      first >= 0 ? (t[first - 1]?.text === "," ? first - 2 : first - 1) : end,
      lo,
    );
    return antecedent && antecedent.kind !== "pronoun"
      ? { mention: antecedent, inherited: true, relative: j }
      : null;
  }
  // "Nearly half of the nurses surveyed said": the people a poll asked are the subject.
  const end = SURVEY_PARTICIPLES.has(t[j]?.lower ?? "") && t[j - 1]?.kind === "word" ? j - 1 : j;
  const mention = mentionEndingAt(t, end, lo) ?? nounPhraseEndingAt(doc, end, lo);
  if (!mention || !canSpeak(doc, mention)) return null;
  const verb = mention.first - 2;
  if (verb > lo && PREPOSITIONS.has(t[verb + 1]?.lower ?? "") && isVerbForm(t[verb])) {
    const subject = subjectBeforeModifier(doc, verb, lo);
    if (subject) return subject;
  }
  return { mention, inherited: false };
}

/** "Dale Ferris of the Riverton chapel": a short phrase after a name that says where the person is from. */
function isPlaceOfName(doc: CuedDoc, first: number, last: number): boolean {
  const t = doc.tokens;
  if (!PREPOSITIONS.has(t[first]?.lower ?? "") || last - first > 8) return false;
  for (let k = first; k <= last; k++) if (doc.cues[k] || isVerbForm(t[k]) || quoteAt(doc, k)) return false;
  return true;
}

/** "spoke", "obtained", "speaking": a lower-case verb in the past, a participle or a gerund. */
const isVerbForm = (token: Token | undefined) =>
  token?.kind === "word" &&
  !token.cap &&
  (IRREGULAR_PAST.has(token.lower) || /[a-z]{2}(ed|ing)$/.test(token.lower));

/**
 * "officials who spoke with the Star said", "a letter from the Legion obtained by the Star
 * warns": the name before the verb is the object of a clause that describes the subject; the
 * subject stands before that clause.
 */
function subjectBeforeModifier(doc: CuedDoc, verb: number, lo: number): Subject | null {
  const t = doc.tokens;
  const k = skipFillersLeft(t, verb - 1, lo);
  const relative = k >= lo && RELATIVE_PRONOUNS.has(t[k]?.lower ?? "");
  const end = relative ? (t[k - 1]?.text === "," ? k - 2 : k - 1) : k;
  const mention = end >= lo ? (mentionEndingAt(t, end, lo) ?? nounPhraseEndingAt(doc, end, lo)) : null;
  return mention && mention.kind !== "pronoun" && canSpeak(doc, mention)
    ? { mention, inherited: false }
    : null;
}

/** The phrase a relative pronoun right after `end` stands for. */
const antecedentEndingAt = (doc: CuedDoc, end: number, lo: number): Mention | null =>
  mentionEndingAt(doc.tokens, end, lo) ??
  nounPhraseEndingAt(doc, end, lo) ??
  shareEndingAt(doc, end, lo) ??
  bareNounAt(doc.tokens, end);

/** The relative pronoun of the same kind nearest before `k`, within a clause's reach, or -1. */
function earlierRelative(t: Token[], k: number, lo: number): number {
  for (let n = k; n >= Math.max(lo, k - PRONOUN_REACH); n--) {
    const lower = t[n]?.lower;
    if (lower === "who" || lower === "which") return n;
    if (t[n]?.text === ";" || t[n]?.text === ":") return -1;
  }
  return -1;
}

/** An adverb or participle by its ending ("-ly", "-ing", "-ed"), or a word that is no noun; "family" is one. */
const notNounHead = (head: Token) =>
  (/(ly|ing|ed)$/.test(head.lower) && !NOUNS_ENDING_IN_LY.has(head.lower)) || NOT_NOUNS.has(head.lower);

/**
 * "bankers who concluded …", "a critic who said …": a plain noun the lexicons do not know, right
 * before a relative pronoun, is who it stands for (the people of a plural noun, else a role).
 */
function bareNounAt(t: Token[], k: number): Mention | null {
  const head = t[k];
  if (head?.kind !== "word" || head.cap || !/^[a-z][a-z-]{2,}$/.test(head.lower)) return null;
  if (notNounHead(head) || is(head, PREPOSITION)) return null;
  return { ...describeMention(t, k, k), kind: head.lower.endsWith("s") ? "group" : "role" };
}

/** "the 38 percent who said", "two in five who say": a share of people before a relative pronoun. */
function shareEndingAt(doc: CuedDoc, end: number, lo: number): Mention | null {
  const t = doc.tokens;
  let k = end;
  while (
    k > lo &&
    end - k < 6 &&
    (t[k - 1]?.kind === "number" || (t[k - 1]?.kind === "word" && !t[k - 1]?.cap))
  )
    k--;
  for (let n = k; n <= end; n++)
    if (t[n]?.kind === "number" || QUANTITY_WORDS.has(t[n]?.lower ?? "")) return phraseSubject(doc, n, end);
  return null;
}

/**
 * "The Ohio businessman says", "its tenants say": a noun the lexicons do not know, right
 * before the verb, read as a speaker when a determiner opens its phrase.
 */
function nounPhraseEndingAt(doc: CuedDoc, j: number, lo: number): Mention | null {
  const t = doc.tokens;
  const head = t[j];
  if (head?.kind !== "word" || head.cap || !/^[a-z][a-z-]{2,}$/.test(head.lower)) return null;
  if (notNounHead(head)) return null;
  for (let k = j - 1; k >= Math.max(lo, j - 4); k--) {
    const token = t[k] as Token;
    if (is(token, DETERMINER) || POSSESSIVE_DETERMINERS.has(token.lower)) {
      const mention: Mention = {
        ...describeMention(t, k, j),
        kind: head.lower.endsWith("s") ? "group" : "role",
      };
      // "attorneys for the tenants said": the attorneys speak.
      return speakerFor(t, mention, lo) ?? mention;
    }
    if (token.kind !== "word" || is(token, PREPOSITION) || NOT_NOUNS.has(token.lower)) return null;
  }
  return null;
}

/**
 * "the mayor's staff, who, on a call Friday, criticized …": a relative pronoun before an aside
 * that the comma before the verb closes stands for the speaker, as right before the verb.
 */
export function relativeBeforeAside(doc: CuedDoc, comma: number, lo: number): Subject | null {
  const t = doc.tokens;
  for (let k = comma - 1; k > lo && comma - k <= ASIDE_REACH; k--) {
    if (quoteAt(doc, k) || doc.cues[k]) return null;
    if (t[k]?.text !== ",") continue;
    const lower = t[k - 1]?.lower;
    return lower === "who" || lower === "which" ? subjectEndingAt(doc, k - 1, lo) : null;
  }
  return null;
}

/** Tokens an aside between commas may hold: "on a call with reporters on Friday". */
const ASIDE_REACH = 16;

/**
 * `Lee Jun-ho, a spokesperson for the Unification Ministry, said`: the name before an appositive
 * that the comma (or dash) before the verb closes.
 */
export function appositiveSubject(doc: CuedDoc, comma: number, lo: number): Mention | null {
  const t = doc.tokens;
  // "Dana Whitfield, the chief executive of Riverton Ferries -- the firm that … -- told me": dashes pair up.
  const dashes = t[comma]?.kind === "dash";
  const relative = dashes ? null : relativeAppositive(doc, comma, lo);
  if (relative) return relative;
  // The last token of the phrase the comma at k opens: up to the comma read just before.
  let phraseEnd = comma - 1;
  // The comma of the first town and state met ("Allentown, Pa."), if any.
  let town = -1;
  for (let k = comma - 1; k > lo && comma - k < 40; k--) {
    const token = t[k] as Token;
    if (quoteAt(doc, k) || token.text === ";" || token.text === ":") return null;
    if (token.kind === "dash" && !dashes) return null;
    if (dashes ? token.kind !== "dash" : token.text !== ",") continue;
    const end = phraseEnd;
    phraseEnd = k - 1;
    // "a retired nurse in Allentown, Pa., said": the comma of a town's state, not the appositive's.
    if (!dashes && isStateAfterTown(t, k, end)) {
      if (town < 0) town = k;
      continue;
    }
    if (CLAUSE_CONJUNCTIONS.has((t[k + 1] as Token).lower) && !datesAppositive(t, k + 1)) return null;
    // "A lawyer for the outlets, Ruth Adeyemi, said": the name between the commas.
    const inner = mentionStartingAt(t, k + 1, comma - 1);
    if (
      inner?.kind === "name" &&
      (inner.last === comma - 1 || isPlaceOfName(doc, inner.last + 1, comma - 1))
    ) {
      const described = mentionEndingAt(t, k - 1, lo);
      // "Dale Ferris, the editor of the weekly, The Riverton Star, said": the name names what
      // the description ends with; the person before the description speaks.
      const person =
        described && t[described.first - 1]?.text === ","
          ? mentionEndingAt(t, described.first - 2, lo)
          : null;
      if (described && described.kind !== "name" && person?.kind === "name" && canSpeak(doc, person))
        return mentionWith(person, { appositive: [described.first, comma - 1] });
      if (described && described.kind !== "name")
        return mentionWith(inner, {
          gender: inner.gender ?? described.gender,
          appositive: [described.first, k - 1],
        });
      // "A lawyer for the tenants, Nadia Farouk, said": a description the lexicons cannot read
      // whole, opening the sentence with a determiner.
      const opening = is(t[lo], DETERMINER) && !t.slice(lo, k).some((x) => /^[,;:]$/.test(x.text));
      if (!described && opening) return mentionWith(inner, { appositive: [lo, k - 1] });
      // "One pastor backing Mr. Ruiz, Dale Ferris, said": the name before the comma is the
      // object of the description; the name between the commas speaks.
      const object =
        PREPOSITIONS.has(t[(described?.first ?? 0) - 1]?.lower ?? "") ||
        isVerbForm(t[(described?.first ?? 0) - 1]);
      if (described?.kind === "name" && object) return mentionWith(inner, { appositive: [lo, k - 1] });
    }
    const mention = mentionEndingAt(t, k - 1, lo);
    // "Mara Lind, who grew up in Dover, Delaware, in 1990, said": a place, or a phrase after a
    // preposition, belongs to a clause inside the appositive; the subject stands further back.
    if (mention && (!canSpeak(doc, mention) || is(t[mention.first - 1], PREPOSITION))) continue;
    if (mention && mention.kind !== "pronoun")
      return mentionWith(mention, { appositive: [k + 1, comma - 1] });
  }
  // "a woman in Worcester, Massachusetts, told him": no appositive, the town's state closes the subject.
  return town >= 0 ? placedSubject(doc, town, lo) : null;
}

/**
 * "Jim Cole, then the ambassador, said": a "then" before a role phrase dates the appositive; it
 * joins no clause, as in "She paused, then said".
 */
const datesAppositive = (t: Token[], i: number) =>
  ROLE_DATING_ADVERBS.has((t[i] as Token).lower) && is(t[i + 1], DETERMINER | ROLE_HEAD | ROLE_MODIFIER);

/**
 * The speaker phrase ending at the town before the comma `town`: "a woman in Worcester", not the
 * town itself ("the house in Chappaqua").
 */
function placedSubject(doc: CuedDoc, town: number, lo: number): Mention | null {
  const mention = mentionEndingAt(doc.tokens, town - 1, lo);
  if (!mention || mention.kind === "pronoun" || mention.name?.[1] === town - 1) return null;
  return canSpeak(doc, mention) ? mention : null;
}

/** "Allentown, Pa.", "Dover, Delaware": the comma at k stands between a town and its state or country. */
function isStateAfterTown(t: Token[], k: number, end: number): boolean {
  if (!t[k - 1]?.cap || end - k > 3 || end <= k) return false;
  const place = { first: k + 1, last: end };
  return isNonSpeakingPlace(t, place) || namesCountry(t, place);
}

/**
 * "Ruth Amsel, whose hometown, Dover, is expected to flood, argues …": an appositive that opens
 * with a relative pronoun runs to the comma before the verb, whatever commas it holds; the name
 * before it speaks.
 */
function relativeAppositive(doc: CuedDoc, comma: number, lo: number): Mention | null {
  const t = doc.tokens;
  for (let k = comma - 1; k > lo && comma - k < 40; k--) {
    const token = t[k] as Token;
    if (quoteAt(doc, k) || token.text === ";" || token.text === ":" || doc.cues[k]) return null;
    if (token.text !== "," || !RELATIVE_PRONOUNS.has(t[k + 1]?.lower ?? "")) continue;
    const mention = mentionEndingAt(t, k - 1, lo);
    return mention && mention.kind !== "pronoun" && canSpeak(doc, mention)
      ? mentionWith(mention, { appositive: [k + 1, comma - 1] })
      : null;
  }
  return null;
}

/** `"…," said Ahn.`: the speaker phrase right after the verb, if one that can speak stands there. */
export function subjectAfter(doc: CuedDoc, s: Sentence, cue: Cue): Mention | null {
  const mention = mentionStartingAt(doc.tokens, cue.last + 1, s.last);
  return mention && mention.kind !== "pronoun" && canSpeak(doc, mention) ? mention : null;
}

/** `…, said one aide in the hall.`: a speaker phrase after the verb that closes the clause. */
export function invertedSubjectEndsClause(doc: CuedDoc, s: Sentence, cue: Cue): boolean {
  if (!cue.verb?.inverts) return false;
  const mention = mentionStartingAt(doc.tokens, cue.last + 1, s.last);
  if (!mention || mention.kind === "pronoun") return false;
  return endsClause(doc, mention.last + 1);
}

/** Whether the clause ends at token `k`: its punctuation, or "in", "on", "who" … after a speaker. */
export function endsClause(doc: CuedDoc, k: number): boolean {
  const next = doc.tokens[k];
  return !next || /^[.,;:!?(]$/.test(next.text) || AFTER_INVERTED_SPEAKER.has(next.lower);
}

/**
 * "Ruiz left after she formally announced the plan, calling it …", "he laughed and said …", "Ferris,
 * who saw the crash and described it …": the nearest "he", "she", "they" or relative pronoun
 * before the cue in its sentence (outside quotations), the subject of the clause the cue carries
 * on when an adverb, an object or another verb stands between. A relative pronoun stands for its
 * antecedent.
 */
export function nearestPronoun(doc: CuedDoc, s: Sentence, cue: Cue): Subject | null {
  const t = doc.tokens;
  for (let k = cue.first - 1; k >= Math.max(s.first, cue.first - PRONOUN_REACH); k--) {
    const quote = quoteAt(doc, k);
    if (quote) {
      k = Math.min(k, quote.open);
      continue;
    }
    const token = t[k] as Token;
    if (token.text === ";" || token.text === ":") return null;
    // Most tokens are neither kind of pronoun: their word classes tell so at a bit test each.
    if (is(token, SUBJECT_PRONOUN) && THIRD_PERSON_SUBJECTS.has(token.lower)) {
      const mention = mentionStartingAt(t, k, k);
      return mention ? { mention, inherited: true } : null;
    }
    if (is(token, CLAUSE_OPENER) && (token.lower === "who" || token.lower === "which"))
      return subjectEndingAt(doc, k, s.first);
  }
  return null;
}

/**
 * "…, with top officials stressing its reach and vowing to stay": the subject of an absolute
 * phrase ("with" and the phrase before its first verb in -ing) is the speaker of the gerunds it carries.
 */
export function absoluteSubject(doc: CuedDoc, s: Sentence, cue: Cue): Mention | null {
  const t = doc.tokens;
  for (let k = cue.first - 1; k >= Math.max(s.first, cue.first - PRONOUN_REACH); k--) {
    if (quoteAt(doc, k) || t[k]?.text === ";" || t[k]?.text === ":") return null;
    if (t[k]?.lower !== "with") continue;
    for (let g = k + 2; g < Math.min(cue.first, k + ABSOLUTE_SUBJECT_REACH); g++) {
      const verb = t[g] as Token;
      if (verb.kind !== "word" || verb.cap || !verb.lower.endsWith("ing")) continue;
      const mention = mentionStartingAt(t, k + 1, g - 1) ?? phraseSubject(doc, k + 1, g - 1);
      return mention && mention.last === g - 1 && mention.kind !== "pronoun" && canSpeak(doc, mention)
        ? mention
        : null;
    }
    return null;
  }
  return null;
}

/** Tokens from "with" to the verb of its absolute phrase: "with two of the port's directors stressing". */
const ABSOLUTE_SUBJECT_REACH = 9;

/** Tokens looked back for a pronoun: a clause's length. */
const PRONOUN_REACH = 25;

/** `according to Yonhap`, `according to a letter sent by the council, …`. */
export function accordingToSource(doc: CuedDoc, s: Sentence, cue: Cue): Mention | null {
  const mention = mentionStartingAt(doc.tokens, cue.last + 1, s.last);
  if (!mention) return phraseUntilComma(doc, s, cue.last + 1);
  // "according to a new poll from the university, …": the poll's phrase runs on to the comma.
  const runsOn = PREPOSITIONS.has(doc.tokens[mention.last + 1]?.lower ?? "");
  const document = mention.kind !== "name" && mention.kind !== "pronoun";
  return (runsOn && document && phraseUntilComma(doc, s, cue.last + 1)) || mention;
}

/** "according to a letter sent by the council, …": the source phrase up to the comma. */
function phraseUntilComma(doc: CuedDoc, s: Sentence, from: number): Mention | null {
  for (let n = from; n <= Math.min(s.last, from + 25); n++) {
    const token = doc.tokens[n] as Token;
    if (quoteAt(doc, n)) return null;
    if (token.text === "," || n === s.last) {
      const last = token.kind === "punct" ? n - 1 : n;
      return last >= from
        ? mentionWith(describeMention(doc.tokens, from, last), { kind: "organisation" })
        : null;
    }
  }
  return null;
}

/** The last token before `j + 1` that is not a filler between subject and verb ("also", "on Monday"). */
export function skipFillersLeft(t: Token[], j: number, lo: number): number {
  let k = j;
  while (k >= lo) {
    const token = t[k] as Token;
    if (is(token, SUBJECT_VERB_FILLER) || is(token, TIME_WORD)) k--;
    else if (isAdverbAfterSubject(t, k)) k--;
    // "Ruiz continued to insist", "but went on to say": the verb that carries the cue on.
    else if (token.lower === "to" && GO_ON_WORDS.has(t[k - 1]?.lower ?? "")) {
      k -= 2;
      if (t[k + 1]?.lower === "on" && GO_ON_WORDS.has(t[k]?.lower ?? "")) k--;
    } else if (is(token, TIME_OPENER) && is(t[k + 1], TIME_WORD)) k--;
    else if (token.kind === "number" && is(t[k - 1], TIME_WORD)) k--;
    // "who in 2019 said": a year between the subject and its verb.
    else if (isYear(token) && t[k - 1]?.lower === "in") k -= 2;
    else if (token.text === "." && !token.spaceBefore && is(t[k - 1], TIME_WORD)) k--;
    // "who has in the past said", "the report for the first time cited", "this past week announced".
    else if (fillerPhraseEndingAt(t, k) > 0) k -= fillerPhraseEndingAt(t, k);
    else if (token.lower === "ago" && is(t[k - 1], PERIOD_UNIT)) k = pastCount(t, k - 2);
    else if (token.lower === "past" && is(t[k - 1], TIME_OPENER)) k -= 2;
    else break;
  }
  return k;
}

/**
 * "Corbett strongly hinted", "she jokingly tells": a lower-case word in "-ly" after a word that
 * opens no noun phrase (not "the family", "his ally") is an adverb of the verb.
 */
function isAdverbAfterSubject(t: Token[], k: number): boolean {
  const token = t[k] as Token;
  if (token.kind !== "word" || token.cap || token.lower.length < 5 || !token.lower.endsWith("ly"))
    return false;
  if (NOUNS_ENDING_IN_LY.has(token.lower)) return false;
  const before = t[k - 1]?.lower ?? "";
  return !DETERMINERS.has(before) && before !== "'s" && before !== "’s";
}

/** Phrases of time and manner read past between a subject and its verb. */
const FILLER_PHRASES = [...EARLIER_PHRASES, ...SUBJECT_VERB_PHRASES];

/** The phrases by their last word, in their order: most tokens end none, and are passed at one look-up. */
const FILLER_PHRASES_BY_LAST = new Map<string, readonly string[][]>();
for (const phrase of FILLER_PHRASES) {
  const last = phrase.at(-1) as string;
  FILLER_PHRASES_BY_LAST.set(last, [...(FILLER_PHRASES_BY_LAST.get(last) ?? []), phrase]);
}

/**
 * How many tokens of a phrase that may stand between a subject and its verb ("in the past", "for
 * the first time") end at `k`, or 0.
 */
function fillerPhraseEndingAt(t: Token[], k: number): number {
  const phrases = FILLER_PHRASES_BY_LAST.get(t[k]?.lower ?? "");
  if (!phrases) return 0;
  for (const phrase of phrases) {
    const n = phrase.length;
    if (phrase.every((word, i) => t[k - n + 1 + i]?.lower === word)) return n;
  }
  return 0;
}

/** Left of the count of "two weeks ago", "less than a month ago": the token before it. */
function pastCount(t: Token[], k: number): number {
  let n = k;
  const count = t[n];
  if (count && (count.kind === "number" || is(count, DETERMINER))) n--;
  if (t[n]?.lower === "than" && (t[n - 1]?.lower === "less" || t[n - 1]?.lower === "more")) n -= 2;
  return n;
}

/**
 * The subjects the cue's clause may have, read leftwards from the verb: the phrase that opens
 * each stretch after a comma, dash, parenthesis or conjunction, and the one that opens the
 * sentence — so that a subject carrying a relative clause or a long modifier ("the owner of a
 * bakery downtown, who asked not to be named, said") is still proposed. Nearest first, at most five.
 *
 * @example
 * // "More than seven in 10 residents said …" → "More than seven in 10 residents"
 * // "Even the owner of the bakery said …" → "the owner of the bakery"
 */
export function clauseSubjects(doc: CuedDoc, s: Sentence, cue: Cue): Mention[] {
  const t = doc.tokens;
  const starts: number[] = [];
  const lo = Math.max(s.first, cue.first - 40);
  for (let k = cue.first - 1; k >= lo && starts.length < 5; k--) {
    const quote = quoteAt(doc, k);
    if (quote) {
      k = Math.min(k, quote.open);
      continue;
    }
    const token = t[k] as Token;
    if (token.text === ";" || token.text === ":") break;
    // Every stretch opener is a clause opener: the bit test passes most words at once.
    const opener = is(token, CLAUSE_OPENER) && STRETCH_OPENERS.has(token.lower);
    if (token.text === "," || token.text === "(" || opener || token.kind === "dash") starts.push(k + 1);
  }
  const opening = Math.max(s.first, afterDateline(doc, s));
  starts.push(opening);
  // Where the fillers before the verb stop, for every start: the walk left reads the tokens alone,
  // so a start at or before where it stops (no start is before the opening) finds it there too.
  const end = skipFillersLeft(t, cue.first - 1, opening);
  const found: Mention[] = [];
  for (const start of starts) {
    // "Seoul, Dec 29 South Korea's …": nothing inside the dateline opens a clause.
    const k = skipOpeners(t, Math.max(start, opening), cue.first - 1);
    if (end < k || quoteAt(doc, k)) continue;
    // "Weil, a former mayor, said": the appositive describes the speaker the name before it gives.
    if (t[k - 1]?.text === "," && mentionEndingAt(t, k - 2, s.first)?.kind === "name") continue;
    // "Nearly half said …": where the phrase is no speaker's name, it may still be a subject.
    const named = mentionStartingAt(t, k, end);
    const speaks = named !== null && canSpeak(doc, named);
    const mention = speaks ? named : phraseSubject(doc, k, end);
    // "The scheme, called FastLane, …": a verb right after the phrase's comma modifies it.
    const participle = t[cue.first - 1]?.text === "," && mention?.last === cue.first - 2;
    if (
      mention &&
      !participle &&
      mention.kind !== "pronoun" &&
      // A name already found to speak is not asked again.
      (speaks || canSpeak(doc, mention)) &&
      !startsOneOf(found, mention.first)
    )
      found.push(mention);
  }
  return found;
}

/** Whether a mention found starts at `first` (a plain loop: no closure made for every start). */
function startsOneOf(found: readonly Mention[], first: number): boolean {
  for (const m of found) if (m.first === first) return true;
  return false;
}

/** "Even", "Yet", "Overall": words that open a clause before its subject. */
function skipOpeners(t: Token[], k: number, hi: number): number {
  let n = k;
  while (n < hi && CLAUSE_OPENING_ADVERBS.has(t[n]?.lower ?? "")) n++;
  return n;
}

/**
 * The whole stretch before the verb as the subject, when it is short and reads as a noun phrase:
 * "Thirty-eight percent", "flood specialists", "a long list of economists".
 */
/** "More than six in 10", "a majority of those surveyed": words of a share, not a phrase's end. */
function isShareWord(t: Token[], k: number): boolean {
  const lower = (t[k] as Token).lower;
  if (lower === "more" || lower === "less" || lower === "fewer") return t[k + 1]?.lower === "than";
  return lower === "those" && SURVEY_PARTICIPLES.has(t[k + 1]?.lower ?? "");
}

function phraseSubject(doc: CuedDoc, first: number, last: number): Mention | null {
  const t = doc.tokens;
  if (last - first > 9) return null;
  let nouns = 0;
  for (let k = first; k <= last; k++) {
    const token = t[k] as Token;
    if (quoteAt(doc, k) || /^[,;:()]$/.test(token.text) || token.kind === "dash") return null;
    if ((NOT_NOUNS.has(token.lower) && !isShareWord(t, k)) || doc.cues[k] || is(token, CLAUSE_OPENER))
      return null;
    if (
      token.kind === "number" ||
      QUANTITY_WORDS.has(token.lower) ||
      (token.kind === "word" && !is(token, PREPOSITION))
    )
      nouns++;
  }
  const head = t[last] as Token;
  const respondents = SURVEY_PARTICIPLES.has(head.lower) && t[last - 1]?.lower === "those";
  if (nouns === 0 || (head.kind === "word" && /(ly|ed|ing)$/.test(head.lower) && !head.cap && !respondents))
    return null;
  const described = describeMention(t, first, last);
  if (described.name) return described;
  return mentionWith(described, {
    kind:
      head.lower.endsWith("s") || QUANTITY_WORDS.has(head.lower) || head.kind === "number" ? "group" : "role",
  });
}
