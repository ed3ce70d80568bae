import mjml2html from "mjml";
import { beforeAll, describe, expect, it } from "vitest";
import { buildDigestMjml } from "../../lambdas/adapters/digest-mjml.ts";
import {
  compileMjml,
  GMAIL_CLIP_BYTES,
  MjmlCompileError,
  personaliseIssue,
  renderDigest,
} from "../../lambdas/adapters/mjml-renderer.ts";
import { type DigestTemplates, loadDigestTemplates } from "../../lambdas/adapters/mjml-templates.ts";
import { buildIssueModel } from "../../lambdas/core/render/issue-model.ts";
import { RenderSettingsError } from "../../lambdas/core/render/render-settings.ts";
import type { Digest } from "../../lambdas/core/types.ts";
import { hostileDigest, longestDigest, official, sampleDigest, source, statement, WEEK } from "./digests.ts";

const SETTINGS = {
  postalAddress: "onrecord, 1 Example Street, Riverton RV1 2AB",
  archiveUrl: "https://onrecord.example/archive/2026-W47",
};
const READER = {
  email: "reader@example.org",
  unsubscribeUrl: "https://onrecord.example/unsubscribe?token=abc123",
};

let templates: DigestTemplates;
beforeAll(async () => {
  templates = await loadDigestTemplates();
});

describe("the MJML templates", () => {
  it.each([
    ["an ordinary week", sampleDigest],
    ["an empty week", { ...WEEK, officials: [] } as Digest],
    ["hostile article text", hostileDigest()],
    ["the longest issue the caps allow", longestDigest()],
  ])("validate strictly with zero errors for %s", async (_, digest) => {
    const mjml = buildDigestMjml(buildIssueModel(digest, SETTINGS), templates);
    const result = await mjml2html(mjml, { validationLevel: "strict" });
    expect(result.errors).toEqual([]);
    expect(result.html).toContain("<!doctype html>");
  });

  it("fail loudly when a template produces invalid MJML", async () => {
    const broken = {
      ...templates,
      partials: { ...templates.partials, header: '<mj-text unknown-attribute="1">{%dateRange%}</mj-text>' },
    };
    await expect(renderDigest(sampleDigest, SETTINGS, { templates: broken })).rejects.toThrow(
      MjmlCompileError,
    );
  });
});

describe("renderDigest", () => {
  it("compiles the MJML once per issue, however many copies are personalised", async () => {
    // Prepare
    let compiles = 0;
    const compile = async (mjml: string) => {
      compiles++;
      return compileMjml(mjml);
    };
    // Act
    const issue = await renderDigest(sampleDigest, SETTINGS, { compile });
    const copies = Array.from({ length: 200 }, (_, i) =>
      personaliseIssue(issue, {
        email: `r${i}@example.org`,
        unsubscribeUrl: `https://onrecord.example/u?t=${i}`,
      }),
    );
    // Assess
    expect(compiles).toBe(1);
    expect(copies[7]?.html).toContain('href="https://onrecord.example/u?t=7"');
    expect(copies[7]?.text).toContain("Unsubscribe: https://onrecord.example/u?t=7");
  });

  it("leaves the per-recipient parts as SES placeholders", async () => {
    const issue = await renderDigest(sampleDigest, SETTINGS);
    expect(issue.html).toContain('href="{{unsubscribeUrl}}"');
    expect(issue.html).toContain("{{greeting}}");
    expect(issue.text).toContain("Unsubscribe: {{unsubscribeUrl}}");
    expect(issue.text.startsWith("{{greeting}}")).toBe(true);
  });

  it("shows each official with title, affiliation, summary, statements and their sources", async () => {
    const { html, text } = personaliseIssue(await renderDigest(sampleDigest, SETTINGS), READER);
    for (const part of [html, text]) {
      expect(part).toContain("Han Tae-woo");
      expect(part).toContain("Defence Minister, South Korea");
      expect(part).toContain("Han Tae-woo warned of a more dangerous phase on the peninsula.");
      // A direct quote is visibly quoted; reported speech is labelled, not quoted, and reads as a
      // sentence with its speaker and verb.
      expect(part).toContain(
        "“We are watching every move across the border, and we are ready to respond to any provocation”",
      );
      expect(part).toMatch(
        /Reported(:|<\/span><br \/>)\s*Han Tae-woo said the ministry would expand joint drills/,
      );
      expect(part).not.toContain("“the ministry would expand");
      expect(part).toContain("Headline of forum.txt");
      expect(part).toContain("17 Nov 2026");
      expect(part).toContain("16 – 22 November 2026");
      expect(part).toContain(SETTINGS.postalAddress);
      expect(part).toContain("You receive this email because you subscribed");
      expect(part).toContain("Korean Central News Agency");
    }
    expect(html).toContain('<a href="https://example.org/news/forum.txt">Example Daily</a>');
    expect(html).toContain("Example Wire, 17 Nov 2026");
    expect(text).toContain(
      "— Example Daily, “Headline of forum.txt”, 17 Nov 2026: https://example.org/news/forum.txt",
    );
  });

  it("shows the top officials and statements by default and links the rest in the full issue", async () => {
    const digest: Digest = {
      ...WEEK,
      officials: Array.from({ length: 12 }, (_, i) =>
        official(`Official ${String.fromCharCode(65 + i)}`, {
          statements: Array.from({ length: 5 }, (_, j) => statement(`Statement ${j} of official ${i}`)),
        }),
      ),
    };
    const { html, text } = personaliseIssue(await renderDigest(digest, SETTINGS), READER);
    for (const part of [html, text]) {
      expect(part).toContain("Official J");
      expect(part).not.toContain("Official K");
      expect(part).toContain("Statement 2 of official 0");
      expect(part).not.toContain("Statement 3 of official 0");
      expect(part).toContain("2 more statements in the full issue");
      expect(part).toContain("2 more officials in the full issue");
    }
    expect(html).toContain(`<a href="${SETTINGS.archiveUrl}">2 more statements in the full issue →</a>`);
    expect(html).toContain(`href="${SETTINGS.archiveUrl}"`);
    const capped = await renderDigest(digest, { ...SETTINGS, maxOfficials: 2, maxStatements: 1 });
    expect(capped.text).toContain("Official B");
    expect(capped.text).not.toContain("Official C");
    expect(capped.text).not.toContain("Statement 1 of official 0");
  });

  it("trims a long statement at a sentence boundary with an ellipsis", async () => {
    const long = "The first sentence is short. ".concat("The second one goes on and on. ".repeat(30));
    const digest = { ...WEEK, officials: [official("Cho Hyun", { statements: [statement(long)] })] };
    const { text, html } = await renderDigest(digest, SETTINGS);
    const shown = /“(The first sentence[^”]*)”/.exec(text)?.[1] ?? "";
    expect(shown.length).toBeLessThanOrEqual(480);
    expect(shown).toMatch(/on and on\. …$/);
    expect(html).toContain("on and on. …”");
  });

  it("stays under Gmail's clipping size for the longest issue the default caps allow", async () => {
    const { html, text } = await renderDigest(longestDigest(), SETTINGS);
    expect(Buffer.byteLength(html)).toBeLessThan(GMAIL_CLIP_BYTES);
    // It fits by showing one source per statement, the rest counted and in the archive.
    expect(html).toContain("and 11 more articles");
    expect(text).toContain("and 11 more articles");
    expect(html).toContain("Official Number 9");
  });

  it("links only http(s) addresses", async () => {
    const digest = {
      ...WEEK,
      officials: [
        official("Cho Hyun", {
          statements: [
            statement("Peace needs dialogue", {
              sources: [source("evil.txt", { url: "javascript:alert(1)", outlet: "Evil" })],
            }),
          ],
        }),
      ],
    };
    const { html } = await renderDigest(digest, SETTINGS);
    expect(html).not.toContain("javascript:");
    expect(html).toContain("— Evil, “Headline of evil.txt”");
  });

  it.each([
    ["no postal address", { postalAddress: "  " }, /postalAddress: a postal address is required/],
    [
      "an archive link that is not http(s)",
      { postalAddress: "1 Street", archiveUrl: "javascript:alert(1)" },
      /archiveUrl/,
    ],
    ["a cap of zero", { postalAddress: "1 Street", maxOfficials: 0 }, /maxOfficials/],
  ])("refuses to render with %s", async (_, settings, message) => {
    await expect(renderDigest(sampleDigest, settings)).rejects.toThrow(RenderSettingsError);
    await expect(renderDigest(sampleDigest, settings)).rejects.toThrow(message);
  });

  it("says so when no official spoke", async () => {
    const { html, text, subject } = await renderDigest({ ...WEEK, officials: [] }, SETTINGS);
    expect(html).toContain("No statements from officials were found this week.");
    expect(text).toContain("No statements from officials were found this week.");
    expect(subject).toBe("On the record, 16 – 22 November 2026");
  });

  it("names the top officials and the week in the subject", async () => {
    const { subject } = await renderDigest(sampleDigest, SETTINGS);
    expect(subject).toBe("On the record, 16 – 22 November 2026: Han Tae-woo, Lee Jun-ho");
  });
});
