/**
 * Who the text is about at each point: the people who open a sentence, by name or by a role the
 * article gave a name, or set before it as its topic. A later "he" or "she" stands for the most
 * recent of them who fits.
 */
import type { Doc } from "./document.ts";
import { type Entity, type EntityRegistry, namesThing, type Sighting } from "./entities.ts";
import { PRESENTATIVE_OPENERS, TOPIC_OPENERS } from "./lexicon/syntax.ts";
import { DETERMINERS, INDEFINITE_ARTICLES, PREPOSITIONS } from "./lexicon/words.ts";
import { type Mention, mentionStartingAt } from "./mentions.ts";
import type { Sentence } from "./segment.ts";
import { sentenceSubjectIf } from "./sentence-subject.ts";
import { namesCountry } from "./speaker-check.ts";
import type { Token } from "./tokenize.ts";

/**
 * The people who open a sentence, named ("Okafor said …") or by a role the article gave a name
 * ("The admiral laughed."), or set before it as its topic ("As for Okafor, she …"): candidates
 * for a later "he" or "she".
 */
export function sentenceSubjects(doc: Doc, registry: EntityRegistry): Sighting[] {
  const out: Sighting[] = [];
  const wanted = (m: Mention, s: Sentence) => mayStandForPerson(doc, registry, s, m);
  for (const s of doc.seg.sentences) {
    if (doc.seg.quoteOf[s.first] !== -1 || !doc.tokens[s.first]?.cap) continue;
    const topic = topicOf(doc.tokens, s);
    // A phrase that may stand for a person, or none: sentenceSubjectIf asks its subject so.
    const mention = topic ? (wanted(topic, s) ? topic : null) : sentenceSubjectIf(doc, s, wanted);
    const entity = mention ? subjectEntity(doc, registry, s, mention) : undefined;
    if (entity) {
      out.push({ entity, at: s.first });
      continue;
    }
    // Salient from where it stands: after any name the long opening mentions.
    const closing = closingSubject(doc, s);
    const last = closing && wanted(closing, s) ? subjectEntity(doc, registry, s, closing) : undefined;
    if (last && closing) out.push({ entity: last, at: closing.first });
  }
  return out;
}

/**
 * Whether a sentence's subject may stand for a person, as far as is told without looking them
 * up: what is asked of every sentence's subject before it is read in full.
 */
function mayStandForPerson(doc: Doc, registry: EntityRegistry, s: Sentence, mention: Mention): boolean {
  // "The admiral laughed.": a role opening the sentence; not one set off after an opening phrase
  // ("Preceded by Arpaio, the Arizona sheriff, Trump spoke"), which describes somebody else.
  if (mention.kind === "role") return mention.definite && mention.first === s.first;
  if (mention.kind !== "name" || !mention.name) return false;
  // A lone capitalised word opening a sentence ("Afterward", "Outside") is a person only when
  // the article names somebody so in full.
  const [a, b] = mention.name;
  if (namesCountry(doc.tokens, { first: a, last: b })) return false;
  return a !== b || registry.knowsSurname((doc.tokens[a] as Token).lower);
}

/** The person a sentence's subject stands for, of a subject that may stand for one. */
function subjectEntity(
  doc: Doc,
  registry: EntityRegistry,
  s: Sentence,
  mention: Mention,
): Entity | undefined {
  const t = doc.tokens;
  if (mention.kind === "role") return registry.byRole(mention, t);
  const name = mention.name as [number, number];
  if (isLabelLine(t, s, mention) || farIntoClause(t, s, mention) || namesThing(t, name)) return undefined;
  // "A United Nations tribunal …": a name after "a" describes something, it is nobody's.
  if (INDEFINITE_ARTICLES.has((t[mention.first] as Token).lower)) return undefined;
  return registry.resolveName(mention);
}

/** Words a short closing clause runs after its subject: "…, Ban declined to comment.". */
const CLOSING_CLAUSE_WORDS = 4;

/**
 * "Asked whether he was worried that Trump, …, could win, Ban demurred.": after a long opening
 * the subject comes last, a name opening a short closing clause of lower-case words.
 */
function closingSubject(doc: Doc, s: Sentence): Mention | null {
  const t = doc.tokens;
  const end = SENTENCE_STOPS.has((t[s.last] as Token).text) ? s.last - 1 : s.last;
  for (let k = end; k > s.first && end - k <= CLOSING_CLAUSE_WORDS + 4; k--) {
    if ((t[k] as Token).text !== ",") continue;
    if (doc.seg.quoteOf[k] !== -1) return null;
    const mention = mentionStartingAt(t, k + 1, end);
    if (mention?.kind !== "name" || mention.first !== k + 1 || !(t[k + 1] as Token).cap) return null;
    if (end - mention.last > CLOSING_CLAUSE_WORDS || mention.last >= end) return null;
    // "…, Donald Trump in particular.": a phrase of the clause before, not a subject with its verb.
    if (PREPOSITIONS.has((t[mention.last + 1] as Token).lower)) return null;
    for (let j = mention.last + 1; j <= end; j++) {
      const word = t[j] as Token;
      if (word.kind !== "word" || word.cap) return null;
    }
    return mention;
  }
  return null;
}

const SENTENCE_STOPS = new Set([".", "!", "?"]);

/** The words a topic's or a presentative's opening phrase opens with: every sentence is asked, few open so. */
const TOPIC_FIRST_WORDS = new Set(TOPIC_OPENERS.map((phrase) => phrase[0]));
const PRESENTATIVE_FIRST_WORDS = new Set(PRESENTATIVE_OPENERS.map((phrase) => phrase[0]));

/**
 * "As for Okafor, she …": the name the sentence is about, set off before its subject; or the
 * name a sentence only brings on stage ("Then there's Okafor."), about whom the next ones go on.
 */
function topicOf(t: Token[], s: Sentence): Mention | null {
  const first = (t[s.first] as Token).lower;
  if (TOPIC_FIRST_WORDS.has(first)) {
    const mention = nameAfter(t, s, TOPIC_OPENERS);
    return mention && t[mention.last + 1]?.text === "," ? mention : null;
  }
  if (!PRESENTATIVE_FIRST_WORDS.has(first)) return null;
  const mention = nameAfter(t, s, PRESENTATIVE_OPENERS);
  return mention && mention.last + 1 === s.last && SENTENCE_STOPS.has((t[s.last] as Token).text)
    ? mention
    : null;
}

/** The name right after the phrase of `openers` that opens the sentence, if one does. */
function nameAfter(t: Token[], s: Sentence, openers: readonly (readonly string[])[]): Mention | null {
  const words = openers.find((phrase) => phrase.every((w, k) => t[s.first + k]?.lower === w));
  if (!words) return null;
  const mention = mentionStartingAt(t, s.first + words.length, s.last);
  return mention?.kind === "name" ? mention : null;
}

/** Tokens a determiner's opening adverbial runs before the subject: "The morning after the vote, Lee". */
const DETERMINED_OPENING = 7;

/**
 * "The stakes are so high that Obama warned the leader, Xi Jinping, …": a sentence the determiner
 * opens is its own clause; a name set off by commas far into it is nobody's subject.
 */
function farIntoClause(t: Token[], s: Sentence, mention: Mention): boolean {
  return DETERMINERS.has((t[s.first] as Token).lower) && mention.first - s.first > DETERMINED_OPENING;
}

/** "FULL TEXT.", "ABSTRACT.": a line in capitals that labels what follows names nobody. */
function isLabelLine(t: Token[], s: Sentence, mention: Mention): boolean {
  if (mention.first !== s.first || mention.last < s.last - 1) return false;
  for (let k = mention.first; k <= mention.last; k++) {
    const text = (t[k] as Token).text;
    if (text !== text.toUpperCase()) return false;
  }
  return true;
}
