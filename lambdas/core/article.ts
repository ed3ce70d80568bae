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

/**
 * Article files larger than this are refused, before they are read where the size is known first
 * (an S3 object's size, a file's): the largest item DynamoDB holds is 400 KB, and an article's
 * statements roughly double what it stores, so a bigger file could never be stored; reading and
 * extracting it first only costs memory (a 10 MB file took 820 MB).
 */
export const MAX_ARTICLE_BYTES = 300 * 1024;

/**
 * The longest each field may be. Names and URLs are one line of metadata; a longer one is not an
 * article's (DynamoDB keys stop at 2048 bytes, S3 keys at 1024) and would fail the store's write.
 */
export const FIELD_LIMITS = { id: 1024, title: 1000, outlet: 200, url: 2048 } as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
// Plain-text articles may open with "date 2025-12-29" before the dateline.
const DATE_PREFIX = /^\uFEFF?\s*date\s+(\d{4}-\d{2}-\d{2})\b/;

const JsonArticle = z.object({
  title: z.string().max(FIELD_LIMITS.title, `longer than ${FIELD_LIMITS.title} characters`).nullish(),
  url: z.string().max(FIELD_LIMITS.url, `longer than ${FIELD_LIMITS.url} characters`).nullish(),
  outlet: z.string().max(FIELD_LIMITS.outlet, `longer than ${FIELD_LIMITS.outlet} characters`).nullish(),
  publishedAt: z.string().max(64, "longer than a date").nullish(),
  body: z.string(),
});

export interface ArticleSource {
  /** The file name or key, as errors name it; its base name is the article's id unless `id` is given. */
  name: string;
  /** The id to store the article under (a bucket drop's whole key), when not the name's base name. */
  id?: string;
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
  checkSize(name, bytes.byteLength);
  const text = decodeUtf8(name, bytes);
  const id = source.id ?? basename(name);
  const trimmed = text.replace(/^\uFEFF/, "").trimStart();
  const article =
    name.toLowerCase().endsWith(".json") || trimmed.startsWith("{")
      ? parseJsonArticle(name, id, text, name.toLowerCase().endsWith(".json"), source.fallbackDate ?? null)
      : parseTextArticle(id, text, source.fallbackDate ?? null);
  checkArticleFields(name, article);
  return article;
}

/**
 * Refuses an article file of `bytes` bytes when it is over {@link MAX_ARTICLE_BYTES}; callers that
 * know a file's size before reading it (an S3 event, `stat`) call this first and read nothing.
 * @throws {ArticleFormatError} naming the size and the limit.
 */
export function checkSize(name: string, bytes: number): void {
  if (bytes > MAX_ARTICLE_BYTES) {
    throw new ArticleFormatError(
      name,
      `${Math.ceil(bytes / 1024)} KB, larger than the ${MAX_ARTICLE_BYTES / 1024} KB an article may be`,
    );
  }
}

/**
 * Checks every field of an article against {@link FIELD_LIMITS} and its body against
 * {@link MAX_ARTICLE_BYTES}, whatever it was read from (a file, a fetched page).
 * @throws {ArticleFormatError} naming the first field that is too long.
 */
export function checkArticleFields(name: string, article: Article): void {
  if (Buffer.byteLength(article.id) > FIELD_LIMITS.id)
    throw new ArticleFormatError(name, `id longer than ${FIELD_LIMITS.id} bytes`);
  for (const field of ["title", "outlet", "url"] as const) {
    const value = article[field];
    if (value && value.length > FIELD_LIMITS[field])
      throw new ArticleFormatError(name, `${field} longer than ${FIELD_LIMITS[field]} characters`);
  }
  const bodyBytes = Buffer.byteLength(article.body);
  if (bodyBytes > MAX_ARTICLE_BYTES)
    throw new ArticleFormatError(
      name,
      `body of ${Math.ceil(bodyBytes / 1024)} KB, larger than the ${MAX_ARTICLE_BYTES / 1024} KB an article may be`,
    );
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
  id: string,
  text: string,
  mustBeJson: boolean,
  fallbackDate: string | null,
): Article {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    if (!mustBeJson) return parseTextArticle(id, text, fallbackDate);
    throw new ArticleFormatError(name, `malformed JSON (${(error as Error).message})`);
  }
  const parsed = JsonArticle.safeParse(raw, { reportInput: true });
  if (!parsed.success)
    throw new ArticleFormatError(name, `not an article: ${reasonOf(parsed.error.issues[0])}`);
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

/** A JSON article's first problem in plain words: which field, and what is wrong with it. */
function reasonOf(issue: z.core.$ZodIssue | undefined): string {
  const field = issue?.path.join(".") ?? "";
  if (!issue || !field) return 'a JSON article is an object with the article\'s text in "body"';
  if (issue.code !== "invalid_type") return `${field} ${issue.message}`;
  if (issue.input === undefined)
    return field === "body" ? 'no "body" with the article\'s text' : `no "${field}"`;
  const input = issue.input;
  const kind =
    input === null
      ? "null"
      : Array.isArray(input)
        ? "a list"
        : typeof input === "object"
          ? "an object"
          : `a ${typeof input}`;
  return `"${field}" is ${kind}, not text`;
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
