/**
 * Pages for the fetch benchmark: news pages of 5 to 200 KB, the article's own prose (sentences
 * written for the project, varied so that no two paragraphs are alike) inside the local news
 * site's furniture.
 */
import { renderArticlePage, type SiteArticle } from "../../lambdas/adapters/news-site-pages.ts";

const SPEAKERS = [
  "Mayor Daniel Reyes",
  "Transport Minister Ana Costa",
  "Council President Maria Lind",
  "Health Minister Joon Park",
];
const TOPICS = [
  "the harbour bridge",
  "the school budget",
  "the rural clinics",
  "the rail study",
  "the ferry timetable",
];
const VERBS = ["said", "told reporters", "warned", "added"];

/** A paragraph of about 400 characters, different for every `n`. */
function paragraph(n: number): string {
  const who = SPEAKERS[n % SPEAKERS.length];
  const topic = TOPICS[(n >> 2) % TOPICS.length];
  const verb = VERBS[(n >> 1) % VERBS.length];
  return (
    `“We will not let ${topic} wait another year,” ${who} ${verb} on day ${n} of the session, ` +
    `adding that the plan for ${topic} had been costed twice and checked by the auditor. ` +
    `Critics said the figures for item ${n * 7} did not add up, and asked for the ${(n % 12) + 1} reports to be published before the vote.`
  );
}

/** One page per size in KB (of the whole page), with its article. */
export function benchPages(
  sizesKb: readonly number[],
  origin = "http://news.test",
): { url: string; html: string; article: SiteArticle }[] {
  return sizesKb.map((kb, i) => {
    const paragraphs: string[] = [];
    const article: SiteArticle = {
      path: `/bench/${i}-${kb}kb.html`,
      title: `Council session, day ${i}`,
      outlet: "The Riverton Courier",
      publishedAt: "2026-11-24",
      paragraphs,
    };
    let n = i * 1000;
    while (Buffer.byteLength(renderArticlePage({ name: "Courier", url: origin }, article)) < kb * 1024)
      paragraphs.push(paragraph(n++));
    return {
      url: `${origin}${article.path}`,
      html: renderArticlePage({ name: "Courier", url: origin }, article),
      article,
    };
  });
}

/** The sizes measured: 5–200 KB, weighted toward the sizes news pages have. */
export const PAGE_SIZES_KB = [5, 10, 20, 30, 50, 50, 80, 100, 150, 200];
