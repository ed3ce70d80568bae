import type { StatementKind } from "../types.ts";
import { foldCase, nameTokens } from "./names.ts";

/** What a summary needs of each statement, most important first. */
export interface SummaryInput {
  text: string;
  kind: StatementKind;
  cue: string | null;
}

/** The lead statement is cut to this many words so the summary stays one readable sentence. */
const MAX_LEAD_WORDS = 28;
const MAX_TOPICS = 3;
/** Topics come from the official's most important statements, not the long tail. */
const MAX_TOPIC_STATEMENTS = 12;

// Reporting verbs that read well before reported speech: "Ahn warned of …", "Cho said he would …".
const LEAD_VERBS = new Set(
  `said warned added called urged stressed insisted argued claimed noted pledged vowed announced
  explained acknowledged conceded declared predicted suggested promised told accused criticised
  criticized praised defended denied rejected welcomed dismissed questioned repeated reiterated`.split(/\s+/),
);

// Runs of capitalised words ("Korean Peninsula", "Department of State"); ASCII text takes the cheaper form.
const PROPER_NAMES = /(?<![\p{L}\p{N}])\p{Lu}[\p{L}’'-]*(?:\s+(?:of\s+)?\p{Lu}[\p{L}’'-]*)*/gu;
const ASCII_PROPER_NAMES = /\b[A-Z][A-Za-z'-]*(?:\s+(?:of\s+)?[A-Z][A-Za-z'-]*)*/g;

// Capitalised words that open sentences rather than name things.
const NOT_TOPICS = new Set(
  `the a an and but or so if when while we i it its this that these those there he she they you our
  my his her their in on at for to of as by with from after before yes no not now then what who
  mr mrs ms dr monday tuesday wednesday thursday friday saturday sunday`.split(/\s+/),
);

/**
 * A one-sentence summary of what an official said, built from their statements: their most
 * important reported statement (or quote, when nothing was reported), and the names and places
 * their other statements were about.
 * @example
 * summariseOfficial("Ahn Gyu-back", "Defence Minister", statements)
 * // "Defence Minister Ahn Gyu-back warned of a growing security instability surrounding the
 * //  Korean Peninsula, and also spoke about North Korea and Russia."
 */
export function summariseOfficial(
  name: string,
  title: string | null,
  statements: readonly SummaryInput[],
): string {
  const label = labelOf(name, title);
  // Reported speech reads as a summary; a quote is shown anyway, so it leads only when alone.
  const lead = statements.find((s) => s.kind !== "direct") ?? statements[0];
  if (!lead) return `${label} was quoted this week.`;
  const clause = leadClause(label, lead);
  const topics = topicsOf(
    statements.filter((s) => s !== lead).slice(0, MAX_TOPIC_STATEMENTS),
    `${clause} ${name} ${title ?? ""}`,
  );
  const tail = topics.length > 0 ? `, and also spoke about ${listOf(topics)}` : "";
  return `${clause.replace(/[\s,;:.!?…]+$/u, "")}${tail}.`;
}

function labelOf(name: string, title: string | null): string {
  if (!title) return name;
  const short = title.split(/\s+/).length <= 4 && !/\b(of|for|at|to|the|a|an)\b/.test(title);
  return short ? `${title.charAt(0).toUpperCase()}${title.slice(1)} ${name}` : `${name}, ${title},`;
}

function leadClause(label: string, lead: SummaryInput): string {
  const words = lead.text.replace(/\s+/g, " ").trim().split(" ");
  const cut =
    words.length > MAX_LEAD_WORDS ? `${words.slice(0, MAX_LEAD_WORDS).join(" ")} …` : words.join(" ");
  if (lead.kind === "direct") {
    const firstSentence = cut.match(/^.+?[.!?](?=\s|$)/u)?.[0] ?? cut;
    return `${label} said: “${firstSentence.replace(/[.!?,;:]+$/u, "")}”`;
  }
  const firstWord = foldCase(words[0] ?? "");
  if (LEAD_VERBS.has(firstWord) && /^\p{Ll}/u.test(words[0] ?? "")) return `${label} ${cut}`;
  const verb =
    lead.cue && LEAD_VERBS.has(foldCase(lead.cue)) && foldCase(lead.cue) !== "told" ? lead.cue : "said";
  return `${label} ${verb} ${cut}`;
}

/** Names of people, places and bodies the statements mention, most often mentioned first. */
function topicsOf(statements: readonly SummaryInput[], already: string): string[] {
  const seen = foldCase(already);
  const own = new Set(nameTokens(already));
  const counts = new Map<string, { topic: string; n: number; first: number }>();
  statements.forEach((s, order) => {
    const found = new Set<string>();
    for (const match of s.text.matchAll(/[\u0080-\uffff]/.test(s.text) ? PROPER_NAMES : ASCII_PROPER_NAMES)) {
      if (opensSentence(s.text, match.index) && !/\s/.test(match[0])) continue;
      const topic = withArticle(s.text, match.index, trimTopic(match[0]));
      const key = foldCase(topic);
      if (!topic || found.has(key) || seen.includes(key) || nameTokens(topic).every((t) => own.has(t)))
        continue;
      found.add(key);
      const entry = counts.get(key) ?? { topic, n: 0, first: order };
      entry.n++;
      counts.set(key, entry);
    }
  });
  return [...counts.values()]
    .sort((a, b) => b.n - a.n || a.first - b.first)
    .slice(0, MAX_TOPICS)
    .map((e) => e.topic);
}

/** A lone capitalised word that opens a sentence ("Deterrence is …") is not a name. */
function opensSentence(text: string, index: number): boolean {
  return /(^|[.!?:;]["”’]?\s+|["“‘]\s*)$/u.test(text.slice(Math.max(0, index - 4), index));
}

/** "the United States", "the North": keeps the article the statement used. */
function withArticle(text: string, index: number, topic: string): string {
  return topic && /\bthe\s+$/i.test(text.slice(Math.max(0, index - 4), index)) ? `the ${topic}` : topic;
}

function trimTopic(phrase: string): string {
  const words = phrase.replace(/[’']s$/u, "").split(/\s+/);
  while (words.length > 0 && NOT_TOPICS.has(foldCase(words[0] ?? ""))) words.shift();
  return words.join(" ");
}

function listOf(items: readonly string[]): string {
  if (items.length < 2) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
