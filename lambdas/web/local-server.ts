import type { AddressInfo } from "node:net";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { SESv2Client } from "@aws-sdk/client-sesv2";
import { serve } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { DynamoIssueArchive } from "../adapters/dynamo-issue-archive.ts";
import { DynamoRateLimiter } from "../adapters/dynamo-rate-limiter.ts";
import { DynamoSubscriberStore } from "../adapters/dynamo-subscriber-store.ts";
import { ISSUES_TABLE, RATE_LIMITS_TABLE, SUBSCRIBERS_TABLE } from "../adapters/dynamo-tables.ts";
import { LocalSendQueue } from "../adapters/local-send-queue.ts";
import { renderConfirmationTemplate } from "../adapters/mjml-confirmation.ts";
import { SesMessageSender } from "../adapters/ses-message-sender.ts";
import { type ConfirmationCaps, SignupWorker } from "../app/signup-worker.ts";
import { Subscriptions } from "../app/subscriptions.ts";
import type { RateLimitPolicy } from "../core/subscribers/rate-limit.ts";
import type { HashKeySource, SecretSource, SignupJob } from "../ports.ts";
import { createWebApp } from "./app.ts";
import { nodeModulesAssetPath, SignupChallenge } from "./signup-challenge.ts";

/** How long without requests before the local confirmation worker takes its next sign-up. */
const IDLE_MS = 100;

export interface LocalWebOptions {
  dynamo: DynamoDBClient;
  ses: SESv2Client;
  secret: SecretSource;
  /** The keys that hash the addresses of people who left. */
  hashKeys: HashKeySource;
  sender: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** The URL links point at; defaults to `http://localhost:<port>`. */
  publicUrl?: string;
  limits?: { perIp?: RateLimitPolicy | null };
  caps?: Partial<ConfirmationCaps>;
  /** The proof-of-work check on the sign-up form, at this cost (off when absent). */
  challengeCost?: number;
  tables?: { subscribers?: string; rateLimits?: string; issues?: string };
}

export interface LocalWebServer {
  /** Where the app is reached and what its links say: `http://localhost:<port>` unless configured. */
  url: string;
  /** Resolves when every accepted sign-up has been dealt with (its confirmation sent or not). */
  drain: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * The web app on a local port, wired to the local emulators (dynalite, aws-ses-v2-local) through
 * the same adapters the Lambda uses. The confirmation email is rendered from MJML at start-up;
 * sign-ups wait in an in-process queue for the confirmation worker, as they wait in SQS on AWS.
 */
export async function startWebServer(options: LocalWebOptions): Promise<LocalWebServer> {
  const template = renderConfirmationTemplate();
  // A start-up failure (a broken template) should stop the start, not the first sign-up.
  await template;
  const host = options.host ?? "127.0.0.1";
  const tables = options.tables ?? {};
  let publicUrl = options.publicUrl ?? "";
  const store = new DynamoSubscriberStore(
    tables.subscribers ?? SUBSCRIBERS_TABLE.localName,
    options.dynamo,
    undefined,
    options.hashKeys,
  );
  const limiter = new DynamoRateLimiter(tables.rateLimits ?? RATE_LIMITS_TABLE.localName, options.dynamo);
  const worker = new SignupWorker({
    store,
    limiter,
    sender: new SesMessageSender({ sender: options.sender, client: options.ses }),
    secret: options.secret,
    confirmationTemplate: () => template,
    get publicUrl() {
      return publicUrl;
    },
    ...(options.caps && { caps: options.caps }),
  });
  // On AWS the worker is another function; here it shares the process (and dynalite) with the
  // requests, so it works only once no request has come for a moment: a sign-up flood never
  // waits behind it, and a person's email is a tenth of a second later at most.
  let answering = 0;
  let lastRequestAt = 0;
  const idle = async () => {
    while (answering > 0 || performance.now() - lastRequestAt < IDLE_MS)
      await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
  };
  const queue = new LocalSendQueue<SignupJob>((job) => worker.handle(job).then(() => {}), {
    concurrency: 2,
    beforeEach: idle,
  });
  const subscriptions = new Subscriptions({
    store,
    limiter,
    queue,
    secret: options.secret,
    ...(options.limits && { limits: options.limits }),
  });
  const app = createWebApp({
    subscriptions,
    archive: new DynamoIssueArchive(tables.issues ?? ISSUES_TABLE.localName, options.dynamo),
    get publicUrl() {
      return publicUrl;
    },
    clientIp: (c) => getConnInfo(c).remote.address ?? "unknown",
    ...(options.challengeCost && {
      challenge: new SignupChallenge({
        cost: options.challengeCost,
        secret: options.secret,
        limiter,
        assetPath: nodeModulesAssetPath,
      }),
    }),
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const fetch = async (request: Request, env: unknown) => {
      answering++;
      lastRequestAt = performance.now();
      try {
        return await app.fetch(request, env);
      } finally {
        answering--;
      }
    };
    const s = serve({ fetch, port: options.port, hostname: host }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  publicUrl ||= `http://localhost:${port}`;
  return {
    url: publicUrl,
    drain: () => queue.drain(),
    close: () =>
      new Promise((resolve, reject) => {
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
