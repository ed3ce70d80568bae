/**
 * Words about people and bodies: honorifics, roles, groups, organisations. They decide whether a
 * phrase names somebody who can make a statement, and what kind of source that is.
 */

const set = (words: string) => new Set(words.trim().split(/\s+/));

/** Honorifics and abbreviated titles, lower-cased without the full stop, to the title they stand for. */
export const HONORIFICS: ReadonlyMap<string, string | null> = new Map([
  ["mr", null],
  ["mrs", null],
  ["ms", null],
  ["miss", null],
  ["mx", null],
  ["dr", "Dr."],
  ["prof", "Professor"],
  ["sir", null],
  ["dame", null],
  ["rev", "Reverend"],
  ["sen", "Senator"],
  ["rep", "Representative"],
  ["gov", "Governor"],
  ["gen", "General"],
  ["lt", "Lieutenant"],
  ["col", "Colonel"],
  ["maj", "Major"],
  ["capt", "Captain"],
  ["adm", "Admiral"],
  ["sgt", "Sergeant"],
  ["amb", "Ambassador"],
  ["atty", "Attorney"],
  ["supt", "Superintendent"],
]);

/** Honorifics that say the person's gender, for pronoun resolution. */
export const MALE_HONORIFICS = set("mr sir lord king prince");
export const FEMALE_HONORIFICS = set("mrs ms miss dame lady queen princess");

/** Heads of role phrases: "the minister", "Foreign Minister Cho Hyun", "a spokesperson". */
export const ROLE_HEADS = set(`minister president secretary spokesman spokeswoman spokesperson spokespeople
  ambassador senator governor mayor chief director chairman chairwoman chairperson chair official adviser
  advisor aide leader commander general envoy lawmaker legislator representative congressman
  congresswoman candidate nominee deputy head premier chancellor king queen prince princess pope judge
  justice attorney prosecutor sheriff commissioner administrator manager strategist pollster analyst
  economist professor researcher expert speaker whip treasurer founder ceo executive officer
  president-elect delegate activist member host anchor correspondent reporter columnist editor author
  lawyer counsel diplomat negotiator staffer surrogate operative consultant spokesmen chairs ministers
  officials advisers advisors aides leaders commanders envoys lawmakers legislators senators governors
  mayors candidates nominees judges prosecutors analysts experts economists researchers delegates
  activists members lawyers diplomats negotiators staffers surrogates consultants scientist scientists
  doctor physician nurse teacher student students voter voters resident residents officers
  agent agents investigator investigators detective inspector superintendent colonel major captain
  lieutenant sergeant admiral marshal governor-elect mayor-elect vice-president veteran veterans
  organizer organizers organiser organisers lobbyist lobbyists protester protesters supporter supporters critic critics opponent opponents
  ally allies observer observers witness witnesses source sources insider insiders person people man
  woman men women assistant associate partner owner worker workers employee employees
  historian historians writer journalist journalists blogger commentator commentators pundit pundits
  donor donors fundraiser backer backers adversary rival rivals challenger incumbent contender
  democrat democrats republican republicans conservative conservatives liberal liberals progressive
  progressives independent independents socialist libertarian evangelical evangelicals
  father mother son daughter wife husband brother sister friend friends neighbour neighbor
  neighbours neighbors campaigner campaigners mp mps minister-president ex-president
  vice-chairman co-founder co-chair hopeful hopefuls nominee-in-waiting narrator announcer councilwoman
  councilman councillor councilor councilmember alderman alderwoman assemblyman assemblywoman
  assemblymember trustee supervisor provost dean rector bishop cardinal rabbi imam pastor reverend coach
  premier-elect governor-general lord lady baroness baron boss director-general secretary-general defenceman defenseman goalkeeper goaltender goalie striker midfielder quarterback
  pitcher winger associate associates colleague colleagues
  confidant confidants actor actors actress actresses musician musicians comedian
  comedians filmmaker filmmakers artist artists novelist novelists poet poets entrepreneur
  entrepreneurs businessman businesswoman businessmen businesswomen athlete
  athletes`);

/** The titles the honorifics spell out, in lower case: "senator" of "Sen.", "governor" of "Gov.". */
export const HONORIFIC_TITLES: ReadonlySet<string> = new Set(
  [...HONORIFICS.values()].flatMap((title) => (title ? [title.toLowerCase()] : [])),
);

/** Of those, the courtesies that name no role: "Dr.". */
export const COURTESY_TITLES: ReadonlySet<string> = new Set(
  [...HONORIFICS.values()].filter((t): t is string => t !== null && !ROLE_HEADS.has(t.toLowerCase())),
);

/** Plural or generic role words that never name one person: "officials said". */
export const GROUP_HEADS =
  set(`officials advisers advisors aides associates bosses colleagues confidants leaders commanders envoys lawmakers
  legislators senators governors mayors candidates nominees judges prosecutors analysts experts
  economists researchers delegates activists members lawyers diplomats negotiators staffers surrogates
  consultants scientists students voters residents officers agents investigators veterans organizers
  protesters supporters critics opponents allies observers witnesses sources insiders people men women
  workers employees historians journalists commentators pundits donors backers rivals democrats
  republicans conservatives liberals progressives independents evangelicals friends neighbours
  neighbors campaigners mps spokespeople spokesmen ministers authorities police americans citizens
  parents families others many some most few several both all hopefuls`);

/** Role words that say how a person stands, not what office they hold: "rival Dana Ruiz" has no title. */
export const DESCRIPTOR_ROLES = set(`rival rivals veteran veterans critic critics supporter supporters
  opponent opponents ally allies adversary challenger incumbent contender hopeful hopefuls backer backers
  donor donors observer observers witness witnesses insider insiders source sources person people man
  woman men women voter voters resident residents student students worker workers`);

/**
 * Words for standing in a race, not holding an office: before an office ("presidential candidate
 * Sen. Owen Marsh") they give way to it, as a descriptor does ("GOP hopeful Sen. Owen Marsh").
 */
export const CANDIDACY_ROLES = set(`candidate candidates nominee nominees front-runner frontrunner`);

/** Party labels: "Republican Dana Ruiz" names her party, not his office. */
export const PARTY_LABELS = set(`republican republicans democrat democrats democratic gop conservative
  conservatives liberal liberals progressive progressives independent independents socialist libertarian evangelical
  evangelicals`);

/** Roles that relate a person to somebody else ("his wife", "her brother"): never the person's title. */
export const RELATION_ROLES = set(`wife husband father mother son daughter brother sister friend friends
  neighbour neighbor neighbours neighbors`);

/**
 * Words that join a role to what it serves: "chief of staff", "spokesperson for the ministry", "a
 * senator from Ohio".
 */
export const TITLE_LINKS = set("of for at to from");

/** Heads of phrases that name an organisation rather than a person. */
export const ORGANISATION_HEADS = set(`agency ministry department office committee campaign party government
  council commission news times post journal network poll polls survey surveys report reports study
  studies court police military army navy media group association union institute foundation center
  centre bureau service administration house pentagon kremlin corporation company firm bank university
  organization organisation statement statements website newspaper magazine channel station board
  authority team cabinet parliament congress senate assembly legislature embassy consulate mission
  regime coalition alliance federation league command headquarters secretariat tribune herald gazette
  review daily weekly press wire broadcaster broadcasting television radio tv paper editorial editorials
  blog site account data analysis document documents memo letter filing lawsuit complaint college
  academy society hospital
  indictment ruling order release email emails tweet tweets video footage transcript records
  fund caucus chamber industry body club movement dnc rnc fbi cia nsa doj gop kcna yonhap reuters afp
  bbc cnn msnbc nbc abc cbs fox npr pbs politico breitbart axios bloomberg nato imf
  facebook twitter google apple amazon microsoft convention conference summit forum election elections
  war act bill law treaty peninsula sea river island islands mountain street avenue square hall hotel
  airport stadium arena prize award festival games olympics cup series show program programme plan
  initiative project debate debates primary primaries clip ad ads spot slide panel`);

/** Words that make a role phrase anonymous: "a senior official", "one aide", "people familiar". */
export const ANONYMOUS_MARKERS = set(`a an one some several two three many another unnamed anonymous
  unidentified senior`);

/** Modifiers that belong to a role phrase: "former Defence Minister", "acting chief". */
export const ROLE_MODIFIERS = set(`former current deputy vice acting senior top chief interim assistant
  associate then then-president then-secretary first prime foreign defence defense unification finance trade
  interior justice home economy health education energy environment labour labor state federal
  national local regional presidential vice-presidential republican democratic white press campaign
  party communications policy security intelligence military foreign-policy economic legal general
  executive managing special principal longtime long-time veteran retired outgoing incoming new
  newly-elected elected junior ranking majority minority house senate us u.s. british american korean
  chinese japanese russian french german israeli iranian palestinian european north south east west
  incumbent sitting current founding co-founding lead leading chief-of-staff gop democrat mayoral
  gubernatorial congressional senatorial parliamentary ruling opposition top-ranking high-ranking`);

/** Roles that say the person's gender, for pronoun resolution: "the spokeswoman", "his brother". */
export const MALE_ROLES = set(`spokesman chairman congressman councilman businessman king prince
  father son husband brother`);
export const FEMALE_ROLES = set(`spokeswoman chairwoman congresswoman councilwoman businesswoman
  queen princess mother daughter wife sister first-lady`);

/**
 * Given names that say the person's gender in nearly every use, for pronoun resolution ("Maria
 * Lopez … she said"). Common names across English-, Spanish-, French-, German-, Italian-,
 * Portuguese-, Arabic- and Russian-speaking countries; names given to both (Jordan, Kim, Jean,
 * Andrea, Sasha) are left out on purpose: no gender is better than a wrong one.
 */
export const MALE_GIVEN_NAMES = set(`aaron abdul adam adrian ahmed al alan albert alberto alejandro alexander
  alexei ali andre andreas andrew andrei anthony antonio arthur barack ben benjamin bernard bernie bill
  bob boris brad brandon brian bruce carl carlos charles chris christopher chuck colin craig dan daniel
  darren dave david dennis diego dmitry don donald doug douglas edward eric ernesto francisco frank
  fred gary george gerald giuseppe gordon greg gregory hans harold harry henry hugo ian ivan jack jacob
  jake james jason jeb jeff jeffrey jerry jim jimmy joe joel john johnny jon jonathan jorge jose joseph
  juan karl keith ken kenneth kevin larry lars luis marco marcus mark martin matt matthew michael
  mike mitch mohamed mohammed muhammad nathan nicholas nick omar pablo patrick paul pedro peter philip
  pierre rafael ralph randy raymond reince richard rick rob robert roger ron ronald roy russell ryan sam
  samuel scott sean sergei sergio stephen steve steven stuart ted thomas tim timothy todd tom tony
  victor vladimir walter wayne will william yusuf`);
export const FEMALE_GIVEN_NAMES = set(`alice alicia amanda amy ana angela angelika ann anna anne april barbara
  betsy betty beverly brenda carla carly carmen carol caroline catherine cathy christina christine
  claire cynthia deborah debbie denise diana diane donna dorothy elena elizabeth ellen emily emma
  eva fatima fiona francesca gabriela gina hannah heather helen hillary ingrid irene isabel janet
  janice jennifer jessica jill joan joanna joyce judith judy julia julie june karen kate katherine kathleen
  kathy kelly kristen laura lauren linda lisa lori louise lucia lucy margaret maria marie marina
  martha mary may megan melania melissa michelle monica nancy natalia natasha nicole nina olga
  pamela patricia paula rachel rebecca rosa ruth sandra sara sarah sharon sheila sofia sophie stephanie
  susan suzanne svetlana tamara teresa theresa valerie victoria virginia wendy yolanda`);

/** A common given name of either list: "peter" of "Peter King". */
export const isGivenName = (word: string) => MALE_GIVEN_NAMES.has(word) || FEMALE_GIVEN_NAMES.has(word);

/**
 * Given names that are also common capitalised words, a modal or a month: read as a name only
 * where a name follows ("said Will Hale", "April Ross said"), never as a date ("in May Hale said").
 */
export const GIVEN_NAMES_ALSO_WORDS = set("will may june april");

/** Suffixes that, after a name, are part of it: "Jr.", "Sr.", "III". */
export const NAME_SUFFIXES = set("jr sr ii iii iv");

/** Lower-case particles inside a name: "Anna van der Berg", "Yusuf bin Tariq". */
export const NAME_PARTICLES = set("de van von bin al la du der den ter da di le del della dos das ibn");

/** Last parts of a compound that describes a person rather than names one: "Korean-born", "Ohio-based". */
export const DESCRIPTIVE_COMPOUND_ENDS = set(`born based bred backed led funded owned run made
  raised educated trained american americans`);

/** Words that link a role to the principal it speaks for: "advisers to …", "a spokesperson for …". */
export const PRINCIPAL_LINKS = set("to for of at on in from with");

/**
 * Words that date an appositive role without being part of it: "Ruth Amsel, then the city's
 * mayor,", "Gary Singh, now a senator,".
 */
export const ROLE_DATING_ADVERBS = set("then now formerly currently previously once still later");

/** How a role phrase in the past begins: "former minister", "ex-president", "then-governor". */
export const PAST_ROLE_PREFIXES: readonly string[] = ["former", "ex-", "then-"];
