import type { Digest } from "../types.ts";

/** Statements an issue needs for the email by default: a week with none is not composed or sent. */
export const DEFAULT_MIN_STATEMENTS = 1;

/**
 * How many statements of officials the email can show: those not marked `email: false` (said
 * earlier, or attributed with too little confidence).
 * @example
 * statementsForEmail({ from, to, officials: [] }) // 0
 */
export function statementsForEmail(digest: Digest): number {
  let n = 0;
  for (const official of digest.officials) for (const s of official.statements) if (s.email !== false) n++;
  return n;
}

/**
 * Why a week's digest is not worth an issue, or null when it is: fewer statements of officials
 * for the email than `minStatements`. The compose step, `send` and `digest` all say it so.
 * @example
 * noIssueReason(emptyDigest) // "no issue for 2026-11-16..2026-11-22: no statement of an official for the email (at least 1 needed)"
 */
export function noIssueReason(digest: Digest, minStatements = DEFAULT_MIN_STATEMENTS): string | null {
  const n = statementsForEmail(digest);
  if (n >= minStatements) return null;
  const have = n === 0 ? "no statement" : `only ${n} statement${n === 1 ? "" : "s"}`;
  return `no issue for ${digest.from}..${digest.to}: ${have} of an official for the email (at least ${minStatements} needed)`;
}
