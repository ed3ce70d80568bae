/** Small closed classes used when reading a sentence's structure around a reporting cue. */

const set = (words: string) => new Set(words.trim().split(/\s+/));

/** Pronouns and generic addressees after "told": "told him", "told reporters". */
export const OBJECT_PRONOUNS = set(`him her them us me you it reporters journalists lawmakers delegates
  supporters listeners viewers readers students voters crowds audiences`);

/** Gerunds after a comma that start a new statement rather than continue the clause. */
export const CONTENT_BOUNDARY_GERUNDS = set(`saying adding noting stressing warning insisting urging
  arguing explaining telling declaring calling vowing pledging promising claiming asserting
  acknowledging admitting conceding emphasizing emphasising according`);

/** Prepositions that open the topic of what was said: "said of the bridge", "spoke about the plan". */
export const TOPIC_LINKS = set("of about");

/** Words that open a subordinate clause: "Though she called it …, Okafor …". */
export const SUBORDINATORS = set(
  "though although while whereas when if because as after before since until unless once",
);

/** Words after a comma that link a new clause rather than resume what was said. */
export const CLAUSE_LINKS = set("and but or so with which who where then as while");

/** Conjunctions after which a new subject may start a clause of its own: ", but Okafor would …". */
export const COORDINATORS = set("but and while whereas although though yet");

/** What follows a verb as its circumstance, not its content: "said in a speech", "told reporters at". */
export const CIRCUMSTANCE = set(`in at during on before after while following from via through by when as
  outside inside to`);

/** Prepositions that open a circumstance before "that": "said in a statement that …". */
export const CIRCUMSTANCE_BEFORE_THAT = set(
  "in at during on via through by over from with to before of about",
);

/** Words that may follow an inverted speaker and close the clause: "…, said one aide in the hall". */
export const AFTER_INVERTED_SPEAKER = set("in at on of who during");

/** Words that end a phrase without being its noun: "what he also said", "the more it said". */
export const NOT_NOUNS = set(`is was are were be been has have had will would can could should may might
  must not also still just only more less most very so too then there here that which what who whom
  whose this these those`);

/** Labels that open a paragraph without naming a speaker: "Breaking: …", "Watch: …". */
export const LABEL_WORDS = set(`latest update updated breaking exclusive watch read photos photo video note
  correction analysis opinion editor editors related source sources see also listen`);

/** Words that open a clause before its subject: "Even the coach said", "Overall, voters say". */
export const CLAUSE_OPENING_ADVERBS =
  set(`even yet still also overall instead indeed meanwhile however but and so
  then now later earlier separately similarly likewise moreover nonetheless nevertheless`);

/** Words after "and" or "but" that carry the narration on, not what was said: "and went on", "but made". */
export const NARRATION_VERBS = set(`went made took gave got left came turned began started moved drew spent
  stood sat walked ran held met kept put sent brought`);

/** Words after a comma that open a clause of the narration: ", while …", ", when …", ", which …". */
export const NARRATION_OPENERS = set("while when which whose where after before although though whereas");

/** Words that open a clause of what was said: "added that …", "asked whether …". */
export const CLAUSE_STARTS = set("that whether if why how what when where who which");

/** Verbs that make a clause of what follows: "added the team was tired". */
export const FINITE_VERBS =
  set(`is are was were be been am will would can could should may might must has have
  had does did do isn't aren't wasn't weren't won't wouldn't can't couldn't shouldn't hasn't haven't hadn't
  doesn't didn't don't isn’t aren’t wasn’t weren’t won’t wouldn’t can’t couldn’t shouldn’t hasn’t haven’t
  hadn’t doesn’t didn’t don’t`);

/** Verbs in the past that do not end in -ed: "added the team lost", "replied the talks went well". */
export const IRREGULAR_PAST = set(`was were had did said told went made took gave got came saw knew thought
  felt became left kept began brought held stood ran sat met paid sent built spent fell led meant set put
  cut let hit lost won grew drew threw flew broke spoke chose drove rode wrote shook fought caught taught
  bought sought found heard sold hid bit shot fed fled dealt sank rang swam forgot understood withdrew
  overcame rose stole froze woke wore tore bore swore`);

/** "called for a timeout", "called on the council": a call that asks for something, not words said. */
export const CALL_NARRATES = set("for on");

/** Words before "to" after which a reporting verb still reports: "went on to say", "continued to insist". */
export const GO_ON_WORDS = set("on continued continues proceeded went");

/** Conjunctions that, after a comma, open a clause of their own rather than an appositive: ", and …". */
export const CLAUSE_CONJUNCTIONS = set("and but or so then yet");

/** Words that open a stretch of a sentence where a clause's subject may stand: "and …", "because …". */
export const STRETCH_OPENERS = set("and but while as when because although though");

/** How words reach a listener, after "by": "said by telephone" is no passive ("criticised by aides"). */
export const MEDIA_OF_SPEECH = set(`telephone phone email e-mail text letter video videolink satellite fax
  radio teleconference videoconference`);

/**
 * Prepositions of where, when and with whom, which open no words a verb reports:
 * "said at a rally in Ames", "joked with an aide".
 */
export const CIRCUMSTANCE_PREPOSITIONS =
  set(`at in into during from near outside inside onto before after following
  via through throughout with on under among`);

/** Words that open a clause of when or while something happened: "tweeted as the mayor spoke". */
export const TIME_SUBORDINATORS = set("after as while before once until since whenever");

/** Spans of time that measure a time clause: "a day after", "hours before", "minutes after". */
export const CLAUSE_TIME_SPANS = set("minute minutes hour hours day days week weeks month months year years");

/** Words that set a sentence's topic before its subject: "As for Okafor, she said …". */
export const TOPIC_OPENERS: readonly (readonly string[])[] = [["as", "for"], ["as", "to"], ["regarding"]];

/**
 * "Then there's Okafor.": a sentence that only brings a person on stage, whom the next "he said"
 * most likely means. Possessive-shaped "'s" is a token of its own.
 */
export const PRESENTATIVE_OPENERS: readonly (readonly string[])[] = [
  ["there", "'s"],
  ["there", "’s"],
  ["there", "is"],
  ["then", "there", "'s"],
  ["then", "there", "’s"],
  ["then", "there", "is"],
  ["and", "then", "there", "'s"],
  ["and", "then", "there", "’s"],
  ["and", "then", "there", "is"],
];
