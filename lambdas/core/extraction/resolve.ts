/**
 * Stage 7: who is who. Resolves each speaker mention to one person or body in the article:
 * "Ahn" and "the minister" to "Ahn Gyu-back" introduced earlier as Defence Minister, "he" to the
 * most recent fitting speaker, "a senior official" to an anonymous source.
 */
import type { SourceType } from "../types.ts";
import { type Attribution, changed } from "./candidates.ts";
import type { CuedDoc } from "./cues.ts";
import type { Doc } from "./document.ts";
import { NAME_PARTICLES, RELATION_ROLES, ROLE_HEADS } from "./lexicon/people.ts";
import { NAMED_THING_HEADS } from "./lexicon/places.ts";
import { TOPIC_OPENERS } from "./lexicon/syntax.ts";
import { is, NAME_PARTICLE } from "./lexicon/word-classes.ts";
import {
  ARTICLES,
  DETERMINERS,
  INDEFINITE_ARTICLES,
  POSSESSIVE_DETERMINERS,
  PREPOSITIONS,
} from "./lexicon/words.ts";
import { type Gender, type Mention, mentionEndingAt, mentionStartingAt, textOf } from "./mentions.ts";
import { type RolePhrase, rankTitles, rolePhraseAt } from "./roles.ts";
import type { Sentence } from "./segment.ts";
import { sentenceSubjectIf } from "./sentence-subject.ts";
import { nearestPronoun } from "./sources.ts";
import { isPossessiveMark, type Token } from "./tokenize.ts";

export interface Speaker {
  name: string | null;
  title: string | null;
  /** Every role phrase the article gives the speaker, most specific first. */
  titles: string[];
  affiliation: string | null;
  sourceType: SourceType;
  /** What the article says of the person's gender (a pronoun, an honorific, a given name), if anything. */
  gender: Gender;
}

interface Entity {
  name: string;
  parts: string[];
  /** Role phrases in the order the article gives them; ranked when the speaker is reported. */
  titles: string[];
  affiliation: string | null;
  gender: Gender;
  /** Introduced as somebody's relation ("his wife, Mira Halvorsen"): a side character. */
  relation?: boolean;
}

interface Sighting {
  entity: Entity;
  at: number;
}

/**
 * What one mention resolves to: a person of the article (reported as the article describes them
 * by its end, so read then), or a speaker it does not name.
 */
type Resolution = { result: null; entity: Entity } | { result: Speaker; entity?: undefined };

/** Resolves the speaker of every attribution, in document order. */
export function resolveSpeakers(doc: Doc, attributions: Attribution[]): Speaker[] {
  const registry = new EntityRegistry(doc);
  const salient: Sighting[] = [];
  const subjects = [...sentenceSubjects(doc, registry), ...registry.introductions].sort(
    (x, y) => x.at - y.at,
  );
  let nextSubject = 0;
  const resolved = attributions.map((a) => {
    const at = a.mention?.first ?? 0;
    while (nextSubject < subjects.length && (subjects[nextSubject] as Sighting).at < at) {
      salient.push(subjects[nextSubject] as Sighting);
      nextSubject++;
    }
    const speaker = resolveMention(doc, registry, salient, a.mention);
    if (speaker.entity) salient.push({ entity: speaker.entity, at });
    return speaker;
  });
  // A person's title may be learnt after their first statement: report what the article says in all.
  return resolved.map(({ result, entity }) => (entity ? asPerson(entity) : (result as Speaker)));
}

/**
 * The attribution with the nearest words that refer to its speaker as its mention (DESIGN: "the
 * nearest name, title or pronoun"): "Ruth Amsel started the fight when she brought it up and later
 * said …" reports "she", when "she" can stand for the person the name resolved to (the name, just
 * read, is the most recent person a pronoun of a fitting gender stands for).
 */
export function withNearestMention(doc: CuedDoc, a: Attribution, speaker: Speaker): Attribution {
  if (speaker.sourceType !== "person" || speaker.name === null) return a;
  const pronoun = nearerPronoun(doc, a);
  return pronoun && compatible(speaker.gender, pronoun.gender)
    ? changed(a, { mention: pronoun, relative: undefined })
    : a;
}

/** A "he" or "she" between a named speaker and the cue, in the cue's sentence. */
function nearerPronoun(doc: CuedDoc, a: Attribution): Mention | null {
  const m = a.mention;
  const s = doc.seg.sentences[a.sentence];
  if (!a.cue || !m || !s || m.kind !== "name" || a.relative !== undefined || m.last >= a.cue.first)
    return null;
  const pronoun = nearestPronoun(doc, s, a.cue)?.mention;
  return pronoun?.kind === "pronoun" && pronoun.first > m.last ? pronoun : null;
}

function resolveMention(
  doc: Doc,
  registry: EntityRegistry,
  salient: Sighting[],
  mention: Mention | null,
): Resolution {
  if (!mention) return { result: unknownSpeaker() };
  const t = doc.tokens;
  switch (mention.kind) {
    case "name": {
      if (registry.isFamilyName(t, mention)) return { result: unknownSpeaker({ sourceType: "anonymous" }) };
      const entity = registry.resolveName(mention);
      addTitle(entity, mention.title);
      const appositive = mention.appositive
        ? rolePhraseAt(t, mention.appositive[0], mention.appositive[1])
        : null;
      addTitle(entity, appositive?.title, appositive?.affiliation);
      return { result: null, entity };
    }
    case "organisation": {
      const named = mention.definite ? namedBodyBefore(t, mention) : null;
      return {
        result: unknownSpeaker({ name: named ?? organisationName(t, mention), sourceType: "organisation" }),
      };
    }
    case "pronoun": {
      const lower = (t[mention.first] as Token).lower;
      if (lower === "it") return { result: unknownSpeaker({ sourceType: "organisation" }) };
      if (lower === "i") return { result: unknownSpeaker() };
      const entity = mostRecent(salient, (e) => compatible(e.gender, mention.gender));
      if (!entity) return { result: unknownSpeaker() };
      entity.gender ??= mention.gender;
      return { result: null, entity };
    }
    case "role": {
      if (mention.definite) {
        const entity =
          mostRecent(salient, (e) => sharesRole(e, mention, t)) ??
          registry.byRole(mention, t) ??
          registry.byRoleAhead(mention, t);
        if (entity) {
          addTitle(entity, mention.title);
          return { result: null, entity };
        }
      }
      return { result: anonymous(mention.title) };
    }
    case "group":
      return { result: anonymous(mention.title) };
  }
}

/**
 * A speaker the article does not name, with what it does say of them: made field by field in the
 * one shape every speaker has, then changed (a spread copy can get a shape of its own).
 */
function unknownSpeaker(changes: Partial<Speaker> = {}): Speaker {
  const speaker: Speaker = {
    name: null,
    title: null,
    titles: [],
    affiliation: null,
    sourceType: "unknown",
    gender: null,
  };
  return Object.assign(speaker, changes);
}

/** "a senior official", "officials": somebody the article does not name, with the role it gives. */
function anonymous(title: string | null): Speaker {
  const speaker = unknownSpeaker();
  speaker.title = title;
  speaker.titles = title ? [title] : [];
  speaker.sourceType = "anonymous";
  return speaker;
}

function asPerson(e: Entity): Speaker {
  const titles = rankTitles(e.titles);
  return {
    name: e.name,
    title: titles[0] ?? null,
    titles,
    affiliation: e.affiliation,
    sourceType: "person",
    gender: e.gender,
  };
}

/** Titles kept per person: enough for any article, bounded for hostile input. */
const MAX_TITLES = 16;

function addTitle(e: Entity, title: string | null | undefined, affiliation?: string | null): void {
  if (!title) return;
  const key = title.toLowerCase();
  if (e.titles.length < MAX_TITLES && !e.titles.some((known) => known.toLowerCase() === key))
    e.titles.push(title);
  if (affiliation) e.affiliation ??= affiliation;
}

/** Two genders that may be one person's: either unknown, or the same. */
export const compatible = (a: Gender, b: Gender) => a === null || b === null || a === b;

function mostRecent(salient: Sighting[], fits: (e: Entity) => boolean): Entity | undefined {
  for (let k = salient.length - 1; k >= 0 && salient.length - k <= 12; k--) {
    const entity = (salient[k] as Sighting).entity;
    if (fits(entity)) return entity;
  }
  return undefined;
}

/** "the minister" fits an entity titled "Defence Minister"; "the mayor" one titled "Mayor". */
function sharesRole(e: Entity, mention: Mention, t: Token[]): boolean {
  const head = (t[mention.last] as Token).lower;
  return (
    e.titles.some((title) => title.toLowerCase().split(/\s+/).includes(head)) &&
    sameBody(e.affiliation, mention.affiliation)
  );
}

/** "Acme's lawyer" is not a lawyer the article gives to another body; either unknown, any fits. */
function sameBody(a: string | null, b: string | null): boolean {
  if (!a || !b) return true;
  const words = new Set(a.toLowerCase().split(/\s+/));
  return b
    .toLowerCase()
    .split(/\s+/)
    .some((w) => words.has(w));
}

/** Tokens looked back over for the body "the bank" stands for: a few paragraphs. */
const BODY_LOOKBACK = 400;

/**
 * "the bank" after "The European Central Bank held rates …": the nearest body named before with
 * that word as its last ("European Central Bank"), or null. Only "the" and the one word.
 */
function namedBodyBefore(t: Token[], m: Mention): string | null {
  if (m.last !== m.first + 1 || (t[m.first] as Token).lower !== "the" || (t[m.last] as Token).cap)
    return null;
  const head = (t[m.last] as Token).lower;
  for (let k = m.first - 1; k > Math.max(0, m.first - BODY_LOOKBACK); k--) {
    const token = t[k] as Token;
    if (token.lower !== head || !token.cap || !t[k - 1]?.cap) continue;
    let first = k - 1;
    while (first > 0 && (t[first - 1] as Token).cap && (t[first - 1] as Token).kind === "word") first--;
    if (ARTICLES.has((t[first] as Token).lower)) first++;
    return first < k ? textOf(t, first, k) : null;
  }
  return null;
}

/**
 * A body by the words that name it: "the nonpartisan Congressional Budget Office" is the
 * Congressional Budget Office, "Sanders's hometown Burlington Free Press" the Burlington Free Press;
 * "the finance ministry" and "North Korea's state media", which have no name of their own, keep
 * their words.
 */
function organisationName(t: Token[], m: Mention): string {
  const first = ARTICLES.has((t[m.first] as Token).lower) ? m.first + 1 : m.first;
  let from = first;
  for (let k = m.last - 1; k > first; k--)
    if (isPossessiveMark(t[k])) {
      from = k + 1;
      break;
    }
  let named = from;
  while (named < m.last && !(t[named] as Token).cap && (t[named] as Token).kind === "word") named++;
  return textOf(t, (t[named] as Token).cap ? named : first, m.last);
}

/** Tokens ahead a role may be named in: the lead's next sentence or two. */
const ROLE_AHEAD_REACH = 60;

/** Sightings looked at when reading a surname: enough for any article, bounded for hostile input. */
const MAX_LOOKBACK = 64;

/** Index of the first sighting at or after token `at` (sightings are in document order). */
function firstAtOrAfter(sightings: Sighting[], at: number): number {
  let lo = 0;
  let hi = sightings.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sightings[mid] as Sighting).at < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** People named in full in the article, so that "Ahn" can be read as "Ahn Gyu-back". */
class EntityRegistry {
  private readonly byName = new Map<string, Entity>();
  private readonly sightings: Sighting[] = [];
  /** Sightings by the first and last word of the name: surnames in either naming order. */
  private readonly byNamePart = new Map<string, Sighting[]>();
  /**
   * People introduced in full with a role that closes the sentence ("criticism came from Ruth
   * Amsel, a policy analyst at the institute."): the one a next "she said" most likely means. Not
   * one the sentence goes on past ("Preceded by Joe Arpaio, the sheriff, Trump spoke").
   */
  readonly introductions: Sighting[] = [];
  /** Full names given beside a role, in apposition ("The minister, Gary Singh, …"). */
  private readonly namedInApposition: Sighting[] = [];

  constructor(private readonly doc: Doc) {
    const t = doc.tokens;
    const sentences = doc.seg.sentences;
    let s = 0;
    for (let j = 0; j < t.length; j++) {
      if (!mayEndFullName(t, j)) continue;
      while (s + 1 < sentences.length && (sentences[s + 1] as Sentence).first <= j) s++;
      // Within its sentence: a byline or caption line before it names nobody's role.
      const from = Math.max(0, j - 10, sentences[s]?.first ?? 0);
      const mention = mentionEndingAt(t, j, from);
      if (
        mention?.kind === "name" &&
        mention.name &&
        mention.name[1] > mention.name[0] &&
        !fillsQuotation(doc, mention.name) &&
        !namesThing(t, mention.name)
      ) {
        // Known before when entityFor finds it rather than adds it: the name's key is made once.
        const people = this.byName.size;
        const entity = this.entityFor(mention);
        const known = this.byName.size === people;
        const roles = appositiveRoles(t, mention);
        for (const role of roles) addTitle(entity, role.title, role.affiliation);
        if (introducedAsRelation(t, mention)) entity.relation = true;
        else if (!known && roles.length > 0 && closesSentence(t, j))
          this.introductions.push({ entity, at: j });
        if (roles.length > 0) this.namedInApposition.push({ entity, at: j });
        this.record({ entity, at: j });
      }
    }
  }

  /** The entity a name mention refers to: itself if full, else the nearest full name containing it. */
  resolveName(mention: Mention): Entity {
    const [a, b] = mention.name as [number, number];
    if (b > a && !onlyParticlesBefore(this.doc.tokens, a, b)) return this.entityFor(mention);
    const word = (this.doc.tokens[b] as Token).lower;
    const found = this.nearestFullName(this.byNamePart.get(word) ?? [], mention);
    if (found) {
      found.gender ??= mention.gender;
      return found;
    }
    return this.entityFor(mention);
  }

  /**
   * The full name a surname refers to: the nearest one before it (the first after it when none
   * comes before), preferring one whose title agrees. Looks at a bounded number of sightings.
   */
  private nearestFullName(sightings: Sighting[], mention: Mention): Entity | undefined {
    const at = firstAtOrAfter(sightings, mention.first);
    // A surname shared by two people refers to the one the story is about at that point: the
    // nearest named, unless that one is only somebody's relation ("his wife, …") and the story's
    // own person shares the name.
    const titledMatch = mention.title ? nearest(sightings, at, mention, fitsTitled) : undefined;
    if (titledMatch) return titledMatch.entity;
    return (nearest(sightings, at, mention, fitsNotRelation) ?? nearest(sightings, at, mention, fitsGender))
      ?.entity;
  }

  /** "the Okafors": a family named by the plural of a surname the article knows. */
  isFamilyName(t: Token[], mention: Mention): boolean {
    const [a, b] = mention.name as [number, number];
    const word = (t[a] as Token).lower;
    return a === b && word.endsWith("s") && this.byNamePart.has(word.slice(0, -1));
  }

  knowsSurname(word: string): boolean {
    return this.byNamePart.has(word);
  }

  private record(sighting: Sighting): void {
    this.sightings.push(sighting);
    // Any part may be what the article calls the person later: "Ahn" (first), "Okafor" (last),
    // "Lula" (of "Luiz Inácio Lula da Silva"); not a particle or an initial.
    const { parts } = sighting.entity;
    parts.forEach((part, k) => {
      if (parts.indexOf(part) === k && !NAME_PARTICLES.has(part) && !part.endsWith("."))
        this.sightedBy(part, sighting);
    });
  }

  private sightedBy(part: string, sighting: Sighting): void {
    const list = this.byNamePart.get(part);
    if (list) list.push(sighting);
    else this.byNamePart.set(part, [sighting]);
  }

  /** "the minister" with no recent speaker to match: the latest full name so titled. */
  byRole(mention: Mention, t: Token[]): Entity | undefined {
    const before = firstAtOrAfter(this.sightings, mention.first);
    for (let k = before - 1; k >= Math.max(0, before - MAX_LOOKBACK); k--) {
      const s = this.sightings[k] as Sighting;
      if (sharesRole(s.entity, mention, t)) return s.entity;
    }
    return undefined;
  }

  /**
   * "Canada's public safety minister said …" in the lead, "The minister, Gary Singh, told …"
   * just after: the first name the article gives that role in apposition, a few sentences ahead.
   * Not "Finance Minister Ada Ruiz said", which introduces somebody new.
   */
  byRoleAhead(mention: Mention, t: Token[]): Entity | undefined {
    const named = this.namedInApposition;
    for (let k = firstAtOrAfter(named, mention.last + 1); k < named.length; k++) {
      const s = named[k] as Sighting;
      if (s.at - mention.last > ROLE_AHEAD_REACH) return undefined;
      if (sharesRole(s.entity, mention, t)) return s.entity;
    }
    return undefined;
  }

  private entityFor(mention: Mention): Entity {
    const t = this.doc.tokens;
    const [a, b] = mention.name as [number, number];
    const name = textOf(t, a, b);
    const key = name.toLowerCase();
    let entity = this.byName.get(key);
    if (!entity) {
      const parts = [];
      for (let k = a; k <= b; k++) parts.push((t[k] as Token).lower);
      entity = { name, parts, titles: [], affiliation: null, gender: null };
      this.byName.set(key, entity);
    }
    addTitle(entity, mention.title);
    const appositive = mention.appositive
      ? rolePhraseAt(t, mention.appositive[0], mention.appositive[1])
      : null;
    addTitle(entity, appositive?.title);
    entity.affiliation ??= mention.affiliation ?? appositive?.affiliation ?? null;
    entity.gender ??= mention.gender;
    return entity;
  }
}

// Tests for nearest(), at module level rather than closures made for every name read.
const fitsGender = (s: Sighting, m: Mention) => compatible(s.entity.gender, m.gender);
const fitsTitled = (s: Sighting, m: Mention) =>
  fitsGender(s, m) && s.entity.titles.some((title) => sameRole(title, m.title));
const fitsNotRelation = (s: Sighting, m: Mention) => fitsGender(s, m) && !s.entity.relation;

/** The nearest sighting before `at` that passes, else the nearest from `at` on; a bounded look. */
function nearest(
  sightings: Sighting[],
  at: number,
  mention: Mention,
  test: (s: Sighting, m: Mention) => boolean,
): Sighting | undefined {
  for (let k = at - 1; k >= Math.max(0, at - MAX_LOOKBACK); k--)
    if (test(sightings[k] as Sighting, mention)) return sightings[k];
  for (let k = at; k < Math.min(sightings.length, at + MAX_LOOKBACK); k++)
    if (test(sightings[k] as Sighting, mention)) return sightings[k];
  return undefined;
}

function sameRole(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  const words = new Set(a.toLowerCase().split(/\s+/));
  return b
    .toLowerCase()
    .split(/\s+/)
    .some((w) => ROLE_HEADS.has(w) && words.has(w));
}

/**
 * The role phrases an appositive gives a full name: "Dana Whitfield, the city's budget director,"
 * after it, or "The city's budget director, Dana Whitfield," before it.
 */
function appositiveRoles(t: Token[], mention: Mention): RolePhrase[] {
  const [a, b] = mention.name as [number, number];
  const roles: RolePhrase[] = [];
  if (t[b + 1]?.text === ",") {
    // "Dana Whitfield, 52, the city's budget director,": an age stands between.
    const from = t[b + 2]?.kind === "number" && t[b + 3]?.text === "," ? b + 4 : b + 2;
    const after = rolePhraseAt(t, from, Math.min(t.length - 1, from + 14));
    if (after) roles.push(after);
  }
  if (a === mention.first && t[a - 1]?.text === "," && /^[,.;:]$/.test(t[b + 1]?.text ?? "")) {
    const before = mentionEndingAt(t, a - 2, Math.max(0, a - 14));
    if (before?.kind === "role" && before.title)
      roles.push({ title: before.title, affiliation: before.affiliation });
  }
  return roles;
}

/**
 * A shirt that read "Fascist Trump," or a nickname in quotation marks: a name that is all its
 * quotation says is a slogan, not somebody the article introduces.
 */
function fillsQuotation(doc: Doc, [a, b]: [number, number]): boolean {
  const quote = doc.seg.quotes[doc.seg.quoteOf[a] ?? -1];
  if (!quote) return false;
  for (let k = quote.first; k <= quote.last; k++)
    if ((k < a || k > b) && (doc.tokens[k] as Token).kind === "word") return false;
  return true;
}

/** "Trump Tower", "Stonewall Inn", "Acme Holdings LLC": a building's, a landmark's or a company's name. */
const namesThing = (t: Token[], [, b]: [number, number]) => NAMED_THING_HEADS.has((t[b] as Token).lower);

/** The full stop of an initial: "J." of "Donald J. Trump". */
const isInitialStop = (t: Token[], k: number) =>
  t[k]?.text === "." && t[k - 1]?.cap === true && t[k - 1]?.text.length === 1;

/** "Von der Leyen", opening a sentence: a surname with its particles, not a full name. */
function onlyParticlesBefore(t: Token[], a: number, b: number): boolean {
  for (let k = a; k < b; k++) if (!NAME_PARTICLES.has((t[k] as Token).lower)) return false;
  return true;
}

/** "his wife, Mira Halvorsen," or "Mira Halvorsen, his wife,": a name given as a relation. */
function introducedAsRelation(t: Token[], mention: Mention): boolean {
  const [a, b] = mention.name as [number, number];
  if (t[a - 1]?.text === "," && relationAt(t, a - 2)) return true;
  if (a > mention.first && relationAt(t, a - 1)) return true;
  return t[b + 1]?.text === "," && relationAt(t, b + 3) && isPossessor(t[b + 2]);
}

/** "his wife", "Okafor's son": a relation word after a possessor. */
const relationAt = (t: Token[], k: number) => RELATION_ROLES.has(t[k]?.lower ?? "") && isPossessor(t[k - 1]);

const isPossessor = (t: Token | undefined) =>
  t !== undefined && (POSSESSIVE_DETERMINERS.has(t.lower) || isPossessiveMark(t));

/**
 * The people who open a sentence, named ("Okafor said …") or by a role the article gave a name
 * ("The admiral laughed."), or set before it as its topic ("As for Okafor, she …"): candidates
 * for a later "he" or "she".
 */
function sentenceSubjects(doc: Doc, registry: EntityRegistry): Sighting[] {
  const out: Sighting[] = [];
  for (const s of doc.seg.sentences) {
    if (doc.seg.quoteOf[s.first] !== -1 || !doc.tokens[s.first]?.cap) continue;
    const topic = topicOf(doc.tokens, s);
    const mention = topic ?? sentenceSubjectIf(doc, s, (m) => mayStandForPerson(doc, registry, s, m));
    const entity = mention ? subjectEntity(doc, registry, s, mention) : undefined;
    if (entity) {
      out.push({ entity, at: s.first });
      continue;
    }
    // Salient from where it stands: after any name the long opening mentions.
    const closing = closingSubject(doc, s);
    const last = closing ? subjectEntity(doc, registry, s, closing) : undefined;
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
  return a !== b || registry.knowsSurname((doc.tokens[a] as Token).lower);
}

function subjectEntity(
  doc: Doc,
  registry: EntityRegistry,
  s: Sentence,
  mention: Mention,
): Entity | undefined {
  const t = doc.tokens;
  if (!mayStandForPerson(doc, registry, s, mention)) return undefined;
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
  const end = /^[.!?]$/.test((t[s.last] as Token).text) ? s.last - 1 : s.last;
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

/** "As for Okafor, she …": the name the sentence is about, set off before its subject. */
function topicOf(t: Token[], s: Sentence): Mention | null {
  const words = TOPIC_OPENERS.find((phrase) => phrase.every((w, k) => t[s.first + k]?.lower === w));
  if (!words) return null;
  const mention = mentionStartingAt(t, s.first + words.length, s.last);
  return mention?.kind === "name" && t[mention.last + 1]?.text === "," ? mention : null;
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

/**
 * Whether token `j` may end a name of two or more words, the only names registered: "Ahn
 * Gyu-back", not "Ahn"; "Ursula von der Leyen", a particle before the last word; "Donald J.
 * Trump", an initial's full stop before it; not "Lula" of "Lula da Silva", which goes on past its
 * particle. Asked of every token of the article: the capital, which most tokens lack, is tested
 * first.
 */
function mayEndFullName(t: Token[], j: number): boolean {
  const token = t[j] as Token;
  if (!token.cap || token.kind !== "word" || t[j + 1]?.cap) return false;
  const before = t[j - 1];
  if (!before?.cap && !is(before, NAME_PARTICLE) && !isInitialStop(t, j - 1)) return false;
  return !(is(t[j + 1], NAME_PARTICLE) && t[j + 2]?.cap);
}

/** Whether the appositive after the name ending at `b` runs to the end of its sentence. */
function closesSentence(t: Token[], b: number): boolean {
  for (let k = b + 2; k < Math.min(t.length, b + 24); k++) {
    const token = t[k] as Token;
    if (token.text === "," || token.text === ";" || token.kind === "quote" || token.kind === "dash")
      return false;
    if (token.text === "." || token.text === "?" || token.text === "!") return true;
  }
  return false;
}
