import { describe, expect, it } from "vitest";
import { ArticleFormatError, parseArticle, proseStartOffset } from "../../lambdas/core/article.ts";

const bytes = (text: string) => Buffer.from(text, "utf8");

describe("reading an article file", () => {
  it("reads a plain-text article and its date prefix, keeping the whole file as the body", () => {
    const text = "date 2026-11-16 Seoul, Nov 16 Han said the drills would go ahead.";
    const article = parseArticle({ name: "dir/forum.txt", bytes: bytes(text) });
    expect(article).toMatchObject({ id: "forum.txt", publishedAt: "2026-11-16", body: text, title: null });
    expect(text.slice(proseStartOffset(article.body))).toBe(
      " Seoul, Nov 16 Han said the drills would go ahead.",
    );
  });

  it("takes the date from the caller when a plain-text article has none", () => {
    const article = parseArticle({ name: "a.txt", bytes: bytes("Han said so."), fallbackDate: "2026-11-20" });
    expect(article.publishedAt).toBe("2026-11-20");
  });

  it("reads a JSON article, its metadata and the calendar date of a timestamp", () => {
    const json = {
      title: "T",
      url: "https://example.org/a",
      outlet: "Wire",
      publishedAt: "2026-11-17T08:30:00Z",
      body: "B",
    };
    expect(parseArticle({ name: "a.json", bytes: bytes(JSON.stringify(json)) })).toEqual({
      id: "a.json",
      title: "T",
      url: "https://example.org/a",
      outlet: "Wire",
      publishedAt: "2026-11-17",
      body: "B",
    });
  });

  it("keeps a byte-order mark in a text body so offsets agree with other readers of the file", () => {
    const article = parseArticle({ name: "bom.txt", bytes: bytes("\uFEFFHan said so.") });
    expect(article.body.charCodeAt(0)).toBe(0xfeff);
  });

  it.each([
    ["a binary file", "photo.jpg", Buffer.from([0xff, 0xd8, 0x00, 0x10]), "not UTF-8 text"],
    ["NUL bytes", "x.txt", Buffer.from("abc\u0000def"), "binary data"],
    ["another encoding", "latin1.txt", Buffer.from("Caf\xe9", "latin1"), "not UTF-8 text"],
    ["malformed JSON", "a.json", bytes('{"title": '), "malformed JSON"],
    [
      "JSON with no body",
      "a.json",
      bytes('{"title": "no body"}'),
      'not an article: no "body" with the article\'s text',
    ],
    [
      "a body that is not text",
      "a.json",
      bytes('{"body": 42}'),
      'not an article: "body" is a number, not text',
    ],
    [
      "a title that is not text",
      "a.json",
      bytes('{"title": ["A"], "body": "B"}'),
      'not an article: "title" is a list, not text',
    ],
    [
      "JSON that is no object",
      "a.json",
      bytes('["Han said so."]'),
      'not an article: a JSON article is an object with the article\'s text in "body"',
    ],
    [
      "a file over 300 KB",
      "big.txt",
      Buffer.alloc(301 * 1024, "a"),
      "301 KB, larger than the 300 KB an article may be",
    ],
    [
      "a title over 1000 characters",
      "a.json",
      bytes(JSON.stringify({ title: "T".repeat(1001), body: "Han said so." })),
      "not an article: title longer than 1000 characters",
    ],
    [
      "an outlet over 200 characters",
      "a.json",
      bytes(JSON.stringify({ outlet: "O".repeat(201), body: "Han said so." })),
      "not an article: outlet longer than 200 characters",
    ],
    [
      "a URL over 2048 characters",
      "a.json",
      bytes(JSON.stringify({ url: `https://example.org/${"u".repeat(2048)}`, body: "Han said so." })),
      "not an article: url longer than 2048 characters",
    ],
  ])("refuses %s with an error naming the file", (_, name, data, reason) => {
    expect(() => parseArticle({ name, bytes: data })).toThrow(ArticleFormatError);
    expect(() => parseArticle({ name, bytes: data })).toThrow(`${name}: ${reason}`);
  });

  it("takes the id it is given (a bucket key) over the file's base name", () => {
    expect(
      parseArticle({ name: "outlet-a/x.txt", id: "outlet-a/x.txt", bytes: bytes("Han said so.") }).id,
    ).toBe("outlet-a/x.txt");
    expect(parseArticle({ name: "outlet-a/x.txt", bytes: bytes("Han said so.") }).id).toBe("x.txt");
  });

  it("reads text that merely starts with a brace as plain text", () => {
    expect(parseArticle({ name: "note.txt", bytes: bytes("{draft} Han said so.") }).body).toBe(
      "{draft} Han said so.",
    );
  });
});
