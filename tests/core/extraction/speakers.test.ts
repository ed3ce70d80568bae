import { describe, expect, it } from "vitest";
import { extractStatements } from "../../../lambdas/core/extraction/extract-statements.ts";
import { extract, mentionText } from "./helpers.ts";

const speakers = (...paragraphs: string[]) =>
  extract(...paragraphs).map((s) => ({ speaker: s.speaker, title: s.title, sourceType: s.sourceType }));

describe("who said it", () => {
  it("reads title and affiliation off the full introduction", () => {
    const [statement] = extract("South Korea's Defence Minister Ahn Gyu-back said the region was unstable.");
    expect(statement).toMatchObject({
      speaker: "Ahn Gyu-back",
      title: "Defence Minister",
      affiliation: "South Korea",
      sourceType: "person",
    });
  });

  it("resolves a Korean surname, given first, to the full name introduced earlier", () => {
    expect(
      speakers(
        "Foreign Minister Cho Hyun said he would seek dialogue.",
        '"The summits laid a foundation," Cho said.',
      ),
    ).toEqual([
      { speaker: "Cho Hyun", title: "Foreign Minister", sourceType: "person" },
      { speaker: "Cho Hyun", title: "Foreign Minister", sourceType: "person" },
    ]);
  });

  it("keeps a name's particles, and resolves the surname with its particles to the full name", () => {
    const result = speakers(
      '"We are disappointed," Commission President Ilse van der Berg told reporters.',
      "Van der Berg said a new proposal would come within weeks.",
    );
    expect(result.map((s) => s.speaker)).toEqual(["Ilse van der Berg", "Ilse van der Berg"]);
  });

  it.each([
    [
      "a name with a particle, by a middle part",
      "President Luiz Inácio Lula da Silva met the envoy on Monday.",
      '"The tariffs are unacceptable," Lula said.',
      "Luiz Inácio Lula da Silva",
    ],
    [
      "a name with a suffix",
      "Harbour commissioner Walter Corbett Jr. toured the port on Monday.",
      '"The cranes are ready," Corbett said.',
      "Walter Corbett Jr",
    ],
    [
      "a name with two surnames, by the first",
      "Treasury secretary Melba Acosta Febo met bankers on Monday.",
      '"We will pay," Ms. Acosta said.',
      "Melba Acosta Febo",
    ],
  ])("resolves %s to the full name", (_, first, second, speaker) => {
    expect(speakers(first, second).map((s) => s.speaker)).toEqual([speaker]);
  });

  it("resolves a Western surname, given last, and an honorific", () => {
    const result = speakers(
      "U.S. Trade Representative Karen Holt said the tariffs would stand.",
      '"We are not there yet," Ms. Holt told reporters.',
    );
    expect(result.map((s) => s.speaker)).toEqual(["Karen Holt", "Karen Holt"]);
  });

  it("resolves a title alone to the person who holds it", () => {
    const result = speakers(
      "Defence Minister Han Tae-woo warned of new launches.",
      "The minister said the drills would go ahead.",
    );
    expect(result.map((s) => s.speaker)).toEqual(["Han Tae-woo", "Han Tae-woo"]);
  });

  it.each([
    [
      "a country's role in the lead, named in apposition just after",
      [
        "Canada's public safety minister said the bill would pass.",
        "The minister, Gary Singh, told reporters it would add officers.",
      ],
      ["Gary Singh", "Gary Singh"],
    ],
    [
      "a sports role named earlier in apposition",
      [
        "Tomas Weil, the team's rookie defenceman, scored twice.",
        '"We were tired," said the rookie defenceman.',
      ],
      ["Tomas Weil"],
    ],
    [
      "not a role given to somebody introduced later by title and name",
      [
        "The minister said the bill would pass.",
        "Later, Finance Minister Ada Ruiz said the budget was tight.",
      ],
      [null, "Ada Ruiz"],
    ],
  ])("resolves a role alone: %s", (_, paragraphs, expected) => {
    expect(speakers(...paragraphs).map((s) => s.speaker)).toEqual(expected);
  });

  it("resolves a pronoun to the most recent speaker, and reports the pronoun as the mention", () => {
    const body = 'Lee Jun-ho told reporters the channel was open.\n\n"We urge the North to use it," he said.';
    const statements = extract(body);
    expect(statements.map((s) => s.speaker)).toEqual(["Lee Jun-ho", "Lee Jun-ho"]);
    expect(mentionText(body, statements[1] as never)).toBe("he");
  });

  it.each([
    ["she", "Council member Sofia Brandt", "Her colleague Peter Hale voted against it.", "Sofia Brandt"],
    ["he", "Harbour director Tomas Reyes", "His deputy Laura Finch had pushed for it.", "Tomas Reyes"],
  ])("resolves '%s' past a person whose given name says another gender", (pronoun, intro, aside, speaker) => {
    const statements = extract(
      `${intro} announced the new repair budget on Monday. ${aside}`,
      `"We cannot keep paying for repairs we never finish," ${pronoun} said.`,
    );
    expect(statements.find((s) => s.text.startsWith("We cannot"))?.speaker).toBe(speaker);
  });

  it.each([
    [
      'Former Governor Ruth Amsel started the row when she brought up the old bombing and later said, "It is not just one group."',
      "Ruth Amsel",
      "she",
    ],
    [
      "Senator Dale Ferris opened the session, and when the loan came up he smiled and said it had been repaid.",
      "Dale Ferris",
      "he",
    ],
    [
      "Judge Ana Lima closed the hearing after she read the ruling aloud and added that the city must pay.",
      "Ana Lima",
      "she",
    ],
  ])("reports the nearest words that refer to the speaker as the mention: %s", (body, speaker, mention) => {
    const statement = extract(body).at(-1) as never;
    expect(statement).toMatchObject({ speaker });
    expect(mentionText(body, statement)).toBe(mention);
  });

  it("keeps the name as the mention when the nearer pronoun stands for somebody else", () => {
    const body =
      "Ruth Amsel praised Tomas Reyes after he spoke at the rally, and said the port would reopen in May.";
    const statement = extract(body).at(-1) as never;
    expect(statement).toMatchObject({ speaker: "Ruth Amsel" });
    expect(mentionText(body, statement)).toBe("Ruth Amsel");
  });

  it("resolves a pronoun to the speaker, not to a person the speaker talked about", () => {
    const statements = extract(
      "Pence said Trump will follow a different schedule.",
      '"Donald Trump will release his returns after the audit," he said.',
    );
    expect(statements.map((s) => s.speaker)).toEqual(["Pence", "Pence"]);
  });

  it("reads a bare surname shared by two people as the person the story is about", () => {
    const result = speakers(
      "Riverton locksmith Teodor Ilie Varga admitted that he had opened the council's safe.",
      '"We need him at home," his wife, Irina Marta Varga, wrote in a letter.',
      "A night-school graduate, Varga had no formal training.",
      "He told the court that he guessed the combination.",
    );
    expect(result.map((s) => s.speaker)).toEqual([
      "Teodor Ilie Varga",
      "Irina Marta Varga",
      "Teodor Ilie Varga",
    ]);
  });

  it("keeps a bare surname for the person the article called so before naming another", () => {
    const result = speakers(
      "Senator Hana Lindqvist opened the hearing on the port budget.",
      "Lindqvist pressed the agency on its delays.",
      "Former governor Olof Lindqvist, who held the seat before her, said in March that the port could wait.",
      '"The port cannot wait," Lindqvist said.',
    );
    expect(result.map((s) => s.speaker)).toEqual(["Olof Lindqvist", "Hana Lindqvist"]);
  });

  it.each([["Then there’s Ruiz."], ["And then there is Ruiz."], ["There's Ruiz."]])(
    "resolves a pronoun to the person '%s' brings on stage",
    (presentative) => {
      const result = speakers(
        "Sam Ruiz, a former adviser to the governor, has a column of his own.",
        "Her old campaign manager Dan Ortiz advises the campaign, and the governor herself has praised it.",
        presentative,
        "“Kind of strange to lay out a plan a week early,” he wrote last October.",
      );
      expect(result.map((s) => s.speaker)).toEqual(["Sam Ruiz"]);
    },
  );

  it("names nobody by the capitals of a quoted title", () => {
    const result = speakers(
      "Mayor Ana Ruiz spoke first.",
      "Columnist Dan Ortiz wrote a piece entitled “Why Voting Matters More Than Electing Ruiz in May.”",
      "“It was a long night,” Ruiz said.",
    );
    expect(result.map((s) => s.speaker)).toEqual(["Ana Ruiz"]);
  });

  it("reads the role from an appositive", () => {
    const [statement] = extract(
      "Lee Jun-ho, a spokesperson for the Unification Ministry, said the channel was open.",
    );
    expect(statement).toMatchObject({
      speaker: "Lee Jun-ho",
      title: "spokesperson",
      affiliation: "Unification Ministry",
    });
  });

  it("tells apart two people who share a surname", () => {
    const result = speakers(
      "Mayor Daniel Reyes said the closures were needed.",
      "Councilwoman Maria Reyes said the closures would hurt families.",
      '"That branch is the only quiet room they have," Ms. Reyes added.',
      '"We cannot pay to heat empty rooms," Mr. Reyes said.',
      "The mayor said he was open to a pilot.",
    );
    expect(result.map((s) => s.speaker)).toEqual([
      "Daniel Reyes",
      "Maria Reyes",
      "Maria Reyes",
      "Daniel Reyes",
      "Daniel Reyes",
    ]);
  });

  it.each([
    ["a news agency", "The drills were routine, the Korean Central News Agency said.", "organisation"],
    ["state media", "North Korea's state media said the launches were routine.", "organisation"],
    ["a poll", "Most voters back the plan, according to a new poll.", "organisation"],
    ["a government by its capital", "Seoul said the talks would resume in December.", "organisation"],
    [
      "an anonymous official",
      "A senior official, who asked not to be named, said the launches failed.",
      "anonymous",
    ],
    ["unnamed officials", "Officials said the launches failed.", "anonymous"],
    ["a share of those polled", "Thirty percent said the launches failed.", "anonymous"],
    ["a share written with a hyphen", "Forty-two percent said the launches failed.", "anonymous"],
    ["a person's associates", "Associates say the launches failed.", "anonymous"],
  ])("marks %s as a source that is not a named person", (_, body, sourceType) => {
    const statements = extract(body);
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.every((s) => s.sourceType === sourceType)).toBe(true);
    expect(statements.some((s) => s.sourceType === "person")).toBe(false);
  });

  it.each([
    [
      "past what describes it",
      "The nonpartisan Riverton Budget Office said the deficit fell.",
      "Riverton Budget Office",
    ],
    [
      "past its standing",
      "The main opposition Harbour Party accused the council of hiding costs.",
      "Harbour Party",
    ],
    [
      "past its possessor and what describes it",
      "The mayor's hometown Riverton Herald reported that he held off.",
      "Riverton Herald",
    ],
    [
      "by the name given before, when the article says 'the bank'",
      "The Riverton Savings Bank held rates on Thursday. The bank said inflation was close to target.",
      "Riverton Savings Bank",
    ],
    [
      "with its 'of'",
      "The Royal College of Midwives said it would ballot members.",
      "Royal College of Midwives",
    ],
    [
      "by its words when it has no name",
      "The finance ministry said the talks were constructive.",
      "finance ministry",
    ],
    [
      "by a name its appositive calls a body",
      '"The claims are unkind," Kestrel, the official state news agency, wrote.',
      "Kestrel",
    ],
  ])("names a body %s", (_, body, speaker) => {
    expect(extract(body).map((s) => [s.speaker, s.sourceType])).toEqual([[speaker, "organisation"]]);
  });

  it.each([
    ["a spokesman for a body", '"We disagree," Tom Hale, a spokesman for the agency, said.'],
    ["a member who led a body", '"We disagree," Tom Hale, a Republican who led the committee, said.'],
  ])("keeps a person a person when the appositive names %s", (_, body) => {
    expect(extract(body).map((s) => [s.speaker, s.sourceType])).toEqual([["Tom Hale", "person"]]);
  });

  it.each([
    ["a modal as a given name after the verb", '"It is costly," said Will Hale.', "Will Hale"],
    [
      "a month as a given name, with an appositive",
      '"It is costly," said May Hale, a professor.',
      "May Hale",
    ],
    ["a month as a given name opening the sentence", "April Ross said the plan is costly.", "April Ross"],
    ["a title before the given name", "Rep. Will Hurd said the plan is costly.", "Will Hurd"],
    ["a surname that is also a role", '"It is costly," Representative Peter King said.', "Peter King"],
    [
      "a role-word surname after an initial",
      '"We will not back down," Representative Peter T. King, Republican of New York, said of the vote.',
      "Peter T. King",
    ],
    ["a surname that is also a title", "Amy Pope, a deputy adviser, said the plan is costly.", "Amy Pope"],
    ["a surname that is also a preposition", '"It is costly," said Al From, who led the council.', "Al From"],
    [
      "a single-letter initial that is also an article",
      '"It is costly," wrote Counsel James A. Baker, who had reviewed it.',
      "James A. Baker",
    ],
    [
      "a given name left alone before the next sentence",
      '"It is costly," said Peter. From there it moved on.',
      "Peter",
    ],
    ["a month after 'in' stays a date", "In May Hale said the plan is costly.", "Hale"],
    ["not an occupation opening the sentence", "Actor Tom Hale said the plan is costly.", "Tom Hale"],
    ["not a capitalised occupation after the verb", '"It is costly," said Comedian Ana Ruiz.', "Ana Ruiz"],
    [
      "not a state after a town in the appositive",
      '"It is costly," Dan Ruiz, 67, a retired nurse in Dover, Del., said.',
      "Dan Ruiz",
    ],
    ["a month after 'since' stays a date", "Since June Hale has said the plan is costly.", "Hale"],
  ])("reads %s", (_, body, speaker) => {
    expect(extract(body).map((s) => s.speaker)).toEqual([speaker]);
  });

  it("gives no speaker for a common word the article writes in lower case, capitalised only as the sentence opens", () => {
    const statements = extract("The focus was on jobs.", "Focus groups said the plan would fail.");
    expect(statements.map((s) => s.text)).toEqual(["the plan would fail"]);
    expect(statements.map((s) => s.speaker)).not.toContain("Focus");
  });

  it("keeps a body that speaks at a sentence's opening, though the article writes it in lower case too", () => {
    const statements = extract("The police arrived within minutes.", "Police said the driver fled on foot.");
    expect(statements.map((s) => s.text)).toEqual(["the driver fled on foot"]);
  });

  it("reads an interview's question label as no part of the words and nobody's name", () => {
    const statements = extract("Q: Voters say the plan is dead. Is it?");
    expect(statements.map((s) => [s.text, s.speaker])).toEqual([["the plan is dead", null]]);
  });

  it.each([
    ["a sentence adverbial", "Overall, conservative groups reported spending $6 million."],
    ["a form's field", 'Name: Ada Ruiz. "I came because the rent doubled."'],
    [
      "a voter placed by a town and its state",
      'Ana Ruiz was in Ohio when a voter in Dover, Delaware, told her the plan was "too costly."',
    ],
  ])("gives no speaker for %s", (_, body) => {
    const speakers = extractStatements({ body }, { keep: "all" }).map((s) => s.speaker);
    expect(speakers.length).toBeGreaterThan(0);
    expect(speakers.every((speaker) => speaker === null)).toBe(true);
  });
  describe("whom a later he or she stands for", () => {
    const lastSpeaker = (body: string) => extract(body).at(-1)?.speaker;
    it.each([
      [
        "the name a sentence sets before its subject as its topic",
        'Senator Ted Crane attacked the plan. As for Tom Reyes, he said he is not worried. "The numbers will come back," he said.',
        "Tom Reyes",
      ],
      [
        "the person a role opening the sentence names",
        'Admiral Tom Harris leads the command. Mr. Obama warned Xi Jinping not to move.\n\nThe admiral laughed.\n\n"It is good," he said.',
        "Tom Harris",
      ],
      [
        "not a name set off by commas far into a clause",
        'Admiral Tom Harris leads the command. The stakes are so high that Mr. Obama warned the Chinese leader, Xi Jinping, not to move on the shoal, said an official.\n\n"It is good," he said.',
        "Tom Harris",
      ],
      [
        "the name that closes a sentence after a long opening",
        'Ban Ki-moon spoke in New York. Asked whether he was concerned that Donald Trump, the presumptive nominee, who has called warming a hoax, could be the next occupant of the White House, Ban demurred.\n\n"There is just one science," he said.',
        "Ban Ki-moon",
      ],
      [
        "not a name that closes a list",
        'Citing the attack, Hale urged voters to shun all outsiders, Ed Marsh in particular.\n\n"They are not ready," he said.',
        "Hale",
      ],
      [
        "not a section label in capitals",
        'Admiral Tom Harris leads the command.\n\nFULL TEXT.\n\n"It is good," he said.',
        "Tom Harris",
      ],
      [
        "not a name after 'a' that describes something",
        'Admiral Tom Harris leads the command. A United Nations tribunal is expected to rule soon. "We will wait," he said.',
        "Tom Harris",
      ],
      [
        "not the role of somebody else in an opening phrase",
        'Donald Trump landed in Phoenix. Preceded by Joe Arpaio, the Arizona sheriff, Trump spoke for an hour. "We will build it," he said.',
        "Donald Trump",
      ],
    ])("is %s", (_, body, speaker) => {
      expect(lastSpeaker(body)).toBe(speaker);
    });

    it.each([
      [
        "with a middle initial",
        'Ana Ruiz learned that Donald J. Trump would campaign in the city. "Get out," Mr. Trump said.',
        "Donald J. Trump",
      ],
      [
        "not a slogan that is all its quotation says",
        'Donald Trump spoke for an hour. A man wore a shirt that read "Fascist Trump," and left. "Get out," Mr. Trump said.',
        "Donald Trump",
      ],
      [
        "not a building named after the person",
        'Donald Trump spoke in Ohio. Protesters gathered outside Trump Tower on Friday. "We will win," Trump said.',
        "Donald Trump",
      ],
      [
        "not a company named after the person",
        'Dana Whitfield spoke on Monday. Whitfield Holdings LLC was paid $90,000. "It is legal," Whitfield said.',
        "Dana Whitfield",
      ],
    ])("reads a surname as the full name given %s", (_, body, speaker) => {
      expect(lastSpeaker(body)).toBe(speaker);
    });
  });
});
