/**
 * The mailbox an address delivers to, for the caps on confirmation emails only: the address stored
 * and mailed stays exactly as typed. `victim+1@…`, `victim+2@…` and, at Gmail, `v.i.c.t.i.m@…`
 * all reach one inbox, so they share one allowance.
 */

/** Domains whose mailboxes ignore dots in the local part (and are one service). */
const GMAIL_DOMAINS = new Set(["gmail.com", "googlemail.com"]);

/**
 * The canonical mailbox of a checked (lower-cased) address: `+tag` dropped at every domain, dots
 * dropped at gmail.com and googlemail.com, which are the same mailbox.
 * @example
 * canonicalMailbox("v.i.c.t.i.m+news@googlemail.com") // "victim@gmail.com"
 * canonicalMailbox("first.last+x@example.org") // "first.last@example.org"
 */
export function canonicalMailbox(email: string): string {
  const at = email.lastIndexOf("@");
  const domain = email.slice(at + 1);
  let local = email.slice(0, at);
  const plus = local.indexOf("+");
  // A local part that is nothing but a tag (`+x@…`) keeps it: there is nothing else to key on.
  if (plus > 0) local = local.slice(0, plus);
  if (GMAIL_DOMAINS.has(domain)) return `${local.replaceAll(".", "")}@gmail.com`;
  return `${local}@${domain}`;
}

/** The domain that receives an address's mail (the per-domain cap's subject). */
export function recipientDomain(email: string): string {
  const domain = email.slice(email.lastIndexOf("@") + 1);
  return GMAIL_DOMAINS.has(domain) ? "gmail.com" : domain;
}
