/** What the email carries of a digest, by the editor's rules: only what it may show, readably. */
import { describe, expect, it } from "vitest";
import { personaliseIssue, renderDigest } from "../../lambdas/adapters/mjml-renderer.ts";
import type { Digest } from "../../lambdas/core/types.ts";
import { official, source, statement, WEEK } from "./digests.ts";

const SETTINGS = { postalAddress: "onrecord, 1 Example Street, Riverton" };
const READER = { email: "reader@example.org", unsubscribeUrl: "https://onrecord.example/u?t=1" };
const render = async (digest: Digest) => personaliseIssue(await renderDigest(digest, SETTINGS), READER);

describe("the email", () => {
  it("leaves out statements marked email: false, and officials with nothing else to show", async () => {
    const digest: Digest = {
      ...WEEK,
      officials: [
        official("Ruth Hale", {
          statements: [
            statement("The bill has the votes"),
            statement("The bill will never pass this chamber", { email: false, why: "earlier" }),
          ],
        }),
        official("Karl Aune", {
          statements: [statement("Taxes will fall next year", { email: false, why: "lowConfidence" })],
        }),
      ],
    };
    const { html, text } = await render(digest);
    for (const part of [html, text]) {
      expect(part).toContain("The bill has the votes");
      expect(part).not.toContain("never pass this chamber");
      expect(part).not.toContain("Karl Aune");
    }
  });

  it("lists among other sources only words it may show, from sources it can name", async () => {
    const digest: Digest = {
      ...WEEK,
      officials: [official("Ruth Hale", { statements: [statement("The bill has the votes")] })],
      others: [
        {
          name: "Unattributed",
          sourceType: "organisation",
          unattributed: true,
          statements: [statement("Nobody wants the harbour dredged", { kind: "direct" })],
        },
        {
          name: "Riverton Herald",
          sourceType: "organisation",
          statements: [
            statement("the mayor had known for weeks", {
              kind: "indirect",
              email: false,
              why: "lowConfidence",
            }),
            statement("the dredging would start in May", { kind: "indirect" }),
          ],
        },
      ],
    };
    const { html, text } = await render(digest);
    for (const part of [html, text]) {
      expect(part).not.toContain("Nobody wants the harbour dredged");
      expect(part).not.toContain("had known for weeks");
      expect(part).toContain("the dredging would start in May");
    }
  });

  it("prints reported speech as a sentence with its speaker and verb", async () => {
    const digest: Digest = {
      ...WEEK,
      officials: [
        official("Cho Hyun", {
          statements: [
            statement("that the talks would resume in spring", { kind: "indirect", cue: "warned" }),
            statement("called the launches a provocation", { kind: "indirect", cue: "called" }),
          ],
        }),
      ],
    };
    const { text } = await render(digest);
    expect(text).toContain("Cho Hyun warned that the talks would resume in spring.");
    expect(text).toContain("Cho Hyun called the launches a provocation.");
  });

  it("lowers a reported clause's opening word unless it is a name", async () => {
    const digest: Digest = {
      ...WEEK,
      officials: [
        official("Cho Hyun", {
          statements: [
            statement('With so many counting systems, "there is no single point of failure"', {
              kind: "mixed",
              cue: "said",
            }),
            statement("Riverton would not pay for the bridge", { kind: "indirect", cue: "said" }),
            statement("Now the council is looking into the tender", {
              kind: "indirect",
              cue: "according to",
            }),
          ],
        }),
      ],
    };
    const { text } = await render(digest);
    expect(text).toContain("According to Cho Hyun, now the council is looking into the tender.");
    expect(text).toContain(
      'Cho Hyun said with so many counting systems, "there is no single point of failure".',
    );
    expect(text).toContain("Cho Hyun said Riverton would not pay for the bridge.");
  });

  it("names each source by outlet and headline, or its first words, never by file name", async () => {
    const digest: Digest = {
      ...WEEK,
      officials: [
        official("Cho Hyun", {
          statements: [
            statement("We are ready", {
              sources: [
                source("defence-forum.txt", {
                  outlet: null,
                  title: null,
                  url: null,
                  lead: "SEOUL — The minister spoke …",
                }),
                source("wire.json", { outlet: "Example Wire", title: "Talks to resume" }),
              ],
            }),
          ],
        }),
      ],
    };
    const { html, text } = await render(digest);
    for (const part of [html, text]) {
      expect(part).not.toContain("defence-forum");
      expect(part).toContain("SEOUL — The minister spoke …");
      expect(part).toContain("Example Wire");
      expect(part).toContain("Talks to resume");
    }
  });

  it("shows a title's affiliation once, not again when the title names it", async () => {
    const digest: Digest = {
      ...WEEK,
      officials: [
        official("Lee Jun-ho", {
          title: "Unification Ministry spokesperson",
          affiliation: "Unification Ministry",
        }),
      ],
    };
    const { text } = await render(digest);
    expect(text).toContain("Unification Ministry spokesperson");
    expect(text).not.toContain("Unification Ministry spokesperson, Unification Ministry");
  });

  it("prints a statement the summary says whole once, its sources under the summary", async () => {
    const digest: Digest = {
      ...WEEK,
      officials: [
        official("Cho Hyun", {
          summary: "Defence Minister Cho Hyun warned that the talks would resume in spring.",
          statements: [
            statement("that the talks would resume in spring", {
              kind: "indirect",
              cue: "warned",
              sources: [source("talks.txt", { outlet: "Harbor Times", title: "Talks to resume" })],
            }),
            statement("We are ready for them"),
          ],
        }),
      ],
    };
    const { html, text } = await render(digest);
    expect(text.match(/talks would resume in spring/g)).toHaveLength(1);
    expect(text).toMatch(/resume in spring\.\n\s+— Harbor Times, “Talks to resume”/);
    // Once in the body (the preview line mail clients show repeats the summary, hidden).
    expect(html.match(/<p class="reported">/g)).toBeNull();
    expect(html).toContain("Harbor Times");
    expect(text).toContain("We are ready for them");
  });

  it("reads a reported clause from its 'that', without the circumstance read into it", async () => {
    const digest: Digest = {
      ...WEEK,
      officials: [
        official("Ruth Hale", {
          statements: [
            statement("since the spring, at fundraisers and in private, that the bill is in trouble", {
              kind: "indirect",
              cue: "told",
            }),
          ],
        }),
      ],
    };
    const { text } = await render(digest);
    expect(text).toContain("Ruth Hale said that the bill is in trouble.");
  });

  it("sets an outlet's paired apostrophes as the quotation marks they stand for", async () => {
    const digest: Digest = {
      ...WEEK,
      officials: [
        official("Ruth Hale", {
          summary: "Senator Ruth Hale said the plan would ''find and close every tunnel.''",
          statements: [statement("''It is time,'' she said, ''to act.''")],
        }),
      ],
    };
    const { text } = await render(digest);
    expect(text).toContain("would “find and close every tunnel.”");
    expect(text).toContain("“It is time,” she said, “to act.”");
    expect(text).not.toContain("''");
  });

  it("lets a quote speak for itself when the summary would only open it", async () => {
    const quote = "We know the bill is late. We also know it will pass before the recess.";
    const digest: Digest = {
      ...WEEK,
      officials: [
        official("Ruth Hale", {
          summary: "Senator Ruth Hale said: “We know the bill is late.”",
          statements: [statement(quote)],
        }),
      ],
    };
    const { html, text } = await render(digest);
    expect(text.match(/We know the bill is late/g)).toHaveLength(1);
    expect(html).not.toContain('class="summary"');
    expect(html).toContain("We also know it will pass");
  });
});
