import { randomUUID } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { DynamoArticleStore } from "../adapters/dynamo-article-store.ts";
import { DynamoFeedStore } from "../adapters/dynamo-feed-store.ts";
import { DynamoRefusalLog } from "../adapters/dynamo-refusal-log.ts";
import { DynamoSubscriberStore } from "../adapters/dynamo-subscriber-store.ts";
import { type LocalNewsSite, startLocalNewsSite } from "../adapters/local-news-site.ts";
import {
  advertiseLocalStack,
  HASH_KEYS_FILE,
  type LocalStack,
  openLocalStack,
} from "../adapters/local-stack.ts";
import { personaliseIssue } from "../adapters/mjml-renderer.ts";
import { HashKeyRing, LocalSecretFile } from "../adapters/secret-sources.ts";
import { fetchFeeds } from "../app/feeds/fetch-feeds.ts";
import { weekOf } from "../app/iso-week.ts";
import { planConfirm, planSubscribe } from "../core/subscribers/subscription.ts";
import { subscriberIdFor, unsubscribeUrlFor } from "../core/subscribers/tokens.ts";
import { storeSink } from "../deps/feeds.ts";
import { startWebServer } from "../web/local-server.ts";
import { composeAndSendLocally, DATA_DIR } from "./pipeline-target.ts";
import { politeHttp } from "./run-fetch.ts";
import type { StartOptions } from "./start.ts";
import { clearDataDir, portProblem, takeStartLock } from "./start-lock.ts";

/** The subscriber `npm start` confirms, so the local run has somebody to send to. */
export const LOCAL_READER = "reader@onrecord.localhost";
const EXAMPLES_DIR = join(process.cwd(), "examples");
/**
 * The local news site's port. Fixed, because an article's id is its URL: on another port the same
 * example would be another article. Another one is taken only when it is busy.
 */
const NEWS_SITE_PORT = 3100;

/** Runs the local pipeline, then waits for Ctrl-C and stops everything it started. */
export async function runStart(options: StartOptions): Promise<void> {
  const lock = await takeStartLock(DATA_DIR);
  if (!lock.held) {
    const inbox = await runningInbox();
    return refuse(
      `already running (process ${lock.pid}${inbox ? `, inbox ${inbox}` : ""}); ` +
        (options.reset
          ? "--reset would delete its data: stop it first (Ctrl-C where it runs), then start again with --reset"
          : "stop it first (Ctrl-C where it runs), or use that one"),
    );
  }
  const busy = await portProblem(options.port, WEB_HOST);
  if (busy) {
    lock.release();
    return refuse(`${busy}: stop that program, or give another port with --port N (or PORT=N)`);
  }
  if (options.reset) await clearDataDir(DATA_DIR);
  const stack = await openLocalStack({ dataDir: DATA_DIR, sendRate: 50 });
  if (!stack.owned) {
    // An instance that took no lock (an older onrecord) is running on this folder.
    await stack.close();
    lock.release();
    return refuse(`already running (inbox ${stack.sesUrl}/); stop it first`);
  }
  const stop = await runLocally(stack, options);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  process.stdout.write("\nstopping…\n");
  await stop();
}

/** Where the web app listens (the local server's default). */
const WEB_HOST = "127.0.0.1";

function refuse(reason: string): void {
  process.stderr.write(`onrecord start: ${reason}\n`);
  process.exitCode = 1;
}

/** The running instance's inbox, from the state file it advertises (if it got that far). */
async function runningInbox(): Promise<string | null> {
  try {
    const { sesUrl } = JSON.parse(await readFile(join(DATA_DIR, "local.json"), "utf8"));
    return typeof sesUrl === "string" ? `${sesUrl}/` : null;
  } catch {
    return null;
  }
}

async function runLocally(
  stack: LocalStack,
  options: { week?: string; port: number },
): Promise<() => Promise<void>> {
  const secret = new LocalSecretFile(join(DATA_DIR, "signing-key"));
  const sender = stack.env.ONRECORD_SENDER ?? "";
  const web = await startWebServer({
    dynamo: stack.dynamo,
    ses: stack.ses,
    secret,
    hashKeys: new HashKeyRing(new LocalSecretFile(join(DATA_DIR, HASH_KEYS_FILE))),
    sender,
    port: options.port,
    host: WEB_HOST,
  });
  stack.env.ONRECORD_PUBLIC_URL = web.url;
  const forget = await advertiseLocalStack(DATA_DIR, {
    dynamoUrl: stack.dynamoUrl,
    sesUrl: stack.sesUrl,
    publicUrl: web.url,
  });
  const site = await startLocalNewsSite({ dir: EXAMPLES_DIR, port: NEWS_SITE_PORT }).catch(() =>
    startLocalNewsSite({ dir: EXAMPLES_DIR, port: 0 }),
  );
  const stop = async () => {
    await forget();
    await site.close();
    await web.close();
    await stack.close();
  };
  try {
    await fetchLocalNews(stack, site);
    await confirmLocalReader(stack);
    const newest =
      site.articles
        .map((a) => a.publishedAt)
        .sort()
        .at(-1) || new Date().toISOString().slice(0, 10);
    const week = options.week ?? weekOf(newest);
    process.stdout.write(`composing and sending ${week}…\n`);
    const result = await composeAndSendLocally(stack, week);
    if (!result.issue) {
      process.stdout.write(
        `\n${result.noIssue}: nothing sent\n  web app: ${web.url}/\n\nrunning; Ctrl-C to stop\n`,
      );
      return stop;
    }
    const html = await writeLocalCopy(stack, result.issue.id, result.issue.rendered);
    const { sent, rejected, skipped, queued, claimed, sending, retry } = result.deliveries;
    const unfinished = queued + claimed + sending + retry;
    process.stdout.write(
      [
        `\n${result.issue.rendered.subject}`,
        `  ${result.officials} officials; ${result.recipients} confirmed subscriber(s); deliveries: ${sent} sent, ${rejected} rejected, ${skipped} skipped, ${unfinished} unfinished`,
        ...(result.composed
          ? []
          : ["  (this week was sent before: nothing is sent twice; `npm start -- --reset` starts over)"]),
        `\n  news site (examples/):    ${site.url} (its feed: ${site.feedUrl})`,
        `  inbox (aws-ses-v2-local): ${stack.sesUrl}/`,
        `  rendered issue:           ${relative(process.cwd(), html)}`,
        `  web app:                  ${web.url}/`,
        "\nrunning; Ctrl-C to stop\n",
      ].join("\n"),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}

/**
 * Takes the news in as the deployed poller and fetcher do: the local site's feed polled, each new
 * item's page fetched (politely: the site is on loopback, so private addresses are allowed here
 * only), its article stored with its statements. A second run finds every item dealt with.
 */
async function fetchLocalNews(stack: LocalStack, site: LocalNewsSite): Promise<void> {
  process.stdout.write(`polling the local news site's feed (${site.articles.length} examples)…\n`);
  const { env, dynamo } = stack;
  const articles = new DynamoArticleStore(env.ONRECORD_ARTICLES_TABLE ?? "", dynamo);
  const { items, polls } = await fetchFeeds([site.feedUrl], {
    http: politeHttp({ allowPrivateHosts: true, delay: 250 }),
    feeds: new DynamoFeedStore(env.ONRECORD_FEEDS_TABLE ?? "", env.ONRECORD_FEED_ITEMS_TABLE ?? "", dynamo),
    sink: storeSink(articles),
    refusals: { log: new DynamoRefusalLog(env.ONRECORD_REFUSALS_TABLE ?? "", dynamo) },
  });
  const count = (outcome: string) => items.filter((i) => i.outcome === outcome).length;
  const failed = polls.find((p) => p.status === "failed");
  if (failed?.status === "failed") throw new Error(`the local news site's feed: ${failed.error}`);
  process.stdout.write(
    `fetched ${items.length} items: ${count("stored")} stored, ${count("unchanged")} unchanged, ${count("skipped")} skipped\n`,
  );
}

/** Subscribes and confirms the local reader through the same rules the web app applies. */
async function confirmLocalReader(stack: LocalStack): Promise<void> {
  const store = new DynamoSubscriberStore(stack.env.ONRECORD_SUBSCRIBERS_TABLE ?? "", stack.dynamo);
  const now = new Date();
  const existing = await store.getRecord(LOCAL_READER);
  if (existing?.status === "confirmed") return;
  const secret = stack.env.ONRECORD_UNSUBSCRIBE_SECRET ?? "";
  const request = {
    email: LOCAL_READER,
    subscriberId: subscriberIdFor(secret, LOCAL_READER),
    ip: "127.0.0.1",
    now,
  };
  const record = planSubscribe(existing, { ...request, newConfirmationId: randomUUID() });
  if (!record || !(await store.saveRecord(record)) || !record.confirmationId)
    throw new Error("could not subscribe the local reader");
  const confirmed = planConfirm(record, record.confirmationId, { ip: "127.0.0.1", now }).record;
  if (!confirmed || !(await store.saveRecord(confirmed)))
    throw new Error("could not confirm the local reader");
  process.stdout.write(`confirmed local subscriber ${LOCAL_READER}\n`);
}

async function writeLocalCopy(
  stack: LocalStack,
  week: string,
  rendered: Parameters<typeof personaliseIssue>[0],
): Promise<string> {
  const dir = join(DATA_DIR, "issues");
  await mkdir(dir, { recursive: true });
  const unsubscribeUrl = unsubscribeUrlFor(
    stack.env.ONRECORD_PUBLIC_URL ?? "",
    LOCAL_READER,
    stack.env.ONRECORD_UNSUBSCRIBE_SECRET ?? "",
  );
  const file = join(dir, `${week}.html`);
  await writeFile(file, personaliseIssue(rendered, { email: LOCAL_READER, unsubscribeUrl }).html);
  return file;
}
