/**
 * Reporting verbs: the words that introduce what somebody said. Each lemma lists its forms;
 * `frame` says what follows it, which decides where the statement's content starts.
 *
 * - `clause`: "said (that) …", "warned (that) …"
 * - `object-clause`: "told reporters (that) …", "assured them …": an addressee comes first
 * - `naming`: "called the plan a disaster", "described it as …": the whole predicate is content
 */
export type VerbFrame = "clause" | "object-clause" | "naming";

export interface ReportingVerb {
  lemma: string;
  frame: VerbFrame;
  /** Verbs whose bare form is more often a noun ("claims", "notes") need a subject right before. */
  nounLike?: boolean;
}

export type VerbForm = "base" | "present" | "past" | "gerund";

export interface ReportingVerbForm extends ReportingVerb {
  form: VerbForm;
}

// lemma, frame, forms [base, present 3rd person, past, gerund]
const VERBS: Array<[string, VerbFrame, string[], { nounLike?: boolean }?]> = [
  ["say", "clause", ["say", "says", "said", "saying"]],
  ["tell", "object-clause", ["tell", "tells", "told", "telling"]],
  ["add", "clause", ["add", "adds", "added", "adding"]],
  ["note", "clause", ["note", "notes", "noted", "noting"], { nounLike: true }],
  ["warn", "clause", ["warn", "warns", "warned", "warning"]],
  ["stress", "clause", ["stress", "stresses", "stressed", "stressing"]],
  ["emphasise", "clause", ["emphasize", "emphasizes", "emphasized", "emphasizing"]],
  ["emphasise", "clause", ["emphasise", "emphasises", "emphasised", "emphasising"]],
  ["reiterate", "clause", ["reiterate", "reiterates", "reiterated", "reiterating"]],
  ["insist", "clause", ["insist", "insists", "insisted", "insisting"]],
  ["claim", "clause", ["claim", "claims", "claimed", "claiming"], { nounLike: true }],
  ["deny", "clause", ["deny", "denies", "denied", "denying"]],
  ["vow", "clause", ["vow", "vows", "vowed", "vowing"]],
  ["pledge", "clause", ["pledge", "pledges", "pledged", "pledging"]],
  ["promise", "clause", ["promise", "promises", "promised", "promising"], { nounLike: true }],
  ["urge", "object-clause", ["urge", "urges", "urged", "urging"]],
  ["announce", "clause", ["announce", "announces", "announced", "announcing"]],
  ["declare", "clause", ["declare", "declares", "declared", "declaring"]],
  ["explain", "clause", ["explain", "explains", "explained", "explaining"]],
  ["acknowledge", "clause", ["acknowledge", "acknowledges", "acknowledged", "acknowledging"]],
  ["admit", "clause", ["admit", "admits", "admitted", "admitting"]],
  ["concede", "clause", ["concede", "concedes", "conceded", "conceding"]],
  ["confirm", "clause", ["confirm", "confirms", "confirmed", "confirming"]],
  ["argue", "clause", ["argue", "argues", "argued", "arguing"]],
  ["contend", "clause", ["contend", "contends", "contended", "contending"]],
  ["assert", "clause", ["assert", "asserts", "asserted", "asserting"]],
  ["maintain", "clause", ["maintain", "maintains", "maintained", "maintaining"]],
  ["suggest", "clause", ["suggest", "suggests", "suggested", "suggesting"]],
  ["predict", "clause", ["predict", "predicts", "predicted", "predicting"]],
  ["state", "clause", ["stated", "stating"]],
  ["write", "clause", ["write", "writes", "wrote", "writing"]],
  ["tweet", "clause", ["tweet", "tweets", "tweeted", "tweeting"], { nounLike: true }],
  ["post", "clause", ["posted"]],
  ["reply", "clause", ["reply", "replies", "replied", "replying"]],
  ["respond", "clause", ["respond", "responds", "responded", "responding"]],
  ["answer", "clause", ["answered"]],
  ["ask", "object-clause", ["ask", "asks", "asked", "asking"]],
  ["recall", "clause", ["recall", "recalls", "recalled", "recalling"]],
  ["conclude", "clause", ["conclude", "concludes", "concluded", "concluding"]],
  ["allege", "clause", ["allege", "alleges", "alleged", "alleging"]],
  ["charge", "clause", ["charged"]],
  ["complain", "clause", ["complain", "complains", "complained", "complaining"]],
  ["boast", "clause", ["boast", "boasts", "boasted", "boasting"]],
  ["joke", "clause", ["joke", "jokes", "joked", "joking"]],
  ["quip", "clause", ["quip", "quips", "quipped", "quipping"]],
  ["remark", "clause", ["remarked"]],
  ["comment", "clause", ["commented"]],
  ["testify", "clause", ["testify", "testifies", "testified", "testifying"]],
  ["report", "clause", ["reported", "reports"], { nounLike: true }],
  ["announce", "clause", ["announced"]],
  ["assure", "object-clause", ["assure", "assures", "assured", "assuring"]],
  ["remind", "object-clause", ["remind", "reminds", "reminded", "reminding"]],
  ["inform", "object-clause", ["informed"]],
  ["caution", "clause", ["cautioned", "cautions", "cautioning"]],
  ["observe", "clause", ["observed"]],
  ["continue", "clause", ["continued"]],
  ["call", "naming", ["call", "calls", "called", "calling"]],
  ["describe", "naming", ["describe", "describes", "described", "describing"]],
  ["accuse", "naming", ["accuse", "accuses", "accused", "accusing"]],
  ["criticise", "naming", ["criticize", "criticizes", "criticized", "criticizing"]],
  ["criticise", "naming", ["criticise", "criticises", "criticised", "criticising"]],
  ["praise", "naming", ["praise", "praises", "praised", "praising"]],
  ["blast", "naming", ["blasted", "blasts", "blasting"]],
  ["slam", "naming", ["slammed", "slams", "slamming"]],
  ["dismiss", "naming", ["dismissed", "dismisses", "dismissing"]],
  ["reject", "naming", ["rejected", "rejects", "rejecting"]],
  ["defend", "naming", ["defended", "defends", "defending"]],
  ["thank", "naming", ["thanked", "thanks", "thanking"], { nounLike: true }],
  ["apologise", "naming", ["apologized", "apologised", "apologizes", "apologises"]],
  ["cite", "naming", ["cite", "cites", "cited", "citing"]],
];

const FORM_ORDER: VerbForm[] = ["base", "present", "past", "gerund"];

function formOf(word: string, lemmaForms: string[]): VerbForm {
  if (word.endsWith("ing")) return "gerund";
  const index = lemmaForms.indexOf(word);
  if (lemmaForms.length === 4) return FORM_ORDER[index] ?? "past";
  if (word.endsWith("ed") || word === "wrote" || word === "told" || word === "said") return "past";
  return word.endsWith("s") ? "present" : "base";
}

/** Every reporting-verb form, lower-cased, to its lemma, frame and form. */
export const REPORTING_VERBS: ReadonlyMap<string, ReportingVerbForm> = new Map(
  VERBS.flatMap(([lemma, frame, forms, flags]) =>
    forms.map((word) => [word, { lemma, frame, form: formOf(word, forms), ...flags }] as const),
  ),
);
