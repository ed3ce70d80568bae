/**
 * onrecord as `npm start` runs it, in a temporary data folder: the local stack (dynalite,
 * aws-ses-v2-local), the examples ingested, and the web app on a free port. For tests that walk
 * the whole path a subscriber takes, with the real compose and send steps.
 */
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoArticleStore } from "../../lambdas/adapters/dynamo-article-store.ts";
import { DynamoSubscriberStore } from "../../lambdas/adapters/dynamo-subscriber-store.ts";
import { ARTICLES_TABLE, SUBSCRIBERS_TABLE } from "../../lambdas/adapters/dynamo-tables.ts";
import { HASH_KEYS_FILE, type LocalStack, openLocalStack } from "../../lambdas/adapters/local-stack.ts";
import { HashKeyRing, LocalSecretFile } from "../../lambdas/adapters/secret-sources.ts";
import { weekOf } from "../../lambdas/app/iso-week.ts";
import { composeAndSendLocally } from "../../lambdas/cli/pipeline-target.ts";
import { ingestFiles } from "../../lambdas/cli/run-ingest.ts";
import { type LocalWebServer, startWebServer } from "../../lambdas/web/local-server.ts";
import type { StoredEmail } from "./local-aws.ts";

export interface LocalRun {
  stack: LocalStack;
  web: LocalWebServer;
  secret: string;
  store: DynamoSubscriberStore;
  /** The ISO week of the newest example article. */
  exampleWeek: string;
  /** Composes a week's issue and sends it to every confirmed subscriber, as `onrecord send` does. */
  send: (
    week: string,
    options?: { minStatements?: number },
  ) => Promise<Awaited<ReturnType<typeof composeAndSendLocally>>>;
  emailsTo: (address: string) => Promise<StoredEmail[]>;
  /** Stores one more article, written by the test, as `onrecord ingest` does. */
  ingest: (name: string, text: string) => Promise<void>;
  close: () => Promise<void>;
}

const EXAMPLES = join(process.cwd(), "examples");
const silent = { write: () => true } as unknown as typeof process.stdout;

export async function startLocalRun(): Promise<LocalRun> {
  const dataDir = await mkdtemp(join(tmpdir(), "onrecord-run-"));
  const stack = await openLocalStack({ dataDir, sendRate: 100 });
  const secretSource = new LocalSecretFile(join(dataDir, "signing-key"));
  const hashKeys = new HashKeyRing(new LocalSecretFile(join(dataDir, HASH_KEYS_FILE)));
  const files = (await readdir(EXAMPLES))
    .filter((f) => /\.(txt|json)$/.test(f))
    .map((f) => join(EXAMPLES, f));
  const articles = new DynamoArticleStore(ARTICLES_TABLE.localName, stack.dynamo);
  const { ingested } = await ingestFiles(files, articles, silent);
  const newest =
    ingested
      .map((r) => r.publishedAt ?? "")
      .sort()
      .at(-1) ?? "";
  const web = await startWebServer({
    dynamo: stack.dynamo,
    ses: stack.ses,
    secret: secretSource,
    hashKeys,
    sender: stack.env.ONRECORD_SENDER ?? "digest@onrecord.localhost",
    port: 0,
  });
  stack.env.ONRECORD_PUBLIC_URL = web.url;
  return {
    stack,
    web,
    secret: await secretSource.get(),
    store: new DynamoSubscriberStore(SUBSCRIBERS_TABLE.localName, stack.dynamo, undefined, hashKeys),
    exampleWeek: weekOf(newest),
    send: (week, options) => composeAndSendLocally(stack, week, options),
    emailsTo: async (address) => {
      // Sign-ups are mailed from the web server's queue: let it finish first.
      await web.drain();
      const { emails } = (await (await fetch(`${stack.sesUrl}/store`)).json()) as { emails: StoredEmail[] };
      return emails.filter((e) =>
        e.destination.to.some((to) => to.toLowerCase().includes(address.toLowerCase())),
      );
    },
    ingest: async (name, text) => {
      const file = join(dataDir, name);
      await writeFile(file, text);
      await ingestFiles([file], articles, silent);
    },
    close: async () => {
      await web.close();
      await stack.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The first link in a message's text or HTML whose path is `path` (`/confirm`, `/unsubscribe`). */
export function linkIn(email: StoredEmail, path: string): string {
  const body = `${email.body.text ?? ""}\n${email.body.html ?? ""}`;
  const match = new RegExp(`https?://[^\\s"'<>]+${path}\\?token=[A-Za-z0-9._-]+`).exec(body);
  if (!match) throw new Error(`no ${path} link in "${email.subject}"`);
  return match[0];
}
