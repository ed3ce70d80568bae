import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { escapeHtml } from "../core/render/escape.ts";

/** The partials of the digest email, in `templates/digest/NAME.mjml`. */
export const DIGEST_PARTIALS = [
  "header",
  "official",
  "role",
  "summary",
  "statement-quoted",
  "statement-reported",
  "sources",
  "source",
  "link",
  "more",
  "more-officials",
  "empty",
  "others",
  "other",
  "archive",
  "footer",
] as const;

export type DigestPartial = (typeof DIGEST_PARTIALS)[number];

/** The digest's MJML: a layout (`templates/digest.mjml`) and its partials. */
export interface DigestTemplates {
  layout: string;
  partials: Record<DigestPartial, string>;
}

/** A template that does not fit the data given to it: a slot left unfilled, or one unknown. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TemplateError";
  }
}

/** Where the project's templates live, relative to this module. */
export const TEMPLATES_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));

/** Reads the layout and every partial from a templates directory. */
export async function loadDigestTemplates(dir: string = TEMPLATES_DIR): Promise<DigestTemplates> {
  // Partials are pieces of a line: a trailing newline would show as a space before a comma.
  const read = async (name: string) => (await readFile(`${dir}/${name}.mjml`, "utf8")).trim();
  const [layout, ...bodies] = await Promise.all([
    read("digest"),
    ...DIGEST_PARTIALS.map((p) => read(`digest/${p}`)),
  ]);
  const partials = Object.fromEntries(DIGEST_PARTIALS.map((p, i) => [p, bodies[i] ?? ""])) as Record<
    DigestPartial,
    string
  >;
  return { layout: layout ?? "", partials };
}

/** MJML produced by {@link fillTemplate}: trusted, inserted as it is. Anything else is text. */
export class Markup {
  readonly #value: string;
  constructor(value: string, token: typeof MARKUP_TOKEN) {
    if (token !== MARKUP_TOKEN) throw new TypeError("Markup is made by fillTemplate only");
    this.#value = value;
  }
  toString(): string {
    return this.#value;
  }
}
const MARKUP_TOKEN = Symbol("markup");

/** Markup made of several pieces, in order. */
export function joinMarkup(pieces: readonly Markup[]): Markup {
  return new Markup(pieces.map(String).join(""), MARKUP_TOKEN);
}

/**
 * Fills a template's `{%slot%}`s in one pass: a string is HTML-escaped (braces too, see
 * `escapeHtml`), a {@link Markup} is inserted as it is. Values are never scanned again, so a quote
 * holding `{%name%}` or `{{x}}` stays text. SES placeholders (`{{unsubscribeUrl}}`) in the
 * template itself are left for personalisation.
 * @throws {TemplateError} for a slot without a value or a value without a slot.
 */
export function fillTemplate(template: string, slots: Readonly<Record<string, string | Markup>>): Markup {
  const used = new Set<string>();
  const filled = template.replace(/\{%(\w+)%\}/g, (_, name: string) => {
    const value = slots[name];
    if (value === undefined) throw new TemplateError(`template slot {%${name}%} has no value`);
    used.add(name);
    return value instanceof Markup ? String(value) : escapeHtml(value);
  });
  const unused = Object.keys(slots).filter((name) => !used.has(name));
  if (unused.length > 0) throw new TemplateError(`template has no slot for ${unused.join(", ")}`);
  return new Markup(filled, MARKUP_TOKEN);
}

/** Text as markup, escaped: for a slot that takes either a link or plain text. */
export function textMarkup(text: string): Markup {
  return new Markup(escapeHtml(text), MARKUP_TOKEN);
}

/** No markup at all, for an optional part that is absent. */
export const NO_MARKUP = new Markup("", MARKUP_TOKEN);
