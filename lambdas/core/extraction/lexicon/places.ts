/**
 * Places that stand for governments in news copy ("Seoul said", "Washington warned"). A speaker
 * phrase headed by one of these is an organisation, never a person.
 */
const set = (words: string) => new Set(words.trim().split(/\s+/));

/**
 * The world's countries by the last word of their English name ("Kenya", "Zealand", "Arabia"),
 * leaving out those that are as often a person's name ("Jordan", "Chad", "Georgia").
 */
const COUNTRIES = `afghanistan albania algeria andorra angola argentina armenia austria azerbaijan bahamas
  bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brunei
  bulgaria burkina burundi cambodia cameroon chile colombia comoros congo croatia cuba cyprus czechia
  denmark djibouti dominica ecuador salvador eritrea estonia eswatini ethiopia fiji finland gabon
  gambia ghana greece grenada guatemala guinea guyana haiti honduras hungary iceland ireland italy
  jamaica kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia
  libya liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta
  mauritania mauritius micronesia moldova monaco mongolia montenegro morocco mozambique myanmar
  namibia nauru nepal netherlands zealand nicaragua niger nigeria macedonia norway oman palau
  palestine panama paraguay peru poland portugal qatar romania rwanda samoa arabia senegal serbia
  seychelles leone singapore slovakia slovenia somalia africa sudan spain lanka suriname sweden
  switzerland tajikistan tanzania thailand togo tonga trinidad tunisia turkmenistan tuvalu uganda
  emirates uruguay uzbekistan vanuatu venezuela yemen zambia zimbabwe scotland wales`;

/**
 * Countries by name (not by their people's adjective): "Kenya President …" is Kenya's president;
 * and those named in more than one word, read whole ("The United States would not …, she said":
 * a country, never the "she").
 */
export const COUNTRY_NAMES = new Set([
  ...set(`${COUNTRIES} korea america china russia japan britain france germany
  ukraine iran israel india pakistan iraq syria egypt turkey canada australia mexico brazil
  taiwan vietnam philippines indonesia`),
  ...["united states", "united kingdom", "united arab emirates", "south korea", "north korea"],
  ...["new zealand", "saudi arabia", "south africa", "sri lanka", "costa rica"],
]);

/** Words that open a place's name: "South Korea", "New Zealand", "United Arab Emirates". */
export const COMPASS_WORDS = set("north south east west new united saudi sri sierra el costa");

export const PLACE_WORDS = set(`seoul pyongyang washington beijing moscow tokyo london paris berlin
  brussels kyiv kiev tehran jerusalem ankara delhi islamabad kabul baghdad damascus cairo riyadh
  ottawa canberra rome madrid taipei hanoi manila jakarta bangkok geneva vienna warsaw
  korea korean america american china chinese russia russian japan japanese britain british
  france french germany german ukraine ukrainian iran iranian israel israeli india indian
  pakistan iraq syria egypt turkey canada australia mexico brazil europe european
  states kingdom nations union taiwan vietnam philippines indonesia
  u.s. us usa uk u.k. eu un nato dprk rok prc
  ${COUNTRIES}`);

/**
 * Places that do not speak: states, regions and districts. "Texas said" is a sentence opener
 * or a misread headline, never a speaker (unlike a capital standing for its government).
 */
export const NON_SPEAKING_PLACES = new Set(
  `alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii
  idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan
  minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania
  tennessee texas utah vermont virginia wisconsin wyoming`
    .trim()
    .split(/\s+/)
    .concat([
      "new hampshire",
      "new jersey",
      "new mexico",
      "new york",
      "north carolina",
      "north dakota",
      "rhode island",
      "south carolina",
      "south dakota",
      "west virginia",
      "capitol hill",
      "silicon valley",
      "the midwest",
      "midwest",
      "manhattan",
      "brooklyn",
      "ontario",
      "quebec",
      "alberta",
      "bavaria",
      "catalonia",
      "gyeonggi",
    ])
    // The states as news style abbreviates them after a town: "Portsmouth, N.H.", "Tampa, Fla.".
    .concat(
      `ala. ariz. ark. calif. colo. conn. del. fla. ga. ill. ind. kan. ky. la. md. mass. mich. minn.
      mo. mont. neb. nev. n.h. n.j. n.m. n.y. n.c. n.d. okla. ore. pa. r.i. s.c. s.d. tenn. tex. vt.
      va. wash. w.va. wis. wyo. d.c.`
        .trim()
        .split(/\s+/),
    ),
);

/**
 * Words that end the name of a building, a landmark, a company, a campaign's merchandise or its
 * bus: "Trump Tower", "Stonewall Inn", "Acme Holdings LLC", "a Canova T-Shirt", "the Trump Train". Such a name is nobody's,
 * whoever it is named after. Not words that are as often surnames ("Hall", "Park", "Church",
 * "Temple", "Lake", "Button").
 */
export const NAMED_THING_HEADS = new Set(
  `tower towers building plaza boulevard road inn mall cathedral mosque museum station airport stadium
  arena llc inc corp ltd plc t-shirt t-shirts shirt shirts hat hats cap caps sign signs poster posters
  sticker stickers train express bus`
    .trim()
    .split(/\s+/),
);
