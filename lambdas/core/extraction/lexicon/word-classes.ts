/**
 * The word lists asked of nearly every token, as one number per word, a bit for each list: a
 * token's classes are looked up once, when it is made, and every later question is a bit test
 * rather than a set look-up (the stages asked some 5.7 million a train pass). A bit is set exactly
 * when the list holds the token's lower-case form, so `is(t, ROLE_HEAD)` answers as
 * `ROLE_HEADS.has(t.lower)` does.
 */
import {
  ANONYMOUS_MARKERS,
  FEMALE_HONORIFICS,
  FEMALE_ROLES,
  GIVEN_NAMES_ALSO_WORDS,
  GROUP_HEADS,
  HONORIFICS,
  MALE_HONORIFICS,
  MALE_ROLES,
  NAME_PARTICLES,
  NAME_SUFFIXES,
  ORGANISATION_HEADS,
  ROLE_HEADS,
  ROLE_MODIFIERS,
} from "./people.ts";
import { PLACE_WORDS } from "./places.ts";
import { REPORTING_VERBS } from "./reporting-verbs.ts";
import { EARLIER_ADVERBS, PAST_PERFECT, PERIOD_UNITS, TIME_OPENERS } from "./time.ts";
import {
  CAPITALISED_NON_NAMES,
  CLAUSE_OPENERS,
  DEFINITE_POSSESSIVES,
  DETERMINERS,
  FIRST_PERSON_PRONOUNS,
  HEADLINE_LOWER,
  NOT_SPEAKER_OPENERS,
  PREPOSITIONS,
  SUBJECT_PRONOUNS,
  SUBJECT_VERB_FILLERS,
  TIME_WORDS,
  VERB_GROUP_WORDS,
} from "./words.ts";

/** The lists, each with its bit (at most 31 of them: the classes stay a small integer). */
const LISTS: readonly { keys(): Iterable<string> }[] = [
  REPORTING_VERBS,
  TIME_WORDS,
  ROLE_HEADS,
  DETERMINERS,
  ROLE_MODIFIERS,
  ORGANISATION_HEADS,
  NAME_PARTICLES,
  FIRST_PERSON_PRONOUNS,
  HEADLINE_LOWER,
  GROUP_HEADS,
  PERIOD_UNITS,
  GIVEN_NAMES_ALSO_WORDS,
  EARLIER_ADVERBS,
  PAST_PERFECT,
  MALE_HONORIFICS,
  SUBJECT_VERB_FILLERS,
  MALE_ROLES,
  FEMALE_HONORIFICS,
  FEMALE_ROLES,
  TIME_OPENERS,
  DEFINITE_POSSESSIVES,
  CAPITALISED_NON_NAMES,
  PLACE_WORDS,
  NAME_SUFFIXES,
  SUBJECT_PRONOUNS,
  HONORIFICS,
  PREPOSITIONS,
  CLAUSE_OPENERS,
  VERB_GROUP_WORDS,
  NOT_SPEAKER_OPENERS,
  ANONYMOUS_MARKERS,
];

const bitOf = (list: { keys(): Iterable<string> }) => 1 << LISTS.indexOf(list);

export const REPORTING_VERB = bitOf(REPORTING_VERBS);
export const TIME_WORD = bitOf(TIME_WORDS);
export const ROLE_HEAD = bitOf(ROLE_HEADS);
export const DETERMINER = bitOf(DETERMINERS);
export const ROLE_MODIFIER = bitOf(ROLE_MODIFIERS);
export const ORGANISATION_HEAD = bitOf(ORGANISATION_HEADS);
export const NAME_PARTICLE = bitOf(NAME_PARTICLES);
export const FIRST_PERSON_PRONOUN = bitOf(FIRST_PERSON_PRONOUNS);
export const HEADLINE_LOWER_WORD = bitOf(HEADLINE_LOWER);
export const GROUP_HEAD = bitOf(GROUP_HEADS);
export const PERIOD_UNIT = bitOf(PERIOD_UNITS);
export const GIVEN_NAME_ALSO_WORD = bitOf(GIVEN_NAMES_ALSO_WORDS);
export const EARLIER_ADVERB = bitOf(EARLIER_ADVERBS);
export const PAST_PERFECT_AUXILIARY = bitOf(PAST_PERFECT);
export const MALE_HONORIFIC = bitOf(MALE_HONORIFICS);
export const SUBJECT_VERB_FILLER = bitOf(SUBJECT_VERB_FILLERS);
export const MALE_ROLE = bitOf(MALE_ROLES);
export const FEMALE_HONORIFIC = bitOf(FEMALE_HONORIFICS);
export const FEMALE_ROLE = bitOf(FEMALE_ROLES);
export const TIME_OPENER = bitOf(TIME_OPENERS);
export const DEFINITE_POSSESSIVE = bitOf(DEFINITE_POSSESSIVES);
export const CAPITALISED_NON_NAME = bitOf(CAPITALISED_NON_NAMES);
export const PLACE_WORD = bitOf(PLACE_WORDS);
export const NAME_SUFFIX = bitOf(NAME_SUFFIXES);
export const SUBJECT_PRONOUN = bitOf(SUBJECT_PRONOUNS);
export const HONORIFIC = bitOf(HONORIFICS);
export const PREPOSITION = bitOf(PREPOSITIONS);
export const CLAUSE_OPENER = bitOf(CLAUSE_OPENERS);
export const VERB_GROUP_WORD = bitOf(VERB_GROUP_WORDS);
export const NOT_SPEAKER_OPENER = bitOf(NOT_SPEAKER_OPENERS);
export const ANONYMOUS_MARKER = bitOf(ANONYMOUS_MARKERS);

const CLASSES = new Map<string, number>();
for (const list of LISTS) {
  const bit = bitOf(list);
  for (const word of list.keys()) CLASSES.set(word, (CLASSES.get(word) ?? 0) | bit);
}

/** The classes of a lower-case word: the bits of every list above that holds it. */
export const wordClassesOf = (lower: string): number => CLASSES.get(lower) ?? 0;

/** Whether the token's word is in any of the lists of `classes` (bits or-ed together). */
export const is = (t: { classes: number } | undefined, classes: number): boolean =>
  t !== undefined && (t.classes & classes) !== 0;
