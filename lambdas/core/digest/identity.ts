import type { RoleMention } from "./mentions.ts";
import { foldCase, nameTokens, titleCovers, titleKey } from "./names.ts";
import { inSentence, isCurrentPublicRole, needsWhose, officeWording } from "./roles.ts";

/** Titles longer than this are a misread sentence, not a role. */
const MAX_TITLE_WORDS = 14;

/**
 * The name to show for a person: the full name articles use most, never a lone surname when a
 * full name is known; on a tie the fullest, then the plainest ("Walter Corbett", not "Walter J. Corbett").
 * @example
 * chooseName(["Ahn", "Ahn Gyu-back", "Ahn Gyu-back"]) // "Ahn Gyu-back"
 */
export function chooseName(names: readonly string[]): string {
  const length = new Map<string, number>();
  for (const name of names) if (!length.has(name)) length.set(name, nameTokens(name).length);
  const full = names.filter((n) => (length.get(n) ?? 0) > 1);
  return (
    mostCommon(
      full.length > 0 ? full : names,
      // More of the name first ("Helen Adaeze Okafor"), then fewer initials and suffixes ("Walter Corbett").
      (a, b) => (length.get(a) ?? 0) - (length.get(b) ?? 0) || b.length - a.length,
    ) ?? ""
  );
}

/**
 * The most informative title: the one that covers the most of what articles called the person
 * ("Defence Minister" covers "Minister" and "Defense Minister"), a qualifier such as "former"
 * never covering a title without it. Null when no article gave a title.
 * @example
 * chooseTitle(["Minister", "Defense Minister", "Defence Minister"]) // "Defence Minister"
 */
export function chooseTitle(titles: readonly (string | null)[]): string | null {
  // Each distinct title is read once, however many statements repeat it.
  const counts = new Map<string, number>();
  for (const raw of titles) if (raw) counts.set(raw, (counts.get(raw) ?? 0) + 1);
  const byKey = new Map<string, string[]>();
  for (const [raw, count] of counts) {
    const title = raw.replace(/\s+/g, " ").trim();
    const key = titleKey(title);
    if (!title || !key || title.split(" ").length > MAX_TITLE_WORDS) continue;
    const forms = byKey.get(key) ?? [];
    for (let i = 0; i < count; i++) forms.push(title);
    byKey.set(key, forms);
  }
  let best: { title: string; covered: number; words: number } | null = null;
  for (const forms of byKey.values()) {
    const title = mostCommon(forms) ?? "";
    let covered = 0;
    for (const others of byKey.values()) if (titleCovers(title, others[0] ?? "")) covered += others.length;
    const words = titleKey(title).split(" ").length;
    if (!best || covered > best.covered || (covered === best.covered && words > best.words)) {
      best = { title, covered, words };
    }
  }
  // "director" read from "city budget director Helen Okafor" is shown as a title: "Director".
  return best ? `${best.title.charAt(0).toUpperCase()}${best.title.slice(1)}` : null;
}

/** The body the person speaks for that articles name most often; the fuller one on a tie. */
export function chooseAffiliation(affiliations: readonly (string | null)[]): string | null {
  const named = affiliations.flatMap((a) => (a?.trim() ? [a.replace(/\s+/g, " ").trim()] : []));
  return mostCommon(named, (a, b) => a.length - b.length);
}

/** The most frequent value (case-insensitively), ties broken by `tieBreak` then alphabetically. */
function mostCommon(
  values: readonly string[],
  tieBreak: (a: string, b: string) => number = () => 0,
): string | null {
  const counts = new Map<string, { value: string; n: number }>();
  for (const value of values) {
    const key = foldCase(value);
    const entry = counts.get(key);
    if (entry) entry.n++;
    else counts.set(key, { value, n: 1 });
  }
  let best: { value: string; n: number } | null = null;
  for (const entry of counts.values()) {
    if (!best || entry.n > best.n) best = entry;
    else if (entry.n === best.n) {
      const order = tieBreak(entry.value, best.value) || (entry.value < best.value ? 1 : -1);
      if (order > 0) best = entry;
    }
  }
  return best?.value ?? null;
}

/**
 * The official's one title for the week: of the public roles held now that the window's articles
 * give them (each counted once per article), the most specific that covers the most; a staff
 * role says whose it is ("Corbett spokesman"); the affiliation is kept only when the title does
 * not already name it.
 * @example
 * chooseRole([{ phrase: "spokesman", article: "a" }], "Corbett") // { title: "Corbett spokesman", affiliation: null }
 */
export function chooseRole(
  roles: readonly RoleMention[],
  affiliation: string | null,
): { title: string | null; affiliation: string | null } {
  const current = roles.filter((r) => isCurrentPublicRole(r.phrase)).map((r) => r.phrase);
  const chosen = chooseTitle(current.length > 0 ? current : roles.map((r) => r.phrase));
  let title = chosen ? capitalise(officeWording(chosen)) : null;
  // "South Korea's Defence Minister" with South Korea the affiliation: the office names itself.
  if (title && affiliation) {
    const possessive = new RegExp(`^(?:the\\s+)?${escapeRegExp(affiliation)}['’]s?\\s+`, "iu");
    if (possessive.test(title)) {
      const rest = title.replace(possessive, "");
      title = `${rest.charAt(0).toUpperCase()}${rest.slice(1)}`;
    }
  }
  if (title && affiliation && needsWhose(title)) {
    title = `${affiliation} ${inSentence(title)}`;
  }
  const shown = title && affiliation && foldCase(title).includes(foldCase(affiliation)) ? null : affiliation;
  return { title, affiliation: shown };
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
