import { isGivenName as isCommonGivenName } from "../extraction/lexicon/people.ts";

/**
 * Given names that are one name: "Joe" is "Joseph", "Bill" is "William", "Jen" is "Jennifer".
 * English diminutives are a closed list an editor knows by heart; a shortening by its first
 * letters ("Nick", "Chris", "Jen") is read by rule.
 */

/** Diminutive → the full given names it is short for. */
const DIMINUTIVES: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries({
    joe: ["joseph"],
    bill: ["william"],
    billy: ["william"],
    will: ["william"],
    bob: ["robert"],
    bobby: ["robert"],
    rob: ["robert"],
    mike: ["michael"],
    jim: ["james"],
    jimmy: ["james"],
    chuck: ["charles"],
    charlie: ["charles"],
    tom: ["thomas"],
    dick: ["richard"],
    rick: ["richard"],
    ted: ["edward", "theodore"],
    ed: ["edward"],
    dan: ["daniel"],
    dave: ["david"],
    steve: ["stephen", "steven"],
    tony: ["anthony"],
    andy: ["andrew"],
    pat: ["patrick", "patricia"],
    liz: ["elizabeth"],
    beth: ["elizabeth"],
    betsy: ["elizabeth"],
    kate: ["katherine", "catherine", "kathleen"],
    kathy: ["katherine", "catherine", "kathleen"],
    bernie: ["bernard"],
    hank: ["henry"],
    jack: ["john"],
    jon: ["jonathan"],
    ron: ["ronald"],
    don: ["donald"],
    fred: ["frederick"],
    greg: ["gregory"],
    jerry: ["gerald", "jerome"],
    larry: ["lawrence"],
    matt: ["matthew"],
    pete: ["peter"],
    ray: ["raymond"],
    tim: ["timothy"],
    mitch: ["mitchell"],
    jeff: ["jeffrey"],
    ken: ["kenneth"],
    sue: ["susan"],
    peggy: ["margaret"],
    maggie: ["margaret"],
    chris: ["christopher", "christine", "christina"],
    nick: ["nicholas"],
    sam: ["samuel", "samantha"],
    ben: ["benjamin"],
    al: ["albert", "alan", "allen"],
    newt: ["newton"],
  }),
);

/**
 * Whether two given names (lower case, accents folded) can be one person's: the same, one a
 * diminutive of the other, or one the other's first letters (three at least).
 * @example
 * sameGivenName("joe", "joseph") // true
 * sameGivenName("bill", "hillary") // false
 */
export function sameGivenName(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 3 && long.startsWith(short)) return true;
  return (DIMINUTIVES.get(a)?.includes(b) ?? false) || (DIMINUTIVES.get(b)?.includes(a) ?? false);
}

/** Whether a word (lower case) is an English given name: a diminutive or a common given name. */
export function isGivenName(word: string): boolean {
  return DIMINUTIVES.has(word) || isCommonGivenName(word);
}
