import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoArticleStore } from "../../lambdas/adapters/dynamo-article-store.ts";
import { DynamoRefusalLog } from "../../lambdas/adapters/dynamo-refusal-log.ts";
import { ARTICLES_TABLE, REFUSALS_TABLE } from "../../lambdas/adapters/dynamo-tables.ts";
import { parseArticle } from "../../lambdas/core/article.ts";
import { extractStatements } from "../../lambdas/core/extraction/extract-statements.ts";
import { deployLocally, INGEST_BUCKET, type LocalDeployment, s3PutEvent } from "./local-deployment.ts";

const json = (fields: Record<string, string>) => new TextEncoder().encode(JSON.stringify(fields));
const article = (outlet: string, said: string) =>
  json({
    title: `${outlet} on the harbour bridge`,
    outlet,
    publishedAt: "2026-11-25",
    body: `RIVERTON — "${said}," Transport Minister Ana Costa said on Wednesday.\n\nThe bridge opens in spring.`,
  });
const MB = 1024 * 1024;

let deployment: LocalDeployment;
let store: DynamoArticleStore;
beforeAll(async () => {
  deployment = await deployLocally();
  store = new DynamoArticleStore(ARTICLES_TABLE.localName, deployment.aws.dynamo);
}, 180_000);
afterAll(async () => deployment?.close());

const ingest = (keys: string[], sizes: Record<string, number> = {}, at = "2026-11-25T10:00:00.000Z") =>
  deployment.invoke<unknown, { ingested: { id: string; result: string }[]; refused: string[] }>(
    "IngestIngester",
    s3PutEvent(keys, at, sizes),
  );

describe("ingest under hostile input, the deployed bundle against dynalite", { timeout: 120_000 }, () => {
  it("stores every good record of an event and refuses each bad one with its reason, reading no oversized body", async () => {
    // Prepare: two outlets' files under one base name, an oversized body (S3 says 20 MB), an
    // object whose event understates it (50 MB), a 200 KB title (a 500 KB one is over the size cap already), and good files after them.
    const objects = deployment.standIns.objects;
    const put = (key: string, bytes: Uint8Array) => objects.set(`${INGEST_BUCKET}/${key}`, bytes);
    put("outlet-a/2026-11-25.json", article("Outlet A", "We will open it in April"));
    put("outlet-b/2026-11-25.json", article("Outlet B", "The money is there"));
    put("huge/body.txt", new Uint8Array(20 * MB).fill(0x61));
    put("huge/understated.txt", new Uint8Array(50 * MB).fill(0x61));
    put(
      "huge/title.json",
      json({ title: "T".repeat(200 * 1024), publishedAt: "2026-11-25", body: "Short." }),
    );
    put("after/one.txt", new TextEncoder().encode('date 2026-11-25 "It is safe," Costa said.'));
    put("after/two.txt", new TextEncoder().encode('date 2026-11-25 "It is paid for," Costa said.'));
    const keys = [
      "outlet-a/2026-11-25.json",
      "outlet-b/2026-11-25.json",
      "huge/body.txt",
      "huge/understated.txt",
      "huge/title.json",
      "after/one.txt",
      "after/two.txt",
    ];
    const heapBefore = process.memoryUsage().heapUsed;
    const logged: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      logged.push(String(chunk));
      return write.call(process.stdout, chunk, ...rest);
    }) as typeof write;
    // Act
    const result = await ingest(keys, { "huge/body.txt": 20 * MB }).finally(() => {
      process.stdout.write = write;
    });
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    // Assess: the good ones stored, under their whole keys …
    expect(result.ingested.map((a) => [a.id, a.result])).toEqual([
      ["outlet-a/2026-11-25.json", "stored"],
      ["outlet-b/2026-11-25.json", "stored"],
      ["after/one.txt", "stored"],
      ["after/two.txt", "stored"],
    ]);
    const day = await store.listWindow("2026-11-25", "2026-11-25");
    expect(day.map((a) => a.article.outlet ?? a.article.id).sort()).toEqual([
      "Outlet A",
      "Outlet B",
      "after/one.txt",
      "after/two.txt",
    ]);
    // … the bad ones refused, kept with their reasons, the 20 MB one never read at all.
    expect(result.refused).toEqual(["huge/body.txt", "huge/understated.txt", "huge/title.json"]);
    expect(deployment.standIns.reads).not.toContain(`${INGEST_BUCKET}/huge/body.txt`);
    // Refusals are filed under the day they happen: today.
    const refusals = await new DynamoRefusalLog(REFUSALS_TABLE.localName, deployment.aws.dynamo).listSince(
      new Date().toISOString().slice(0, 10),
    );
    expect(refusals.map((r) => [r.source, r.reason])).toEqual(
      expect.arrayContaining([
        [`s3://${INGEST_BUCKET}/huge/body.txt`, "20480 KB, larger than the 300 KB an article may be"],
        [`s3://${INGEST_BUCKET}/huge/understated.txt`, "51200 KB, larger than the 300 KB an article may be"],
        [`s3://${INGEST_BUCKET}/huge/title.json`, "not an article: title longer than 1000 characters"],
      ]),
    );
    expect(refusals).toHaveLength(3);
    // … and counted in the refusals metric (one embedded-metric line CloudWatch reads).
    const metric = logged
      .flatMap((line) => line.split("\n"))
      .find((line) => line.includes('"ArticlesRefused"'));
    expect(JSON.parse(metric ?? "{}")).toMatchObject({
      ArticlesRefused: 3,
      _aws: {
        CloudWatchMetrics: [{ Namespace: "onrecord", Metrics: [{ Name: "ArticlesRefused", Unit: "Count" }] }],
      },
    });
    // Memory bounded: not the 70 MB refused, nor the hundreds of MB extracting them took before
    // (the limit leaves room for the garbage collector's timing on a busy machine).
    expect(heapGrowth).toBeLessThan(100 * MB);
  });

  it("reports the same bytes under the same key unchanged, and a second outlet's file never replaces the first", async () => {
    const again = await ingest(["outlet-a/2026-11-25.json", "outlet-b/2026-11-25.json"]);
    expect(again.ingested.map((a) => a.result)).toEqual(["unchanged", "unchanged"]);
    const day = await store.listWindow("2026-11-25", "2026-11-25");
    expect(day.filter((a) => a.article.id.endsWith("2026-11-25.json"))).toHaveLength(2);
  });

  it("reports a file with no date of its own unchanged when the same bytes come again on a later day, filed under the first", async () => {
    // Prepare: the same bytes, once under their key and once as the earlier version stored them.
    const bytes = new TextEncoder().encode('"The ferry runs again," Transport Minister Ana Costa said.');
    deployment.standIns.objects.set(`${INGEST_BUCKET}/undated/ferry.txt`, bytes);
    deployment.standIns.objects.set(`${INGEST_BUCKET}/undated/old/harbour.txt`, bytes);
    const former = parseArticle({ name: "harbour.txt", bytes, fallbackDate: "2026-11-20" });
    await store.put({ article: former, statements: extractStatements(former) });
    // Act
    const first = await ingest(["undated/ferry.txt"], {}, "2026-11-21T08:00:00.000Z");
    const again = await ingest(
      ["undated/ferry.txt", "undated/old/harbour.txt"],
      {},
      "2026-11-28T08:00:00.000Z",
    );
    // Assess
    expect(first.ingested.map((a) => a.result)).toEqual(["stored"]);
    expect(again.ingested.map((a) => a.result)).toEqual(["unchanged", "unchanged"]);
    const weeks = await store.listWindow("2026-11-20", "2026-11-28");
    expect(
      weeks
        .filter((a) => a.article.body.includes("ferry runs again"))
        .map((a) => [a.article.id, a.article.publishedAt])
        .sort(),
    ).toEqual([
      ["harbour.txt", "2026-11-20"],
      ["undated/ferry.txt", "2026-11-21"],
    ]);
  });

  it("finds an article stored under its former id (the key's base name) again instead of storing it twice", async () => {
    // Prepare: the file as the earlier version stored it, under its base name only.
    const bytes = article("Outlet C", "Tolls end in May");
    deployment.standIns.objects.set(`${INGEST_BUCKET}/outlet-c/2026-11-26.json`, bytes);
    const former = parseArticle({ name: "2026-11-26.json", bytes });
    await store.put({ article: former, statements: extractStatements(former) });
    // Act
    const result = await ingest(["outlet-c/2026-11-26.json"]);
    // Assess
    expect(result.ingested.map((a) => a.result)).toEqual(["unchanged"]);
    const day = await store.listWindow("2026-11-25", "2026-11-25");
    expect(day.filter((a) => a.article.outlet === "Outlet C").map((a) => a.article.id)).toEqual([
      "2026-11-26.json",
    ]);
  });
});
