import { Logger } from "@aws-lambda-powertools/logger";

/** What an email address is logged as. */
export const REDACTED_ADDRESS = "<address>";

// Anything with an `@` between two runs of address characters: an address, in any text.
const ADDRESS = /[^\s@<>"'(),;:[\]\\]+@[^\s@<>"'(),;:[\]\\]+/g;

/**
 * The text with every email address replaced by {@link REDACTED_ADDRESS}.
 * @example
 * redactAddresses("MESSAGE_REJECTED for reader@example.org") // "MESSAGE_REJECTED for <address>"
 */
export function redactAddresses(text: string): string {
  return text.replace(ADDRESS, REDACTED_ADDRESS);
}

/**
 * Powertools' structured Logger (JSON lines with level, service, the invocation's request id)
 * with every email address redacted from whatever it prints: messages, attributes, keys and the
 * errors' messages and stacks (an SDK error can quote a recipient). Subscribers are named in logs
 * by their pseudonymous id only.
 * @example
 * const logger = redactingLogger("send-worker");
 * logger.info("batch delivered", { issueId: "2026-W47", sent: 50 });
 */
export function redactingLogger(serviceName: string): Logger {
  return new Logger({ serviceName, jsonReplacerFn: redactValue });
}

function redactValue(_key: string, value: unknown): unknown {
  if (typeof value === "string") return redactAddresses(value);
  if (value instanceof Error) {
    // Formatted by the logger after this; its message and stack are redacted as strings then.
    return value;
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.some(([k]) => k.includes("@")))
      return Object.fromEntries(entries.map(([k, v]) => [redactAddresses(k), v]));
  }
  return value;
}
