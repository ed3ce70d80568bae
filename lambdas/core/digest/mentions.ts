/**
 * What the window's articles call a person where they name them: the role written before the
 * name ("Senate Minority Leader Dana Ruiz", "Okafor campaign manager Sam Brennick"), the
 * appositive after it ("Lena Brandt, a political science professor at …"), and the full name a
 * bare surname stands for. The extractor gives a role only where a statement names its speaker;
 * an editor reads the whole article.
 */
import type { Article } from "../types.ts";
import { foldCase } from "./names.ts";
import { cleanRolePhrase, isRoleHead, RACE_STANDINGS, ROLE_MODIFIERS, readRole } from "./roles.ts";

/** One role phrase an article gives the person. */
export interface RoleMention {
  phrase: string;
  article: string;
}

export interface PersonMentions {
  roles: RoleMention[];
  /** Full names the articles write for the person ("Dana Ruiz" for a bare "Ruiz"). */
  fullNames: string[];
}

/** Characters of an article read before a name for its role, and after it for an appositive. */
const BEFORE = 120;
const AFTER = 160;
const MAX_ROLE_WORDS = 9;
const MAX_HITS_PER_ARTICLE = 8;
const MAX_APPOSITIVE_WORDS = 14;

// Abbreviations that end in a period without ending a sentence: "Sen.", "U.S.", "J.".
const ABBREVIATION =
  /^(?:(?:\p{Lu}\.)+|(?:Sen|Rep|Reps|Gov|Govs|Lt|Gen|Col|Sgt|Adm|Capt|Maj|Amb|Atty|Supt|Cmdr|Dr|Mr|Mrs|Ms|Prof|Rev|St|Jr|Sr|Hon|No)\.)$/u;
const HONORIFIC = /^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Rev|Hon)\.?$/;
// Capitalised words that open a clause rather than a role: "When Sen. Ruiz", "But President Reyes".
const CLAUSE_OPENERS = new Set(
  `when but and or so if while as after before since then meanwhile also even only now yet still that
  this these those both unlike like including among asked told said says with without from by for to
  at in on of the a an his her their its our my your another other new former one two three some many
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july
  august september october november december today tonight yesterday earlier later last next
  according because although though however whether where who whom whose which what why how here there
  ap reuters`.split(/\s+/),
);

/**
 * The roles and full names the given articles write for a person, found by their surname.
 * A mention with a different given name is somebody else ("Bill Okafor" is not "Helen
 * Okafor"), and a bare surname counts only in an article where no other given name goes with it.
 * @example
 * mentionsOf({ surname: "Ruiz", given: null }, [article]).roles // [{ phrase: "Senate Minority Leader", ... }]
 */
export function mentionsOf(
  person: { surname: string; given: readonly string[] },
  articles: readonly Article[],
  reader: MentionReader = new MentionReader(),
): PersonMentions {
  const roles: RoleMention[] = [];
  const fullNames: string[] = [];
  if (!/^\p{Lu}/u.test(person.surname) || person.surname.length < 2) return { roles, fullNames };
  const given = person.given.filter((w) => !isInitial(w)).map(foldCase);
  for (const article of articles) {
    const body = article.body;
    const hits: { start: number; end: number; names: string[] }[] = [];
    const givenHere = new Set<string>();
    for (const start of occurrences(body, person.surname)) {
      const names = reader.givenNamesBefore(body, start);
      hits.push({ start, end: start + person.surname.length, names });
      const own = names.filter((w) => !isInitial(w)).map(foldCase);
      if (own.length > 0) givenHere.add(own.join(" "));
    }
    // A bare surname with two given names in one article could be either person: none of them.
    if (given.length === 0 && givenHere.size > 1) continue;
    const othersHere = [...givenHere].some((g) => !sameGiven(g.split(" "), given));
    let read = 0;
    // A headline in the body's first line is written in title case: its words are no roles.
    const headlineEnd =
      article.title && body.startsWith(article.title.slice(0, 20)) ? body.indexOf("\n") : -1;
    for (const hit of hits) {
      if (hit.start < headlineEnd) continue;
      // The first mentions say what the article calls the person; later ones mostly repeat it.
      if (read >= MAX_HITS_PER_ARTICLE) break;
      const own = hit.names.filter((w) => !isInitial(w)).map(foldCase);
      const mine = own.length > 0 ? sameGiven(own, given) : !othersHere;
      if (!mine) continue;
      read++;
      if (own.length > 0) fullNames.push([...hit.names, person.surname].join(" "));
      const nameStart = hit.start - hit.names.reduce((n, w) => n + w.length + 1, 0);
      const before = reader.roleBefore(body, nameStart);
      if (before) roles.push({ phrase: before, article: article.id });
      const after = reader.appositiveAfter(body, hit.end);
      if (after) roles.push({ phrase: after, article: article.id });
    }
  }
  return { roles, fullNames };
}

/** How many of a name's mentions elsewhere in the window are read for a role: enough to find one. */
const MAX_WINDOW_MENTIONS = 40;
// "Helen Okafor", "Daniel K. Reyes": a given name, perhaps an initial, and a surname.
const FULL_NAMES = /\b[A-Z][a-z]+(?: [A-Z]\.)? [A-Z][A-Za-z'’-]+/g;

/**
 * Full names written anywhere in the window's articles, indexed once: what the week's other
 * articles call a person they do not quote ("Democratic presidential nominee Helen Okafor"
 * in a story quoting only Corbett). Built on first use, in one pass over each article.
 */
export class WindowNames {
  private index: Map<string, { article: Article; start: number; end: number }[]> | null = null;
  private readonly wanted: Set<string>;
  /** `wanted`: the "given surname" keys that will be asked for; nothing else is kept. */
  constructor(
    private readonly articles: readonly Article[],
    wanted: readonly string[],
    private readonly read: MentionReader = new MentionReader(),
  ) {
    this.wanted = new Set(wanted);
  }

  /** The roles written before and after "given surname" across the window. */
  rolesOf(given: string, surname: string): RoleMention[] {
    const found = this.lookup().get(`${given} ${surname}`) ?? [];
    const roles: RoleMention[] = [];
    for (const { article, start, end } of found.slice(0, MAX_WINDOW_MENTIONS)) {
      const before = this.read.roleBefore(article.body, start);
      if (before) roles.push({ phrase: before, article: article.id });
      const after = this.read.appositiveAfter(article.body, end);
      if (after) roles.push({ phrase: after, article: article.id });
    }
    return roles;
  }

  private lookup() {
    if (this.index) return this.index;
    const index = new Map<string, { article: Article; start: number; end: number }[]>();
    this.index = index;
    if (this.wanted.size === 0) return index;
    // An article carried twice (a wire story in two outlets) is read once.
    const byBody = new Map<string, { key: string; start: number; end: number }[]>();
    for (const article of this.articles) {
      let names = byBody.get(article.body);
      if (!names) {
        names = this.wantedNamesIn(article.body);
        byBody.set(article.body, names);
      }
      for (const { key, start, end } of names) {
        const list = index.get(key);
        const at = { article, start, end };
        if (!list) index.set(key, [at]);
        else if (list.length < MAX_WINDOW_MENTIONS) list.push(at);
      }
    }
    return index;
  }

  /** The wanted full names a body writes, in order, by their "given surname" key. */
  private wantedNamesIn(body: string): { key: string; start: number; end: number }[] {
    const names: { key: string; start: number; end: number }[] = [];
    for (const m of body.matchAll(FULL_NAMES)) {
      const text = m[0];
      const key = `${text.slice(0, text.indexOf(" "))}${text.slice(text.lastIndexOf(" "))}`;
      if (this.wanted.has(key)) names.push({ key, start: m.index, end: m.index + text.length });
    }
    return names;
  }
}

/**
 * Reads what is written around names, remembering each text it has read: people sharing a
 * surname are looked for in the same articles, and an article carried twice (a wire story in
 * two outlets) says the same around every name. One per composition, so nothing outlives it.
 */
export class MentionReader {
  private readonly given = new Map<string, Map<number, string[]>>();
  private readonly before = new Map<string, Map<number, string | null>>();
  private readonly after = new Map<string, Map<number, string | null>>();

  /** Given names written right before `at` in `body`. */
  givenNamesBefore(body: string, at: number): string[] {
    return remembered(this.given, body, at, () => givenNamesBefore(body.slice(Math.max(0, at - 60), at)));
  }

  /** The role phrase that ends right before `at` in `body`. */
  roleBefore(body: string, at: number): string | null {
    return remembered(this.before, body, at, () => roleBefore(body.slice(Math.max(0, at - BEFORE), at)));
  }

  /** The appositive that starts at `at` in `body`. */
  appositiveAfter(body: string, at: number): string | null {
    return remembered(this.after, body, at, () => appositiveAfter(body.slice(at, at + AFTER)));
  }
}

// Keyed by the body, then the place in it: a body is one string however many articles carry it.
function remembered<T>(seen: Map<string, Map<number, T>>, body: string, at: number, read: () => T): T {
  let inBody = seen.get(body);
  if (!inBody) {
    inBody = new Map();
    seen.set(body, inBody);
  }
  const known = inBody.get(at);
  if (known !== undefined || inBody.has(at)) return known as T;
  const value = read();
  inBody.set(at, value);
  return value;
}

/** Given names and initials written right before a surname: "Helen Adaeze" in "Helen Adaeze Okafor". */
function givenNamesBefore(text: string): string[] {
  const words = text.split(/\s/);
  // The word right before the surname is "" when a space separates them.
  if (words.at(-1) !== "") return [];
  words.pop();
  const names: string[] = [];
  for (let i = words.length - 1; i >= 0 && names.length < 3; i--) {
    const w = words[i] ?? "";
    if (!/^\p{Lu}[\p{L}'’-]*\.?$/u.test(w) || isRoleHead(w) || HONORIFIC.test(w)) break;
    if (/\.$/.test(w) && !isInitial(w)) break;
    if (CLAUSE_OPENERS.has(foldCase(w)) || ROLE_MODIFIERS.has(foldCase(w)) || isPlaceWord(w)) break;
    names.unshift(w);
  }
  return names;
}

function isInitial(word: string): boolean {
  return /^\p{Lu}\.?$/u.test(word) || /^(?:\p{Lu}\.){2,}$/u.test(word);
}

/**
 * Whether two sets of given names can be one person's: one within the other ("Maria Lopez"
 * and "Lopez", "Helen Adaeze" and "Helen"; "Joe" within "Joseph"). "Bill" is not
 * "Helen": a different given name is another person.
 */
function sameGiven(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.every((x) =>
    long.some((y) => x === y || (x.length >= 3 && y.startsWith(x)) || (y.length >= 3 && x.startsWith(y))),
  );
}

// Words that, before a capitalised word, make a place or a body rather than a person's given name.
function isPlaceWord(word: string): boolean {
  return /^(New|North|South|East|West|United|Saint|San|Santa|Los|Las|Fort|Mount|Lake|Port|Great|Upper|Lower|Central)$/.test(
    word,
  );
}

/** The role phrase that ends right before a name: "presumptive Republican presidential nominee". */
function roleBefore(before: string): string | null {
  // A role never runs across a line break: the line before is a headline or another paragraph.
  const text = before.slice(before.lastIndexOf("\n") + 1);
  const trimmed = text.replace(/\s+$/u, "");
  if (trimmed.length === text.length && text.length > 0) return null;
  // "the secretary of the Treasury, Paul T. Brennick": a role set off by a comma, led by "the" or
  // a possessive.
  const comma = trimmed.endsWith(",");
  const words = (comma ? trimmed.slice(0, -1) : trimmed).split(/\s+/);
  const taken: string[] = [];
  for (let i = words.length - 1; i >= 0 && taken.length < MAX_ROLE_WORDS; i--) {
    const w = words[i] ?? "";
    if (!w) break;
    const bare = w.replace(/^[("“‘]+/u, "");
    const ends = /[,;:!?"”)—–]$/u.test(bare) || (/\.$/.test(bare) && !ABBREVIATION.test(bare));
    // "In 2019 President Reyes …": a year is when, not part of the role.
    if (ends || /^(1[89]|20)\d\d$/.test(bare)) break;
    const lower = foldCase(bare.replace(/['’]s?$/u, ""));
    const capital = /^\p{Lu}/u.test(bare) || /^\$?\d/.test(bare);
    const possessive = /\p{L}['’]s?$/u.test(bare);
    const connector = /^(of|the|and|&|for)$/.test(lower);
    // "Republican poll leader": what the leader leads belongs to the role, as "front-runner" does.
    const led = RACE_STANDINGS.has(lower) && foldCase(taken[0] ?? "") === "leader";
    if (
      !(
        capital ||
        possessive ||
        connector ||
        led ||
        ROLE_MODIFIERS.has(lower) ||
        isRoleHead(lower) ||
        /-/.test(lower)
      )
    )
      break;
    taken.unshift(bare);
    if (bare !== w) break;
  }
  if (comma) {
    // Only "the …," or "China's …," introduce a name; a list ("Corbett, Ruiz, Okafor") does not.
    const lead = taken.findIndex((w) => /^the$/i.test(w) || /\p{L}['’]s?$/u.test(w));
    if (lead < 0) return null;
    taken.splice(0, /^the$/i.test(taken[lead] ?? "") ? lead + 1 : lead);
  }
  while (taken.length > 0 && HONORIFIC.test(taken.at(-1) ?? "")) taken.pop();
  // "supporters of Okafor", "an adviser to Reyes": a relation to the name, no role of it.
  if (/^(?:of|for|to|and|&|the|with|by)$/i.test(taken.at(-1) ?? "")) return null;
  if (taken.length === 0) return null;
  const phrase = cleanRolePhrase(taken.join(" "));
  return phrase && readRole(phrase) ? phrase : null;
}

/** "Lena Brandt, a political science professor at …," → "political science professor at …". */
function appositiveAfter(text: string): string | null {
  const m = /^,\s+(?:(?:the|a|an|who is|who was|now)\s+)?/iu.exec(text);
  if (!m) return null;
  const rest = text.slice(m[0].length);
  // "Ana Cole and Ben Ortiz, and Gov. Sam Park": what follows a conjunction is the next person's.
  if (/^(?:and|or|but|nor|&)\s/iu.test(rest)) return null;
  const end = rest.search(
    /[,;:()"“”\n—–]|\.(?=\s+\p{Lu}|\s*$)|\s(?:said|says|told|tells|added|wrote|who|which|and\s+\p{Lu}\p{Ll}+\s\p{Lu})\b/u,
  );
  const phrase = (end >= 0 ? rest.slice(0, end) : rest).trim();
  if (!phrase || /^\p{Ll}+ly\b/u.test(phrase) || /^\d/.test(phrase)) return null;
  const words = phrase.split(/\s+/);
  if (words.length > MAX_APPOSITIVE_WORDS) return null;
  // The role word must come early: "a senator from Ohio", not "a city where the mayor …".
  const head = words.findIndex((w) => isRoleHead(w.replace(/[.'’]s?$/u, "")));
  if (head < 0 || head > 6) return null;
  if (words.slice(0, head).some((w) => /^(where|when|whose|whom|while|because|if|is|was|has|had)$/i.test(w)))
    return null;
  const clean = cleanRolePhrase(phrase);
  return clean && readRole(clean) ? clean : null;
}

/** "Sen." reads as "senator" for the lexicon; the phrase shown keeps the article's spelling. */
export function expandAbbreviations(phrase: string): string {
  return phrase
    .replace(/\bSen\./g, "Senator")
    .replace(/\bRep\./g, "Representative")
    .replace(/\bGov\./g, "Governor")
    .replace(/\bLt\./g, "Lieutenant")
    .replace(/\bGen\./g, "General")
    .replace(/\bAmb\./g, "Ambassador")
    .replace(/\bAtty\./g, "Attorney");
}

const WORD_CHAR = /[\p{L}\p{N}'’-]/u;

/** Where a word stands on its own in a text: plain string search, which is fast, then its edges checked. */
function* occurrences(text: string, word: string): Generator<number> {
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) {
    const before = text[i - 1];
    const after = text[i + word.length];
    if (before && WORD_CHAR.test(before)) continue;
    if (after && after !== "'" && after !== "’" && WORD_CHAR.test(after)) continue;
    yield i;
  }
}
