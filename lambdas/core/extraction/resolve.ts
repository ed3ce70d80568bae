/**
 * Stage 7: who is who. Resolves each speaker mention to one person or body in the article:
 * "Ahn" and "the minister" to "Ahn Gyu-back" introduced earlier as Defence Minister, "he" to the
 * most recent fitting speaker, "a senior official" to an anonymous source.
 */
import type { SourceType } from "../types.ts";
import { type Attribution, changed } from "./candidates.ts";
import type { CuedDoc } from "./cues.ts";
import type { Doc } from "./document.ts";
import { addTitle, compatible, type Entity, EntityRegistry, type Sighting, sharesRole } from "./entities.ts";
import { ORGANISATION_HEADS } from "./lexicon/people.ts";
import { ARTICLES, PREPOSITIONS, RELATIVE_PRONOUNS } from "./lexicon/words.ts";
import { type Gender, type Mention, textOf } from "./mentions.ts";
import { rankTitles, rolePhraseAt } from "./roles.ts";
import { sentenceSubjects } from "./salience.ts";
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

/**
 * What one mention resolves to: a person of the article (reported as the article describes them
 * by its end, so read then), or a speaker it does not name.
 */
type Resolution = { result: null; entity: Entity } | { result: Speaker; entity?: undefined };

/** Resolves the speaker of every attribution, in document order. */
export function resolveSpeakers(doc: Doc, attributions: Attribution[]): Speaker[] {
  const registry = new EntityRegistry(doc);
  const salient: Sighting[] = [];
  const subjects = inOrder(sentenceSubjects(doc, registry), registry.introductions);
  let nextSubject = 0;
  const resolved: Resolution[] = [];
  for (const a of attributions) {
    const at = a.mention?.first ?? 0;
    while (nextSubject < subjects.length && (subjects[nextSubject] as Sighting).at < at) {
      salient.push(subjects[nextSubject] as Sighting);
      nextSubject++;
    }
    const speaker = resolveMention(doc, registry, salient, a.mention);
    if (speaker.entity) salient.push({ entity: speaker.entity, at });
    resolved.push(speaker);
  }
  // A person's title may be learnt after their first statement: report what the article says in
  // all. Pushed, not mapped: the arrays handed on stay packed (see findCandidates).
  const speakers: Speaker[] = [];
  for (const { result, entity } of resolved) speakers.push(entity ? asPerson(entity) : (result as Speaker));
  return speakers;
}

/**
 * Two lists of sightings, each in document order, as one: on a tie the first list's sighting
 * first, as a stable sort of the two joined would give. Most articles introduce nobody so.
 */
function inOrder(x: Sighting[], y: Sighting[]): Sighting[] {
  if (y.length === 0) return x;
  const out: Sighting[] = [];
  let j = 0;
  for (const sighting of x) {
    while (j < y.length && (y[j] as Sighting).at < sighting.at) out.push(y[j++] as Sighting);
    out.push(sighting);
  }
  while (j < y.length) out.push(y[j++] as Sighting);
  return out;
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
      if (describedAsBody(t, mention))
        return {
          result: unknownSpeaker({
            name: textOf(t, ...(mention.name as [number, number])),
            sourceType: "organisation",
          }),
        };
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

function mostRecent(salient: Sighting[], fits: (e: Entity) => boolean): Entity | undefined {
  for (let k = salient.length - 1; k >= 0 && salient.length - k <= 12; k--) {
    const entity = (salient[k] as Sighting).entity;
    if (fits(entity)) return entity;
  }
  return undefined;
}

/**
 * "Xinhua, the official Chinese news agency,": a name its appositive calls a body. The appositive
 * must be a noun phrase ("the …", "a …"), read by its head before any preposition or relative
 * clause ("a spokesman for the agency", "a Republican who led the committee" are people).
 */
function describedAsBody(t: Token[], mention: Mention): boolean {
  if (!mention.appositive) return false;
  const [first, last] = mention.appositive;
  if (!ARTICLES.has((t[first] as Token).lower)) return false;
  let head = last;
  for (let k = first + 1; k <= last; k++) {
    const lower = (t[k] as Token).lower;
    if (PREPOSITIONS.has(lower) || RELATIVE_PRONOUNS.has(lower) || lower === ",") {
      head = k - 1;
      break;
    }
  }
  return ORGANISATION_HEADS.has((t[head] as Token).lower);
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
