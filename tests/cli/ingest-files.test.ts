import { mkdtemp, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoArticleStore } from "../../lambdas/adapters/dynamo-article-store.ts";
import { DynamoRefusalLog } from "../../lambdas/adapters/dynamo-refusal-log.ts";
import { ARTICLES_TABLE, REFUSALS_TABLE } from "../../lambdas/adapters/dynamo-tables.ts";
import { ingestFiles } from "../../lambdas/cli/run-ingest.ts";
import { formatRefusals } from "../../lambdas/cli/run-refused.ts";
import { type LocalAws, startLocalAws } from "../support/local-aws.ts";

let aws: LocalAws;
let dir: string;
beforeAll(async () => {
  aws = await startLocalAws();
  dir = await mkdtemp(join(tmpdir(), "onrecord-ingest-"));
});
afterAll(async () => aws.close());

function output() {
  const lines: string[] = [];
  return { lines, stream: { write: (s: string) => lines.push(s.trimEnd()) > 0 } };
}

describe("onrecord ingest", () => {
  it("stores each readable file, reports the others, and loses none of the good ones", async () => {
    // Prepare: a dated text article, an undated one (its file date is used), malformed JSON, binary.
    const dated = join(dir, "dated.txt");
    const undated = join(dir, "undated.txt");
    const broken = join(dir, "broken.json");
    const binary = join(dir, "photo.txt");
    await writeFile(
      dated,
      'date 2026-11-18 Riverton — "We will not close the clinic," Mayor Daniel Reyes said.',
    );
    await writeFile(
      undated,
      '"The bridge opens in spring," the transport minister, Ana Costa, said on Tuesday.',
    );
    await utimes(undated, new Date("2026-11-19T12:00:00Z"), new Date("2026-11-19T12:00:00Z"));
    await writeFile(broken, '{"title": "cut off", "body": ');
    await writeFile(binary, Buffer.from([0, 1, 2, 3, 0xff, 0xfe]));
    const store = new DynamoArticleStore(ARTICLES_TABLE.localName, aws.dynamo);
    const out = output();
    const errors = output();
    // Act
    const { ingested, failed } = await ingestFiles(
      [dated, undated, broken, binary],
      store,
      out.stream,
      errors.stream,
    );
    const again = await ingestFiles([dated], store, output().stream, output().stream);
    // Assess
    expect(failed).toBe(2);
    expect(ingested.map((r) => [r.id, r.publishedAt, r.result])).toEqual([
      ["dated.txt", "2026-11-18", "stored"],
      ["undated.txt", "2026-11-19", "stored"],
    ]);
    expect(again.ingested[0]?.result).toBe("unchanged");
    expect(out.lines).toEqual([
      expect.stringMatching(/^stored +.*dated\.txt \(2026-11-18/),
      expect.stringMatching(/^stored +.*undated\.txt/),
    ]);
    expect(errors.lines).toEqual([
      expect.stringMatching(/broken\.json: malformed JSON/),
      expect.stringMatching(/photo\.txt: .*(binary|UTF-8)/),
    ]);
    expect((await store.listWindow("2026-11-18", "2026-11-19")).map((a) => a.article.id).sort()).toEqual([
      "dated.txt",
      "undated.txt",
    ]);
  });
});

describe("onrecord ingest, refusals", () => {
  it("refuses a file over 300 KB from its size and keeps the refusal with its reason for `onrecord refused`", async () => {
    // Prepare
    const big = join(dir, "big.txt");
    await writeFile(big, Buffer.alloc(400 * 1024, "a"));
    const store = new DynamoArticleStore(ARTICLES_TABLE.localName, aws.dynamo);
    const log = new DynamoRefusalLog(REFUSALS_TABLE.localName, aws.dynamo);
    const errors = output();
    // Act
    const { failed } = await ingestFiles([big], store, output().stream, errors.stream, { log });
    const refusals = await log.listSince(new Date().toISOString().slice(0, 10));
    // Assess
    expect(failed).toBe(1);
    expect(errors.lines).toEqual([
      `onrecord ingest: ${big}: 400 KB, larger than the 300 KB an article may be`,
    ]);
    expect(refusals.map((r) => [r.source, r.reason])).toEqual([
      [big, "400 KB, larger than the 300 KB an article may be"],
    ]);
    expect(formatRefusals(refusals, "2026-11-01").split("\n")).toEqual([
      expect.stringMatching(
        new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ  ${big}  400 KB, larger than`),
      ),
      "1 refused since 2026-11-01",
      "",
    ]);
  });
});
