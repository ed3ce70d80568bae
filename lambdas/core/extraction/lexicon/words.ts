/** Closed word classes the extractor leans on. Lower-case throughout. */

const set = (words: string) => new Set(words.trim().split(/\s+/));

export const DETERMINERS = set(`the a an this that these those his her their its our my your some many
  several few both all each every another other no any one two three four five six seven eight nine ten
  dozens hundreds thousands most more such`);

export const POSSESSIVE_DETERMINERS = set("his her their its our my your");

export const PREPOSITIONS = set(`of in on at for with from by to about into over under after before during
  since until than through between among against without within across behind beyond near via per like
  amid upon onto toward towards around outside inside`);

/** Words that may stand between a subject and its reporting verb: "Ahn also said", "he has said". */
export const SUBJECT_VERB_FILLERS = set(`also later then previously recently repeatedly once again earlier
  further subsequently similarly separately publicly privately reportedly initially first finally still
  now already often frequently always never just even has have had will would could may might must
  shall should did does do 's ’s is was were are been being too quickly immediately
  simply flatly explicitly specifically openly bluntly angrily calmly quietly loudly firmly clearly
  directly insistently forcefully emphatically categorically matter-of-factly pointedly sharply bitterly
  long consistently personally herself himself themselves itself`);

/** Phrases that may stand between a subject and its verb: "the report for the first time cited". */
export const SUBJECT_VERB_PHRASES: readonly string[][] = [
  "for the first time",
  "at one point",
  "once again",
  "in turn",
  "in response",
  "in recent days",
  "in recent weeks",
  "in recent months",
  "in recent years",
].map((phrase) => phrase.split(" "));

/**
 * Nouns ending in "-ly" that may be a subject right before its verb ("the family said"), unlike
 * the adverbs so ending that may stand between a subject and its verb ("Corbett strongly hinted").
 */
export const NOUNS_ENDING_IN_LY = set(`family ally assembly daily weekly monthly quarterly bully anomaly
  monopoly rally supply reply july italy`);

/** Days, months and times that may sit between a subject and its verb: "Ahn on Monday said". */
export const TIME_WORDS = set(`monday tuesday wednesday thursday friday saturday sunday today yesterday
  tonight tomorrow morning afternoon evening night week weekend month year earlier later
  january february march april may june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec`);

export const NEGATIONS = set("not n't never no");

/** The writer speaking: narration in the first person is a column's, not a source's. */
export const FIRST_PERSON_PRONOUNS = set("i we me us my our");

/** Participles naming the people a poll asked: "the nurses surveyed said", "voters polled say". */
export const SURVEY_PARTICIPLES = set("surveyed polled asked interviewed questioned sampled");

/** Words that stand for a share of people and may be the subject of "say": "half say", "most said". */
export const QUANTITY_WORDS = set(`half majority most all both many some few plurality third thirds quarter
  quarters fifth fifths percent per cent %`);

/** Verbs that make a following reporting verb passive or non-assertive: "was told", "declined to say". */
export const PASSIVE_AUXILIARIES = set("was were been being be is are am get got gets");

export const NON_ASSERTIVE_BEFORE_TO = set(`declined refused declines refuses refusing declining wouldn't
  won't unable afraid reluctant hesitant decline refuse asked want wants wanted able`);

/** Subordinators and conjunctions that start a clause; a subject never reaches back past them. */
export const CLAUSE_OPENERS = set(`and but or nor so yet because although though while whereas if unless
  when whenever where after before since until as that which who whom whose what why how whether`);

/** Numbers as words: "Thirty percent said …" opens with a share, not a name. */
const TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
const NUMBER_WORDS = [
  ...`eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen hundred thousand
  million billion dozen dozens hundreds thousands millions`.split(/\s+/),
  ...TENS,
  ...TENS.flatMap((tens) => UNITS.map((unit) => `${tens}-${unit}`)),
];

/** Capitalised words that begin sentences but never names. */
export const CAPITALISED_NON_NAMES = set(`the a an but and or so yet in on at for with from by to of as if
  when while after before since until though although because however meanwhile moreover also still
  now then today yesterday tomorrow this that these those there here what who why how where which it
  he she they we i you his her their our my its your him them us me some many most several both all
  each every no not one two three four five six seven eight nine ten last next first second third
  earlier later instead indeed even just only perhaps maybe yes asked according during despite
  besides beyond under over about into against among through without within across behind
  like unlike amid such other another more less few mr mrs ms dr monday tuesday wednesday thursday
  friday saturday sunday january february march april june july august september october november
  december do does did is was are were be been has have had will would could should may might must
  can cannot let please thank thanks sir madam oh well ok okay so-called said says say recently currently
  apparently additionally ultimately finally similarly separately previously initially eventually
  originally notably importantly interestingly unfortunately fortunately clearly obviously
  specifically generally typically historically likewise nonetheless nevertheless furthermore
  afterward afterwards outside inside back days weeks months years hours minutes moments overall
  contrast q name finding adopted preceded following speaking writing citing noting adding once soon
  late again otherwise anyone anybody everyone everybody someone somebody nobody reached considered
  neither either ${NUMBER_WORDS.join(" ")}`);

export const MONTHS = set(`january february march april may june july august september october november
  december jan feb mar apr jun jul aug sep sept oct nov dec`);

/**
 * Words that open a sentence or a headline in capitals without naming anybody: imperatives and
 * verbs of headline style ("Get out and vote", "Keeps Falling"). Alone before a reporting verb,
 * they are no speaker.
 */
export const SENTENCE_OPENING_VERBS = set(`get gets keep keeps let lets make makes go goes stop stops take
  takes see sees watch watches look looks find finds join joins click sign vote come comes
  give gives try tries help helps meet meets call calls ask asks tell tells remember imagine consider
  expect expects add adds say says hear hears`);

/** Words a headline leaves in lower case: "Mayor Says Bridge Will Open in May". */
export const HEADLINE_LOWER = set("a an the and but or nor of in on at to for by with from as is vs");

/** Adverbs not ending in -ly that may stand inside a verb group: "was first declared", "has long said". */
export const VERB_GROUP_ADVERBS = set("first also later since often long once never ever not then now");

/**
 * Pronouns, modals and adverbs that may stand right before a reporting verb's base form: "they
 * say", "will say", "often say" (plural subjects, ending in -s, are known by their shape).
 */
export const BASE_FORM_SUBJECTS = set(`they we i you will would can could might may should must also often
  still now never did do`);

/** Pronouns that open a relative clause about a person or body: "Amsel, whose hometown, …,". */
export const RELATIVE_PRONOUNS = set("who whose which whom");

/** Possessives that open a definite speaker phrase: "his spokesman", "its chairman". */
export const DEFINITE_POSSESSIVES = set("his her their its our");

/** Pronouns that may stand for a speaker, with the gender they say. */
export const SUBJECT_PRONOUNS: ReadonlyMap<string, "male" | "female" | null> = new Map([
  ["he", "male"],
  ["she", "female"],
  ["they", null],
  ["i", null],
  ["we", null],
  ["it", null],
]);

/** The subject pronouns that stand for somebody the article tells of (not the writer, not a thing). */
export const THIRD_PERSON_SUBJECTS = set("he she they");

/** Words that open no speaker phrase: "said it", "said that", "said this". */
export const NOT_SPEAKER_OPENERS = set("it that this");

/** Auxiliaries, "not" and "also": the verb group after a subject, never an adjective in its phrase. */
export const VERB_GROUP_WORDS = set("is was are were has have had be been will would not also");

/** Articles, left off an organisation's name: "the agency" → "agency". */
export const ARTICLES = set("the a an");

export const INDEFINITE_ARTICLES = set("a an");

/** Abbreviations, lower-case, whose full stop ends no sentence: "Mr.", "Jan.", "Inc.". */
export const ABBREVIATIONS = set(`mr mrs ms dr prof sen rep gov gen lt col maj capt adm sgt st jr sr inc
  corp co ltd vs etc jan feb mar apr jun jul aug sep sept oct nov dec no fig ft rev hon amb atty pres supt
  esq messrs mt ave blvd dept univ gov't approx est`);
