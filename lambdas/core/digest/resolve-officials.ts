import type { Article, SourceType } from "../types.ts";
import { isGivenName, sameGivenName } from "./given-names.ts";
import { MentionReader, mentionsOf, type RoleMention, WindowNames } from "./mentions.ts";
import { foldCase, nameTokens, splitLeadingRole, stripTitle, titlesCompatible } from "./names.ts";
import { cleanRolePhrase, isCandidacy, isCurrentPublicRole, readRole } from "./roles.ts";
import type { SourcedStatement } from "./window.ts";

/** Statements resolved to one person across articles. */
export interface PersonGroup {
  /** The person's name as each statement gave it (title stripped), for choosing how to show it. */
  names: string[];
  /** The title each statement gave, or the role written before the name, or null. */
  titles: (string | null)[];
  items: SourcedStatement[];
  /** Every role phrase the window's articles give the person, once per article and phrase. */
  roles?: RoleMention[];
  /** Whether their articles write their full name outside a headline. */
  namedInBody?: boolean;
}

/** Statements of one source that is not an official: an agency, a poll, an unnamed source. */
export interface OtherGroup {
  name: string;
  sourceType: SourceType;
  items: SourcedStatement[];
  /** No article credits the words to anyone, named or unnamed: listed as "Unattributed". */
  unattributed?: true;
}

export interface Resolution {
  officials: PersonGroup[];
  /** People quoted who speak for no office or institution: experts, commentators, voters. */
  alsoQuoted: PersonGroup[];
  others: OtherGroup[];
}

interface Cluster {
  key: string;
  tokens: string[];
  tokenSet: Set<string>;
  /** "jr" for "Walter Corbett Jr.": a son may speak beside his father. */
  suffix: string | null;
  group: PersonGroup;
}

interface PersonItem {
  item: SourcedStatement;
  name: string;
  title: string | null;
  tokens: string[];
  suffix: string | null;
  key: string;
}

/**
 * Decides who said what across articles. Full names that agree ("Ahn Gyu-back", "Gyu-back Ahn",
 * "Helen Okafor" within "Helen Adaeze Okafor") are one person; a lone surname or given name
 * ("Ahn") joins the one person it can mean, judged by title and article, and stays apart when it
 * could mean two ("Reyes" with a Mayor Daniel and a Councilwoman Maria Reyes). Only named
 * `person` sources can be officials; people quoted in a private role join the others. `window`:
 * the week's articles, where what people are called is read (by default those of `items`).
 * @example
 * resolveOfficials(items) // { officials: [{ names: ["Ahn Gyu-back", "Ahn"], items }], others: [...] }
 */
export function resolveOfficials(
  items: readonly SourcedStatement[],
  window: readonly Article[] = [...new Map(items.map((i) => [i.article.id, i.article])).values()],
): Resolution {
  const people: PersonItem[] = [];
  const others = new Map<string, OtherGroup>();
  const readName = memoisedNameReader();
  for (const item of items) {
    const { speaker, title, sourceType } = item.statement;
    const read = speaker && sourceType === "person" ? readName(speaker, title) : null;
    if (read) people.push({ item, ...read });
    else addOther(others, otherName(item), sourceType, item);
  }
  const clusters = clusterFullNames(people.filter((p) => p.tokens.length > 1));
  const byEdgeToken = indexByEdgeTokens(clusters);
  for (const person of people.filter((p) => p.tokens.length === 1)) {
    addTo(pickCluster(person, byEdgeToken) ?? ensureCluster(clusters, person.tokens, person.key), person);
  }
  const officials: PersonGroup[] = [];
  const alsoQuoted: PersonGroup[] = [];
  const read = new MentionReader();
  const groups = joinBareSurnames(
    [...clusters.values()].map((c) => ({ cluster: c, group: withRoles(c, read) })),
  );
  // Those whose own articles give no office: what the week's other articles call them, in one pass.
  const unplaced = groups.filter((g) => !g.roles?.some((r) => isCurrentPublicRole(r.phrase)));
  const wanted = new Map<PersonGroup, string[]>();
  for (const group of unplaced) {
    const full = chooseLongest(group.names)
      .split(/\s+/)
      .filter((w) => !SUFFIX.test(w.replace(/,$/, "")));
    if (full.length > 1) wanted.set(group, [full[0] ?? "", full.at(-1) ?? ""]);
  }
  const windowNames = new WindowNames(
    window,
    [...wanted.values()].map(([given, surname]) => `${given} ${surname}`),
    read,
  );
  for (const [group, [given, surname]] of wanted) {
    const seen = new Set<string>();
    for (const r of windowNames.rolesOf(given ?? "", surname ?? ""))
      addRole(group, r.phrase, r.article, seen);
  }
  for (const group of groups) {
    const standing = standingOf(group);
    if (standing === "official") officials.push(group);
    else if (standing === "person") alsoQuoted.push(group);
    else for (const item of group.items) addOther(others, chooseLongest(group.names), "unknown", item);
  }
  return { officials, alsoQuoted, others: [...others.values()] };
}

const SUFFIX = /^(jr|sr|ii|iii|iv)\.?$/i;

/**
 * A bare surname no statement could settle ("Corbett" where Nina Corbett speaks too) joins the one
 * person whose full name its own articles write ("Walter J. Corbett"): one identity, not two.
 */
function joinBareSurnames(placed: { cluster: Cluster; group: PersonGroup }[]): PersonGroup[] {
  const named = placed.filter((p) => p.cluster.tokens.length > 1);
  const joined = new Set<PersonGroup>();
  for (const { cluster, group } of placed) {
    if (cluster.tokens.length > 1) continue;
    const full = group.names.map(nameTokens).filter((t) => t.length > 1);
    if (full.length === 0) continue;
    const fits = named.filter(({ cluster: o }) =>
      full.every((t) => t.at(-1) === o.tokens.at(-1) && sameGivenName(t[0] ?? "", o.tokens[0] ?? "")),
    );
    const target = fits[0]?.group;
    if (fits.length !== 1 || !target) continue;
    target.names.push(...group.names);
    target.titles.push(...group.titles);
    target.items.push(...group.items);
    target.roles = [...(target.roles ?? []), ...(group.roles ?? [])];
    target.namedInBody ||= group.namedInBody;
    joined.add(group);
  }
  return placed.map((p) => p.group).filter((g) => !joined.has(g));
}

/**
 * The person's roles as the window gives them: every role phrase of their statements, and what
 * their articles write before and after their name; and the full name a bare surname stands for.
 */
function withRoles(cluster: Cluster, read: MentionReader): PersonGroup {
  const group = cluster.group;
  const longest = chooseLongest(group.names);
  const words = longest.split(/\s+/).filter((w) => !SUFFIX.test(w.replace(/,$/, "")));
  const surname = (words.at(-1) ?? "").replace(/[,.]$/, "");
  const given = words.slice(0, -1);
  const articles = new Map<string, Article>();
  for (const item of group.items) {
    // Enough articles to tell what the week calls the person; the rest would say it again.
    if (articles.size >= MAX_ROLE_ARTICLES) break;
    articles.set(item.article.id, item.article);
  }
  const found = mentionsOf({ surname, given }, [...articles.values()], read);
  // Named in full outside a headline: the whole name, not a part of it ("Helen Okafor Endorses Dana Ruiz").
  const own = nameTokens(longest);
  const namedInBody = found.fullNames.some((f) => {
    const written = new Set(nameTokens(f));
    return own.every((t) => written.has(t));
  });
  const placed: PersonGroup = { ...group, roles: [], namedInBody };
  const seen = new Set<string>();
  // A person's statements in one article mostly repeat its phrases: each is cleaned once there.
  const phrasesIn = new Map<string, Set<string>>();
  const addOnce = (phrase: string | null | undefined, article: string) => {
    if (!phrase) return;
    let here = phrasesIn.get(article);
    if (!here) {
      here = new Set();
      phrasesIn.set(article, here);
    }
    if (here.has(phrase)) return;
    here.add(phrase);
    addRole(placed, phrase, article, seen);
  };
  group.items.forEach((item, i) => {
    for (const t of item.statement.titles ?? []) addOnce(t, item.article.id);
    addOnce(group.titles[i], item.article.id);
  });
  for (const r of found.roles) addRole(placed, r.phrase, r.article, seen);
  // A bare surname takes the full name its articles write, when they write one.
  if (words.length === 1 && found.fullNames.length > 0) group.names.push(...found.fullNames);
  // "Ana PeÃ": a name cut at bytes of UTF-8 read as Latin-1; its articles have it whole.
  if (/[\u00c2-\u00c3]/.test(longest.normalize("NFC"))) {
    const repaired = repairedName(longest, [...articles.values()]);
    if (repaired)
      placed.names = group.names.map((n) => (/[\u00c2-\u00c3]/.test(n.normalize("NFC")) ? repaired : n));
  }
  return placed;
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The name as written in the articles, its mojibake undone: "Ana PeÃ" is "Ana PeÃ±a Ortiz"
 * in the text, which is "Ana Peña Ortiz" decoded right. Null when nothing fits.
 */
function repairedName(name: string, articles: readonly Article[]): string | null {
  // Mojibake may have been normalised too: "Ã" written as "A" and a combining tilde.
  const wanted = name.normalize("NFC");
  for (const { body } of articles) {
    const text = body.normalize("NFC");
    const at = text.indexOf(wanted);
    if (at < 0) continue;
    const rest = /^[\u0080-\u00bf]+[\p{L}\u0080-\u00bf]*(?:\s\p{Lu}[\p{L}\u0080-\u00bf'-]+)*/u.exec(
      text.slice(at + wanted.length, at + wanted.length + 60),
    );
    const written = `${wanted}${rest?.[0] ?? ""}`;
    // Only a name wholly in Latin-1 can be UTF-8 bytes read one by one.
    if ([...written].some((c) => c.charCodeAt(0) > 0xff)) continue;
    try {
      return UTF8.decode(Uint8Array.from(written, (c) => c.charCodeAt(0)));
    } catch {
      // Not UTF-8 read as Latin-1 after all: leave the name as it is.
    }
  }
  return null;
}

/** Articles of a person read for their roles, at most. */
const MAX_ROLE_ARTICLES = 24;

/** Adds a role phrase once per article, as an editor would print it; nothing that is no role. */
function addRole(
  group: PersonGroup,
  phrase: string | null | undefined,
  article: string,
  seen: Set<string>,
): void {
  const clean = phrase ? cleanRolePhrase(phrase) : null;
  if (!clean) return;
  const key = `${article}\u0000${foldCase(clean)}`;
  if (seen.has(key)) return;
  seen.add(key);
  if (group.roles) group.roles.push({ phrase: clean, article });
  else group.roles = [{ phrase: clean, article }];
}

/**
 * What the window makes of a person: an official when the roles it gives them are public roles
 * held now (a candidate, a senator, a campaign's spokesman), more often than roles of a private
 * person (an analyst, a voter) or past ones ("former governor"); a person also quoted otherwise;
 * and no person at all when nothing but a lone word names them and no role goes with it.
 */
function standingOf(group: PersonGroup): "official" | "person" | "none" {
  let current = 0;
  let private_ = 0;
  let past = 0;
  let running = false;
  const roles = group.roles ?? [];
  for (const { phrase, article } of roles) {
    // "senior strategist" beside "senior strategist for Corbett" in one article is that one role, cut.
    const cut = `${foldCase(phrase)} `;
    if (roles.some((r) => r.article === article && foldCase(r.phrase).startsWith(cut))) continue;
    const role = readRole(phrase);
    if (!role || role.kind === "staff") continue;
    if (role.past) past++;
    else if (role.kind === "public") current++;
    else private_++;
    running ||= isCandidacy(phrase);
  }
  // Words only in a headline name nobody ("Bridge Audit Clears Helen: …"), unless the story
  // names the speaker in full ("Ruiz: We Will Finish The Bridge …" over a story about Dana Ruiz).
  if (!group.namedInBody && group.items.every(inHeadline)) return "none";
  const fullName = group.names.some((n) => nameTokens(n).length > 1);
  // A lone surname the articles never complete is somebody unidentified ("Ostrander"), not an official.
  if (fullName && current > private_ && (2 * current > past || running)) return "official";
  if (current + private_ + past > 0) return "person";
  return fullName && !looksLikeNoPerson(chooseLongest(group.names)) ? "person" : "none";
}

/** Whether a statement lies in the article's first line when that line is its headline. */
function inHeadline(item: SourcedStatement): boolean {
  const { article, statement } = item;
  const lineEnd = article.body.indexOf("\n");
  if (lineEnd < 0 || statement.start >= lineEnd || !article.title) return false;
  const first = foldCase(article.body.slice(0, lineEnd)).replace(/[\s.]+$/, "");
  return first.startsWith(
    foldCase(article.title)
      .replace(/[\s.]+$/, "")
      .slice(0, 40),
  );
}

/** Headline words and bodies read as a name: "DEAL IS OFF", "Daily Caller", "Human Rights Watch". */
function looksLikeNoPerson(name: string): boolean {
  if (!/\p{Ll}/u.test(name)) return true;
  return /\b(Journal|Journalism|Caller|Post|Times|News|Watch|Federalist|Party|Committee|Campaign|Institute|Foundation|Association|Council|Union|Media|Network|Press|Magazine|Review|Daily|Weekly|Action|PAC|Group|Center|Centre|Department|Ministry|Agency|Office|Court|Senate|House|Congress|University|College|School|Inc|Corp)\b/.test(
    name,
  );
}

function chooseLongest(names: readonly string[]): string {
  return names.reduce((a, b) => (b.length > a.length ? b : a), "");
}

/** The person a speaker and title name, read once per distinct pair (speakers recur all week). */
function memoisedNameReader() {
  // Keyed by speaker, then title: no key strings built per statement.
  const seen = new Map<string, Map<string | null, Omit<PersonItem, "item"> | null>>();
  return (speaker: string, title: string | null): Omit<PersonItem, "item"> | null => {
    let byTitle = seen.get(speaker);
    if (!byTitle) {
      byTitle = new Map();
      seen.set(speaker, byTitle);
    }
    let read = byTitle.get(title);
    if (read === undefined) {
      const split = splitLeadingRole(stripTitle(speaker, title));
      const tokens = nameTokens(split.name);
      const suffix = suffixOf(split.name);
      read =
        tokens.length > 0
          ? { name: split.name, title: title ?? split.role, tokens, suffix, key: nameKey(tokens, suffix) }
          : null;
      byTitle.set(title, read);
    }
    return read;
  };
}

/** Names with the same tokens in any order are one name: "Ahn Gyu-back", "Gyu-back Ahn". */
function nameKey(tokens: readonly string[], suffix: string | null = null): string {
  const key = [...tokens].sort().join(" ");
  return suffix ? `${key} ${suffix}.` : key;
}

/** "jr" of "Joseph R. Whitfield Jr.", or null. */
function suffixOf(name: string): string | null {
  const last = foldCase(
    name
      .trim()
      .split(/[\s,]+/)
      .at(-1) ?? "",
  ).replace(/\.$/, "");
  return SUFFIX.test(last) ? last : null;
}

function clusterFullNames(people: PersonItem[]): Map<string, Cluster> {
  const clusters = new Map<string, Cluster>();
  for (const person of people)
    addTo(ensureCluster(clusters, person.tokens, person.key, person.suffix), person);
  mergeNameVariants(clusters);
  return clusters;
}

function ensureCluster(
  clusters: Map<string, Cluster>,
  tokens: string[],
  key = nameKey(tokens),
  suffix: string | null = null,
): Cluster {
  let cluster = clusters.get(key);
  if (!cluster) {
    cluster = {
      key,
      tokens,
      tokenSet: new Set(tokens),
      suffix,
      group: { names: [], titles: [], items: [] },
    };
    clusters.set(key, cluster);
  }
  return cluster;
}

/**
 * Names of one person join: "Helen Okafor" the only fuller name it fits ("Helen Adaeze
 * Okafor"), "Joe Whitfield" the one "Joseph R. Whitfield Jr." (a diminutive, an initial, a suffix), and
 * words a headline or a sentence put before a known full name fall away ("Billionaire Walter
 * Corbett" is Walter Corbett). A suffix keeps two people apart where one article quotes both
 * ("Walter Corbett Jr." beside his father). A name that fits two others joins neither.
 */
function mergeNameVariants(clusters: Map<string, Cluster>): void {
  const byLast = new Map<string, Cluster[]>();
  for (const c of clusters.values()) pushTo(byLast, c.tokens.at(-1) ?? "", c);
  // Shorter names first, then the less quoted: each joins the one fuller name it fits.
  const order = [...clusters.values()].sort(
    (a, b) => a.tokens.length - b.tokens.length || a.group.items.length - b.group.items.length,
  );
  for (const c of order) {
    if (clusters.get(c.key) !== c) continue;
    const fits = (byLast.get(c.tokens.at(-1) ?? "") ?? []).filter(
      (o) => o !== c && clusters.get(o.key) === o && isVariantOf(c, o),
    );
    const target = fits[0];
    if (fits.length === 1 && target) mergeCluster(clusters, byLast, c, target);
  }
  // "Billionaire Walter Corbett": a known full name with words before it.
  const full = [...clusters.values()].filter((c) => c.tokens.length >= 2);
  for (const c of order) {
    if (clusters.get(c.key) !== c || c.tokens.length < 3) continue;
    const within = full.filter(
      (o) =>
        o !== c &&
        clusters.get(o.key) === o &&
        o.tokens.length < c.tokens.length &&
        o.tokens.every((t, i) => c.tokens[c.tokens.length - o.tokens.length + i] === t),
    );
    const target = within[0];
    if (within.length === 1 && target) mergeCluster(clusters, byLast, c, target);
  }
}

/** Whether `c` names the person `o` names more fully, or as often under another given name. */
function isVariantOf(c: Cluster, o: Cluster): boolean {
  if (o.tokens.length < c.tokens.length) return false;
  if (o.tokens.length === c.tokens.length && o.group.items.length < c.group.items.length) return false;
  if (!sameGivenName(c.tokens[0] ?? "", o.tokens[0] ?? "")) return false;
  if (!c.tokens.slice(1).every((t) => o.tokenSet.has(t))) return false;
  if (c.suffix === o.suffix) return true;
  if (c.suffix !== null && o.suffix !== null) return false;
  const articles = new Set(o.group.items.map((i) => i.article.id));
  return !c.group.items.some((i) => articles.has(i.article.id));
}

function mergeCluster(
  clusters: Map<string, Cluster>,
  byLast: Map<string, Cluster[]>,
  from: Cluster,
  into: Cluster,
): void {
  into.group.names.push(...from.group.names);
  into.group.titles.push(...from.group.titles);
  into.group.items.push(...from.group.items);
  clusters.delete(from.key);
  const last = from.tokens.at(-1) ?? "";
  byLast.set(
    last,
    (byLast.get(last) ?? []).filter((o) => o !== from),
  );
}

interface Candidate {
  cluster: Cluster;
  /** The distinct titles its full-name statements gave, for matching lone names against. */
  titles: string[];
  articles: Set<string>;
}

/** Full-name people by their first and last name tokens: where a lone "Ahn" or "Reyes" may belong. */
function indexByEdgeTokens(clusters: Map<string, Cluster>): Map<string, Candidate[]> {
  const index = new Map<string, Candidate[]>();
  for (const cluster of clusters.values()) {
    const titles = [...new Set(titlesOf(cluster.group))];
    const candidate = { cluster, titles, articles: new Set(cluster.group.items.map((i) => i.article.id)) };
    const first = cluster.tokens[0] ?? "";
    const last = cluster.tokens.at(-1) ?? "";
    pushTo(index, first, candidate);
    if (last !== first) pushTo(index, last, candidate);
  }
  return index;
}

/** The one full-name person a lone name can mean, or null when none or several fit. */
function pickCluster(person: PersonItem, byEdgeToken: Map<string, Candidate[]>): Cluster | null {
  const title = person.title;
  const token = person.tokens[0] ?? "";
  let candidates = byEdgeToken.get(token) ?? [];
  // "Al" (of "said Al From") is not "Al Franken" of another article: a lone given name stands for a
  // full name it opens only in its own article ("Xi" of "Xi Jinping", a family name, anywhere).
  if (isGivenName(token))
    candidates = candidates.filter(
      (c) => c.cluster.tokens.at(-1) === token || c.articles.has(person.item.article.id),
    );
  if (title) {
    candidates = candidates.filter(
      (c) => c.titles.length === 0 || c.titles.some((t) => titlesCompatible(t, title)),
    );
  }
  if (candidates.length > 1) {
    const sameArticle = candidates.filter((c) => c.articles.has(person.item.article.id));
    if (sameArticle.length > 0) candidates = sameArticle;
  }
  if (candidates.length > 1 && title) {
    const titled = candidates.filter((c) => c.titles.length > 0);
    if (titled.length === 1) candidates = titled;
  }
  return candidates.length === 1 ? (candidates[0]?.cluster ?? null) : null;
}

function titlesOf(group: PersonGroup): string[] {
  return group.titles.filter((t): t is string => t !== null);
}

function addTo(cluster: Cluster, person: PersonItem): void {
  cluster.group.names.push(person.name);
  cluster.group.titles.push(person.title);
  cluster.group.items.push(person.item);
}

const UNATTRIBUTED = "Unattributed";

function otherName(item: SourcedStatement): string {
  const { speaker, title, sourceType } = item.statement;
  const named = (speaker ?? title ?? "").trim();
  if (named) return named.charAt(0).toUpperCase() + named.slice(1);
  return sourceType === "anonymous" ? "Unnamed sources" : UNATTRIBUTED;
}

/** Words an article credits to somebody: a name, a title or an unnamed source. */
function isCredited(item: SourcedStatement): boolean {
  const { speaker, title, sourceType } = item.statement;
  return Boolean((speaker ?? title ?? "").trim()) || sourceType === "anonymous";
}

function addOther(
  others: Map<string, OtherGroup>,
  name: string,
  sourceType: SourceType,
  item: SourcedStatement,
) {
  const key = `${sourceType}\u0000${name.toLowerCase()}`;
  const group: OtherGroup = others.get(key) ?? { name, sourceType, items: [] };
  if (name === UNATTRIBUTED && !isCredited(item)) group.unattributed = true;
  group.items.push(item);
  others.set(key, group);
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
