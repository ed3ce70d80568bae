import { describe, expect, it } from "vitest";
import { readSiteArticles } from "../../lambdas/adapters/local-news-site.ts";
import { renderArticlePage } from "../../lambdas/adapters/news-site-pages.ts";
import { isFurnitureLine } from "../../lambdas/core/feeds/furniture.ts";
import { extractPageArticle, type PageHints } from "../../lambdas/core/feeds/page-article.ts";

// One story, written for these tests, as outlets of different makes publish it. Whatever the
// furniture around them, these paragraphs, in this order, are all a reader should get.
const STORY = {
  title: "Island ferry terminal to close in March after council vote",
  paragraphs: [
    "PORT ELLEN — The island council voted 7 to 2 on Monday to close the old ferry terminal by March, ending six decades of service from the harbour.",
    "“We cannot keep a building open that nobody uses,” Mayor Ines Vidal said after the vote. “The new pier does the same job for a tenth of the cost.”",
    "Residents of the north shore said they would appeal the decision, arguing that the new pier is too far for older passengers to reach on foot.",
    "Transport Secretary Colm Reid told the council that a shuttle bus would run from the old terminal to the pier every twenty minutes.",
    "The terminal opened in 1962 and was last renovated in 1991.",
  ],
};
const [P1, P2, P3, P4, P5] = STORY.paragraphs.map((p) => `<p>${p}</p>`);
const NO_HINTS: PageHints = { feedUrl: null, title: null, publishedAt: null, outlet: null };
const head = (extra = "") =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${STORY.title} | Island Post</title>${extra}</head>`;

/** Each outlet's page: the story inside furniture of the kind that outlet's make of site puts there. */
const OUTLETS: [string, string][] = [
  [
    "a broadsheet's page: article body split by advertising slots, a 'skip advertisement' marker, a rich-link box",
    `${head()}<body><header><a href="/">Island Post</a><nav><a href="/world">World</a></nav></header>
<main><article><header><h1>${STORY.title}</h1><p class="summary-byline">By Ana Ruiz and Tom Hale</p>
<time datetime="2026-11-23">Nov. 23, 2026</time></header>
<section name="articleBody"><div class="story-column"><div>${P1}${P2}</div></div>
<div class="ad-wrapper"><p>Advertisement</p><p><a href="#after-ad">SKIP ADVERTISEMENT</a></p></div>
<div class="story-column"><div>${P3}<aside class="rich-link"><p>Related: <a href="/x">Pier opens to passengers</a></p></aside>${P4}${P5}</div></div>
</section></article></main><footer><p>© 2026 The Island Post Company</p></footer></body></html>`,
  ],
  [
    "a public broadcaster's page: components for text, images with captions and link lists",
    `${head()}<body><div id="orb-nav"><a href="/">Home</a><a href="/news">News</a></div><main id="main-content"><article>
<div data-component="headline-block"><h1>${STORY.title}</h1></div>
<div data-component="byline-block"><span>Sam Okoro</span><span>Scotland reporter</span></div>
<div data-component="image-block"><div class="image-container"><img src="/t.jpg" alt="The terminal"></div><p>The terminal has served the island since 1962</p></div>
<div data-component="text-block">${P1}</div><div data-component="text-block">${P2}</div>
<div data-component="text-block">${P3}</div>
<div data-component="links-block"><h2>More on this story</h2><ul><li><a href="/a">Pier opening delayed by storms</a></li></ul></div>
<div data-component="text-block">${P4}</div><div data-component="text-block">${P5}</div>
<div data-component="tag-list"><ul><li><a href="/t1">Ferries</a></li><li><a href="/t2">Local councils</a></li></ul></div>
</article></main><div id="footer"><p>Copyright 2026. We are not responsible for the content of external sites.</p></div></body></html>`,
  ],
  [
    "a wire service's story: dateline, photo credits in the text column, a contributor line, a rule",
    `${head()}<body><div class="Page-header"><a href="/">Wire</a></div><div class="Page-content"><h1 class="Page-headline">${STORY.title}</h1>
<div class="Page-byline"><span>By JANE DOE</span><span>Updated 4:12 PM GMT, November 23, 2026</span></div>
<div class="RichTextStoryBody">${P1}<div class="Carousel"><img src="/c.jpg"><span>The ferry terminal in Port Ellen on Nov. 20, 2026. (AP Photo/Jon Smith)</span></div>
${P2}${P3}${P4}${P5}<p>___</p><p>Associated Press writer Kim Lee in Glasgow contributed to this report.</p></div>
<div class="Page-below"><h2>Most read</h2><ul><li><a href="/m">Storm warning for the coast</a></li></ul></div></div></body></html>`,
  ],
  [
    "a regional portal's page: paragraphs separated by line breaks, reporter's e-mail, a copyright notice",
    `${head('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">')}<body><div id="top-menu"><a href="/">홈</a> | <a href="/news">뉴스</a></div>
<div id="articleBody" class="article_view">${STORY.paragraphs.join("<br><br>\n")}<br><br>
Ana Ruiz reporter ana.ruiz@islandpost.example<br><br>
<span class="notice">&lt;무단 전재 및 재배포 금지&gt;</span></div>
<div class="reply"><h3>댓글 3</h3><p>Good riddance to that old building.</p></div></body></html>`,
  ],
  [
    "a blog-engine page: share buttons, a pull quote repeating a line, an author box, an editor's note",
    `${head('<meta property="og:title" content="Island terminal to close">')}<body class="single"><div class="site-branding"><a href="/">Island Post</a></div>
<div class="entry-content">${P1}<div class="sharedaddy"><h3 class="sd-title">Share this:</h3></div>${P2}
<blockquote class="pullquote">A tenth of the cost</blockquote>${P3}${P4}${P5}
<p><em>This story has been updated with the transport secretary's comments.</em></p>
<div class="author-box"><p>Ana Ruiz covers the islands for the Post. Follow her on X at @anaruiz.</p></div></div>
<div class="jp-relatedposts"><h3>Related</h3><p><a href="/r">Ferry fares to rise in spring</a></p></div></body></html>`,
  ],
];

describe("a news page's article, as a reader should get it", () => {
  it.each(OUTLETS)("%s: every paragraph in order, no furniture", (_, html) => {
    const article = extractPageArticle(html, "https://islandpost.example/2026/11/23/terminal", NO_HINTS);
    expect(article.paragraphs).toEqual(STORY.paragraphs);
  });

  it("reads each page of the local news site (npm start's) back as the example article it was written from", async () => {
    const site = { name: "The Riverton Courier", url: "http://127.0.0.1:3100/" };
    const examples = await readSiteArticles("examples");
    expect(examples.length).toBeGreaterThan(3);
    for (const example of examples) {
      const url = new URL(example.path, site.url).toString();
      const page = extractPageArticle(renderArticlePage(site, example), url, NO_HINTS);
      expect(page, example.path).toEqual({
        canonicalUrl: url,
        title: example.title,
        outlet: example.outlet,
        publishedAt: example.publishedAt.slice(0, 10),
        paragraphs: example.paragraphs.map((p) => p.replace(/\s+/g, " ")),
      });
    }
  });

  it("keeps an article's own subheadings and lists, in their place, and drops its headline", () => {
    const html = `<html><body><article><h1>Terminal to close</h1>${P1}<h2>What happens next</h2>${P2}
<ul><li>The terminal closes on 31 March.</li><li>Shuttle buses start on 1 April.</li></ul>${P3}</article></body></html>`;
    expect(extractPageArticle(html, "https://islandpost.example/t", NO_HINTS).paragraphs).toEqual([
      STORY.paragraphs[0],
      "What happens next",
      STORY.paragraphs[1],
      "The terminal closes on 31 March.",
      "Shuttle buses start on 1 April.",
      STORY.paragraphs[2],
    ]);
  });

  it("keeps text that stands beside a block, and never glues two lines into one word", () => {
    const html = `<html><body><article><div>${STORY.paragraphs[0]}<p>${STORY.paragraphs[1]}</p>${STORY.paragraphs[2]}<br>${STORY.paragraphs[3]}</div></article></body></html>`;
    expect(extractPageArticle(html, "https://islandpost.example/t", NO_HINTS).paragraphs).toEqual([
      STORY.paragraphs[0],
      STORY.paragraphs[1],
      `${STORY.paragraphs[2]} ${STORY.paragraphs[3]}`,
    ]);
  });

  it("leaves out a pull quote that repeats the article's words, and keeps a quotation that does not", () => {
    const letter = "“The terminal was the island’s front door for sixty years,” the letter reads.";
    const html = `<html><body><article>${P1}${P2}<blockquote><p>“Nobody uses it.”</p></blockquote>${P3}
<blockquote><p>${letter}</p></blockquote>${P4}</article></body></html>`;
    const pulled = html.replace("“Nobody uses it.”", "“A building open that nobody uses”");
    expect(extractPageArticle(html, "https://islandpost.example/t", NO_HINTS).paragraphs).toEqual([
      ...STORY.paragraphs.slice(0, 2),
      "“Nobody uses it.”",
      STORY.paragraphs[2],
      letter,
      STORY.paragraphs[3],
    ]);
    expect(extractPageArticle(pulled, "https://islandpost.example/t", NO_HINTS).paragraphs).toEqual([
      ...STORY.paragraphs.slice(0, 3),
      letter,
      STORY.paragraphs[3],
    ]);
  });

  it("keeps a picture inside a paragraph with the paragraph, and a short brief beside its picture", () => {
    const brief = "The island council will meet again on Thursday to set the date of the closure.";
    const html = `<html><body><article><p><img src="/icon.png" alt="">${STORY.paragraphs[0]}</p>${P2}${P3}</article>
<div class="brief"><img src="/b.jpg"><p>${brief}</p></div></body></html>`;
    expect(extractPageArticle(html, "https://islandpost.example/t", NO_HINTS).paragraphs).toEqual(
      STORY.paragraphs.slice(0, 3),
    );
    expect(
      extractPageArticle(
        `<html><body><div class="brief"><img src="/b.jpg"><p>${brief}</p></div></body></html>`,
        "https://islandpost.example/b",
        NO_HINTS,
      ).paragraphs,
    ).toEqual([brief]);
  });
});

describe("lines that are a page's furniture, and sentences of news that begin the same way", () => {
  it.each([
    "Advertisement",
    "Story continues below advertisement",
    "Read more: Pier opens to passengers",
    "Related: Ferry fares to rise",
    "Sign up for our morning briefing, delivered to your inbox",
    "Subscribe to continue reading",
    "© 2026 The Island Post Company",
    "Copyright 2026 Island Post. All rights reserved.",
    "<무단 전재 및 재배포 금지>",
    "The ferry terminal in Port Ellen on Nov. 20, 2026. (AP Photo/Jon Smith)",
    "The old terminal at dusk. (Post photo)",
    "Photo: Island Post archive",
    "By Ana Ruiz",
    "By JANE DOE",
    "By Ana Ruiz and Tom Hale, Staff Writers",
    "Updated 4:12 PM GMT, November 23, 2026",
    "Published: 23 November 2026, 10:00 KST",
    "Updated 3 hours ago",
    "This story has been updated with the transport secretary's comments.",
    "Editor's note: an earlier version misstated the vote.",
    "Follow Ana Ruiz on X",
    "Share this:",
    "Associated Press writer Kim Lee in Glasgow contributed to this report.",
    "Ana Ruiz reporter ana.ruiz@islandpost.example",
    "___",
  ])("%s is furniture", (line) => {
    expect(isFurnitureLine(line)).toBe(true);
  });

  it.each([
    "Related charges were filed against two council staff on Friday.",
    "Updated figures from the ministry show ferry use fell by a third.",
    "Updated on Monday, the plan adds a second shuttle route.",
    "By Friday, the council had voted to close the terminal.",
    "By March the terminal will be closed, the mayor said.",
    "Copyright holders said they would sue the council over the mural.",
    "Sign-ups for the shuttle service open on Monday.",
    "Recommended changes to the timetable were approved in May.",
    "Follow-up inspections found no damage to the pier.",
    "Photographers were not allowed into the council chamber during the vote.",
    "“Share this burden with us,” Vidal told residents.",
  ])("%s is news", (line) => {
    expect(isFurnitureLine(line)).toBe(false);
  });
});
