import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeText } from "../../lambdas/core/feeds/charset.ts";

const TEXT = {
  shift_jis: "首相は「予算は足りている」と述べた。",
  "euc-kr": "장관은 “예산은 충분하다”고 말했다.",
  "iso-8859-1": "« Le budget suffit », a déclaré la ministre à Genève.",
  "windows-1252": "“The budget is enough,” the minister said – twice.",
};

describe("a page's text, in the charset it was served in", () => {
  it.each(Object.entries(TEXT))("%s from the Content-Type header", (charset, text) => {
    const bytes = iconv.encode(`<p>${text}</p>`, charset);
    expect(decodeText(bytes, `text/html; charset=${charset.toUpperCase()}`)).toBe(`<p>${text}</p>`);
  });

  it.each(Object.entries(TEXT))("%s from <meta> when the header names none", (charset, text) => {
    const html = `<html><head><meta charset="${charset}"></head><body><p>${text}</p></body></html>`;
    expect(decodeText(iconv.encode(html, charset), "text/html")).toBe(html);
  });

  it("reads a feed's charset from its XML declaration, and a header overrides a wrong <meta>", () => {
    const xml = `<?xml version="1.0" encoding="Shift_JIS"?><rss><channel><title>${TEXT.shift_jis}</title></channel></rss>`;
    expect(decodeText(iconv.encode(xml, "shift_jis"), "application/rss+xml")).toBe(xml);
    const html = `<meta charset="utf-8"><p>${TEXT["iso-8859-1"]}</p>`;
    expect(decodeText(iconv.encode(html, "iso-8859-1"), "text/html; charset=iso-8859-1")).toBe(html);
  });

  it("reads a page labelled ISO-8859-1 as browsers do, as windows-1252: its curly quotes stay quote marks", () => {
    const bytes = iconv.encode(TEXT["windows-1252"], "windows-1252");
    expect(decodeText(bytes, "text/html; charset=ISO-8859-1")).toBe(TEXT["windows-1252"]);
    expect(
      decodeText(iconv.encode(`<meta charset="latin1">${TEXT["windows-1252"]}`, "windows-1252"), null),
    ).toBe(`<meta charset="latin1">${TEXT["windows-1252"]}`);
  });

  it("trusts a byte-order mark over a header that names another charset", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT["euc-kr"])]);
    expect(decodeText(bytes, "text/html; charset=euc-kr")).toBe(TEXT["euc-kr"]);
  });

  it("takes UTF-8 when nothing is declared or the label is unknown", () => {
    const html = "<p>“Enough,” she said.</p>";
    expect(decodeText(Buffer.from(html), null)).toBe(html);
    expect(decodeText(Buffer.from(html), "text/html; charset=x-unheard-of")).toBe(html);
  });
});
