import type { Digest, DigestSource, DigestStatement, Official } from "../../lambdas/core/types.ts";

/** Digests built by hand for rendering tests, independent of the extractor. */

export const source = (article: string, extra: Partial<DigestSource> = {}): DigestSource => ({
  article,
  title: `Headline of ${article}`,
  outlet: `Outlet of ${article}`,
  date: "2026-11-17",
  url: `https://example.org/news/${article}`,
  ...extra,
});

export const statement = (text: string, extra: Partial<DigestStatement> = {}): DigestStatement => ({
  text,
  kind: "direct",
  sources: [source("a1.txt")],
  ...extra,
});

export const official = (name: string, extra: Partial<Official> = {}): Official => ({
  name,
  title: "Defence Minister",
  affiliation: "South Korea",
  summary: `${name} warned of a more dangerous phase on the peninsula.`,
  statements: [statement(`We are ready to respond to any provocation, said ${name}`)],
  ...extra,
});

export const WEEK = { from: "2026-11-16", to: "2026-11-22" } as const;

/** A small, ordinary week: two officials, a reported and a quoted statement, another source. */
export const sampleDigest: Digest = {
  ...WEEK,
  officials: [
    official("Han Tae-woo", {
      statements: [
        statement(
          "We are watching every move across the border, and we are ready to respond to any provocation",
          {
            sources: [
              source("forum.txt", { outlet: "Example Daily" }),
              source("wire.json", { outlet: "Example Wire", url: null, title: null }),
            ],
          },
        ),
        statement("the ministry would expand joint drills with the United States next spring", {
          kind: "indirect",
        }),
      ],
    }),
    official("Lee Jun-ho", {
      title: "Spokesperson",
      affiliation: "Unification Ministry",
      summary: "Lee Jun-ho said Seoul still hoped to reopen a liaison channel with Pyongyang.",
      statements: [
        statement("The door to dialogue remains open", {
          sources: [source("forum.txt", { outlet: "Example Daily" })],
        }),
      ],
    }),
  ],
  others: [
    {
      name: "Korean Central News Agency",
      sourceType: "organisation",
      statements: [statement("the launches were a routine exercise", { kind: "indirect" })],
    },
  ],
};

/** Strings that would break out of HTML, MJML, CDATA or an SES template if not escaped. */
export const HOSTILE = [
  "<script>alert('x')</script>",
  "</mj-text></mj-column><mj-raw>",
  "{{unsubscribeUrl}}",
  "{{{greeting}}}",
  "]]>",
  "\\{{greeting}}",
  "{%name%}",
  "<!-- -->",
  "&amp; &lt;",
  'x" onmouseover="alert(1)',
];

/** Every place article text reaches the email, each holding one hostile string. */
export function hostileDigest(): Digest {
  const h = (i: number) => `before ${HOSTILE[i % HOSTILE.length]} after`;
  return {
    ...WEEK,
    officials: HOSTILE.map((_, i) =>
      official(`Name ${h(i)}`, {
        title: `Title ${h(i + 1)}`,
        affiliation: `Affiliation ${h(i + 2)}`,
        summary: `Summary ${h(i + 3)}.`,
        statements: [
          statement(`Quote ${h(i + 4)}`, {
            sources: [
              source(`x${i}.txt`, {
                title: `Headline ${h(i + 5)}`,
                outlet: `Outlet ${h(i + 6)}`,
                url: `https://example.org/?q=${encodeURIComponent(h(i))}&r={{x}}`,
              }),
            ],
          }),
          statement(`Reported ${h(i + 7)}`, { kind: "indirect" }),
        ],
      }),
    ).slice(0, 10),
    others: [
      {
        name: `Agency ${h(8)}`,
        sourceType: "organisation",
        statements: [statement(`Other ${h(9)}`, { kind: "mixed" })],
      },
    ],
  };
}

/** The largest email the default caps allow: every shown statement, title and link at its longest. */
export function longestDigest(): Digest {
  const sentence = "This sentence about the budget, the border and the alliance goes on for quite a while. ";
  const sources = Array.from({ length: 12 }, (_, k) =>
    source(`article-${k}.json`, {
      title: `A headline that is far longer than any sub-editor would allow ${"and more words ".repeat(12)}`,
      outlet: `An Outlet With A Remarkably Long Name Number ${k} ${"Press ".repeat(10)}`,
      // Just under the longest link the email shows (300 characters, braces and ampersands included).
      url: `https://example.org/news/${"a-very-long-slug-".repeat(14)}${k}`
        .padEnd(266, "x")
        .concat("?utm_source=feed&amp=1&q={{x}}"),
    }),
  );
  return {
    ...WEEK,
    officials: Array.from({ length: 25 }, (_, i) =>
      official(`Official Number ${i} ${"Longname ".repeat(8)}`, {
        title: `Deputy Assistant Secretary ${"of Very Long Titles ".repeat(8)}`,
        affiliation: `The Ministry ${"of Long Names ".repeat(8)}`,
        summary: sentence.repeat(12),
        statements: Array.from({ length: 8 }, (_, j) =>
          statement(`<b>${j}</b> {{x}} & ${sentence.repeat(20)}`, {
            kind: j % 2 ? "direct" : "mixed",
            sources,
          }),
        ),
      }),
    ),
    others: Array.from({ length: 20 }, (_, i) => ({
      name: `Agency ${i} ${"Bureau ".repeat(20)}`,
      sourceType: "organisation" as const,
      statements: [statement(sentence.repeat(20), { kind: "indirect", sources })],
    })),
  };
}
