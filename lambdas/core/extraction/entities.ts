/**
 * The people an article names in full, so that "Ahn" can be read as "Ahn Gyu-back" and "the
 * minister" as the one the article titled so: each with the roles, affiliation and gender it gives.
 */
import { type Doc, quoteAt } from "./document.ts";
import { NAME_PARTICLES, RELATION_ROLES, ROLE_HEADS } from "./lexicon/people.ts";
import { NAMED_THING_HEADS } from "./lexicon/places.ts";
import { is, NAME_PARTICLE } from "./lexicon/word-classes.ts";
import { POSSESSIVE_DETERMINERS } from "./lexicon/words.ts";
import { type Gender, lowerTextOf, type Mention, mentionEndingAt, textOf } from "./mentions.ts";
import { type RolePhrase, rolePhraseAt } from "./roles.ts";
import type { Sentence } from "./segment.ts";
import { capitalisedWords } from "./speaker-check.ts";
import { isPossessiveMark, type Token, tokenAt } from "./tokenize.ts";

export interface Entity {
  name: string;
  parts: string[];
  /** Role phrases in the order the article gives them; ranked when the speaker is reported. */
  titles: string[];
  affiliation: string | null;
  gender: Gender;
  /** Introduced as somebody's relation ("his wife, Mira Halvorsen"): a side character. */
  relation?: boolean;
}

export interface Sighting {
  entity: Entity;
  at: number;
}

/** Titles kept per person: enough for any article, bounded for hostile input. */
const MAX_TITLES = 16;

export function addTitle(e: Entity, title: string | null | undefined, affiliation?: string | null): void {
  if (!title) return;
  const key = title.toLowerCase();
  if (e.titles.length < MAX_TITLES && !e.titles.some((known) => known.toLowerCase() === key))
    e.titles.push(title);
  if (affiliation) e.affiliation ??= affiliation;
}

/** Two genders that may be one person's: either unknown, or the same. */
export const compatible = (a: Gender, b: Gender) => a === null || b === null || a === b;

/** "the minister" fits an entity titled "Defence Minister"; "the mayor" one titled "Mayor". */
export function sharesRole(e: Entity, mention: Mention, t: Token[]): boolean {
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

/** Tokens ahead a role may be named in: the lead's next sentence or two. */
const ROLE_AHEAD_REACH = 60;

/** Sightings looked at when reading a surname: enough for any article, bounded for hostile input. */
const MAX_LOOKBACK = 64;

const NO_SIGHTINGS: readonly Sighting[] = [];

/** Index of the first sighting at or after token `at` (sightings are in document order). */
function firstAtOrAfter(sightings: readonly Sighting[], at: number): number {
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
export class EntityRegistry {
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
  /** Where each person was first named in full. */
  private readonly introducedAt = new Map<Entity, number>();
  /** calledBySurname's answers, by surname and span. */
  private readonly bareSurnames = new Map<string, boolean>();

  constructor(private readonly doc: Doc) {
    const t = doc.tokens;
    const sentences = doc.seg.sentences;
    let s = 0;
    // Only a capitalised word ends a name: read off the article's list of them, not every token.
    for (const j of capitalisedWords(doc)) {
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
        // One sighting for every list it goes in: none is ever changed.
        const sighting: Sighting = { entity, at: j };
        if (!known) this.introducedAt.set(entity, j);
        if (introducedAsRelation(t, mention)) entity.relation = true;
        else if (!known && roles.length > 0 && closesSentence(t, j)) this.introductions.push(sighting);
        if (roles.length > 0) this.namedInApposition.push(sighting);
        this.record(sighting);
      }
    }
  }

  /** The entity a name mention refers to: itself if full, else the nearest full name containing it. */
  resolveName(mention: Mention): Entity {
    const [a, b] = mention.name as [number, number];
    if (b > a && !onlyParticlesBefore(this.doc.tokens, a, b)) return this.entityFor(mention);
    const word = (this.doc.tokens[b] as Token).lower;
    const found = this.nearestFullName(this.byNamePart.get(word) ?? NO_SIGHTINGS, mention);
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
  private nearestFullName(sightings: readonly Sighting[], mention: Mention): Entity | undefined {
    const at = firstAtOrAfter(sightings, mention.first);
    // A surname shared by two people refers to the one the story is about at that point: the
    // nearest named, unless that one is only somebody's relation ("his wife, …") and the story's
    // own person shares the name.
    const titledMatch = mention.title ? nearest(sightings, at, mention, fitsTitled) : undefined;
    if (titledMatch) return titledMatch.entity;
    const found =
      nearest(sightings, at, mention, fitsNotRelation) ?? nearest(sightings, at, mention, fitsGender);
    return found && (this.surnameHolder(sightings, found, mention) ?? found.entity);
  }

  /**
   * One named earlier whom the article already called by the bare surname before `found` was
   * named: "Hillary Clinton … Clinton said … Bill Clinton …", where a later "Clinton" still means
   * her, as the story's style has it; the other is named in full again when meant.
   */
  private surnameHolder(
    sightings: readonly Sighting[],
    found: Sighting,
    mention: Mention,
  ): Entity | undefined {
    const introduced = this.introducedAt.get(found.entity) ?? found.at;
    let earlier: Sighting | undefined;
    for (let k = 0; k < Math.min(sightings.length, MAX_LOOKBACK) && !earlier; k++) {
      const s = sightings[k] as Sighting;
      if (s.at >= introduced) return undefined;
      if (s.entity !== found.entity && fitsNotRelation(s, mention)) earlier = s;
    }
    if (!earlier) return undefined;
    const word = (this.doc.tokens[(mention.name as [number, number])[1]] as Token).lower;
    return this.calledBySurname(word, earlier.at + 1, introduced) ? earlier.entity : undefined;
  }

  /**
   * Whether a bare `surname` (no name word before or after it) stands between tokens `from` and
   * `to`: asked at every such surname read, answered once (the words between may be the article).
   */
  private calledBySurname(surname: string, from: number, to: number): boolean {
    const key = `${surname} ${from} ${to}`;
    let answer = this.bareSurnames.get(key);
    if (answer === undefined) {
      const t = this.doc.tokens;
      answer = false;
      for (let k = from; k < to && !answer; k++)
        answer = (t[k] as Token).lower === surname && !tokenAt(t, k - 1)?.cap && !t[k + 1]?.cap;
      this.bareSurnames.set(key, answer);
    }
    return answer;
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
    for (let k = 0; k < parts.length; k++) {
      const part = parts[k] as string;
      if (parts.indexOf(part) === k && !NAME_PARTICLES.has(part) && !part.endsWith("."))
        this.sightedBy(part, sighting);
    }
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
    // The name lower-cased, made of the tokens' own lower-case forms: its text is made only for
    // a person not met before.
    const key = lowerTextOf(t, a, b);
    let entity = this.byName.get(key);
    if (!entity) {
      const parts = [];
      for (let k = a; k <= b; k++) parts.push((t[k] as Token).lower);
      entity = { name: textOf(t, a, b), parts, titles: [], affiliation: null, gender: null };
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
  sightings: readonly Sighting[],
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
  if (a === mention.first && tokenAt(t, a - 1)?.text === "," && /^[,.;:]$/.test(t[b + 1]?.text ?? "")) {
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
  const quote = quoteAt(doc, a);
  if (!quote) return false;
  if (isTitleCased(doc.tokens, quote.first, quote.last)) return true;
  for (let k = quote.first; k <= quote.last; k++)
    if ((k < a || k > b) && (doc.tokens[k] as Token).kind === "word") return false;
  return true;
}

/** Words of this length or more are capitalised throughout a headline or a work's title. */
const TITLE_CASE_WORD = 4;

/**
 * A column entitled “Why Voting Early Is More Important Than Ever”: a quoted title capitalises
 * every longer word, so its capitals name nobody; quoted speech has lower-case words.
 */
function isTitleCased(t: Token[], first: number, last: number): boolean {
  let capitalised = 0;
  for (let k = first; k <= last; k++) {
    const token = t[k] as Token;
    if (token.kind !== "word" || token.text.length < TITLE_CASE_WORD) continue;
    if (!token.cap) return false;
    capitalised++;
  }
  return capitalised >= 3;
}

/** "Trump Tower", "Stonewall Inn", "Acme Holdings LLC": a building's, a landmark's or a company's name. */
export const namesThing = (t: Token[], [, b]: [number, number]) =>
  NAMED_THING_HEADS.has((t[b] as Token).lower);

/** The full stop of an initial: "J." of "Donald J. Trump". */
const isInitialStop = (t: Token[], k: number) =>
  tokenAt(t, k)?.text === "." && tokenAt(t, k - 1)?.cap === true && (t[k - 1] as Token).text.length === 1;

/** "Von der Leyen", opening a sentence: a surname with its particles, not a full name. */
function onlyParticlesBefore(t: Token[], a: number, b: number): boolean {
  for (let k = a; k < b; k++) if (!NAME_PARTICLES.has((t[k] as Token).lower)) return false;
  return true;
}

/**
 * "his wife, Mira Halvorsen," or "Mira Halvorsen, his wife,": a name given as a relation; or as
 * the one somebody is a relation of ("Ines, the sister of the painter Mira Halvorsen,"), named
 * in passing to say who the story's person is.
 */
function introducedAsRelation(t: Token[], mention: Mention): boolean {
  const [a, b] = mention.name as [number, number];
  if (tokenAt(t, a - 1)?.text === "," && relationAt(t, a - 2)) return true;
  if (a > mention.first && relationAt(t, a - 1)) return true;
  if (relationOfBefore(t, a)) return true;
  return t[b + 1]?.text === "," && relationAt(t, b + 3) && isPossessor(t[b + 2]);
}

/** Words a relation's "of" may stand before a name: "brother of the late senator …". */
const RELATION_OF_REACH = 3;

/** "the sister of (the painter) Mira Halvorsen": a relation word and "of" a few words before token `a`. */
function relationOfBefore(t: Token[], a: number): boolean {
  for (let k = a - 1; k >= Math.max(1, a - 1 - RELATION_OF_REACH); k--) {
    const word = t[k] as Token;
    if (word.lower === "of") return RELATION_ROLES.has((t[k - 1] as Token).lower);
    if (word.kind !== "word") return false;
  }
  return false;
}

/** "his wife", "Okafor's son": a relation word after a possessor. */
const relationAt = (t: Token[], k: number) =>
  RELATION_ROLES.has(tokenAt(t, k)?.lower ?? "") && isPossessor(tokenAt(t, k - 1));

const isPossessor = (t: Token | undefined) =>
  t !== undefined && (POSSESSIVE_DETERMINERS.has(t.lower) || isPossessiveMark(t));

/**
 * Whether token `j` may end a name of two or more words, the only names registered: "Ahn
 * Gyu-back", not "Ahn"; "Ursula von der Leyen", a particle before the last word; "Donald J.
 * Trump", an initial's full stop before it; not "Lula" of "Lula da Silva", which goes on past its
 * particle.
 */
function mayEndFullName(t: Token[], j: number): boolean {
  const token = t[j] as Token;
  if (!token.cap || token.kind !== "word" || t[j + 1]?.cap) return false;
  const before = tokenAt(t, j - 1);
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
