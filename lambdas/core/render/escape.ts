/**
 * Escaping for everything an article or subscriber supplies. The HTML and text of an issue are
 * also an SES template (Handlebars syntax, rendered without HTML escaping), so besides markup the
 * escapes must keep `{{` out of the output: nothing from an article may become a placeholder.
 */

// Control characters (but tab and newline) and lone surrogates: never meaningful in an email.
const UNSAFE_CHARACTERS = /[^\P{Cc}\t\n]|\p{Cs}/gu;

/**
 * Article text as one clean line: control characters dropped, runs of white space one space.
 * @example
 * cleanText("  Ahn said\n\n\"no\"\u0007 ") // 'Ahn said "no"'
 */
export function cleanText(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, "").replace(/\s+/g, " ").trim();
}

const HTML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "{": "&#123;",
  "}": "&#125;",
  "\\": "&#92;",
};

/**
 * Text for HTML content or a double-quoted attribute, inside MJML or not. Braces and backslashes
 * are encoded too, so that `{{` in a quote never reaches SES as a placeholder.
 * @example
 * escapeHtml('He said "</mj-text> {{x}}"') // "He said &quot;&lt;/mj-text&gt; &#123;&#123;x&#125;&#125;&quot;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'{}\\]/g, (c) => HTML_ENTITIES[c] ?? c);
}

/** Placeholders that stand for the characters a text template cannot hold literally. */
export const LITERAL_PLACEHOLDERS = { openBrace: "{", closeBrace: "}", backslash: "\\" } as const;

const TEXT_ESCAPES: Record<string, string> = {
  "{": "{{openBrace}}",
  "}": "{{closeBrace}}",
  "\\": "{{backslash}}",
};

/**
 * Text for the plain-text part or the subject, which have no entities: each brace and backslash
 * becomes a placeholder whose replacement data is that very character, so the reader sees the
 * text as written once SES (or `personaliseTemplate`) fills it in. Backslashes go too, because
 * Handlebars reads `\{{` as an escaped, literal placeholder.
 * @example
 * escapeTemplateText("a {{b}}") // "a {{openBrace}}{{openBrace}}b{{closeBrace}}{{closeBrace}}"
 */
export function escapeTemplateText(text: string): string {
  return text.replace(/[{}\\]/g, (c) => TEXT_ESCAPES[c] ?? c);
}
