import type { RenderedIssue } from "../types.ts";
import { LITERAL_PLACEHOLDERS } from "./escape.ts";

/**
 * Every `{{name}}` a rendered issue may contain. The sender passes exactly these as SES
 * replacement data ({@link replacementDataFor}); {@link personaliseIssueText} fills the same
 * names the same way, so a local copy and an SES copy read alike.
 */
export const PLACEHOLDERS = [
  "greeting",
  "unsubscribeUrl",
  ...Object.keys(LITERAL_PLACEHOLDERS),
] as readonly string[];

/** A recipient that cannot be personalised for: an unsubscribe link that is not a web address. */
export class PersonalisationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PersonalisationError";
  }
}

/** Who a copy is for. Names are optional; subscribers give only an address. */
export interface Recipient {
  email: string;
  name?: string | null;
}

const MAX_NAME_LENGTH = 40;

/**
 * The replacement data for one recipient's copy: their greeting and unsubscribe link, and the
 * literal characters the text part escapes. SES substitutes without HTML escaping, so every value
 * is made safe for both parts here: the link must be http(s) and is normalised by `URL` (which
 * percent-encodes quotes, angle brackets and spaces), and a name keeps only letters, spaces,
 * hyphens, apostrophes and full stops.
 *
 * @throws {PersonalisationError} when the unsubscribe link is not an http(s) URL.
 * @example
 * replacementDataFor({ email: "a@example.org" }, "https://onrecord.example/u?t=abc")
 * // { greeting: "Hello,", unsubscribeUrl: "https://onrecord.example/u?t=abc", openBrace: "{", ... }
 */
export function replacementDataFor(recipient: Recipient, unsubscribeUrl: string): Record<string, string> {
  return {
    greeting: greetingFor(recipient.name),
    unsubscribeUrl: safeUnsubscribeUrl(unsubscribeUrl),
    ...LITERAL_PLACEHOLDERS,
  };
}

function greetingFor(name: string | null | undefined): string {
  const clean = (name ?? "")
    .replace(/[^\p{L}\p{M} .'’-]/gu, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, MAX_NAME_LENGTH)
    .trim();
  return clean ? `Hello ${clean},` : "Hello,";
}

function safeUnsubscribeUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new PersonalisationError(`unsubscribe link is not a URL: ${JSON.stringify(raw.slice(0, 200))}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new PersonalisationError(`unsubscribe link must be http(s), got ${url.protocol}`);
  }
  return url.href.replace(/['{}\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

type Filler = (data: Readonly<Record<string, string>>) => string;

/**
 * Splits a template at its placeholders once, returning a cheap function that fills them: one
 * string join per copy, never a second MJML compile.
 * @throws {PersonalisationError} when the template holds a placeholder not in {@link PLACEHOLDERS}.
 */
export function prepareTemplate(template: string): Filler {
  const pieces = template.split(/\{\{(\w+)\}\}/);
  for (let i = 1; i < pieces.length; i += 2) {
    if (!PLACEHOLDERS.includes(pieces[i] ?? "")) {
      throw new PersonalisationError(`unknown placeholder {{${pieces[i]}}} in a rendered issue`);
    }
  }
  return (data) => {
    let out = "";
    for (let i = 0; i < pieces.length; i++) {
      if (i % 2 === 0) out += pieces[i];
      else {
        const value = data[pieces[i] ?? ""];
        if (value === undefined) throw new PersonalisationError(`no replacement data for {{${pieces[i]}}}`);
        out += value;
      }
    }
    return out;
  };
}

const prepared = new WeakMap<RenderedIssue, { subject: Filler; html: Filler; text: Filler }>();

/**
 * One recipient's copy of a rendered issue, as SES would send it with the same replacement data.
 * The issue is split at its placeholders on first use and the split is kept with it.
 */
export function personaliseIssueText(
  issue: RenderedIssue,
  data: Readonly<Record<string, string>>,
): RenderedIssue {
  let fill = prepared.get(issue);
  if (!fill) {
    fill = {
      subject: prepareTemplate(issue.subject),
      html: prepareTemplate(issue.html),
      text: prepareTemplate(issue.text),
    };
    prepared.set(issue, fill);
  }
  return { subject: fill.subject(data), html: fill.html(data), text: fill.text(data) };
}
