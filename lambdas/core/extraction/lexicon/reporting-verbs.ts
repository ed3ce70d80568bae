/**
 * Reporting verbs: the words that introduce what somebody said. Each lemma lists its forms;
 * `frame` says what follows it, which decides where the statement's content starts.
 *
 * - `clause`: "said (that) …", "warned (that) …"
 * - `object-clause`: "told reporters (that) …", "assured them …": an addressee comes first and is
 *   not part of what was said
 * - `request`: "urged the North to …", "asked him whether …": the addressee is part of the request
 * - `naming`: "called the plan a disaster", "described it as …": the whole predicate is content
 *
 * `inverts`: the speaker may follow the verb, `"…," said Ahn` / `"…?" asked the minister`.
 */
export type VerbFrame = "clause" | "object-clause" | "request" | "naming";

export interface ReportingVerb {
  lemma: string;
  frame: VerbFrame;
  /** Verbs whose bare form is more often a noun ("claims", "notes") need a subject right before. */
  nounLike?: boolean;
  /** The speaker may follow the verb: `"…," said Ahn`. */
  inverts?: boolean;
  /** A particle that makes the verb report speech: "pointed out that …". */
  particle?: string;
  /**
   * The verb narrates unless words follow it: a quotation, a clause, an "as" description.
   * "Ferris added a second goal", "the governor defended his plan", "the Hawks responded with two
   * goals" report no words; "Ferris added that …", "defended it as necessary" do.
   */
  needsWords?: boolean;
  /**
   * The verb reports speech only when what it says comes right after it — a quotation, "that", a
   * colon — or when it closes a quoted attribution: '"…," he continued.', not "continued to".
   */
  needsContentNext?: boolean;
  /** Words that, right after the verb, make it something else than speech: "added to", "called off". */
  notFollowedBy?: readonly string[];
}

export type VerbForm = "base" | "present" | "past" | "gerund";

export interface ReportingVerbForm extends ReportingVerb {
  form: VerbForm;
}

// lemma, frame, forms [base, present 3rd person, past, gerund]
const VERBS: Array<[string, VerbFrame, string[], Omit<ReportingVerb, "lemma" | "frame">?]> = [
  [
    "say",
    "clause",
    ["say", "says", "said", "saying"],
    { inverts: true, notFollowedBy: ["goodbye", "hello", "farewell", "grace"] },
  ],
  ["tell", "object-clause", ["tell", "tells", "told", "telling"]],
  [
    "add",
    "clause",
    ["add", "adds", "added", "adding"],
    { inverts: true, needsWords: true, notFollowedBy: ["to", "up"] },
  ],
  [
    "note",
    "clause",
    ["note", "notes", "noted", "noting"],
    { nounLike: true, inverts: true, needsWords: true, notFollowedBy: ["for"] },
  ],
  ["warn", "clause", ["warn", "warns", "warned", "warning"], { inverts: true }],
  ["stress", "clause", ["stress", "stresses", "stressed", "stressing"]],
  ["emphasise", "clause", ["emphasize", "emphasizes", "emphasized", "emphasizing"]],
  ["emphasise", "clause", ["emphasise", "emphasises", "emphasised", "emphasising"]],
  ["reiterate", "clause", ["reiterate", "reiterates", "reiterated", "reiterating"]],
  ["insist", "clause", ["insist", "insists", "insisted", "insisting"], { inverts: true, needsWords: true }],
  ["claim", "clause", ["claim", "claims", "claimed", "claiming"], { nounLike: true, needsWords: true }],
  ["deny", "clause", ["deny", "denies", "denied", "denying"]],
  ["vow", "clause", ["vow", "vows", "vowed", "vowing"]],
  ["pledge", "clause", ["pledge", "pledges", "pledged", "pledging"]],
  ["promise", "clause", ["promise", "promises", "promised", "promising"], { nounLike: true }],
  ["urge", "request", ["urge", "urges", "urged", "urging"]],
  ["announce", "clause", ["announce", "announces", "announced", "announcing"]],
  ["declare", "clause", ["declare", "declares", "declared", "declaring"], { inverts: true }],
  ["explain", "clause", ["explain", "explains", "explained", "explaining"], { inverts: true }],
  [
    "acknowledge",
    "clause",
    ["acknowledge", "acknowledges", "acknowledged", "acknowledging"],
    { inverts: true },
  ],
  ["admit", "clause", ["admit", "admits", "admitted", "admitting"], { inverts: true }],
  ["concede", "clause", ["concede", "concedes", "conceded", "conceding"], { inverts: true }],
  ["confirm", "clause", ["confirm", "confirms", "confirmed", "confirming"]],
  ["argue", "clause", ["argue", "argues", "argued", "arguing"], { inverts: true }],
  ["contend", "clause", ["contend", "contends", "contended", "contending"]],
  ["assert", "clause", ["assert", "asserts", "asserted", "asserting"]],
  [
    "maintain",
    "clause",
    ["maintain", "maintains", "maintained", "maintaining"],
    { notFollowedBy: ["a", "an", "the", "its", "his", "her", "their"] },
  ],
  ["suggest", "clause", ["suggest", "suggests", "suggested", "suggesting"]],
  ["predict", "clause", ["predict", "predicts", "predicted", "predicting"], { inverts: true }],
  ["state", "clause", ["stated", "stating"], { inverts: true }],
  [
    "write",
    "clause",
    ["write", "writes", "wrote", "writing"],
    {
      inverts: true,
      // "wrote the bill", "wrote legislation that …": what was written, not what it says.
      notFollowedBy: [
        ...["off", "down", "up", "a", "an", "the", "his", "her", "their"],
        ...["legislation", "laws", "bills", "books", "letters", "articles", "songs", "poems"],
        ...["checks", "cheques", "code", "rules", "policies", "columns", "essays", "novels", "scripts"],
      ],
    },
  ],
  ["tweet", "clause", ["tweet", "tweets", "tweeted", "tweeting"], { nounLike: true }],
  ["post", "clause", ["posted"], { needsContentNext: true, notFollowedBy: ["bail", "bond"] }],
  [
    "reply",
    "clause",
    ["reply", "replies", "replied", "replying"],
    { inverts: true, needsWords: true, notFollowedBy: ["to"] },
  ],
  [
    "respond",
    "clause",
    ["respond", "responds", "responded", "responding"],
    {
      inverts: true,
      needsWords: true,
      notFollowedBy: ["to", "a", "later", "quickly", "moments", "minutes", "seconds"],
    },
  ],
  [
    "answer",
    "clause",
    ["answered"],
    { needsWords: true, needsContentNext: true, notFollowedBy: ["for", "to"] },
  ],
  [
    "ask",
    "request",
    ["ask", "asks", "asked", "asking"],
    { inverts: true, notFollowedBy: ["for", "to", "out", "not", "him", "her", "them", "me", "us"] },
  ],
  ["recall", "clause", ["recall", "recalls", "recalled", "recalling"], { inverts: true }],
  [
    "conclude",
    "clause",
    ["conclude", "concludes", "concluded", "concluding"],
    { notFollowedBy: ["with", "by"] },
  ],
  ["allege", "clause", ["allege", "alleges", "alleged", "alleging"]],
  ["charge", "clause", ["charged"], { notFollowedBy: ["with", "for"] }],
  ["complain", "clause", ["complain", "complains", "complained", "complaining"], { inverts: true }],
  ["boast", "clause", ["boast", "boasts", "boasted", "boasting"], { inverts: true }],
  ["joke", "clause", ["joke", "jokes", "joked", "joking"], { inverts: true }],
  ["quip", "clause", ["quip", "quips", "quipped", "quipping"], { inverts: true }],
  ["remark", "clause", ["remarked"], { inverts: true, needsContentNext: true }],
  ["comment", "clause", ["commented"], { inverts: true, needsContentNext: true, notFollowedBy: ["on"] }],
  ["testify", "clause", ["testify", "testifies", "testified", "testifying"]],
  ["report", "clause", ["reported", "reports"], { nounLike: true, notFollowedBy: ["to", "for"] }],
  ["assure", "object-clause", ["assure", "assures", "assured", "assuring"]],
  ["remind", "object-clause", ["remind", "reminds", "reminded", "reminding"]],
  ["inform", "object-clause", ["informed"]],
  ["caution", "clause", ["cautioned", "cautions", "cautioning"], { inverts: true }],
  ["observe", "clause", ["observed"], { inverts: true, needsContentNext: true }],
  ["continue", "clause", ["continued"], { inverts: true, needsContentNext: true, notFollowedBy: ["to"] }],
  [
    "call",
    "naming",
    ["call", "calls", "called", "calling"],
    { notFollowedBy: ["off", "up", "in", "into", "back", "out"] },
  ],
  ["describe", "naming", ["describe", "describes", "described", "describing"]],
  ["accuse", "naming", ["accuse", "accuses", "accused", "accusing"]],
  ["criticise", "naming", ["criticize", "criticizes", "criticized", "criticizing"]],
  ["criticise", "naming", ["criticise", "criticises", "criticised", "criticising"]],
  ["praise", "naming", ["praise", "praises", "praised", "praising"]],
  ["blast", "naming", ["blasted", "blasts", "blasting"]],
  ["slam", "naming", ["slammed", "slams", "slamming"]],
  ["dismiss", "naming", ["dismissed", "dismisses", "dismissing"]],
  ["reject", "naming", ["rejected", "rejects", "rejecting"]],
  ["defend", "naming", ["defended", "defends", "defending"], { needsWords: true }],
  ["thank", "naming", ["thanked", "thanks", "thanking"], { nounLike: true }],
  ["apologise", "naming", ["apologized", "apologised", "apologizes", "apologises"]],
  ["cite", "naming", ["cite", "cites", "cited", "citing"]],
  ["propose", "clause", ["propose", "proposes", "proposed", "proposing"]],
  ["point", "clause", ["point", "points", "pointed", "pointing"], { particle: "out" }],
  [
    "question",
    "naming",
    ["question", "questions", "questioned", "questioning"],
    {
      nounLike: true,
      notFollowedBy: ["about", "on", "over", "as", "from", "arose", "remain", "remained", "linger"],
    },
  ],
  ["mock", "naming", ["mock", "mocks", "mocked", "mocking"]],
  ["shout", "clause", ["shout", "shouts", "shouted", "shouting"], { inverts: true }],
  ["yell", "clause", ["yell", "yells", "yelled", "yelling"], { inverts: true }],
  ["exclaim", "clause", ["exclaim", "exclaims", "exclaimed", "exclaiming"], { inverts: true }],
  ["whisper", "clause", ["whisper", "whispers", "whispered", "whispering"], { inverts: true }],
];

const FORM_ORDER: VerbForm[] = ["base", "present", "past", "gerund"];

function formOf(word: string, lemmaForms: string[]): VerbForm {
  if (word.endsWith("ing")) return "gerund";
  const index = lemmaForms.indexOf(word);
  if (lemmaForms.length === 4) return FORM_ORDER[index] ?? "past";
  if (word.endsWith("ed") || word === "wrote" || word === "told" || word === "said") return "past";
  return word.endsWith("s") ? "present" : "base";
}

/**
 * Every flag unset: each form carries all of them, so that all forms share one object shape and
 * the cue checks, which read them for every verb in an article, read fixed fields.
 */
const UNFLAGGED: Omit<ReportingVerb, "lemma" | "frame"> = {
  nounLike: undefined,
  inverts: undefined,
  particle: undefined,
  needsWords: undefined,
  needsContentNext: undefined,
  notFollowedBy: undefined,
};

/** Every reporting-verb form, lower-cased, to its lemma, frame and form. */
export const REPORTING_VERBS: ReadonlyMap<string, ReportingVerbForm> = new Map(
  VERBS.flatMap(([lemma, frame, forms, flags]) =>
    forms.map((word) => [word, { lemma, frame, form: formOf(word, forms), ...UNFLAGGED, ...flags }] as const),
  ),
);
