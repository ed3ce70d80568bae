/**
 * Comparing how articles name people and their roles: "Defence Minister Ahn Gyu-back",
 * "Ahn Gyu-back" and "Defense Minister Ahn" are one person; "Daniel Reyes" and "Maria Reyes" are
 * two. Pure string work, shared by official resolution and the summary.
 */

// Honorifics and name suffixes say nothing about which person is meant: "Mr. Reyes", "Walter J. Corbett Jr.".
const HONORIFICS = new Set(
  "mr mrs ms miss mx dr prof sir dame rev sen rep gov gen lt col maj capt adm sgt amb hon".split(" "),
);
const SUFFIXES = new Set("jr sr ii iii iv".split(" "));

/** British and American spellings of words found in titles, to the one form compared. */
const SPELLING_VARIANTS: ReadonlyMap<string, string> = new Map([
  ["defense", "defence"],
  ["organization", "organisation"],
  ["labor", "labour"],
  ["center", "centre"],
  ["councilor", "councillor"],
]);

/** Words in a title that carry no role: "Minister of Defence" is "Defence Minister". */
const TITLE_FILLERS = new Set("the a an of for and on to in at 's".split(" "));

/** Words that change who holds a role: a "former minister" is not the minister. */
const TITLE_QUALIFIERS = new Set("former ex acting outgoing interim then late deputy vice".split(" "));

/** Lower case, accents folded: "Pérez" and "Perez" compare equal. */
export function foldCase(text: string): string {
  // Most text is plain ASCII, which has no accents to fold: skip the costly normalisation.
  if (!/[\u0080-\uffff]/.test(text)) return text.toLowerCase();
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

/**
 * The tokens that identify a person in a name, honorifics, suffixes and initials dropped.
 * @example
 * nameTokens("Mr. Walter J. Corbett Jr.") // ["walter", "corbett"]
 */
export function nameTokens(name: string): string[] {
  return foldCase(name)
    .split(/[\s,]+/)
    .map((t) => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter((t) => t.length > 1 && !HONORIFICS.has(t) && !SUFFIXES.has(t));
}

/**
 * A speaker's name without a title the article put in front of it: the extractor should give
 * "Ahn", but a source may give "Defense Minister Ahn".
 * @example
 * stripTitle("Defense Minister Ahn", "Defense Minister") // "Ahn"
 */
export function stripTitle(speaker: string, title: string | null): string {
  const trimmed = speaker.trim();
  if (!title) return trimmed;
  const prefix = title.trim();
  if (foldCase(trimmed).startsWith(`${foldCase(prefix)} `)) return trimmed.slice(prefix.length).trim();
  return trimmed;
}

/** Words that, leading a name, are a role: "Councilwoman Maria Reyes", "Defense Minister Ahn". */
const ROLE_WORDS = new Set(
  `president minister secretary senator representative congressman congresswoman governor mayor
  councilman councilwoman councillor councilor alderman judge justice chancellor ambassador general
  admiral colonel spokesman spokeswoman spokesperson director chairman chairwoman commissioner sheriff
  premier chief envoy leader king queen prince princess pope candidate nominee treasurer
  secretary-treasurer`.split(/\s+/),
);

/** Words of a role cut off before a name ("Government Affairs Nora Ostrander"), never names themselves. */
const LEADING_ROLE_PARTS = new Set("government affairs political communications public relations".split(" "));

/**
 * Splits a role the article put in front of a name off it, when the extractor left it there.
 * The role ends at its last role word, so "Defense Minister Ahn" gives "Defense Minister".
 * @example
 * splitLeadingRole("Councilwoman Maria Reyes") // { name: "Maria Reyes", role: "Councilwoman" }
 */
export function splitLeadingRole(name: string): { name: string; role: string | null } {
  const words = name.trim().split(/\s+/);
  let end = 0;
  // Only capitalised words can be part of a role written before a name; "Secretary-Treasurer"
  // is a role by its parts; "Government Affairs" before a full name is the end of one.
  for (let i = 0; i < words.length - 1 && /^\p{Lu}/u.test(words[i] ?? ""); i++) {
    const word = foldCase(words[i] ?? "").replace(/[.,]$/, "");
    if (ROLE_WORDS.has(word) || word.split("-").every((p) => ROLE_WORDS.has(p))) end = i + 1;
    else if (LEADING_ROLE_PARTS.has(word) && words.length - i > 2 && end === i) end = i + 1;
  }
  if (end === 0) return { name: name.trim(), role: null };
  return { name: words.slice(end).join(" "), role: words.slice(0, end).join(" ") };
}

/** A title's role words as a set, spelling unified: "Minister of Defense" → {minister, defence}. */
export function titleTokens(title: string): ReadonlySet<string> {
  // Titles recur all week and every two are compared when choosing one: each is read once.
  const known = titleTokenCache.get(title);
  if (known) return known;
  if (titleTokenCache.size >= MAX_REMEMBERED_TITLES) titleTokenCache.clear();
  const tokens = readTitleTokens(title);
  titleTokenCache.set(title, tokens);
  return tokens;
}

const titleTokenCache = new Map<string, ReadonlySet<string>>();
const MAX_REMEMBERED_TITLES = 20_000;

function readTitleTokens(title: string): ReadonlySet<string> {
  const words = foldCase(title)
    .replace(/['’]s\b/g, " 's")
    .split(/[^\p{L}\p{N}']+/u)
    .filter((w) => w.length > 0 && !TITLE_FILLERS.has(w))
    .map((w) => SPELLING_VARIANTS.get(w) ?? w);
  return new Set(words);
}

/** The key two titles with the same role words share, whatever their order or spelling. */
export function titleKey(title: string): string {
  return [...titleTokens(title)].sort().join(" ");
}

/**
 * Whether two titles can describe the same person: one's role words within the other's
 * ("Minister" and "Defence Minister"), with qualifiers like "former" agreeing.
 * @example
 * titlesCompatible("Defense Minister", "Defence Minister") // true
 * titlesCompatible("Mayor", "Councilwoman") // false
 */
export function titlesCompatible(a: string, b: string): boolean {
  const ta = titleTokens(a);
  const tb = titleTokens(b);
  if (!sameQualifiers(ta, tb)) return false;
  return isSubset(ta, tb) || isSubset(tb, ta);
}

/** Whether `narrow` can stand for `broad`: its role words are among broad's, qualifiers the same. */
export function titleCovers(broad: string, narrow: string): boolean {
  const tb = titleTokens(broad);
  const tn = titleTokens(narrow);
  return sameQualifiers(tb, tn) && isSubset(tn, tb);
}

function sameQualifiers(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const q of TITLE_QUALIFIERS) if (a.has(q) !== b.has(q)) return false;
  return true;
}

function isSubset<T>(small: ReadonlySet<T>, big: ReadonlySet<T>): boolean {
  for (const x of small) if (!big.has(x)) return false;
  return true;
}
