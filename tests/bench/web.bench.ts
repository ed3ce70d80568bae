/**
 * The web app under load and the web Lambda's cold start.
 *
 * Load: autocannon against the local app (a separate process, as `npm start` runs it) on
 * loopback, 50 connections for 20 s each: `POST /subscribe` with a new address per request, the
 * same with 100 addresses signed up again and again, and `GET /unsubscribe` with real tokens,
 * beside `GET /assets/site.css` (no storage, no crypto: the server's own ceiling). Afterwards every
 * accepted sign-up is checked in the store and the SES emulator: stored exactly once, mailed once.
 *
 * Cold start: the web Lambda's bundle from `cdk synth`, imported by a fresh `node` (median of
 * interleaved runs; with and without source maps, which the deployed function enables) beside a
 * fresh `node` importing an empty module.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { DynamoDBClient, paginateScan } from "@aws-sdk/client-dynamodb";
import autocannon from "autocannon";
import { DynamoIssueStore } from "../../lambdas/adapters/dynamo-issue-store.ts";
import { ISSUES_TABLE, SUBSCRIBERS_TABLE } from "../../lambdas/adapters/dynamo-tables.ts";
import { LOCAL_AWS } from "../../lambdas/adapters/local-emulators.ts";
import { createUnsubscribeToken } from "../../lambdas/core/subscribers/tokens.ts";
import type { StoredIssue } from "../../lambdas/ports.ts";
import { TEST_CONTEXT } from "../infra/app.ts";
import { deployedFunctions, synthesizeOnce } from "../support/deployed-app.ts";
import { seedSubscribers } from "../support/subscribers.ts";
import { mark, median, printTable } from "./measure.ts";

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_WEB_SECONDS ?? 20);
const OUT = join(process.cwd(), "test-output", "bench-web");

interface Server {
  url: string;
  sesUrl: string;
  dynamoUrl: string;
  secret: string;
  drain: () => Promise<void>;
  stop: () => Promise<void>;
}

export async function run(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  // BENCH_WEB_PARTS=cold (or load) runs one half.
  const parts = (process.env.BENCH_WEB_PARTS ?? "load,cold").split(",");
  if (parts.includes("load")) await loadTest();
  if (parts.includes("cold")) await coldStart();
}

async function loadTest(): Promise<void> {
  // Every request here comes from 127.0.0.1, so the per-IP limit is off for the load (a separate
  // run below keeps it, as deployed); the per-address limit and the 10-minute rule stay on.
  const server = await startServer({ perIpLimit: false });
  try {
    const baseline = await cannon(server.url, "GET /assets/site.css (baseline: no I/O)", {
      path: "/assets/site.css",
    });
    let next = 0;
    const accepted: string[] = [];
    const fresh = await cannon(server.url, "POST /subscribe (new address each)", {
      method: "POST",
      path: "/subscribe",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      setupRequest: (request, context: { email?: string }) => {
        context.email = `bench-${next++}@example.org`;
        return { ...request, body: `email=${encodeURIComponent(context.email)}` };
      },
      onResponse: (status, _body, context: { email?: string }) => {
        if (status === 200 && context.email) accepted.push(context.email);
      },
    });
    await settle(server.url);
    let turn = 0;
    const repeated = await cannon(server.url, "POST /subscribe (100 addresses, again and again)", {
      method: "POST",
      path: "/subscribe",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      setupRequest: (request) => ({ ...request, body: `email=again-${turn++ % 100}%40example.org` }),
    });
    await settle(server.url);
    const tokens = accepted.slice(0, 1000).map((email) => createUnsubscribeToken(server.secret, email));
    let k = 0;
    const unsubscribePage = await cannon(server.url, "GET /unsubscribe?token=… (valid tokens)", {
      setupRequest: (request) => ({ ...request, path: `/unsubscribe?token=${tokens[k++ % tokens.length]}` }),
    });
    await seedIssues(server);
    const feedProbe = await fetch(`${server.url}/feed.xml`);
    const feedTag = feedProbe.headers.get("etag") ?? "";
    await feedProbe.text();
    const feed = await cannon(server.url, "GET /feed.xml (20 issues)", { path: "/feed.xml" });
    const feedConditional = await cannon(server.url, "GET /feed.xml, If-None-Match (304)", {
      path: "/feed.xml",
      headers: { "if-none-match": feedTag },
    });
    const results = [baseline, fresh, repeated, unsubscribePage, feed, feedConditional];
    printTable([
      ["route", "req/s", "p50 ms", "p99 ms", "2xx", "304", "429", "5xx", "errors", "req/s vs baseline"],
      ...results.map((r) => [
        r.title ?? "",
        r.requests.average.toFixed(0),
        String(r.latency.p50),
        String(r.latency.p99),
        String(r["2xx"]),
        String(r.statusCodeStats?.["304"]?.count ?? 0),
        String(r.statusCodeStats?.["429"]?.count ?? 0),
        String(r["5xx"]),
        String(r.errors + r.timeouts),
        `${(r.requests.average / baseline.requests.average).toFixed(2)}×`,
      ]),
    ]);
    const fiveXx = results.reduce((n, r) => n + r["5xx"] + r.errors + r.timeouts, 0);
    console.log(`${mark(fiveXx === 0)} ${fiveXx} 5xx, socket errors or timeouts in ${results.length} runs`);
    console.log(
      `${mark(fresh.latency.p99 < 100)} sign-up p99 ${fresh.latency.p99} ms at ${CONNECTIONS} connections (target < 100 ms: the confirmation email is sent off the request path)`,
    );
    const notModified = feedConditional.statusCodeStats?.["304"]?.count ?? 0;
    console.log(
      `${mark(notModified > 0 && notModified === feedConditional.requests.total)} GET /feed.xml with If-None-Match: ${notModified} of ${feedConditional.requests.total} answered 304, ${feedConditional.requests.average.toFixed(0)} req/s against ${feed.requests.average.toFixed(0)} req/s without`,
    );
  } finally {
    // Its backlog of sign-ups is left undrained: the checks below use a server of their own.
    await server.stop();
  }
  await storedOnce();
  await productionLimits();
}

/**
 * A shorter flood on a fresh server, drained afterwards (the local worker yields to requests, so
 * a 20-second flood leaves a backlog of minutes): every accepted sign-up stored and mailed once;
 * then the timing of sign-ups by the address's standing.
 */
async function storedOnce(): Promise<void> {
  const server = await startServer({ perIpLimit: false });
  try {
    let next = 0;
    const accepted: string[] = [];
    await cannon(
      server.url,
      "POST /subscribe (new address each), to check",
      {
        method: "POST",
        path: "/subscribe",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        setupRequest: (request, context: { email?: string }) => {
          context.email = `check-${next++}@example.org`;
          return { ...request, body: `email=${encodeURIComponent(context.email)}` };
        },
        onResponse: (status, _body, context: { email?: string }) => {
          if (status === 200 && context.email) accepted.push(context.email);
        },
      },
      2,
    );
    let turn = 0;
    await cannon(
      server.url,
      "POST /subscribe (100 addresses again and again), to check",
      {
        method: "POST",
        path: "/subscribe",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        setupRequest: (request) => ({ ...request, body: `email=again-${turn++ % 100}%40example.org` }),
      },
      2,
    );
    await checkStoredOnce(server, accepted, Math.min(100, turn));
    await signupTiming(server);
  } finally {
    await server.stop();
  }
}

/** Every accepted sign-up is one record and one confirmation email; so is each repeated address. */
async function checkStoredOnce(server: Server, accepted: string[], repeatedAddresses: number): Promise<void> {
  await mailSettled(server);
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: server.dynamoUrl });
  const records = new Map<string, number>();
  for await (const page of paginateScan({ client }, { TableName: SUBSCRIBERS_TABLE.localName })) {
    for (const item of page.Items ?? []) {
      const email = item.email?.S ?? "";
      records.set(email, (records.get(email) ?? 0) + 1);
    }
  }
  client.destroy();
  const { emails } = JSON.parse(await (await fetch(`${server.sesUrl}/store`)).text()) as {
    emails: { destination: { to: string[] } }[];
  };
  const mailed = new Map<string, number>();
  for (const e of emails) for (const to of e.destination.to) mailed.set(to, (mailed.get(to) ?? 0) + 1);
  const unstored = accepted.filter((email) => records.get(email) !== 1);
  const misMailed = accepted.filter((email) => mailed.get(email) !== 1);
  const again = [...records.keys()].filter((e) => e.startsWith("again-"));
  const againMails = again.reduce((n, e) => n + (mailed.get(e) ?? 0), 0);
  console.log(
    `${mark(unstored.length === 0 && misMailed.length === 0)} ${accepted.length} accepted new sign-ups: ${accepted.length - unstored.length} stored exactly once, ${accepted.length - misMailed.length} sent exactly one confirmation`,
  );
  console.log(
    `${mark(again.length === repeatedAddresses && againMails === again.length)} ${repeatedAddresses} addresses signed up again and again: ${again.length} records, ${againMails} confirmation emails`,
  );
}

/** A few seconds with the per-IP limit a deployment has: refusals are 429, never errors. */
async function productionLimits(): Promise<void> {
  const server = await startServer({ perIpLimit: true });
  try {
    let n = 0;
    const r = await cannon(
      server.url,
      "POST /subscribe, production per-IP limit",
      {
        method: "POST",
        path: "/subscribe",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        setupRequest: (request) => ({ ...request, body: `email=limited-${n++}%40example.org` }),
      },
      5,
    );
    const limited = r.statusCodeStats?.["429"]?.count ?? 0;
    console.log(
      `${mark(r["5xx"] === 0 && r["2xx"] === 20)} with the production limit (20 sign-ups per IP per 10 min): ${r["2xx"]} accepted, ${limited} answered 429, ${r["5xx"]} 5xx, p99 ${r.latency.p99} ms`,
    );
  } finally {
    await server.stop();
  }
}

/** Twenty composed issues in the server's store, so the feed has its full 20 entries. */
async function seedIssues(server: Server): Promise<void> {
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: server.dynamoUrl });
  const store = new DynamoIssueStore(ISSUES_TABLE.localName, client);
  for (let week = 10; week < 30; week++) {
    const text = "The minister said the talks would continue. ".repeat(40);
    await store.putIfAbsent({
      id: `2026-W${week}`,
      digest: {
        from: "2026-03-02",
        to: "2026-03-08",
        officials: [
          {
            name: `Official ${week}`,
            title: "Minister",
            affiliation: null,
            summary: "",
            statements: [{ text, kind: "direct", sources: [] }],
          },
        ],
        others: [],
      },
      rendered: { subject: `On the record, week ${week}`, html: "<p>issue</p>", text: "issue" },
      templateName: `onrecord-issue-2026-W${week}`,
      composedAt: `2026-03-${String(week - 1).padStart(2, "0")}T07:00:00.000Z`,
    } as StoredIssue);
  }
  client.destroy();
}

/**
 * Sign-ups of new, pending, confirmed and unsubscribed addresses, one at a time and interleaved
 * (300 of each), timed from the client: the medians must be within 1 ms, or the answer's timing
 * tells which addresses are known.
 */
async function signupTiming(server: Server): Promise<void> {
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: server.dynamoUrl });
  const n = 300;
  const states = ["new", "pending", "confirmed", "unsubscribed"] as const;
  const address = (state: string, i: number) => `timing-${state}-${i}@example.org`;
  const signUp = async (email: string) => {
    const started = performance.now();
    const response = await fetch(`${server.url}/subscribe`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `email=${encodeURIComponent(email)}`,
    });
    await response.text();
    if (response.status !== 200) throw new Error(`sign-up answered ${response.status}`);
    return performance.now() - started;
  };
  // Prepare: pending ones signed up through the app; the others stored as the app leaves them.
  for (let i = 0; i < n; i++) await signUp(address("pending", i));
  await seedSubscribers(client, server.secret, [
    ...Array.from({ length: n }, (_, i) => [address("confirmed", i), "confirmed"] as const),
    ...Array.from({ length: n }, (_, i) => [address("unsubscribed", i), "unsubscribed"] as const),
  ]);
  await mailSettled(server);
  const times: Record<(typeof states)[number], number[]> = {
    new: [],
    pending: [],
    confirmed: [],
    unsubscribed: [],
  };
  for (let i = 0; i < n; i++) {
    // A different order each round, so no state always follows the same one.
    for (let k = 0; k < states.length; k++) {
      const state = states[(i + k) % states.length] as (typeof states)[number];
      times[state].push(await signUp(address(state, i)));
    }
  }
  client.destroy();
  const medians = states.map((s) => median([...times[s]].sort((a, b) => a - b)));
  const p99 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.99)] ?? 0;
  console.log(`
sign-up timing by the address's standing: ${n} each, one at a time, interleaved, per-IP limit off`);
  printTable([
    ["address", "median ms", "p99 ms"],
    ...states.map((s, k) => [s, (medians[k] ?? 0).toFixed(2), p99(times[s]).toFixed(2)]),
  ]);
  const spread = Math.max(...medians) - Math.min(...medians);
  console.log(`${mark(spread < 1)} medians within ${spread.toFixed(2)} ms of each other (target < 1 ms)`);
}

/** Waits until the server's signup queue is done (every accepted sign-up dealt with). */
async function mailSettled(server: Server): Promise<void> {
  await server.drain();
}

/** Waits until requests still queued in the server (autocannon stops sending, not them) are done. */
async function settle(url: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const started = performance.now();
    await fetch(`${url}/assets/site.css`);
    if (performance.now() - started < 20) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

type CannonOptions = Partial<autocannon.Options> & Partial<autocannon.Request>;

async function cannon(url: string, title: string, options: CannonOptions, seconds = SECONDS) {
  const { setupRequest, onResponse, method, headers, path, ...rest } = options;
  return autocannon({
    url,
    title,
    connections: CONNECTIONS,
    duration: seconds,
    ...rest,
    requests: [
      {
        method: method ?? "GET",
        path: path ?? "/",
        ...(headers && { headers }),
        ...(setupRequest && { setupRequest }),
        ...(onResponse && { onResponse }),
      },
    ],
  });
}

async function startServer(options: { perIpLimit: boolean }): Promise<Server> {
  const script = join(process.cwd(), "tests", "bench", "web-server-process.ts");
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", script, ...(options.perIpLimit ? [] : ["off"])],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const [line] = (await once(lines, "line")) as [string];
  const info = JSON.parse(line) as Omit<Server, "stop" | "drain">;
  return {
    ...info,
    drain: async () => {
      const drained = once(lines, "line");
      child.kill("SIGUSR2");
      await drained;
    },
    stop: async () => {
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}

/**
 * The web Lambda's bundle exactly as `cdk deploy` builds it (esbuild through `OnRecordFunction`,
 * the source map), from the shared synthesis; and the signup worker's folder, where the rendered
 * confirmation email is.
 */
async function deployedBundle(): Promise<{ handler: string; workerDir: string }> {
  const outdir = await synthesizeOnce(TEST_CONTEXT);
  const functions = deployedFunctions(outdir, () => "unused");
  const web = functions.find((f) => f.logicalId.startsWith("WebFunction"));
  const worker = functions.find((f) => f.logicalId.startsWith("WebSignupWorker"));
  if (!web || !worker) throw new Error("the app has no web function or signup worker");
  return { handler: web.handlerFile, workerDir: worker.assetDir };
}

async function coldStart(): Promise<void> {
  const { handler, workerDir } = await deployedBundle();
  const empty = join(OUT, "empty.mjs");
  await writeFile(empty, "export const handler = async () => ({ statusCode: 200 });\n");
  const size = (await stat(handler)).size;
  const env = {
    ...process.env,
    ONRECORD_SUBSCRIBERS_TABLE: "s",
    ONRECORD_ISSUES_TABLE: "i",
    ONRECORD_RATE_LIMITS_TABLE: "r",
    ONRECORD_SENDER: "digest@example.org",
    ONRECORD_PUBLIC_URL: "https://onrecord.example.org",
    ONRECORD_UNSUBSCRIBE_SECRET: "cold-start-secret-0123456789abcdef",
    ONRECORD_ADDRESS_HASH_KEYS: "cold-start-hash-key-0123456789abcdef",
    ONRECORD_SIGNUP_QUEUE_URL: "https://sqs.eu-west-1.amazonaws.com/123456789012/signups",
    AWS_REGION: "eu-west-1",
  };
  // Import, then answer one request that needs no AWS call (the stylesheet), as the first
  // invocation of a fresh instance would.
  const probe = (file: string) =>
    `const t=performance.now();const m=await import(${JSON.stringify(pathToFileURL(resolve(file)).href)});const i=performance.now()-t;` +
    `const r=await m.handler({version:"2.0",rawPath:"/assets/site.css",rawQueryString:"",headers:{host:"x"},requestContext:{http:{method:"GET",sourceIp:"192.0.2.1"},domainName:"x"},isBase64Encoded:false},{});` +
    "console.log(JSON.stringify({importMs:i,firstMs:performance.now()-t,status:r.statusCode}))";
  const runs = 15;
  type Sample = { importMs: number; firstMs: number };
  const samples = { lambda: [] as Sample[], deployed: [] as Sample[], empty: [] as Sample[] };
  // `deployed`: as the function runs on Lambda, whose NODE_OPTIONS enables source maps.
  const subjects = [
    ["lambda", handler, []],
    ["deployed", handler, ["--enable-source-maps"]],
    ["empty", empty, []],
  ] as const;
  for (let i = 0; i < runs; i++) {
    for (const [key, file, flags] of subjects) {
      const out = execFileSync(process.execPath, [...flags, "--input-type=module", "-e", probe(file)], {
        env,
        encoding: "utf8",
      });
      samples[key].push(JSON.parse(out.trim().split("\n").at(-1) ?? "{}"));
    }
  }
  const med = (values: number[]) => median([...values].sort((a, b) => a - b));
  const lambdaImport = med(samples.lambda.map((s) => s.importMs));
  const emptyImport = med(samples.empty.map((s) => s.importMs));
  const template = (await readFile(join(workerDir, "confirmation-template.json"))).byteLength;
  console.log(`\nweb Lambda bundle: ${runs} fresh \`node\` processes each, interleaved`);
  const row = (name: string, size: string, list: Sample[]) => {
    const importMs = med(list.map((s) => s.importMs));
    const firstMs = med(list.map((s) => s.firstMs));
    return [name, size, importMs.toFixed(1), firstMs.toFixed(1), `${(importMs / emptyImport).toFixed(2)}×`];
  };
  printTable([
    ["module", "size", "import median ms", "import + first response ms", "vs empty module"],
    row("empty module (baseline)", "0.1 KB", samples.empty),
    row("web handler (index.mjs)", `${(size / 1024).toFixed(1)} KB`, samples.lambda),
    row("same, --enable-source-maps (as deployed)", `${(size / 1024).toFixed(1)} KB`, samples.deployed),
  ]);
  console.log(
    `${mark(lambdaImport < 150)} cold import median ${lambdaImport.toFixed(1)} ms (target < 150 ms)`,
  );
  console.log(
    `${mark(size < 500 * 1024)} bundle ${(size / 1024).toFixed(1)} KB = ${(size / 1000).toFixed(1)} kB (target < 500 KB); the rendered confirmation email (${(template / 1024).toFixed(1)} KB) is beside the signup worker's`,
  );
}
