import MailComposer from "nodemailer/lib/mail-composer";
import { z } from "zod";
import type { RenderedIssue } from "../core/types.ts";

/** A message that cannot be built: an address that is not one, or that smuggles in a header. */
export class EmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmlError";
  }
}

export interface EmlOptions {
  from: { name: string; address: string };
  to: string;
  /** The recipient's one-click unsubscribe link, for `List-Unsubscribe` (RFC 8058). */
  unsubscribeUrl: string;
  date?: Date;
}

const Address = z.email();

/**
 * A complete MIME message (multipart/alternative: the text part, then the HTML) of one
 * recipient's personalised copy, with the one-click unsubscribe headers Gmail and Yahoo require
 * of bulk mail. Built by nodemailer's MailComposer, which encodes headers and folds lines.
 *
 * @throws {EmlError} when an address is invalid (including one carrying a line break).
 * @example
 * const eml = await buildEml(copy, { from: { name: "onrecord", address: "digest@onrecord.example" },
 *   to: "reader@example.org", unsubscribeUrl: "https://onrecord.example/unsubscribe?token=…" });
 */
export async function buildEml(copy: RenderedIssue, options: EmlOptions): Promise<Buffer> {
  const from = checkAddress("from", options.from.address);
  const to = checkAddress("to", options.to);
  const unsubscribe = new URL(options.unsubscribeUrl).href;
  const composer = new MailComposer({
    from: { name: options.from.name.replace(/[\r\n]+/g, " "), address: from },
    to,
    subject: copy.subject.replace(/[\r\n]+/g, " "),
    date: options.date ?? new Date(),
    text: copy.text,
    html: copy.html,
    headers: {
      "List-Unsubscribe": `<${unsubscribe}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  });
  return composer.compile().build();
}

function checkAddress(field: string, address: string): string {
  if (/[\r\n]/.test(address) || !Address.safeParse(address).success) {
    throw new EmlError(`${field} is not an email address: ${JSON.stringify(address.slice(0, 120))}`);
  }
  return address;
}
