import { memoised } from "../memoise.ts";
import { foldCase } from "./names.ts";

/**
 * Function words and reporting verbs: two renderings of a statement differ in these ("said the
 * launches were" / "called the launches") without saying anything different.
 */
const STOPWORDS = new Set(
  `a an the and or but nor so yet of to in on at by for with from into onto over under about as than
  that this these those there here it its it's is are was were be been being am do does did done have
  has had having will would shall should can could may might must not no i me my we us our you your he
  him his she her they them their who whom whose which what when where why how all any both each few
  more most other some such only own same too very just also then s t d ll re ve m said says say saying
  told tells added adding called calling stated according noted argued warned stressed insisted`.split(/\s+/),
);

/** Spellings that differ between outlets for the same word. */
const VARIANTS: ReadonlyMap<string, string> = new Map([
  ["defense", "defence"],
  ["organization", "organisation"],
  ["programme", "program"],
  ["labor", "labour"],
]);

/** A statement's words in comparable form: its exact key and its distinct content words. */
export interface TextSignature {
  /** Every word, lower case and accents folded, space-joined: equal keys are the same words. */
  key: string;
  /** Distinct content words, lightly stemmed, in the order first seen. */
  content: string[];
}

/**
 * The signature of a statement's text.
 * @example
 * textSignature("We are ready to respond to any provocation").content // ["ready", "respond", "provocation"]
 */
export function textSignature(text: string): TextSignature {
  const folded = foldCase(text);
  const words =
    (/[\u0080-\uffff]/.test(folded) ? folded.match(/[\p{L}\p{N}]+/gu) : folded.match(/[a-z0-9]+/g)) ?? [];
  const content = new Set<string>();
  for (const word of words) {
    if (STOPWORDS.has(word)) continue;
    content.add(stem(VARIANTS.get(word) ?? word));
  }
  return { key: words.join(" "), content: [...content] };
}

/** {@link textSignature} remembering what it has read: a quote many outlets carry is tokenised once. */
export const memoisedSignature = (): ((text: string) => TextSignature) => memoised(textSignature);

// "missiles" and "missile", "launches" and "launche" compare equal; "ss" words keep their s.
function stem(word: string): string {
  return word.length > 4 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word;
}

/** Words a quoted fragment needs before two renderings sharing it count as one statement. */
const MIN_SHARED_QUOTE_WORDS = 4;
/** Content overlap enough for two renderings that quote the same words. */
const MIN_DICE_WITH_SHARED_QUOTE = 0.5;

/**
 * The quoted fragments of a statement that are long enough to identify it, as word keys: the
 * whole text of a direct quote, the quoted words inside a partial quote.
 * @example
 * sharedQuoteKeys('that the situation had entered "a more dangerous phase"', "mixed") // ["a more dangerous phase"]
 */
export function sharedQuoteKeys(
  text: string,
  kind: "direct" | "mixed" | "indirect",
  signature: TextSignature = textSignature(text),
): string[] {
  // A direct quote is its own words: its key is already known.
  if (kind === "direct")
    return signature.key.split(" ", MIN_SHARED_QUOTE_WORDS).length < MIN_SHARED_QUOTE_WORDS
      ? []
      : [signature.key];
  if (!/["“„«]/.test(text)) return [];
  const fragments = [...text.matchAll(/["“„«]([^"“”„«»]+)["”»]/g)].map((m) => m[1] ?? "");
  return fragments
    .map((f) => foldCase(f).match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((words) => words.length >= MIN_SHARED_QUOTE_WORDS)
    .map((words) => words.join(" "));
}

/** Words a cut needs before it is the same statement for being found, word for word, in a fuller one. */
const MIN_CUT_WORDS = 5;

/**
 * Whether `cut` is a cut of `whole`: its words, all of them and in order, inside the fuller
 * rendering ("We will not let this city down" in the whole tweet), long enough to mean it.
 * @example
 * isCutOf("we will rebuild every home", "we will not let this city down and we will rebuild every home") // true
 */
export function isCutOf(cut: string, whole: string): boolean {
  if (cut.length >= whole.length || cut.split(" ", MIN_CUT_WORDS).length < MIN_CUT_WORDS) return false;
  return ` ${whole} `.includes(` ${cut} `);
}

/** Whether two renderings that quote the same words say the same thing around them. */
export function sameAroundSharedQuote(a: readonly string[], b: ReadonlySet<string>): boolean {
  let shared = 0;
  for (const token of a) if (b.has(token)) shared++;
  return a.length + b.size > 0 && (2 * shared) / (a.length + b.size) >= MIN_DICE_WITH_SHARED_QUOTE;
}

/** Near-identical: content overlap (Dice) of at least this… */
const MIN_DICE = 0.75;
/** …or the shorter one this much inside the longer (a partial quote inside a fuller rendering)… */
const MIN_CONTAINMENT = 0.85;
/** …when the shorter has at least this many content words (fewer is too little to tell). */
const MIN_CONTAINED_WORDS = 4;

/**
 * How alike two statements' content words are, or 0 when they are not near-identical renderings
 * of one statement. Both criteria imply sharing at least {@link MIN_DICE} of the shorter's words,
 * which is what lets {@link NearDuplicateIndex} probe only the rarest few.
 */
export function nearDuplicateScore(a: readonly string[], b: ReadonlySet<string>): number {
  if (a.length === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const token of a) if (b.has(token)) shared++;
  const dice = (2 * shared) / (a.length + b.size);
  if (dice >= MIN_DICE) return dice;
  const shorter = Math.min(a.length, b.size);
  const containment = shared / shorter;
  return shorter >= MIN_CONTAINED_WORDS && containment >= MIN_CONTAINMENT ? containment * MIN_DICE : 0;
}

/**
 * An index of statements' content words that finds a near-identical one without comparing every
 * pair (prefix filtering: any statement sharing at least {@link MIN_DICE} of the probe's words
 * shares one of its rarest few). Probing with only those words is exact when every indexed
 * statement has at least as many content words as the probe; pass `everyWord` otherwise.
 */
export class NearDuplicateIndex<T> {
  private readonly postings = new Map<string, number[]>();
  private readonly entries: { tokens: ReadonlySet<string>; value: T }[] = [];
  private readonly prefixes = new WeakMap<readonly string[], string[]>();

  /** @param rarity orders a statement's words rarest first; lower is rarer. */
  constructor(private readonly rarity: (token: string) => number) {}

  add(tokens: readonly string[], value: T): void {
    const id = this.entries.length;
    this.entries.push({ tokens: new Set(tokens), value });
    for (const token of tokens) {
      const list = this.postings.get(token);
      if (list) list.push(id);
      else this.postings.set(token, [id]);
    }
  }

  /** The indexed statement most like `tokens`, or null when none is near-identical. */
  best(tokens: readonly string[], everyWord = false): T | null {
    if (tokens.length === 0) return null;
    const probe = everyWord ? tokens : this.prefix(tokens);
    const seen = new Set<number>();
    let best: T | null = null;
    let bestScore = 0;
    for (const token of probe) {
      for (const id of this.postings.get(token) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const entry = this.entries[id];
        const score = entry ? nearDuplicateScore(tokens, entry.tokens) : 0;
        if (entry && score > bestScore) {
          best = entry.value;
          bestScore = score;
        }
      }
    }
    return best;
  }

  /**
   * An indexed statement holding every one of `tokens` that `accept` takes, or null. Probing the
   * rarest word alone is exact: a statement holding them all holds that one.
   */
  containing(tokens: readonly string[], accept: (value: T) => boolean): T | null {
    if (tokens.length === 0) return null;
    const rarest = this.prefix(tokens)[0] ?? "";
    for (const id of this.postings.get(rarest) ?? []) {
      const entry = this.entries[id];
      if (entry && tokens.every((t) => entry.tokens.has(t)) && accept(entry.value)) return entry.value;
    }
    return null;
  }

  /** The rarest words of `tokens`, as many as a near-identical statement must share one of. */
  private prefix(tokens: readonly string[]): string[] {
    // A statement is probed by `best` and then by `containing`: its rarest words are ranked once.
    const known = this.prefixes.get(tokens);
    if (known) return known;
    const length = tokens.length - Math.ceil(MIN_DICE * tokens.length) + 1;
    // Each word's rarity looked up once, not in every comparison of the sort.
    const ranked = tokens.map((token) => ({ token, rarity: this.rarity(token) }));
    ranked.sort((x, y) => x.rarity - y.rarity || (x.token < y.token ? -1 : 1));
    const prefix = ranked.slice(0, length).map((r) => r.token);
    this.prefixes.set(tokens, prefix);
    return prefix;
  }
}
