import type { Article, Statement } from "../types.ts";

/**
 * Finds every statement in an article: direct quotes, partial quotes and reported speech, each
 * with its speaker resolved within the article. (Work in progress: the pipeline lands next.)
 */
export function extractStatements(_article: Article): Statement[] {
  return [];
}
