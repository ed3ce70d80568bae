/**
 * A lexicon of public roles: what a role phrase the articles give a person ("presumptive
 * Republican presidential nominee", "Corbett spokesman", "a political science professor")
 * says about whether they speak for a public office or an institution. Words, not names: the
 * same rules read "Defence Minister" in Seoul and "state senator" in Columbia.
 */
import { foldCase } from "./names.ts";

/** What a role makes of the person who holds it. */
export type RoleKind =
  /** Holds or seeks a public office, or speaks for one or for an institution. */
  | "public"
  /** Speaks for a campaign or an official only when the role says whose ("Corbett adviser"). */
  | "staff"
  /** Quoted for what they know or think: experts, commentators, journalists, voters. */
  | "private";

/**
 * Head words of roles that speak for an office or an institution. A phrase is read by its last
 * role word, so "Senate Minority Leader" is a leader and "press secretary" a secretary.
 */
const PUBLIC_HEADS = new Set(
  `president vice-president president-elect senator sen representative rep congressman congresswoman
  congressmember governor gov lieutenant mayor minister premier chancellor secretary secretary-general
  secretary-treasurer attorney-general prosecutor defender judge justice speaker leader whip chairman
  chairwoman chair chairperson co-chair commissioner ambassador envoy director administrator chief head
  ceo executive officer spokesman spokeswoman spokesperson spokespeople counsel treasurer superdelegate
  delegate nominee nominee-in-waiting candidate hopeful contender challenger frontrunner front-runner mate
  lawmaker legislator
  councilman councilwoman councillor councilor alderman sheriff commander king queen prince princess emperor pope monarch founder co-founder agent official officials
  mp deputy magistrate coordinator comptroller auditor clerk marshal superintendent regent lady
  incumbent member`.split(/\s+/),
);

/**
 * Relations to somebody ("his wife, Mira Halvorsen"): they say who a person is to another, not
 * what they do.
 */
const RELATIONS = new Set(
  "wife husband son daughter mother father parent brother sister friend neighbor neighbour cousin partner".split(
    " ",
  ),
);

/**
 * Members of a party are officials when the phrase puts them in a legislature: "the Senate's
 * youngest Republican", "the top Democrat on the House Budget Committee".
 */
const PARTY_MEMBERS = new Set(
  "republican democrat conservative liberal socialist independent tory labourite".split(" "),
);
const LEGISLATURE =
  /\b(senate|house|congress|parliament|legislature|assembly|caucus|committee|chamber|bundestag|diet|knesset)\b/;

/** Staff roles: they speak for somebody, so the phrase must say whom. */
const STAFF_HEADS = new Set(
  `adviser advisor aide staffer strategist manager consultant surrogate operative organizer`.split(/\s+/),
);

/** People quoted for what they know, think or saw, whatever else the phrase says. */
const PRIVATE_HEADS = new Set(
  `professor lecturer analyst expert pollster commentator columnist journalist reporter correspondent
  editor writer author blogger host anchor broadcaster voter voters supporter supporters resident
  residents student students historian economist scientist researcher fellow scholar lobbyist activist
  volunteer lawyer attorney lawyers owner worker workers employee retiree teacher veteran protester protesters fan attendee
  celebrity actor actress singer comedian athlete player coach pastor preacher hacker businessman
  businesswoman entrepreneur investor donor fundraiser filmmaker novelist poet philanthropist
  contributor panelist personality`.split(/\s+/),
);

/** Lower-case words that may stand inside a role phrase before its head word. */
export const ROLE_MODIFIERS = new Set(
  `presumptive presidential vice national state federal district assistant deputy executive general
  special senior top chief press communications campaign political policy digital fundraising finance
  foreign defense defence interior justice health labor labour trade economic affairs government public
  majority minority ranking former ex acting interim outgoing incoming then late longtime long-time
  junior regional county city municipal party legislative congressional parliamentary military
  intelligence security homeland border judiciary appropriations armed services energy environment
  environmental education transportation treasury commerce agriculture housing veterans civil rights
  human international global organizing organising managing associate principal first second deputy
  republican democratic democrat independent libertarian conservative liberal progressive gop senate house
  supreme appeals circuit superior high primary running vote latino hispanic black women youth outreach
  field legal media research operations strategy spokes co lead head u.s. us american sitting
  organizational ceo super pac advocacy program programs membership development marketing
  technology information creative only lone sole`.split(/\s+/),
);

/** Qualifiers that put a role in the past: a former minister speaks for no ministry. */
const PAST = /\b(former|ex|then|late|onetime|one-time|erstwhile|retired)\b|^ex-/;

/** Words that say whose a staff role is without naming anybody: "Republican strategist". */
const NOBODY = new Set(
  `republican republicans democratic democrat democrats gop conservative liberal progressive independent
  political longtime long-time veteran top senior chief campaign national state party a an the former
  veteran policy communications digital media foreign`.split(/\s+/),
);

export interface ReadRole {
  kind: RoleKind;
  /** The role's head word, lower case: "nominee", "spokesman". */
  head: string;
  /** Said of a past role: "former governor". */
  past: boolean;
}

/**
 * Reads a role phrase: its head word and what it makes of the person; null when it is no role
 * ("55", "of Manchester", "who lives nearby").
 * @example
 * readRole("presumptive Republican presidential nominee") // { kind: "public", head: "nominee", past: false }
 * readRole("Republican strategist") // { kind: "private", head: "strategist", past: false }
 * readRole("Corbett adviser") // { kind: "public", head: "adviser", past: false }
 */
export function readRole(phrase: string): ReadRole | null {
  return remember(readCache, phrase, readRoleOnce);
}

// Role phrases recur all week ("Senator", "Republican presidential nominee"): each is read once.
const readCache = new Map<string, ReadRole | null>();
const cleanCache = new Map<string, string | null>();
const MAX_REMEMBERED = 20_000;

function remember<T>(cache: Map<string, T>, key: string, work: (key: string) => T): T {
  if (cache.has(key)) return cache.get(key) as T;
  if (cache.size >= MAX_REMEMBERED) cache.clear();
  const value = work(key);
  cache.set(key, value);
  return value;
}

/**
 * Where a role's head ends and its complement begins: at the first preposition right after a
 * role word ("director of X", "secretary of the Treasury", "special agent in charge of …"), else
 * nowhere ("Homes for All organizing director" is all head). -1 for no complement.
 */
function complementAt(words: readonly string[], lower: (w: string) => string): number {
  for (let i = 1; i < words.length; i++) {
    if (!COMPLEMENT.test(lower(words[i] ?? ""))) continue;
    const before = lower(words[i - 1] ?? "");
    // "special agent in charge of …": "in charge" belongs to the head.
    if (lower(words[i] ?? "") === "in" && lower(words[i + 1] ?? "") === "charge") {
      i++;
      continue;
    }
    if (
      isHead(before) ||
      before === "charge" ||
      (before === "general" && GENERAL_OFFICES.has(lower(words[i - 2] ?? "")))
    )
      return i;
  }
  return -1;
}

const bareWord = (w: string) => foldCase(w).replace(/['’]s?$|\.$/gu, "");

function readRoleOnce(phrase: string): ReadRole | null {
  const words = roleWords(phrase);
  if (words.length === 0) return null;
  // The head is the last word before its complement: "director of X", "adviser to Y".
  const cut = complementAt(words, (w) => w);
  const head = cut > 0 ? words.slice(0, cut) : words;
  const main = head.at(-1) === "charge" ? head.slice(0, -2) : head;
  const w = main.at(-1) ?? "";
  // "Attorney General", "Surgeon General": an office; a bare "General" is a rank, said of retired ones too.
  if (w === "general" && GENERAL_OFFICES.has(main.at(-2) ?? "")) {
    return { kind: "public", head: w, past: PAST.test(main.join(" ")) };
  }
  // "Corbett's 2019 campaign manager", "the party's nominee in 2019": a role of another year.
  // A year before a common word is another year's role; before a name it is part of it ("2028 Host Committee").
  const past = PAST.test(main.join(" ")) || /\b(?:19|20)\d\d\b(?!\s+\p{Lu})/u.test(phrase);
  if (RELATIONS.has(w)) return { kind: "staff", head: w, past };
  if (PARTY_MEMBERS.has(w))
    return LEGISLATURE.test(words.join(" ")) ? { kind: "public", head: w, past } : null;
  // "Assistant U.S. Attorney", "Riverton City Attorney", "district attorney": a public prosecutor.
  if (w === "attorney" && main.slice(0, -1).some((x) => JURISDICTIONS.has(x)))
    return { kind: "public", head: w, past };
  if (PRIVATE_HEADS.has(w)) return { kind: "private", head: w, past };
  // "literary agent", "talent agent": an agent of a trade, not of a government.
  if (w === "agent" && PRIVATE_AGENCIES.has(main.at(-2) ?? "")) return { kind: "private", head: w, past };
  // Heads of university departments and academies speak as scholars: "associate director of
  // Riverton University's Water Institute", "president of the Northern Academy for Public Policy".
  if (cut > 0 && ACADEMIC.test(words.slice(cut).join(" "))) return { kind: "private", head: w, past };
  // Heads of consultancies and polling firms are quoted as consultants: "president of Northgate Strategies".
  if (CONSULTANCY.test(phrase)) return { kind: "private", head: w, past };
  if (STAFF_HEADS.has(w)) {
    const whose = main.slice(0, -1).some((x) => !NOBODY.has(x) && !ROLE_MODIFIERS.has(x) && !isHead(x));
    const named = whose || (cut > 0 && hasNamedComplement(phrase));
    // Unnamed, a consultant is a profession ("Republican strategist"); an aide is somebody's, unsaid.
    return { kind: named ? "public" : PROFESSIONS.has(w) ? "private" : "staff", head: w, past };
  }
  if (PUBLIC_HEADS.has(w)) return { kind: "public", head: w, past };
  return null;
}

const COMPLEMENT = /^(of|for|at|to|on|with|in|from)$/;
const CALENDAR =
  /^(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\.?$/;
const BODY_POSSESSIVE =
  /^(?:Committee|Party|Campaign|Council|Department|Ministry|Commission|Foundation|Association|Union|Office|Agency|Administration|Government|Institute|Center|Centre)['’]s?$/u;
/** Role phrases longer than this are a misread sentence. */
const MAX_ROLE_WORDS = 14;
const GENERAL_OFFICES = new Set(
  "attorney surgeon inspector secretary solicitor postmaster governor consul auditor".split(" "),
);
/** Words that make an attorney the public's: a prosecutor or a government's lawyer. */
const JURISDICTIONS = new Set(
  "u.s us federal district state city county prosecuting commonwealth".split(" "),
);
/** Trades whose agents act for clients, not for a government ("literary agent", "sports agent"). */
const PRIVATE_AGENCIES = new Set(
  "literary talent sports travel insurance estate realty booking publicity modeling modelling free".split(
    " ",
  ),
);

const ACADEMIC = /\b(university|college|academy|school|polytechnic)\b/;
/** Firms whose people are quoted for their advice, whatever their rank: consultancies, pollsters, lobbyists. */
const CONSULTANCY =
  /\b(?:Strategies|Consulting|Consultants|Consultancy|Public Affairs|Polling|(?:consulting|consultancy|polling|lobbying|public[- ]relations|PR) firm)\b/;
const PROFESSIONS = new Set("strategist consultant operative".split(" "));
/** Heads of a candidacy: running for an office is holding a public role now, whatever one held before. */
const CANDIDACY = new Set(
  "nominee nominee-in-waiting candidate hopeful contender challenger frontrunner front-runner mate".split(
    " ",
  ),
);

/** What a candidate may lead, a part of the role: "Republican poll leader", "the delegate leader". */
export const RACE_STANDINGS: ReadonlySet<string> = new Set([
  "poll",
  "polls",
  "polling",
  "race",
  "delegate",
  "points",
  "fundraising",
]);

/** Whether a role is a run for office now: "Republican presidential candidate", "running mate". */
export function isCandidacy(phrase: string): boolean {
  const role = readRole(phrase);
  return role !== null && role.kind === "public" && !role.past && CANDIDACY.has(role.head);
}

function isHead(w: string): boolean {
  return (
    PUBLIC_HEADS.has(w) ||
    STAFF_HEADS.has(w) ||
    PRIVATE_HEADS.has(w) ||
    RELATIONS.has(w) ||
    PARTY_MEMBERS.has(w)
  );
}

/**
 * A role phrase as an editor would print it, or null when it is no role: words that are not
 * part of a role are cut from its front ("Questioning the Riverton mayor's …" is none,
 * "Corbett and Democratic presidential candidate" is "Democratic presidential candidate"), a
 * descriptor of the body dropped ("of the advocacy group Clean Rivers Now" → "of Clean Rivers Now").
 * @example
 * cleanRolePhrase("Its president and CEO") // "president and CEO"
 */
export function cleanRolePhrase(phrase: string): string | null {
  return remember(cleanCache, phrase, cleanRolePhraseOnce);
}

function cleanRolePhraseOnce(phrase: string): string | null {
  const text = phrase
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.,;:]+$/u, (d) =>
      /\b(?:Sen|Rep|Gov|Jr|Sr)\.$|\b\p{Lu}\.$/u.test(phrase.trim()) ? d.slice(0, 1) : "",
    )
    .replace(
      /\b(of|for|at) the (?:[\p{Ll}-]+ ){0,3}(?:group|organi[sz]ation|company|firm|think tank|nonprofit|non-profit|charity|coalition|movement|network) (?=\p{Lu})/gu,
      "$1 ",
    );
  const words = text
    .split(" ")
    // "Fellow Democratic contender", "rival Dana Ruiz": a relation to another person is no role.
    .filter((w, i) => i > 0 || !/^(fellow|rival|colleague)$/i.test(w));
  const cut = complementAt(words, bareWord);
  const headPart = cut > 0 ? words.slice(0, cut) : words;
  const inCharge = bareWord(headPart.at(-1) ?? "") === "charge";
  const main = inCharge ? headPart.slice(0, -2) : headPart;
  let complement = [...(inCharge ? headPart.slice(-2) : []), ...(cut > 0 ? words.slice(cut) : [])];
  // A complement runs to the end of the phrase, short of a clause: "to the regional coalition
  // fighting the floods", "for the board organising the mayor's gala".
  const stop = complement.findIndex(
    (w, i) =>
      i > 0 &&
      (/^(who|which|that|said|says|where|when|because|since|while|but|is|was|has|had)$/i.test(w) ||
        // "Senator from Oregon and winner of the state primary": a second role begins.
        (/^(and|&)$/.test(w) && /^\p{Ll}/u.test(complement[i + 1] ?? ""))),
  );
  if (stop > 0) complement = complement.slice(0, stop);
  // A complement ends with its sentence and before a quotation: "to the Okafor family. ''These …".
  const quote = complement.findIndex((w) => /["“”]|''|^['‘’]/u.test(w));
  if (quote >= 0) complement = complement.slice(0, quote);
  const full = complement.findIndex(
    (w) => /[.!?]$/.test(w) && !/^(?:\p{Lu}\.)+$|^(?:Jr|Sr|Inc|Co|St)\.$/u.test(w),
  );
  if (full >= 0) complement = [...complement.slice(0, full), (complement[full] ?? "").replace(/[.!?]$/, "")];
  while (complement.length > 0 && /^(the|of|and|&|for|on|in|a|an)$/.test(complement.at(-1) ?? ""))
    complement.pop();
  if (complement.length === 1) complement = [];
  // "the Riverton Arts Committee’s chair" is the committee chair.
  const possessor = main.at(-2) ?? "";
  if (BODY_POSSESSIVE.test(possessor)) main[main.length - 2] = possessor.replace(/['’]s?$/u, "");
  const head = bareWord(main.at(-1) ?? "");
  const compound = head === "general" && GENERAL_OFFICES.has(foldCase(main.at(-2) ?? ""));
  if (!isHead(head) && !compound) return null;
  let start = main.length - 1;
  for (let i = main.length - 2; i >= 0; i--) {
    const w = main[i] ?? "";
    const lower = foldCase(w).replace(/\.$/, "");
    const previous = foldCase(main[i - 1] ?? "").replace(/\.$/, "");
    // "president and CEO", "housing and transportation policy staffer": "and" between role words.
    const joinsHeads =
      /^(and|&)$/.test(lower) &&
      (isHead(previous) || (ROLE_MODIFIERS.has(previous) && !PRIVATE_HEADS.has(previous)));
    // "Homes for All", "Friends of Riverton": a small word inside a body's name.
    const inName =
      /^(of|for|&)$/.test(lower) &&
      /^\p{Lu}/u.test(main[i - 1] ?? "") &&
      /^(?:\p{Lu}|\$?\d)/u.test(main[i + 1] ?? "");
    const fits =
      joinsHeads ||
      inName ||
      (RACE_STANDINGS.has(lower) && head === "leader" && i === main.length - 2) ||
      // "literary agent": the trade says whom the agent acts for.
      (PRIVATE_AGENCIES.has(lower) && head === "agent" && i === main.length - 2) ||
      ((/^\p{Lu}/u.test(w) ||
        /\p{L}['’]s?$/u.test(w) ||
        /^\$?\d/.test(w) ||
        ROLE_MODIFIERS.has(lower) ||
        isHead(lower)) &&
        !/^(and|&|the|a|an|its|his|her|their|our|my|your|this|that|who|which)$/i.test(w) &&
        !/^(?:And|But|Or|So|When|While|As|If|Then|After|Before|Since|Meanwhile|Even|Also|Questioning|Asked|Says|Said)$/.test(
          w,
        ));
    // A word that ends a sentence or a clause ("Cracks.’", "President,''") is no part of the role after it.
    // "Dec 29" before a role is a dateline, not part of it.
    if (/^\d{1,2}$/.test(w) || CALENDAR.test(w)) break;
    const bare = w.replace(/^(?:\p{Lu}\.)+$|^(?:Sen|Rep|Gov|Lt|St|Jr|Sr)\.$/u, "");
    if (!fits || /[.!?]['’"”]*$|[,;:"”“]|''/u.test(bare)) break;
    start = i;
  }
  // "Corbett supporter and president of …": what they are for the record is after the "and".
  const and = main.findIndex(
    (w, i) => i >= start && /^(and|&)$/.test(w) && PRIVATE_HEADS.has(bareWord(main[i - 1] ?? "")),
  );
  if (and >= 0) start = and + 1;
  // A role never opens on a small word: "Tuesday of Finance" leaves "Finance".
  while (start < main.length - 1 && /^(of|for|and|&|the|to|in|on|at)$/i.test(main[start] ?? "")) start++;
  const kept = [...main.slice(start), ...complement];
  if (kept.length > MAX_ROLE_WORDS) return null;
  return kept.join(" ");
}

/** "senior policy adviser to Helen Okafor": a capitalised name after the preposition. */
function hasNamedComplement(phrase: string): boolean {
  return /\b(?:to|for|of)\s+(?:the\s+)?\p{Lu}/u.test(phrase);
}

/** A phrase's words, lower case and accents folded, possessives and trailing dots dropped. */
function roleWords(phrase: string): string[] {
  return foldCase(phrase)
    .replace(/['’]s?\b/g, " ")
    .split(/[\s,]+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}-]+$/gu, ""))
    .filter(Boolean);
}

/** Whether a word can be a role's head: a lower-case word in the lexicon, any kind. */
export function isRoleHead(word: string): boolean {
  return isHead(foldCase(word).replace(/\.$/, ""));
}

/**
 * How much an office weighs in the week's ranking: heads of state and government and the
 * candidates for those offices first, then cabinet and legislative leaders, legislators and
 * governors, then everyone else who speaks for an office or an institution.
 * @example
 * officeWeight("President") // 6
 * officeWeight("Corbett spokesman") // 1
 */
export function officeWeight(title: string | null): number {
  if (!title) return 0;
  const t = foldCase(title);
  if (/\b(former|ex-|then)\b/.test(t)) return 0.5;
  const institution =
    /\b(committee|association|council|foundation|cent(er|re)|institute|union|company|corporation|inc|club|university|college|group|commission|party|campaign|organi[sz]ation|coalition|board|fund|bank|network|academy|strategies|society|league|alliance|federation)\b/.test(
      t,
    );
  const headOfState =
    /^(?:(?:u\.?s\.?|united states|american|[\p{L}-]+(?:an|ese|ish|i|ch)|[\p{L}. -]+['’]s)\s+)?(?:president|prime minister|chancellor|premier|king|queen)(?:\s+of\s+(?:the\s+united\s+states|[\p{L}.]+))?$/u;
  if (!institution && headOfState.test(t)) return 6;
  if (/\b(presidential|president)\b.*\b(nominee|candidate|hopeful|contender|nominee-in-waiting)\b/.test(t))
    return /\bvice\b/.test(t) ? 4 : 5;
  if (/\b(republican|democratic|democrat|gop)\s+(party\s+)?(nominee|candidate|front-?runner)\b/.test(t))
    return 5;
  if (/\brunning mate\b/.test(t)) return 4;
  if (!institution && /\bvice president\b/.test(t)) return 4;
  if (
    /\b(secretary of state|attorney general|secretary|minister|speaker|majority leader|minority leader|senate .*leader|house .*leader)\b/.test(
      t,
    ) &&
    !/\bpress secretary\b/.test(t)
  )
    return 3;
  if (/\b(senator|sen|governor|gov|ambassador|envoy|justice|chairman|chairwoman|chair)\b/.test(t)) return 2;
  if (/\b(representative|rep|congressman|congresswoman|mayor|judge|commissioner|director)\b/.test(t))
    return 1.5;
  return 1;
}

/** Heads of roles held for somebody: a bare "Spokesman" or "Campaign manager" must say whose. */
const WHOSE_HEADS = new Set(
  `spokesman spokeswoman spokesperson secretary director manager adviser advisor aide strategist chief
  counsel officer coordinator chairman chairwoman chair president treasurer staffer`.split(/\s+/),
);

/**
 * Whether a title names its role but not whose it is: "Spokesman", "Executive director",
 * "Press secretary" (not "White House press secretary", "director of the FBI").
 * @example
 * needsWhose("Spokesman") // true
 * needsWhose("Corbett spokesman") // false
 */
export function needsWhose(title: string): boolean {
  const role = readRole(title);
  if (!role || !WHOSE_HEADS.has(role.head)) return false;
  const words = roleWords(title);
  if (words.some((w) => /^(of|for|to|at|with)$/.test(w))) return false;
  // Any word before the head that is not a generic modifier names the body: "White House", "Corbett".
  return words.slice(0, words.indexOf(role.head)).every((w) => ROLE_MODIFIERS.has(w) || NOBODY.has(w));
}

/**
 * A role in the wording the digest prints for every official alike: a run for office is a
 * "candidate" ("GOP contender" → "GOP candidate", "presidential hopeful" → "presidential
 * candidate", "Democratic front-runner" → "Democratic candidate"), and a party's member placed
 * in a chamber holds its seat ("the Senate's youngest Republican" → "Senator").
 * @example
 * officeWording("Republican presidential hopeful") // "Republican presidential candidate"
 */
export function officeWording(title: string): string {
  const role = readRole(title);
  if (!role) return title;
  if (PARTY_MEMBERS.has(role.head)) {
    const chamber = LEGISLATURE.exec(foldCase(title))?.[1];
    const seat = chamber ? SEATS[chamber] : undefined;
    if (seat) return role.past ? `Former ${seat.toLowerCase()}` : seat;
  }
  return title.replace(/\b(?:contender|hopeful|front-?runner)$/i, "candidate");
}

/** What a member of a chamber is called. */
const SEATS: Readonly<Record<string, string>> = {
  senate: "Senator",
  house: "Representative",
  congress: "Representative",
  parliament: "Member of Parliament",
};

/** Words of roles written with a capital anywhere: parties, peoples, countries. */
const PROPER_MODIFIERS = new Set(
  "republican democratic democrat gop latino hispanic american u.s. us black libertarian".split(" "),
);

/**
 * A title as it reads inside a sentence: its first letter in lower case when its first word is a
 * common role word ("advocacy director of …", "Corbett outreach" never), kept otherwise
 * ("Hispanic outreach director", "Senate Minority Leader").
 * @example
 * inSentence("Advocacy director of the alliance") // "advocacy director of the alliance"
 * inSentence("Hispanic outreach director") // "Hispanic outreach director"
 */
export function inSentence(title: string): string {
  const first = title.split(/\s+/, 1)[0] ?? "";
  const word = foldCase(first);
  if (!/^\p{Lu}\p{Ll}/u.test(first) || PROPER_MODIFIERS.has(word)) return title;
  if (!(ROLE_MODIFIERS.has(word) || isHead(word))) return title;
  return `${first.charAt(0).toLowerCase()}${title.slice(1)}`;
}

/** Whether a role phrase names a public role held now. */
export function isCurrentPublicRole(phrase: string): boolean {
  const role = readRole(phrase);
  return role !== null && role.kind === "public" && !role.past;
}
