/**
 * Email addresses as the subscribe form accepts them. The address later goes into an SES
 * destination and a `To:` header, so anything that could break out of a header (CR, LF, other
 * control characters, `<>`, `,`, `;`, quotes) is refused outright rather than cleaned up.
 */
import { domainToASCII } from "node:url";

/** RFC 5321: 64 octets of local part, 255 of domain, and a path of 256 including `<>`. */
export const MAX_ADDRESS_LENGTH = 254;
export const MAX_LOCAL_PART_LENGTH = 64;
const MAX_LABEL_LENGTH = 63;

/** Why an address was refused; `message` is shown to the person who typed it. */
export type AddressProblem =
  | "empty"
  | "too-long"
  | "control-character"
  | "not-ascii"
  | "no-at-sign"
  | "bad-local-part"
  | "bad-domain";

export type AddressCheck =
  | { ok: true; email: string }
  | { ok: false; problem: AddressProblem; message: string };

const MESSAGES: Record<AddressProblem, string> = {
  empty: "Please enter your email address.",
  "too-long": `That address is too long: an email address has at most ${MAX_ADDRESS_LENGTH} characters.`,
  "control-character":
    "That address contains a line break or another invisible character. Please type it again.",
  "not-ascii": "Addresses with accented or non-Latin letters before the @ cannot be delivered yet.",
  "no-at-sign": "An email address needs an @ between the name and the domain, like name@example.org.",
  "bad-local-part": "The part before the @ contains characters an email address cannot have.",
  "bad-domain": "The part after the @ is not a valid domain, like example.org.",
};

// RFC 5322 dot-atom: no quoted strings, no comments, no spaces.
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/i;
const LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const TOP_LEVEL = /^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * Checks a typed address and returns it normalised (trimmed, lower-cased, domain in ASCII), the
 * form it is stored and keyed under.
 * @example
 * checkAddress("  Reader@Example.ORG ") // { ok: true, email: "reader@example.org" }
 * checkAddress("a@b.org\r\nBcc: x@y.org") // { ok: false, problem: "control-character", ... }
 */
export function checkAddress(input: string): AddressCheck {
  if (hasControlCharacter(input)) return refuse("control-character");
  const trimmed = input.trim();
  if (trimmed === "") return refuse("empty");
  if (trimmed.length > MAX_ADDRESS_LENGTH) return refuse("too-long");
  const at = trimmed.lastIndexOf("@");
  if (at < 0) return refuse("no-at-sign");
  const local = trimmed.slice(0, at);
  const domain = checkDomain(trimmed.slice(at + 1));
  if (/[^\x20-\x7e]/.test(local)) return refuse("not-ascii");
  if (local === "" || local.length > MAX_LOCAL_PART_LENGTH || !LOCAL_PART.test(local))
    return refuse("bad-local-part");
  if (domain === null) return refuse("bad-domain");
  const email = `${local}@${domain}`.toLowerCase();
  return email.length > MAX_ADDRESS_LENGTH ? refuse("too-long") : { ok: true, email };
}

/** The domain in ASCII (punycode for internationalised names), or null when it is not a host name. */
function checkDomain(typed: string): string | null {
  if (typed === "" || typed.startsWith("[")) return null;
  const ascii = domainToASCII(typed.toLowerCase());
  if (ascii === "" || ascii.length > 253) return null;
  const labels = ascii.split(".");
  if (labels.length < 2) return null;
  const valid = labels.every((label) => label.length <= MAX_LABEL_LENGTH && LABEL.test(label));
  return valid && TOP_LEVEL.test(labels.at(-1) ?? "") ? ascii : null;
}

/** C0 controls (CR, LF, NUL, tab…), DEL, C1 controls, and the Unicode line and paragraph separators. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) return true;
  }
  return false;
}

function refuse(problem: AddressProblem): AddressCheck {
  return { ok: false, problem, message: MESSAGES[problem] };
}
