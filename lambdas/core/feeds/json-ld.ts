import type { parseHTML } from "linkedom";

/** A page's DOM as linkedom builds it. */
export type PageDocument = ReturnType<typeof parseHTML>["document"];

/** The fields of a schema.org news article onrecord reads from a page's JSON-LD. */
export interface JsonLdArticle {
  headline: string | null;
  datePublished: string | null;
  publisher: string | null;
  articleBody: string | null;
}

const ARTICLE_TYPES = /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting|Report)$/;

/**
 * The first schema.org article among a page's `<script type="application/ld+json">` blocks (in an
 * array or an `@graph` too); null when there is none. A block that is not JSON is passed over.
 */
export function readJsonLd(document: PageDocument): JsonLdArticle | null {
  for (const script of [...document.querySelectorAll('script[type="application/ld+json"]')]) {
    let value: unknown;
    try {
      value = JSON.parse(script.textContent ?? "");
    } catch {
      continue;
    }
    const found = findArticle(value, 0);
    if (found) {
      return {
        headline: text(found.headline),
        datePublished: text(found.datePublished),
        publisher: text((found.publisher as Record<string, unknown> | undefined)?.name ?? found.publisher),
        articleBody: text(found.articleBody),
      };
    }
  }
  return null;
}

function findArticle(value: unknown, depth: number): Record<string, unknown> | null {
  if (depth > 4 || value === null || typeof value !== "object") return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findArticle(item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  const record = value as Record<string, unknown>;
  const types = [record["@type"]].flat().map(String);
  if (types.some((t) => ARTICLE_TYPES.test(t))) return record;
  return findArticle(record["@graph"], depth + 1);
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? value : null;
}
