/**
 * What a news page holds besides its article — navigation, bylines, captions, advertising, links
 * elsewhere, comments, notices — as data: the elements removed before Readability looks, and the
 * lines that are never a paragraph of the article wherever they stand.
 */

/** Elements that are never the article's prose. */
export const FURNITURE_ELEMENTS = [
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "nav",
  "aside",
  "footer",
  "form",
  "figure",
  "figcaption",
  "address",
  "[role=navigation]",
  "[role=complementary]",
  "[rel=author]",
  "[itemprop=author]",
].join(",");

/**
 * Class and id words that mark furniture: whole words of a class or id (`wp-caption-text`,
 * `ad-slot`, `related-posts`), never parts of one (`shadow`, `leader`).
 */
export const FURNITURE_NAME = new RegExp(
  `(^|[\\s_-])(${[
    "byline",
    "author",
    "bio",
    "comments?",
    "related",
    "read-?more",
    "more-stories",
    "recirc",
    "share",
    "sharing",
    "social",
    "newsletter",
    "promo",
    "caption",
    "pull-?quote",
    "credit",
    "tags",
    "breadcrumbs?",
    "ads?",
    "advert(isement)?",
    "sponsor(ed)?",
    "outbrain",
    "taboola",
    "copyright",
    "embed",
    "twitter-tweet",
    "instagram-media",
    "tiktok-embed",
    "timestamp",
  ].join("|")})([\\s_-]|$)`,
  "i",
);

/** Elements whose class or id names furniture but that hold the page itself. */
export const NEVER_FURNITURE = "html, body, main, article";

// Each line below is a whole paragraph that only sends the reader elsewhere or describes the page
// around the article. Anchored at both ends where a sentence of news could begin the same way
// ("Related charges were filed …", "Updated figures show …", "By Friday, the council …").
const DATE_WORD =
  "\\d+|jan\\w*|feb\\w*|mar\\w*|apr\\w*|may|jun\\w*|jul\\w*|aug\\w*|sep\\w*|oct\\w*|nov\\w*|dec\\w*|mon\\w*|tue\\w*|wed\\w*|thu\\w*|fri\\w*|sat\\w*|sun\\w*|[ap]\\.?m\\.?|utc|gmt|kst|jst|cet|bst|[ecmp][sd]t|ago|an?|hours?|minutes?|days?|at|on|today|yesterday";
const LINES: readonly RegExp[] = [
  // "Read more: the week in politics", "Related", "Advertisement"
  /^(read (more|next)|related( stories| coverage| articles)?|see also|continue reading|more on this( story)?|most read|recommended( for you)?|advertisement|advertising|sponsored( content)?)\s*([:›»→|]|$)/i,
  // "Sign up for our morning briefing", "Subscribe to continue reading"
  /^(sign up|subscribe)\b.{0,80}\b(newsletter|briefing|inbox|e-?mail|updates|reading)\b.{0,40}$/i,
  // "Story continues below advertisement", "Article continues after this ad"
  /^(the )?(story|article|text) continues (below|after)\b.{0,40}$/i,
  // "© 2026 The Courier", "Copyright 2026 …", "ⓒ 연합뉴스", and anything ending "All rights reserved."
  /^(©|ⓒ|\(c\)\s|copyright\s*(©|\d{4}))/i,
  /\ball rights reserved\.?$/i,
  /무단\s*(전재|복제)|재배포\s*금지|無断転載/,
  // A photo's credit: "The terminal in 1991. (AP Photo/Jane Roe)", "(Gazette photo)", "Photo: Desk archive"
  /\((AP|AFP|Reuters|Getty Images|EPA|Yonhap|Kyodo|Xinhua|[\p{Lu}][\p{L}.]* )?\s*(photo|image|picture|file photo)(\s*\/[^)]*|:[^)]*)?\)$/iu,
  /^(photo|image|picture|video|graphic)( credit)?\s*:/i,
  // "By Ruth Okafor", "By Ruth Okafor and Sam Lee, Staff Writers": a byline, never a sentence.
  /^[Bb][Yy]\s+[\p{Lu}][\p{L}.'’-]*(\s+[\p{Lu}][\p{L}.'’-]*){0,3}((\s*,\s*|\s+and\s+|\s*&\s*)[\p{Lu}][\p{L}.'’-]*(\s+[\p{Lu}][\p{L}.'’-]*){0,3})*(\s*[,|·–—-]\s*[\p{L} ]{0,40})?$/u,
  // "Published 24 November 2026, 10:00 KST", "Updated: 3 hours ago": dates and times only.
  new RegExp(
    `^(published|updated|posted|last (updated|modified))\\s*:?\\s*((${DATE_WORD})([\\s,:.\\/-]+|$))+$`,
    "i",
  ),
  // Notes about the page rather than the news: "This story has been updated …", "Editor's note: …"
  /^(this (story|article|report) (has been|was) (updated|corrected|amended)|editor['’]s note\b)/i,
  // Credits: "Kim Lee in Glasgow contributed to this report.", "Reporting by …; Editing by …"
  /\bcontributed( reporting)?( to this (report|story|article))?\.?$/i,
  /^(additional )?reporting by [^.]{0,120};\s*(writing|editing) by\b/i,
  // A reporter's address on a line of its own: "Ana Ruiz reporter ana.ruiz@islandpost.example"
  /^[\p{L} .'’-]{0,40}[\w.+-]+@[\w-]+(\.[\w-]+)+\.?$/u,
  // Rules and end marks: "___", "* * *", "(끝)"
  /^([\p{P}\p{S}\s]+|\(끝\))$/u,
  // "Follow Jane Roe on X", "Share this:"
  /^(follow (us|[\p{Lu}][\p{L}'’-]*( [\p{Lu}][\p{L}'’-]*)?) on\b.{0,40}|share( this( story| article)?)?:?)$/iu,
];

/** The longest paragraph a furniture line can be: anything longer is prose. */
const LONGEST_LINE = 240;

/**
 * Whether a paragraph of a page is furniture rather than article: a signpost, a notice, a credit,
 * a byline or a timestamp.
 * @example
 * isFurnitureLine("Story continues below advertisement") // true
 * isFurnitureLine("By Friday, the council had voted.") // false
 */
export function isFurnitureLine(text: string): boolean {
  return text.length <= LONGEST_LINE && LINES.some((line) => line.test(text));
}
