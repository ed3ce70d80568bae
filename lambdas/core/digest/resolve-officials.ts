import type { SourceType } from "../types.ts";
import { nameTokens, splitLeadingRole, stripTitle, titlesCompatible, titleTokens } from "./names.ts";
import type { SourcedStatement } from "./window.ts";

/** Statements resolved to one person across articles. */
export interface PersonGroup {
  /** The person's name as each statement gave it (title stripped), for choosing how to show it. */
  names: string[];
  /** The title each statement gave, or the role written before the name, or null. */
  titles: (string | null)[];
  items: SourcedStatement[];
}

/** Statements of one source that is not an official: an agency, a poll, an unnamed source. */
export interface OtherGroup {
  name: string;
  sourceType: SourceType;
  items: SourcedStatement[];
}

export interface Resolution {
  officials: PersonGroup[];
  others: OtherGroup[];
}

/** Roles that quote a person without making them an official: "a voter", "a retired teacher". */
const PRIVATE_ROLES = new Set(
  `voter voters resident residents student students supporter supporters protester protesters teacher
  worker workers parent mother father son daughter wife husband owner customer fan attendee retiree
  neighbour neighbor friend shopper passenger patient farmer employee volunteer bystander witness
  commuter homeowner tenant victim survivor relative`.split(/\s+/),
);

interface Cluster {
  tokens: string[];
  tokenSet: Set<string>;
  group: PersonGroup;
}

interface PersonItem {
  item: SourcedStatement;
  name: string;
  title: string | null;
  tokens: string[];
  key: string;
}

/**
 * Decides who said what across articles. Full names that agree ("Ahn Gyu-back", "Gyu-back Ahn",
 * "Hillary Clinton" within "Hillary Rodham Clinton") are one person; a lone surname or given name
 * ("Ahn") joins the one person it can mean, judged by title and article, and stays apart when it
 * could mean two ("Reyes" with a Mayor Daniel and a Councilwoman Maria Reyes). Only named
 * `person` sources can be officials; people quoted in a private role join the others.
 * @example
 * resolveOfficials(items) // { officials: [{ names: ["Ahn Gyu-back", "Ahn"], items }], others: [...] }
 */
export function resolveOfficials(items: readonly SourcedStatement[]): Resolution {
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
  for (const { group } of clusters.values()) {
    if (hasPrivateRoleOnly(group)) addPrivatePerson(others, group);
    else officials.push(group);
  }
  return { officials, others: [...others.values()] };
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
      read =
        tokens.length > 0
          ? { name: split.name, title: title ?? split.role, tokens, key: nameKey(tokens) }
          : null;
      byTitle.set(title, read);
    }
    return read;
  };
}

/** Names with the same tokens in any order are one name: "Ahn Gyu-back", "Gyu-back Ahn". */
function nameKey(tokens: readonly string[]): string {
  return [...tokens].sort().join(" ");
}

function clusterFullNames(people: PersonItem[]): Map<string, Cluster> {
  const clusters = new Map<string, Cluster>();
  for (const person of people) addTo(ensureCluster(clusters, person.tokens, person.key), person);
  mergeNameVariants(clusters);
  return clusters;
}

function ensureCluster(clusters: Map<string, Cluster>, tokens: string[], key = nameKey(tokens)): Cluster {
  let cluster = clusters.get(key);
  if (!cluster) {
    cluster = { tokens, tokenSet: new Set(tokens), group: { names: [], titles: [], items: [] } };
    clusters.set(key, cluster);
  }
  return cluster;
}

/** "Hillary Clinton" joins "Hillary Rodham Clinton" when that is the only longer name it fits. */
function mergeNameVariants(clusters: Map<string, Cluster>): void {
  const byLast = new Map<string, Cluster[]>();
  for (const c of clusters.values()) pushTo(byLast, c.tokens.at(-1) ?? "", c);
  for (const [key, c] of [...clusters].sort((a, b) => a[1].tokens.length - b[1].tokens.length)) {
    const longer = (byLast.get(c.tokens.at(-1) ?? "") ?? []).filter(
      (o) =>
        o !== c &&
        o.tokens.length > c.tokens.length &&
        o.tokens[0] === c.tokens[0] &&
        c.tokens.every((t) => o.tokenSet.has(t)),
    );
    const target = longer[0];
    if (longer.length !== 1 || !target) continue;
    target.group.names.push(...c.group.names);
    target.group.titles.push(...c.group.titles);
    target.group.items.push(...c.group.items);
    clusters.delete(key);
    byLast.set(
      c.tokens.at(-1) ?? "",
      (byLast.get(c.tokens.at(-1) ?? "") ?? []).filter((o) => o !== c),
    );
  }
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
  let candidates = byEdgeToken.get(person.tokens[0] ?? "") ?? [];
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

function hasPrivateRoleOnly(group: PersonGroup): boolean {
  const titles = new Set(titlesOf(group));
  return titles.size > 0 && [...titles].every((t) => [...titleTokens(t)].some((w) => PRIVATE_ROLES.has(w)));
}

function addPrivatePerson(others: Map<string, OtherGroup>, group: PersonGroup): void {
  const name = group.names.reduce((a, b) => (b.length > a.length ? b : a), "");
  for (const item of group.items) addOther(others, name, "person", item);
}

function otherName(item: SourcedStatement): string {
  const { speaker, title, sourceType } = item.statement;
  const named = (speaker ?? title ?? "").trim();
  if (named) return named.charAt(0).toUpperCase() + named.slice(1);
  return sourceType === "anonymous" ? "Unnamed sources" : "Unattributed";
}

function addOther(
  others: Map<string, OtherGroup>,
  name: string,
  sourceType: SourceType,
  item: SourcedStatement,
) {
  const key = `${sourceType}\u0000${name.toLowerCase()}`;
  const group = others.get(key) ?? { name, sourceType, items: [] };
  group.items.push(item);
  others.set(key, group);
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
