/**
 * The wire editor's rules, each on a small window of articles written for this test: who is an
 * official, what they are called, which of their words the email carries.
 */
import { describe, expect, it } from "vitest";
import { composeDigest } from "../../../lambdas/core/digest/compose-digest.ts";
import type { Digest, StoredArticle } from "../../../lambdas/core/types.ts";
import { storedArticle } from "./fixtures.ts";

const WEEK = { from: "2026-10-05", to: "2026-10-11" };
const compose = (articles: StoredArticle[], options: { minConfidence?: number } = {}): Digest =>
  composeDigest({ articles, ...WEEK, ...options });
const names = (digest: Digest) => digest.officials.map((o) => o.name);

describe("the editor's rules", () => {
  it("lists a voter and an analyst under also quoted, never as officials", () => {
    const body =
      "Governor Ana Ruiz said the bridge would reopen in March. " +
      "Tom Baker, a retired teacher from Millbrook, said he had waited two years. " +
      "Lena Ortiz, a political analyst at Coastal University, said the delay had cost the governor votes.";
    const article = storedArticle({
      id: "bridge.txt",
      date: "2026-10-06",
      body,
      statements: [
        { text: "the bridge would reopen in March", speaker: "Ana Ruiz", kind: "indirect" },
        { text: "he had waited two years", speaker: "Tom Baker", kind: "indirect" },
        { text: "the delay had cost the governor votes", speaker: "Lena Ortiz", kind: "indirect" },
      ],
    });
    const digest = compose([article]);
    expect(digest.officials.map((o) => [o.name, o.title])).toEqual([["Ana Ruiz", "Governor"]]);
    expect(digest.alsoQuoted?.map((p) => p.name).sort()).toEqual(["Lena Ortiz", "Tom Baker"]);
  });

  it("takes a title the second article gives for the official the first article names bare", () => {
    const first = storedArticle({
      id: "first.txt",
      date: "2026-10-06",
      body: "Mira Kovac said the port strike would end by Friday.",
      statements: [{ text: "the port strike would end by Friday", speaker: "Mira Kovac", kind: "indirect" }],
    });
    const second = storedArticle({
      id: "second.txt",
      date: "2026-10-07",
      body: 'Transport Minister Mira Kovac said: "We have an agreement in principle."',
      statements: [{ text: "We have an agreement in principle.", speaker: "Mira Kovac" }],
    });
    const [official] = compose([first, second]).officials;
    expect(official).toMatchObject({ name: "Mira Kovac", title: "Transport Minister" });
    expect(official?.statements).toHaveLength(2);
  });

  it("reads what the week calls an official in every article, even one quoting nobody", () => {
    const quoted = storedArticle({
      id: "quoted.txt",
      date: "2026-10-06",
      body: "Mira Kovac said the port strike would end by Friday.",
      statements: [{ text: "the port strike would end by Friday", speaker: "Mira Kovac", kind: "indirect" }],
    });
    const visit = storedArticle({
      id: "visit.txt",
      date: "2026-10-07",
      body: "Transport Minister Mira Kovac toured the harbour on Tuesday.",
      statements: [],
    });
    expect(compose([quoted, visit]).officials.map((o) => [o.name, o.title])).toEqual([
      ["Mira Kovac", "Transport Minister"],
    ]);
  });

  it("keeps two officials who share a surname apart, and a lone surname with the one the article means", () => {
    const body =
      "Senator Paul Brandt said the budget was late. Mayor Ellen Brandt said the city would borrow. " +
      "Later Mayor Brandt added that the loan would be repaid within a year.";
    const digest = compose([
      storedArticle({
        id: "brandts.txt",
        date: "2026-10-08",
        body,
        statements: [
          { text: "the budget was late", speaker: "Paul Brandt", title: "Senator", kind: "indirect" },
          { text: "the city would borrow", speaker: "Ellen Brandt", title: "Mayor", kind: "indirect" },
          {
            text: "the loan would be repaid within a year",
            speaker: "Brandt",
            title: "Mayor",
            kind: "indirect",
          },
        ],
      }),
    ]);
    const byName = new Map(digest.officials.map((o) => [o.name, o]));
    expect([...byName.keys()].sort()).toEqual(["Ellen Brandt", "Paul Brandt"]);
    expect(byName.get("Ellen Brandt")?.statements).toHaveLength(2);
    expect(byName.get("Paul Brandt")?.statements).toHaveLength(1);
  });

  it("makes one statement of a tweet quoted in three cuts, every outlet listed", () => {
    const tweet = "We will not let this city down, and we will rebuild every home the storm took";
    const cuts = [tweet, "We will not let this city down", "we will rebuild every home the storm took"];
    const articles = cuts.map((cut, i) =>
      storedArticle({
        id: `storm-${i}.txt`,
        date: "2026-10-09",
        outlet: `Outlet ${i}`,
        body: `Mayor Jon Ives wrote on Twitter: "${cut}."`,
        statements: [{ text: cut, speaker: "Jon Ives", title: "Mayor", cue: "wrote" }],
      }),
    );
    const [official] = compose(articles).officials;
    expect(official?.statements).toHaveLength(1);
    expect(official?.statements[0]?.text).toBe(tweet);
    expect(official?.statements[0]?.sources.map((s) => s.article)).toEqual([
      "storm-0.txt",
      "storm-1.txt",
      "storm-2.txt",
    ]);
  });

  it("makes one statement of a quoted sentence and another outlet's paraphrase of it", () => {
    const quoted = storedArticle({
      id: "quote.txt",
      date: "2026-10-07",
      outlet: "Outlet q",
      body: 'Governor Ana Ruiz said: "The harbor will not close this winter."',
      statements: [
        { text: "The harbor will not close this winter.", speaker: "Ana Ruiz", title: "Governor" },
      ],
    });
    const paraphrase = storedArticle({
      id: "paraphrase.txt",
      date: "2026-10-08",
      outlet: "Outlet p",
      body: "Ruiz said the harbor would not close this winter.",
      statements: [
        {
          text: "the harbor would not close this winter",
          speaker: "Ana Ruiz",
          title: "Governor",
          kind: "indirect",
        },
      ],
    });
    const [ruiz] = compose([quoted, paraphrase]).officials;
    expect(ruiz?.statements.map((s) => [s.text, s.sources.map((x) => x.article)])).toEqual([
      ["The harbor will not close this winter.", ["quote.txt", "paraphrase.txt"]],
    ]);
  });

  it("keeps a July quote in an October article out of the email, marked earlier, after this week's words", () => {
    const body =
      'Senator Ruth Hale said on Tuesday that the bill "has the votes." ' +
      'In July, Hale had said the bill "will never pass this chamber."';
    const digest = compose([
      storedArticle({
        id: "bill.txt",
        date: "2026-10-06",
        body,
        statements: [
          { text: "will never pass this chamber", speaker: "Ruth Hale", title: "Senator", said: "2026-07" },
          { text: "has the votes", speaker: "Ruth Hale", title: "Senator" },
        ],
      }),
    ]);
    expect(digest.officials[0]?.statements.map((s) => [s.text, s.email, s.why])).toEqual([
      ["has the votes", undefined, undefined],
      ["will never pass this chamber", false, "earlier"],
    ]);
  });

  it("keeps what a candidate leads in the title, not a bare 'Leader'", () => {
    const body = "Republican poll leader Ada Ruiz said the harbour would reopen in May.";
    const digest = compose([
      storedArticle({
        id: "poll.txt",
        date: "2026-10-06",
        body,
        statements: [
          {
            text: "the harbour would reopen in May",
            speaker: "Ada Ruiz",
            title: "Republican poll leader",
            kind: "indirect",
          },
        ],
      }),
    ]);
    expect(digest.officials.map((o) => [o.name, o.title])).toEqual([["Ada Ruiz", "Republican poll leader"]]);
  });

  it("holds other sources to the same confidence rule, and marks words credited to nobody", () => {
    const article = storedArticle({
      id: "harbour.txt",
      date: "2026-10-06",
      body: "The Riverton Herald reported the dredging would start in May. Nobody wants the harbour dredged, it says.",
      statements: [
        {
          text: "the dredging would start in May",
          speaker: "Riverton Herald",
          sourceType: "organisation",
          kind: "indirect",
          confidence: 0.5,
        },
        {
          text: "Nobody wants the harbour dredged",
          speaker: null,
          sourceType: "organisation",
          kind: "indirect",
        },
      ],
    });
    const others = compose([article]).others ?? [];
    expect(
      others.map((o) => [o.name, o.unattributed ?? false, o.statements.map((s) => s.email ?? true)]).sort(),
    ).toEqual([
      ["Riverton Herald", false, [false]],
      ["Unattributed", true, [true]],
    ]);
  });

  it("keeps an attribution below the confidence setting out of the email, marked, and lets the setting move", () => {
    const article = storedArticle({
      id: "doubt.txt",
      date: "2026-10-06",
      body: 'Minister Karl Aune said "taxes will fall next year."\n\nLater, "Nothing is decided," an aide said.',
      statements: [
        { text: "taxes will fall next year.", speaker: "Karl Aune", title: "Minister" },
        { text: "Nothing is decided,", speaker: "Karl Aune", title: "Minister", confidence: 0.5 },
      ],
    });
    const marked = compose([article]).officials[0]?.statements.map((s) => s.why ?? "email");
    expect(marked).toEqual(["email", "lowConfidence"]);
    const lenient = compose([article], { minConfidence: 0.4 }).officials[0]?.statements;
    expect(lenient?.every((s) => s.email === undefined)).toBe(true);
  });

  it("gives a staff role whose it is, and names an office's country once", () => {
    const digest = compose([
      storedArticle({
        id: "staff.txt",
        date: "2026-10-06",
        body: '"The senator will vote no," spokesman Ben Ode said. "We are ready," Defence Minister Ahn Gyu-back said.',
        statements: [
          { text: "The senator will vote no,", speaker: "Ben Ode", title: "spokesman", affiliation: "Hale" },
          {
            text: "We are ready,",
            speaker: "Ahn Gyu-back",
            title: "Defence Minister",
            affiliation: "South Korea",
          },
        ],
      }),
    ]);
    const byName = new Map(digest.officials.map((o) => [o.name, [o.title, o.affiliation]]));
    expect(byName.get("Ben Ode")).toEqual(["Hale spokesman", null]);
    expect(byName.get("Ahn Gyu-back")).toEqual(["Defence Minister", "South Korea"]);
  });

  it("ranks the head of state quoted in three outlets above a company head quoted at length in one feature", () => {
    const president = ["a", "b", "c"].map((x) =>
      storedArticle({
        id: `summit-${x}.txt`,
        date: "2026-10-07",
        outlet: `Outlet ${x}`,
        body: 'President Lia Moreau said: "The summit was a success."',
        statements: [{ text: "The summit was a success.", speaker: "Lia Moreau", title: "President" }],
      }),
    );
    const lines = Array.from(
      { length: 12 },
      (_, i) => `Mining output will rise by ${i + 2} percent in region ${i}`,
    );
    const feature = storedArticle({
      id: "feature.txt",
      date: "2026-10-08",
      outlet: "Outlet f",
      body: lines.map((l) => `"${l}," said Dan Cole, chief executive of Cole Mining.`).join(" "),
      statements: lines.map((text) => ({
        text,
        speaker: "Dan Cole",
        title: "chief executive of Cole Mining",
      })),
    });
    expect(names(compose([feature, ...president]))).toEqual(["Lia Moreau", "Dan Cole"]);
  });

  it("prints nowhere an attribution doubtful on two counts, and lists nobody on its strength", () => {
    const body =
      "Governor Ana Ruiz accused the council of stalling the budget. " +
      "The audit, which Mayor Olav Berg accused of bias, was published on Monday. " +
      "Ruiz said the state would pay its share. Berg vowed to fight on. " +
      "Ruiz conceded Sources told reporters, however, that she had agreed.";
    const digest = compose([
      storedArticle({
        id: "audit.txt",
        date: "2026-10-06",
        body,
        statements: [
          // A whole clause the extractor doubts: the archive shows it, marked.
          {
            text: "the state would pay its share",
            speaker: "Ana Ruiz",
            title: "Governor",
            kind: "indirect",
            confidence: 0.6,
          },
          // Sure of it: the email shows it.
          {
            text: "the council of stalling the budget",
            speaker: "Ana Ruiz",
            title: "Governor",
            kind: "indirect",
            cue: "accused",
          },
          // Doubted and cut from its sentence: a misread sentence, printed nowhere.
          {
            text: "of bias",
            speaker: "Olav Berg",
            title: "Mayor",
            kind: "indirect",
            cue: "accused",
            confidence: 0.3,
          },
          // Doubted and run on into the narration, which reports somebody else: printed nowhere.
          {
            text: "Sources told reporters, however, that she had agreed",
            speaker: "Ana Ruiz",
            title: "Governor",
            kind: "indirect",
            cue: "conceded",
            confidence: 0.6,
          },
        ],
      }),
    ]);
    expect(names(digest)).toEqual(["Ana Ruiz"]);
    expect(digest.officials[0]?.statements.map((s) => s.why ?? "email")).toEqual(["email", "lowConfidence"]);
    expect(digest.stats?.doubtful).toBe(2);
    expect(JSON.stringify(digest)).not.toMatch(/of bias|Sources told/);
  });

  it("credits nobody with words reported through unnamed sources: they were not said on the record", () => {
    const body =
      "Senator Ruth Hale told reporters the bill would pass. " +
      "In a closed meeting she urged the leader to delay the vote, according to two aides who requested anonymity. " +
      "Senator Tom Ives said the vote would wait.";
    const digest = compose([
      storedArticle({
        id: "closed-door.txt",
        date: "2026-10-06",
        body,
        statements: [
          { text: "the bill would pass", speaker: "Ruth Hale", title: "Senator", kind: "indirect" },
          {
            text: "the leader to delay the vote",
            speaker: "Ruth Hale",
            title: "Senator",
            kind: "indirect",
            cue: "urged",
          },
          { text: "the vote would wait", speaker: "Tom Ives", title: "Senator", kind: "indirect" },
        ],
      }),
    ]);
    expect(digest.officials.map((o) => [o.name, o.statements.map((s) => s.text)]).sort()).toEqual([
      ["Ruth Hale", ["the bill would pass"]],
      ["Tom Ives", ["the vote would wait"]],
    ]);
    expect(digest.stats?.offRecord).toBe(1);
  });

  it("reads an infinitive a reporting verb takes as a whole statement, a bare one as cut", () => {
    const body = "Mayor Olav Berg vowed to fight on. Berg told reporters in the square.";
    const digest = compose([
      storedArticle({
        id: "vow.txt",
        date: "2026-10-06",
        body,
        statements: [
          { text: "to fight on", speaker: "Olav Berg", title: "Mayor", kind: "indirect", cue: "vowed" },
          { text: "in the square", speaker: "Olav Berg", title: "Mayor", kind: "indirect", cue: "told" },
        ],
      }),
    ]);
    expect(digest.officials[0]?.statements.map((s) => [s.text, s.why ?? "email"])).toEqual([
      ["to fight on", "email"],
      ["in the square", "fragment"],
    ]);
  });

  it("credits a headline's 'Name: words' to the person the story names in full", () => {
    const title = "Hale: The Bill Will Pass This Month";
    const digest = compose([
      storedArticle({
        id: "headline.txt",
        date: "2026-10-06",
        title,
        body: `${title}\n\nSenator Ruth Hale told reporters on Tuesday that she had counted the votes.`,
        statements: [{ text: "The Bill Will Pass This Month", speaker: "Hale", cue: ":", kind: "indirect" }],
      }),
    ]);
    expect(digest.officials.map((o) => [o.name, o.title])).toEqual([["Ruth Hale", "Senator"]]);
  });

  it("lists the head of a consultancy under also quoted, whatever their rank there", () => {
    const body =
      '"Turnout will decide it," said Ines Vidal, president of Harbor Strategies, a political consulting firm.';
    const digest = compose([
      storedArticle({
        id: "consultant.txt",
        date: "2026-10-06",
        body,
        statements: [
          { text: "Turnout will decide it,", speaker: "Ines Vidal", title: "president of Harbor Strategies" },
        ],
      }),
    ]);
    expect(digest.officials).toEqual([]);
    expect(digest.alsoQuoted?.map((p) => p.name)).toEqual(["Ines Vidal"]);
  });

  it("ranks the President quoted once above a minister quoted at length in one interview", () => {
    const president = storedArticle({
      id: "president.txt",
      date: "2026-10-07",
      outlet: "Outlet p",
      body: 'President Lia Moreau said: "The summit was a success."',
      statements: [{ text: "The summit was a success.", speaker: "Lia Moreau", title: "President" }],
    });
    const lines = [
      "Tariffs on imported steel will fall next spring",
      "The budget deficit should narrow to three percent",
      "Pension reform cannot wait for another election",
      "Our banks hold more capital than they did in 2008",
      "Fuel subsidies cost the treasury too much every winter",
      "Farmers will receive their drought payments in March",
      "The central bank decides interest rates on its own",
      "Corporate taxes are not going up this year",
      "Exports to our neighbours grew faster than expected",
    ];
    const interview = storedArticle({
      id: "interview.txt",
      date: "2026-10-08",
      outlet: "Outlet i",
      body: lines.map((l) => `"${l}," Finance Minister Ivo Petrov said.`).join("\n\n"),
      statements: lines.map((text) => ({ text, speaker: "Ivo Petrov", title: "Finance Minister" })),
    });
    expect(names(compose([interview, president]))).toEqual(["Lia Moreau", "Ivo Petrov"]);
  });

  it("calls a run for office a candidate, and a party's member in a chamber by the seat", () => {
    const body =
      "GOP contender Ana Ruiz said the primary was hers to lose. " +
      "Tom Hale, the Senate's only independent Republican, said he would not endorse her.";
    const digest = compose([
      storedArticle({
        id: "wording.txt",
        date: "2026-10-06",
        body,
        statements: [
          {
            text: "the primary was hers to lose",
            speaker: "Ana Ruiz",
            title: "GOP contender",
            kind: "indirect",
          },
          { text: "he would not endorse her", speaker: "Tom Hale", kind: "indirect" },
        ],
      }),
    ]);
    expect(digest.officials.map((o) => [o.name, o.title]).sort()).toEqual([
      ["Ana Ruiz", "GOP candidate"],
      ["Tom Hale", "Senator"],
    ]);
  });

  it("counts a public prosecutor as an official, and a staff role cut short as the fuller one beside it", () => {
    const body =
      "Assistant U.S. Attorney Maya Lin said the case was strong. " +
      'Senior strategist Tad Vine said the ads would run. "We are ahead," said Vine, senior strategist for Ana Ruiz.';
    const digest = compose([
      storedArticle({
        id: "staff.txt",
        date: "2026-10-06",
        body,
        statements: [
          {
            text: "the case was strong",
            speaker: "Maya Lin",
            title: "Assistant U.S. Attorney",
            kind: "indirect",
          },
          { text: "the ads would run", speaker: "Tad Vine", title: "Senior strategist", kind: "indirect" },
          { text: "We are ahead,", speaker: "Tad Vine", title: "senior strategist for Ana Ruiz" },
        ],
      }),
    ]);
    expect(names(digest).sort()).toEqual(["Maya Lin", "Tad Vine"]);
  });

  it("reads no role of a person in a relation to them ('supporters of Ruth Hale')", () => {
    const digest = compose([
      storedArticle({
        id: "senate.txt",
        date: "2026-10-06",
        body: "Senator Ruth Hale said the bill would pass.",
        statements: [
          { text: "the bill would pass", speaker: "Ruth Hale", title: "Senator", kind: "indirect" },
        ],
      }),
      storedArticle({
        id: "fund.txt",
        date: "2026-10-07",
        body: "The fund raised most of its money from supporters of Ruth Hale. Ruth Hale said she was grateful.",
        statements: [{ text: "she was grateful", speaker: "Ruth Hale", kind: "indirect" }],
      }),
    ]);
    expect(digest.officials.map((o) => [o.name, o.title, o.statements.length])).toEqual([
      ["Ruth Hale", "Senator", 2],
    ]);
  });

  it("keeps a headline's title-case words out of the email, and a long title in a sentence's case", () => {
    const title = "Ruiz Announces Plans She Has Made For Dredging The Harbor";
    const digest = compose([
      storedArticle({
        id: "plans.txt",
        date: "2026-10-06",
        title,
        body: `${title}\n\nAna Ruiz, executive director of the Harbor Trust, said the dredging would start in May.`,
        statements: [
          {
            text: "Plans She Has Made For Dredging The Harbor",
            speaker: "Ana Ruiz",
            kind: "indirect",
            cue: "Announces",
          },
          {
            text: "the dredging would start in May",
            speaker: "Ana Ruiz",
            title: "executive director of the Harbor Trust",
            kind: "indirect",
          },
        ],
      }),
    ]);
    const [ruiz] = digest.officials;
    expect(ruiz?.statements.map((s) => s.why ?? "email")).toEqual(["email", "fragment"]);
    expect(ruiz?.summary).toBe(
      "Ana Ruiz, executive director of the Harbor Trust, said the dredging would start in May.",
    );
  });

  it("finds no person in a place or a headline", () => {
    const digest = compose([
      storedArticle({
        id: "place.txt",
        date: "2026-10-06",
        title: "Harbor Plan Wins Votes",
        body: "Harbor Plan Wins Votes\n\nOfficials in Hampshire said the plan would cost less.",
        statements: [
          { text: "Wins Votes", speaker: "Harbor Plan", kind: "indirect" },
          { text: "the plan would cost less", speaker: "Hampshire", kind: "indirect" },
        ],
      }),
    ]);
    expect(digest.officials).toEqual([]);
    expect(digest.alsoQuoted).toEqual([]);
  });
});
