import { extractStatements } from "../../../lambdas/core/extraction/extract-statements.ts";
import type { Statement } from "../../../lambdas/core/types.ts";

/** Extracts from a body given as lines; blank lines separate paragraphs as in news copy. */
export function extract(...paragraphs: string[]): Statement[] {
  return extractStatements({ body: paragraphs.join("\n\n") });
}

/** The fields a reader cares about, for compact expectations. */
export const brief = (s: Statement) => ({ speaker: s.speaker, kind: s.kind, text: s.text });

export const mentionText = (body: string, s: Statement) =>
  s.mention ? body.slice(s.mention[0], s.mention[1]) : null;
