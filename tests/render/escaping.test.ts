import { CreateEmailTemplateCommand, SendBulkEmailCommand } from "@aws-sdk/client-sesv2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type LocalEndpoint,
  localSesClient,
  startSesEmulator,
} from "../../lambdas/adapters/local-emulators.ts";
import { personaliseIssue, renderDigest, replacementDataFor } from "../../lambdas/adapters/mjml-renderer.ts";
import { escapeHtml, escapeTemplateText } from "../../lambdas/core/render/escape.ts";
import type { RenderedIssue } from "../../lambdas/core/types.ts";
import { HOSTILE, hostileDigest } from "./digests.ts";

const SETTINGS = { postalAddress: "1 Example Street {{unsubscribeUrl}} <b>", senderName: "onrecord" };
const READER = {
  email: "reader@example.org",
  unsubscribeUrl: "https://onrecord.example/unsubscribe?token=t0k3n",
};

let issue: RenderedIssue;
beforeAll(async () => {
  issue = await renderDigest(hostileDigest(), SETTINGS);
});

describe("escaping article text", () => {
  it.each(HOSTILE)("shows %s literally in the text part of a recipient's copy", (hostile) => {
    const { text } = personaliseIssue(issue, READER);
    expect(text).toContain(`before ${hostile} after`);
  });

  it.each(HOSTILE)("encodes %s in the HTML so that it is neither markup nor a placeholder", (hostile) => {
    expect(issue.html).toContain(`before ${escapeHtml(hostile)} after`);
  });

  it("leaves no element, attribute or placeholder from article text in the HTML", () => {
    const { html } = personaliseIssue(issue, READER);
    expect(html).not.toMatch(/<script|<mj-|onmouseover="|\{\{|\{%/);
    // The reader's own link appears where the template puts it, and nowhere else.
    expect(html.split(READER.unsubscribeUrl)).toHaveLength(2);
  });

  it("keeps the only live placeholders the ones the templates put there", () => {
    const live = (s: string) => [...new Set([...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]))].sort();
    expect(live(issue.html)).toEqual(["greeting", "unsubscribeUrl"]);
    expect(live(issue.text)).toEqual(["backslash", "closeBrace", "greeting", "openBrace", "unsubscribeUrl"]);
  });

  it.each([
    ["a {{b}}", "a {{openBrace}}{{openBrace}}b{{closeBrace}}{{closeBrace}}"],
    ["\\{{x}}", "{{backslash}}{{openBrace}}{{openBrace}}x{{closeBrace}}{{closeBrace}}"],
    ["no braces", "no braces"],
  ])("escapes %s for a text template as %s", (input, expected) => {
    expect(escapeTemplateText(input)).toBe(expected);
  });
});

describe("as an SES template (aws-ses-v2-local, SendBulkEmail)", () => {
  let ses: LocalEndpoint;
  beforeAll(async () => {
    ses = await startSesEmulator();
  });
  afterAll(async () => {
    await ses.close();
  });

  it("renders each recipient's copy exactly as personaliseIssue does, article text literal", async () => {
    // Prepare
    const client = localSesClient(ses.url);
    const TemplateName = `escaping-${Date.now()}`;
    await client.send(
      new CreateEmailTemplateCommand({
        TemplateName,
        TemplateContent: { Subject: issue.subject, Html: issue.html, Text: issue.text },
      }),
    );
    const readers = [
      READER,
      { email: "second@example.org", unsubscribeUrl: "https://onrecord.example/unsubscribe?token=2nd" },
    ];
    // Act
    await client.send(
      new SendBulkEmailCommand({
        FromEmailAddress: "digest@onrecord.example",
        DefaultContent: { Template: { TemplateName, TemplateData: "{}" } },
        BulkEmailEntries: readers.map((r) => ({
          Destination: { ToAddresses: [r.email] },
          ReplacementEmailContent: {
            ReplacementTemplate: {
              ReplacementTemplateData: JSON.stringify(replacementDataFor(r, r.unsubscribeUrl)),
            },
          },
        })),
      }),
    );
    const store = (await (await fetch(`${ses.url}/store`)).json()) as {
      emails: { destination: { to: string[] }; subject: string; body: { html?: string; text?: string } }[];
    };
    // Assess
    for (const reader of readers) {
      const sent = store.emails.find((e) => e.destination.to.includes(reader.email));
      const local = personaliseIssue(issue, reader);
      expect(sent?.body.text).toBe(local.text);
      expect(sent?.body.html).toBe(local.html);
      expect(sent?.subject).toBe(local.subject);
      expect(sent?.body.text).toContain("before \\{{greeting}} after");
      expect(sent?.body.text).toContain(`Unsubscribe: ${reader.unsubscribeUrl}`);
    }
  });
});
