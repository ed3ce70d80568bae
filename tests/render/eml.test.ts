import { describe, expect, it } from "vitest";
import { buildEml, EmlError } from "../../lambdas/adapters/eml-builder.ts";
import { personaliseIssue, renderDigest } from "../../lambdas/adapters/mjml-renderer.ts";
import { sampleDigest } from "./digests.ts";

const FROM = { name: "onrecord", address: "digest@onrecord.example" };
const UNSUBSCRIBE = "https://onrecord.example/unsubscribe?token=abc";

/** The decoded bodies of a multipart message's parts, by content type. */
function partsOf(eml: string): Record<string, string> {
  const boundary = /boundary="([^"]+)"/.exec(eml)?.[1] ?? "";
  const parts: Record<string, string> = {};
  for (const part of eml.split(`--${boundary}`).slice(1, -1)) {
    const [head = "", ...body] = part.split(/\r\n\r\n/);
    const type = /Content-Type: ([\w/]+)/i.exec(head)?.[1] ?? "";
    const encoding = /Content-Transfer-Encoding: ([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
    const raw = body.join("\r\n\r\n").trim();
    parts[type] =
      encoding === "base64"
        ? Buffer.from(raw, "base64").toString("utf8")
        : encoding === "quoted-printable"
          ? Buffer.from(
              raw
                .replace(/=\r\n/g, "")
                .replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(Number.parseInt(h, 16))),
              "latin1",
            ).toString("utf8")
          : raw;
  }
  return parts;
}

describe("the eml message", () => {
  it("is a complete multipart/alternative MIME message with text, HTML and one-click unsubscribe", async () => {
    // Prepare
    const copy = personaliseIssue(await renderDigest(sampleDigest, { postalAddress: "1 Example Street" }), {
      email: "reader@example.org",
      unsubscribeUrl: UNSUBSCRIBE,
    });
    // Act
    const eml = (
      await buildEml(copy, { from: FROM, to: "reader@example.org", unsubscribeUrl: UNSUBSCRIBE })
    ).toString();
    // Assess
    expect(eml).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(eml).toMatch(/^MIME-Version: 1\.0$/m);
    expect(eml).toMatch(/^From: onrecord <digest@onrecord\.example>$/m);
    expect(eml).toMatch(/^To: reader@example\.org$/m);
    expect(eml).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(eml).toContain(`List-Unsubscribe: <${UNSUBSCRIBE}>`);
    expect(eml).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    const parts = partsOf(eml);
    expect(Object.keys(parts)).toEqual(["text/plain", "text/html"]);
    expect(parts["text/plain"]).toBe(copy.text.trim());
    expect(parts["text/html"]).toContain("Han Tae-woo");
    expect(parts["text/html"]).toContain(`href="${UNSUBSCRIBE}"`);
  });

  it.each([
    ["a header smuggled into the recipient", { to: "reader@example.org\r\nBcc: everyone@example.org" }],
    ["a recipient that is not an address", { to: "not an address" }],
    ["a sender that is not an address", { from: { name: "x", address: "digest@" } }],
  ])("refuses %s", async (_, override) => {
    const copy = { subject: "s", html: "<p>h</p>", text: "t" };
    await expect(
      buildEml(copy, { from: FROM, to: "reader@example.org", unsubscribeUrl: UNSUBSCRIBE, ...override }),
    ).rejects.toThrow(EmlError);
  });

  it("keeps a line break in the sender's name from starting a header", async () => {
    const copy = { subject: "Week\r\nBcc: x@example.org", html: "<p>h</p>", text: "t" };
    const eml = (
      await buildEml(copy, {
        from: { name: "on\r\nBcc: x@example.org", address: FROM.address },
        to: "r@example.org",
        unsubscribeUrl: UNSUBSCRIBE,
      })
    ).toString();
    expect(eml).not.toMatch(/^Bcc:/m);
  });
});
