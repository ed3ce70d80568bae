import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractStatements } from "../../../lambdas/core/extraction/extract-statements.ts";
import type { Statement } from "../../../lambdas/core/types.ts";
import { extract } from "./helpers.ts";

/** Every span points inside the text, in order, and the text field is made of those words. */
function expectWellFormed(body: string, statements: Statement[]) {
  for (const s of statements) {
    expect(s.start).toBeGreaterThanOrEqual(0);
    expect(s.end).toBeLessThanOrEqual(body.length);
    expect(s.start).toBeLessThan(s.end);
    for (const [a, b] of s.parts) {
      expect(a).toBeGreaterThanOrEqual(s.start);
      expect(b).toBeLessThanOrEqual(s.end);
    }
    expect(s.text.length).toBeGreaterThan(0);
  }
}

describe("input that is empty, huge or odd", () => {
  it.each([
    ["empty", ""],
    ["whitespace", "  \n\n\t  "],
    ["punctuation only", '"""",,,::;;--""'],
  ])("finds nothing in %s text", (_, body) => {
    expect(extractStatements({ body })).toEqual([]);
  });

  it("extracts from a 10 MB article, every statement in place", () => {
    const paragraph = '"The door to dialogue remains open," Lee said on Monday in Seoul.\n\n';
    const filler = "The ministry published its annual report on the border region. ".repeat(20);
    const unit = `${paragraph}${filler}\n\n`;
    const body = unit.repeat(Math.ceil((10 * 1024 * 1024) / unit.length));
    const statements = extractStatements({ body });
    expect(statements).toHaveLength(Math.ceil((10 * 1024 * 1024) / unit.length));
    expect(body.slice(statements.at(-1)?.start, statements.at(-1)?.end)).toBe(
      "The door to dialogue remains open",
    );
  });

  it("survives an unclosed quote without swallowing the next paragraph", () => {
    const statements = extract(
      '"We will not back down, Han said at the forum.',
      "Lee said the channel was open.",
    );
    expect(statements.some((s) => s.speaker === "Lee" && s.text === "the channel was open")).toBe(true);
  });

  it("keeps quotes nested in quotes inside the outer statement", () => {
    const [statement] = extract("\"He told me 'never again,' and I believed him,\" Lee said.");
    expect(statement).toMatchObject({
      speaker: "Lee",
      kind: "direct",
      text: "He told me 'never again,' and I believed him",
    });
  });

  it("reports offsets into CRLF text exactly as into LF text", () => {
    const lf = '"The door remains open," Lee said.\n\nHan said the drills would go ahead.';
    const crlf = lf.replaceAll("\n", "\r\n");
    const fromCrlf = extractStatements({ body: crlf });
    expect(fromCrlf.map((s) => s.text)).toEqual(extractStatements({ body: lf }).map((s) => s.text));
    for (const s of fromCrlf) expect(crlf.slice(s.start, s.end)).toBe(s.text);
  });

  it("counts offsets from the byte-order mark when there is one", () => {
    const body = '\uFEFF"The door remains open," Lee said.';
    const [statement] = extractStatements({ body });
    expect(body.slice(statement?.start, statement?.end)).toBe("The door remains open");
  });

  it("leaves markup in quotes as text: escaping belongs to whoever renders it", () => {
    const body = '"<script>alert(1)</script> is not policy," Lee said.';
    const [statement] = extractStatements({ body });
    expect(statement?.text).toBe("<script>alert(1)</script> is not policy");
  });

  it("produces well-formed statements from any mix of quotes, commas, names and verbs", () => {
    const piece = fc.constantFrom(
      '"',
      "“",
      "”",
      "''",
      ",",
      ".",
      ":",
      " ",
      "\n\n",
      "Lee",
      "Han Tae-woo",
      "said",
      "told",
      "he",
      "the minister",
      "that",
      "according to",
      "—",
      "(",
      ")",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 200 }), (pieces) => {
        const body = pieces.join(" ");
        expectWellFormed(body, extractStatements({ body }));
      }),
      { numRuns: 300 },
    );
  });
});

describe("extraction time on adversarial input", { timeout: 120_000 }, () => {
  /** The fastest of a few runs, in milliseconds: the least disturbed by a noisy neighbour. */
  function timeOf(body: string): number {
    const runs = [0, 1, 2].map(() => {
      const started = performance.now();
      extractStatements({ body });
      return performance.now() - started;
    });
    return Math.min(...runs);
  }

  /**
   * How much longer four times the input takes: a linear extractor about four times, a quadratic
   * one sixteen. A pause of the collector or a neighbour on the machine can double one measure,
   * never the same one three times over, so a ratio over 8 is measured again (up to three times):
   * a quadratic extractor fails every time.
   */
  function growthOf(small: string, large: string): number {
    timeOf(small); // warm-up
    let ratio = Number.POSITIVE_INFINITY;
    for (let attempt = 0; attempt < 3 && ratio >= 8; attempt++)
      ratio = Math.min(ratio, timeOf(large) / timeOf(small));
    return ratio;
  }

  it("stays linear on a megabyte of quote marks and commas", () => {
    const unit = '",",""said,"';
    const small = unit.repeat(Math.ceil(256_000 / unit.length));
    const large = unit.repeat(Math.ceil(1_024_000 / unit.length));
    expect(growthOf(small, large)).toBeLessThan(8);
  });

  it("stays linear on random adversarial patterns", () => {
    const piece = fc.constantFrom(
      '"',
      ",",
      "said",
      "Lee",
      "\n",
      "“",
      ":",
      "according to",
      "who",
      "—",
      "the minister",
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 4, maxLength: 12 }), (pieces) => {
        const unit = `${pieces.join(" ")} `;
        const small = unit.repeat(Math.ceil(50_000 / unit.length));
        const large = unit.repeat(Math.ceil(200_000 / unit.length));
        // Below a quarter of a second for 200 KB there is no quadratic behaviour to speak of, and
        // timer noise on tiny durations would make the ratio meaningless.
        return growthOf(small, large) < 8 || timeOf(large) < 250;
      }),
      { numRuns: 6 },
    );
  });
});
