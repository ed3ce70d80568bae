import type { Article, Statement } from "../types.ts";
import { type Attribution, attributeSentence } from "./attribute.ts";
import { attachContinuations } from "./continuations.ts";
import { readDocument } from "./document.ts";
import { resolveSpeakers } from "./resolve.ts";
import { saidWhen } from "./said.ts";
import { toStatement } from "./statements.ts";

export interface ExtractOptions {
  /** "rules": every statement the rules find, in their order of precedence. */
  scorer?: "rules";
}

/**
 * Finds every statement in an article: direct quotes, partial quotes and reported speech, each
 * with its speaker resolved within the article. The pipeline's stages, in order:
 * tokenize → segment (paragraphs, quotations, sentences) → cues → speaker mentions and content
 * (attribute) → continuing quotations → resolve speakers → statements.
 *
 * @example
 * extractStatements({ ...article, body: '"The door remains open," Lee said.' })
 * // → [{ text: "The door remains open", kind: "direct", speaker: "Lee", cue: "said", … }]
 */
export function extractStatements(
  article: Pick<Article, "body"> & Partial<Pick<Article, "publishedAt">>,
  _options: ExtractOptions = {},
): Statement[] {
  const doc = readDocument(article.body);
  const published = article.publishedAt ?? null;
  const bySentence: Attribution[][] = doc.seg.sentences.map((s, index) =>
    attributeSentence(doc, s, index).map((a) => {
      const said = a.cue
        ? saidWhen(doc, s, { cue: a.cue, mention: a.mention, parts: a.parts }, published)
        : undefined;
      return said ? { ...a, said } : a;
    }),
  );
  const attributions = attachContinuations(doc, bySentence);
  const speakers = resolveSpeakers(doc, attributions);
  const statements: Statement[] = [];
  attributions.forEach((a, k) => {
    const statement = toStatement(doc, a, speakers[k] as (typeof speakers)[number]);
    if (statement) statements.push(statement);
  });
  return statements;
}
