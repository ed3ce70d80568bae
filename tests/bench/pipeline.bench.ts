/**
 * The send path and the deployed bundles: SES calls per 1,000 recipients and recipients per second
 * under a 100/s limit (the worker beside the same send unpaced, through a proxy that throttles
 * as SES does); DynamoDB reads to compose a week of 5,000 articles (Query on the day index beside
 * a Scan); each Lambda bundle's size and import time (beside importing an empty module).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, paginateScan } from "@aws-sdk/lib-dynamodb";
import { build } from "esbuild";
import { DynamoArticleStore } from "../../lambdas/adapters/dynamo-article-store.ts";
import { DynamoDeliveryStore } from "../../lambdas/adapters/dynamo-delivery-store.ts";
import { ARTICLES_TABLE, DELIVERIES_TABLE, SUBSCRIBERS_TABLE } from "../../lambdas/adapters/dynamo-tables.ts";
import { localBulkSesClient, localDynamoClient } from "../../lambdas/adapters/local-emulators.ts";
import { LocalSendQueue } from "../../lambdas/adapters/local-send-queue.ts";
import { SesBulkMailer } from "../../lambdas/adapters/ses-bulk-mailer.ts";
import { templateNameFor } from "../../lambdas/app/compose-issue.ts";
import { subscriberIdFor } from "../../lambdas/core/subscribers/tokens.ts";
import type { StoredArticle } from "../../lambdas/core/types.ts";
import { sendWorkerDeps } from "../../lambdas/deps/send-worker.ts";
import { MAX_BATCH_RECIPIENTS, type SendBatch } from "../../lambdas/ports.ts";
import { TEST_CONTEXT } from "../infra/app.ts";
import { deployedFunctions, synthesizeOnce } from "../support/deployed-app.ts";
import { startFaultProxy } from "../support/fault-proxy.ts";
import { type LocalAws, startLocalAws } from "../support/local-aws.ts";
import { seedSubscribers } from "../support/subscribers.ts";
import { mark, median, printTable } from "./measure.ts";

const RATE = 100;
const RECIPIENTS = 1000;
const WINDOW_ARTICLES = 5000;

export async function run(): Promise<void> {
  await sendPath();
  await composeReads();
  await bundles();
}

/** A proxy that counts SendBulkEmail calls and refuses, as SES does, a call over `RATE` a second. */
async function throttlingSes(target: string) {
  const stats = { calls: 0, throttled: 0, recipients: 0 };
  const sent: { at: number; n: number }[] = [];
  const proxy = await startFaultProxy(target, (request) => {
    if (request.path !== "/v2/email/outbound-bulk-emails") return undefined;
    stats.calls++;
    const n = JSON.parse(request.body).BulkEmailEntries.length as number;
    const now = performance.now();
    const inLastSecond = sent.filter((s) => s.at > now - 1000).reduce((sum, s) => sum + s.n, 0);
    if (inLastSecond + n > RATE) {
      stats.throttled++;
      return {
        status: 429,
        errorType: "TooManyRequestsException",
        message: "Maximum sending rate exceeded.",
      };
    }
    sent.push({ at: now, n });
    stats.recipients += n;
    return undefined;
  });
  return { proxy, stats };
}

const BENCH_SECRET = "bench-signing-key-0123456789";

/**
 * The outbox as compose leaves it for `issueId`: a `queued` row per subscriber and batches of ≤ 50
 * ids. The subscribers are confirmed once, for both runs.
 */
async function queuedIssue(aws: LocalAws, issueId: string, emails: readonly string[]): Promise<SendBatch[]> {
  const recipients = emails.map((email) => ({ id: subscriberIdFor(BENCH_SECRET, email), address: email }));
  const created = await new DynamoDeliveryStore(DELIVERIES_TABLE.localName, aws.dynamo).createQueued(
    issueId,
    recipients,
  );
  if (created.won.length !== recipients.length) throw new Error("could not write the bench's outbox");
  return Array.from({ length: Math.ceil(recipients.length / MAX_BATCH_RECIPIENTS) }, (_, b) => ({
    issueId,
    recipients: recipients
      .slice(b * MAX_BATCH_RECIPIENTS, (b + 1) * MAX_BATCH_RECIPIENTS)
      .map(({ id }) => ({ id })),
  }));
}

async function sendPath(): Promise<void> {
  const aws = await startLocalAws({ maxSendRate: RATE });
  const rows = [
    [
      "send path, 1,000 recipients",
      "SES calls",
      "per 1,000",
      "throttled (429)",
      "recipients/s",
      "vs limit",
      "target",
    ],
  ];
  try {
    const emails = Array.from({ length: RECIPIENTS }, (_, i) => `r${i}@example.org`);
    await seedSubscribers(
      aws.dynamo,
      BENCH_SECRET,
      emails.map((e) => [e, "confirmed"] as const),
    );
    for (const paced of [true, false]) {
      const { proxy, stats } = await throttlingSes(aws.sesUrl);
      const issueId = paced ? "bench-paced" : "bench-unpaced";
      await new SesBulkMailer({ sender: "digest@example.org", client: aws.ses }).putTemplate(
        templateNameFor(issueId),
        {
          subject: "Bench issue",
          html: '<a href="{{unsubscribeUrl}}">Unsubscribe</a>',
          text: "Unsubscribe: {{unsubscribeUrl}}",
        },
      );
      const env = {
        ONRECORD_DELIVERIES_TABLE: DELIVERIES_TABLE.localName,
        ONRECORD_SUBSCRIBERS_TABLE: SUBSCRIBERS_TABLE.localName,
        ONRECORD_SENDER: "digest@example.org",
        ONRECORD_PUBLIC_URL: "https://onrecord.example.org",
        ONRECORD_UNSUBSCRIBE_SECRET: BENCH_SECRET,
        // Unpaced: a limiter so generous it never waits, i.e. no pacing.
        ONRECORD_SEND_RATE: String(paced ? RATE : 1e9),
      };
      // The client the Lambda has: SendBulkEmail retried on throttling only.
      const worker = sendWorkerDeps(env, {
        dynamo: localDynamoClient(aws.dynamoUrl),
        ses: localBulkSesClient(proxy.url),
      });
      const queue = new LocalSendQueue((batch) => worker.deliver(batch).then(() => {}), {
        redeliveryDelayMs: 200,
      });
      const batches = await queuedIssue(aws, issueId, emails);
      const started = performance.now();
      await queue.enqueue(batches);
      await queue.drain();
      const seconds = (performance.now() - started) / 1000;
      const perSecond = stats.recipients / seconds;
      const sent = (await new DynamoDeliveryStore(DELIVERIES_TABLE.localName, aws.dynamo).count(issueId))
        .sent;
      const ok =
        paced &&
        sent === RECIPIENTS &&
        stats.calls === RECIPIENTS / 50 &&
        stats.throttled === 0 &&
        perSecond >= RATE * 0.95;
      rows.push([
        paced ? "worker, paced to the limit" : "baseline: same worker, unpaced",
        String(stats.calls),
        ((stats.calls - stats.throttled) / (RECIPIENTS / 1000)).toFixed(0),
        String(stats.throttled),
        perSecond.toFixed(1),
        `${((perSecond / RATE) * 100).toFixed(1)}%`,
        paced ? `${mark(ok)} 20 calls, 0 throttled, ≥ 95/s, ${sent} sent` : `${sent} sent`,
      ]);
      await proxy.close();
    }
  } finally {
    await aws.close();
  }
  console.log(
    `\nSend path against aws-ses-v2-local behind a proxy that throttles above ${RATE} recipients/s:`,
  );
  printTable(rows);
}

function syntheticArticle(i: number, day: string): StoredArticle {
  return {
    article: {
      id: `bench-${i}.json`,
      title: `Article ${i}`,
      url: null,
      outlet: "Bench Daily",
      publishedAt: day,
      body: `Minister ${i} said "we act".`,
    },
    statements: [
      {
        start: 0,
        end: 10,
        parts: [[0, 10]],
        text: "we act",
        kind: "direct",
        speaker: `Minister ${i % 50}`,
        title: "Minister",
        affiliation: null,
        sourceType: "person",
        mention: null,
        cue: "said",
        confidence: 0.9,
        titles: ["Minister"],
      },
    ],
  };
}

/** Counts DynamoDB operations and the items they read, from the responses. */
function countReads(client: DynamoDBClient) {
  const counts = { Query: 0, Scan: 0, itemsRead: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const name = context.commandName?.replace(/Command$/, "") ?? "";
      if (name === "Query" || name === "Scan") {
        counts[name]++;
        counts.itemsRead += (result.output as { ScannedCount?: number }).ScannedCount ?? 0;
      }
      return result;
    },
    { step: "initialize", name: "countReads" },
  );
  return counts;
}

async function composeReads(): Promise<void> {
  const aws = await startLocalAws();
  try {
    const store = new DynamoArticleStore(ARTICLES_TABLE.localName, aws.dynamo);
    const days = [
      "2026-11-16",
      "2026-11-17",
      "2026-11-18",
      "2026-11-19",
      "2026-11-20",
      "2026-11-21",
      "2026-11-22",
    ];
    const outside = ["2026-11-13", "2026-11-15", "2026-11-23", "2026-11-25"];
    const articles = [
      ...Array.from({ length: WINDOW_ARTICLES }, (_, i) =>
        syntheticArticle(i, days[i % days.length] as string),
      ),
      ...Array.from({ length: 1000 }, (_, i) =>
        syntheticArticle(WINDOW_ARTICLES + i, outside[i % outside.length] as string),
      ),
    ];
    for (let i = 0; i < articles.length; i += 50)
      await Promise.all(articles.slice(i, i + 50).map((a) => store.put(a)));
    const rows = [
      ["reading a week (5,000 of 6,000 articles)", "Query", "Scan", "items read", "articles", "ms", "target"],
    ];
    for (const subject of ["query", "scan"] as const) {
      const client = localDynamoClient(aws.dynamoUrl);
      const counts = countReads(client);
      const started = performance.now();
      const found =
        subject === "query"
          ? (
              await new DynamoArticleStore(ARTICLES_TABLE.localName, client).listWindow(
                days[0] as string,
                days[6] as string,
              )
            ).length
          : await scanWindow(client, days[0] as string, days[6] as string);
      const ms = performance.now() - started;
      const ok = counts.Scan === 0 && counts.itemsRead === WINDOW_ARTICLES && found === WINDOW_ARTICLES;
      rows.push([
        subject === "query" ? "DynamoArticleStore.listWindow (byDay index)" : "baseline: Scan with a filter",
        String(counts.Query),
        String(counts.Scan),
        String(counts.itemsRead),
        String(found),
        ms.toFixed(0),
        subject === "query" ? `${mark(ok)} Query only, items read = ${WINDOW_ARTICLES}` : "",
      ]);
    }
    console.log("\nDynamoDB reads to compose a week (dynalite):");
    printTable(rows);
  } finally {
    await aws.close();
  }
}

async function scanWindow(client: DynamoDBClient, from: string, to: string): Promise<number> {
  let n = 0;
  const doc = DynamoDBDocumentClient.from(client);
  const pages = paginateScan(
    { client: doc },
    {
      TableName: ARTICLES_TABLE.localName,
      FilterExpression: "#day BETWEEN :from AND :to",
      ExpressionAttributeNames: { "#day": "day" },
      ExpressionAttributeValues: { ":from": from, ":to": to },
    },
  );
  for await (const page of pages) n += page.Items?.length ?? 0;
  return n;
}

const IMPORT_ROUNDS = 7;

/** Median time, in a fresh Node process each round, to import a module. */
function importMs(file: string | null): number {
  const target = file ? pathToFileURL(file).href : "data:text/javascript,export const handler = () => {}";
  const script = `const t = performance.now(); await import(${JSON.stringify(target)}); console.log(performance.now() - t);`;
  const samples = Array.from({ length: IMPORT_ROUNDS }, () =>
    Number(
      execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }).trim(),
    ),
  );
  return median(samples.sort((a, b) => a - b));
}

/** The floor any bundle with the SDK pays: an SESv2 client and nothing else, bundled alike. */
async function sdkFloorBundle(): Promise<string> {
  const dir = join("test-output", "bench-floor");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "entry.ts"),
    'import { SESv2Client } from "@aws-sdk/client-sesv2";\nexport const handler = () => new SESv2Client({});\n',
  );
  await build({
    entryPoints: [join(dir, "entry.ts")],
    outfile: join(dir, "index.mjs"),
    bundle: true,
    minify: true,
    platform: "node",
    format: "esm",
    target: "node22",
    mainFields: ["module", "main"],
    logLevel: "error",
  });
  return join(dir, "index.mjs");
}

async function bundles(): Promise<void> {
  const functions = deployedFunctions(await synthesizeOnce(TEST_CONTEXT), (ref) => `local-${ref}`);
  const empty = importMs(null);
  const floor = await sdkFloorBundle();
  const floorMs = importMs(floor);
  const rows = [["Lambda bundle", "KB", "import ms (median of 7)", "vs empty module", "target"]];
  rows.push(["baseline: empty module", "0", empty.toFixed(1), "1.0×", ""]);
  rows.push([
    "baseline: SESv2Client alone",
    (statSync(floor).size / 1024).toFixed(0),
    floorMs.toFixed(1),
    `${(floorMs / empty).toFixed(1)}×`,
    "",
  ]);
  for (const fn of functions) {
    const kb = statSync(fn.handlerFile).size / 1024;
    const ms = importMs(fn.handlerFile);
    const name = fn.logicalId.replace(/[0-9A-F]{8}$/, "");
    // The send worker carries Powertools' Logger, Metrics and batch processor: 550 KB (issue #10).
    const smallKb = /SendingWorker/.test(name) ? 550 : /Worker|Web/.test(name) ? 500 : null;
    const ok = smallKb ? kb < smallKb && ms < 150 : /Composer/.test(name) ? kb < 5 * 1024 : true;
    const target = smallKb ? `< ${smallKb} KB, < 150 ms` : /Composer/.test(name) ? "< 5 MB" : "";
    rows.push([
      name,
      kb.toFixed(0),
      ms.toFixed(1),
      `${(ms / empty).toFixed(1)}×`,
      target ? `${mark(ok)} ${target}` : "",
    ]);
  }
  console.log("\nBundles as `cdk synth` builds them (esbuild, minified, source maps):");
  printTable(rows);
}
