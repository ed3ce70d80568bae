import { REPORTING_VERBS } from "../extraction/lexicon/reporting-verbs.ts";
import type { StatementKind } from "../types.ts";
import { cleanText } from "./escape.ts";

// Reporting verbs that read well between a speaker and what was reported: "Ahn warned that …".
const VERBS = new Set(
  `said warned added argued claimed noted pledged vowed announced explained acknowledged conceded
  declared predicted suggested promised insisted stressed urged repeated reiterated maintained
  contended asserted complained wrote tweeted replied responded recalled admitted agreed denied`.split(/\s+/),
);
// Verbs that open a reported statement themselves: "warned of a growing instability", "called such …".
const OPENING_VERBS = new Set(
  `said warned added argued claimed noted pledged vowed announced explained acknowledged conceded
  declared predicted suggested promised insisted stressed urged repeated reiterated called accused
  criticised criticized praised defended denied rejected welcomed dismissed questioned blamed thanked
  described compared told asked offered expressed voiced cited pointed spoke referred`.split(/\s+/),
);

/**
 * A reported statement as a sentence with its speaker and verb, as an editor prints it: "Ahn
 * Gyu-back warned of a growing instability.", "Cho Hyun said that it is time to …"; the words
 * reported stay as they are. A direct quote is returned as it is.
 * @example
 * reportedSentence("Donald Trump", "said", "that Mexico would pay for the wall", "indirect")
 * // "Donald Trump said that Mexico would pay for the wall."
 */
export function reportedSentence(
  speaker: string,
  cue: string | null | undefined,
  text: string,
  kind: StatementKind,
): string {
  const collapsed = text.replace(/\s+/g, " ").trim();
  // "At the time, … Grayson was trying": where the speaker's own "she said" stood, the words run on.
  const whole = kind === "indirect" ? collapsed.replace(/, … /gu, ", ") : collapsed;
  if (kind === "direct" || !whole) return whole;
  // What the article's sentence put before the clause goes, the clause stays: the circumstance
  // ("told since the spring, at fundraisers, that …" → "said that …") and the writer's link to
  // the sentence before ("Yet Trump is also a change agent").
  const words = whole.replace(CIRCUMSTANCE_BEFORE_THAT, "").replace(LINK_BEFORE, "");
  // A comma the quote closed on ("… since Richard Nixon,”") ends nothing in a sentence of ours.
  const body = words.replace(/[\s,;:–—-]+$/u, "").replace(/[,;:]+(["”’']+)$/u, "$1");
  const end = /[.!?…](?:["”’]|'')?$/u.test(body) ? "" : ".";
  const first = (body.split(" ")[0] ?? "").toLowerCase();
  const verb = (cue ?? "").trim().toLowerCase();
  // Mid-sentence, the clause's opening word is lower case unless it is a name or "I".
  const clause =
    /^\p{Lu}/u.test(body) && !/^(I|I'm|I've|I'd|I'll)\b/u.test(body) && !isName(body)
      ? `${body.charAt(0).toLowerCase()}${body.slice(1)}`
      : body;
  if (/^according to$/.test(verb)) return `According to ${midSentence(speaker)}, ${clause}${end}`;
  if (OPENING_VERBS.has(first) && /^\p{Ll}/u.test(body)) return `${speaker} ${body}${end}`;
  const asCue = asVerb(verb);
  // "proposed breaking up the banks"; after a plain "said" the clause is an aside of its own.
  if (/^\p{Ll}+ing\b/u.test(body)) return `${speaker} ${asCue === "said" ? "spoke," : asCue} ${body}${end}`;
  // "told" needs its hearer: "told customers that …", not "told that …".
  const said =
    asCue === "told" && /^(that|he|she|they|it|we|i|you|the|a|an|this|there)\b/i.test(body) ? "said" : asCue;
  return `${speaker} ${said} ${clause}${end}`;
}

/** A conjunction that opens the clause: "And …", "Yet …". */
const LINK_BEFORE = /^(?:And|But|Yet|So|Or),?\s+(?=\S)/u;

/** Where and when, or to whom, before the reported "that": "since the spring, …, ", "close to her ". */
const CIRCUMSTANCE_BEFORE_THAT =
  /^(?:(?:since|at|in|on|during|over|from|privately|publicly|repeatedly|recently|earlier|later|last|this|(?:those )?close to)\b[^"“”]{0,120}?,?\s)(?=that\s)/u;

/**
 * The cue as the verb of a sentence in the past: "accused", "told", "called for" ("calls" before
 * "for …"), "pointed out" ("points out"); "said" for a cue that is no reporting verb.
 */
function asVerb(cue: string): string {
  if (VERBS.has(cue) || OPENING_VERBS.has(cue)) return cue;
  const [word = "", ...particle] = cue.split(" ");
  const past = pastForms().get(REPORTING_VERBS.get(word)?.lemma ?? "");
  if (past) return [past, ...particle].join(" ");
  if (/^[a-z]{3,}ed$/.test(cue)) return cue;
  return "said";
}

let pastByLemma: Map<string, string> | undefined;

/** Each reporting verb's past form by its lemma: "propose" → "proposed", "write" → "wrote". */
function pastForms(): Map<string, string> {
  pastByLemma ??= new Map(
    [...REPORTING_VERBS].filter(([, v]) => v.form === "past").map(([word, v]) => [v.lemma, word]),
  );
  return pastByLemma;
}

/**
 * A source's words inside a sentence: "exit polls", capitalised only because a sentence of the
 * article opened with them; a name ("Military Times survey", "Reuters") keeps its capitals.
 */
function midSentence(source: string): string {
  const [first = "", ...rest] = source.split(" ");
  const common = rest.length > 0 && rest.every((w) => /^\p{Ll}/u.test(w)) && /^\p{Lu}\p{Ll}+$/u.test(first);
  return common ? `${first.toLowerCase()} ${rest.join(" ")}` : source;
}

/** A reported clause opening with a name keeps its capital: "Mexico would not pay". */
function isName(text: string): boolean {
  const first = text.split(" ")[0] ?? "";
  return !/^(?:The|A|An|It|He|She|They|We|You|This|That|These|Those|There|His|Her|Their|Our|Its|Whether|If|When|No|Not|All|Some|Many|Most|Every|Each|Both|What|How|Why|One|As|So|Such|Any|Nothing|Everything|Something|Nobody|Everyone|Even|Only|Just|Also|Still|Now|Then|Here|Perhaps|Maybe|Indeed|With|Without|In|On|At|For|From|By|After|Before|During|Under|Over|Despite|Because|Although|Though|While|Since|Unless|Until|Once|Given|Amid|Instead|Unlike|Like|Among|Across|Through|Against|Beyond|Within|\p{Lu}\p{Ll}+ing)$/u.test(
    first,
  );
}

/** Whether a reported statement opens with its own reporting verb: "warned of …", "called …". */
export function opensWithVerb(text: string): boolean {
  return OPENING_VERBS.has((text.split(" ")[0] ?? "").toLowerCase()) && /^\p{Ll}/u.test(text);
}

/**
 * "Defence Minister, South Korea": the affiliation once, and not again when the title names it
 * ("Ohio Secretary of State", not "…, Ohio"; "adviser to Obama", not "…, President Barack Obama").
 */
export function roleOf(title: string | null, affiliation: string | null): string | null {
  const t = cleanText(title ?? "");
  const a = cleanText(affiliation ?? "");
  if (!t) return a || null;
  return a && !namesAny(t, a) ? `${t}, ${a}` : t;
}

/** Whether the title has a word of the affiliation's own: a name, a place, a body's word. */
function namesAny(title: string, affiliation: string): boolean {
  const words = new Set(title.toLowerCase().split(/[^\p{L}\p{N}]+/u));
  return affiliation
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .some((w) => w.length > 2 && !CONNECTIVES.has(w) && words.has(w));
}

const CONNECTIVES = new Set(["the", "and", "for"]);
