import { basename } from "node:path";
import { z } from "zod";
import type { Article } from "./types.ts";

/** An article file that cannot be read as an article: not text, not UTF-8, or malformed JSON. */
export class ArticleFormatError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = "ArticleFormatError";
  }
}

/** Articles larger than this are refused rather than risking the process's memory. */
export const MAX_ARTICLE_BYTES = 64 * 1024 * 1024;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
// Plain-text articles may open with "date 2025-12-29" before the dateline.
const DATE_PREFIX = /^\uFEFF?\s*date\s+(\d{4}-\d{2}-\d{2})\b/;

const JsonArticle = z.object({
  title: z.string().nullish(),
  url: z.string().nullish(),
  outlet: z.string().nullish(),
  publishedAt: z.string().nullish(),
  body: z.string(),
});

export interface ArticleSource {
  /** The file name or key, used as the article's id (its base name). */
  name: string;
  bytes: Uint8Array;
  /** Date to use when the article itself carries none (a flag, or the file's mtime). */
  fallbackDate?: string | null;
}

/**
 * Reads an article file's bytes: JSON (`{"title", "url", "outlet", "publishedAt", "body"}`) or
 * plain text with an optional `date YYYY-MM-DD` prefix. Statement offsets point into the
 * returned `body`, which for plain text is the whole file decoded as UTF-8 (BOM kept, so offsets
 * agree with any reader of the same file).
 *
 * @throws {ArticleFormatError} for binary or non-UTF-8 bytes, oversized input, or malformed JSON.
 * @example
 * parseArticle({ name: "seoul.txt", bytes: Buffer.from("date 2025-12-29 Seoul — Ahn said ...") })
 */
export function parseArticle(source: ArticleSource): Article {
  const { name, bytes } = source;
  if (bytes.byteLength > MAX_ARTICLE_BYTES) {
    throw new ArticleFormatError(name, `larger than ${MAX_ARTICLE_BYTES / 1024 / 1024} MB`);
  }
  const text = decodeUtf8(name, bytes);
  const id = basename(name);
  const trimmed = text.replace(/^\uFEFF/, "").trimStart();
  if (name.toLowerCase().endsWith(".json") || trimmed.startsWith("{")) {
    return parseJsonArticle(name, text, name.toLowerCase().endsWith(".json"), source.fallbackDate ?? null);
  }
  return parseTextArticle(id, text, source.fallbackDate ?? null);
}

function decodeUtf8(name: string, bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new ArticleFormatError(name, "not UTF-8 text (is it a binary file or another encoding?)");
  }
  if (looksBinary(text)) throw new ArticleFormatError(name, "binary data, not article text");
  return text;
}

/** NUL bytes, or many control characters in the first 8 KB, mean this is not prose. */
function looksBinary(text: string): boolean {
  const head = text.slice(0, 8192);
  let controls = 0;
  for (let i = 0; i < head.length; i++) {
    const code = head.charCodeAt(i);
    if (code === 0) return true;
    // Tab, line feed, vertical tab, form feed and carriage return are whitespace in prose.
    if ((code < 32 && (code < 9 || code > 13)) || code === 127) controls++;
  }
  return head.length > 0 && controls / head.length > 0.02;
}

function parseJsonArticle(
  name: string,
  text: string,
  mustBeJson: boolean,
  fallbackDate: string | null,
): Article {
  const id = basename(name);
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    if (!mustBeJson) return parseTextArticle(id, text, fallbackDate);
    throw new ArticleFormatError(name, `malformed JSON (${(error as Error).message})`);
  }
  const parsed = JsonArticle.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ArticleFormatError(
      name,
      `not an article: ${issue?.path.join(".") || "value"} ${issue?.message ?? ""}`,
    );
  }
  const { title, url, outlet, publishedAt, body } = parsed.data;
  return {
    id,
    title: title ?? null,
    url: url ?? null,
    outlet: outlet ?? null,
    publishedAt: normaliseDate(publishedAt) ?? fallbackDate,
    body,
  };
}

function parseTextArticle(id: string, text: string, fallbackDate: string | null): Article {
  const date = DATE_PREFIX.exec(text)?.[1] ?? null;
  return { id, title: null, url: null, outlet: null, publishedAt: date ?? fallbackDate, body: text };
}

/** Accepts `YYYY-MM-DD` or a full ISO timestamp; returns the calendar date part. */
function normaliseDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const day = value.slice(0, 10);
  return DATE.test(day) ? day : null;
}

/** Where an article body's prose starts: after a `date YYYY-MM-DD` prefix, if any. */
export function proseStartOffset(body: string): number {
  return DATE_PREFIX.exec(body)?.[0].length ?? 0;
}
