/**
 * A web app for request-level tests, wired to real local emulators (dynalite, aws-ses-v2-local)
 * through the real adapters. Only the clock and the client IP are the test's to set.
 */
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { SESv2Client } from "@aws-sdk/client-sesv2";
import type { Hono } from "hono";
import { DynamoIssueArchive } from "../../lambdas/adapters/dynamo-issue-archive.ts";
import { DynamoIssueStore } from "../../lambdas/adapters/dynamo-issue-store.ts";
import { DynamoRateLimiter } from "../../lambdas/adapters/dynamo-rate-limiter.ts";
import { DynamoSubscriberStore } from "../../lambdas/adapters/dynamo-subscriber-store.ts";
import { ISSUES_TABLE, RATE_LIMITS_TABLE, SUBSCRIBERS_TABLE } from "../../lambdas/adapters/dynamo-tables.ts";
import {
  ensureTables,
  type LocalEndpoint,
  localDynamoClient,
  localSesClient,
  startDynalite,
  startSesEmulator,
} from "../../lambdas/adapters/local-emulators.ts";
import { LocalSendQueue } from "../../lambdas/adapters/local-send-queue.ts";
import { renderConfirmationTemplate } from "../../lambdas/adapters/mjml-confirmation.ts";
import { FixedSecret, HashKeyRing } from "../../lambdas/adapters/secret-sources.ts";
import { SesMessageSender } from "../../lambdas/adapters/ses-message-sender.ts";
import { type ConfirmationCaps, type SignupOutcome, SignupWorker } from "../../lambdas/app/signup-worker.ts";
import { Subscriptions } from "../../lambdas/app/subscriptions.ts";
import type { ConfirmationTemplate } from "../../lambdas/core/render/confirmation-email.ts";
import type { RateLimitPolicy } from "../../lambdas/core/subscribers/rate-limit.ts";
import type { SignupJob } from "../../lambdas/ports.ts";
import { createWebApp } from "../../lambdas/web/app.ts";
import { viewerIp } from "../../lambdas/web/edge-origin.ts";
import { nodeModulesAssetPath, SignupChallenge } from "../../lambdas/web/signup-challenge.ts";
import type { StoredEmail } from "../support/local-aws.ts";

export const SECRET = "request-tests-secret-0123456789abcdef";
/** The keys that hash the addresses of people who left: a current one and one from before a rotation. */
export const HASH_KEYS = "request-tests-hash-key-2-0123456789\nrequest-tests-hash-key-1-0123456789";
export const PUBLIC_URL = "https://onrecord.test";
export const SENDER = "digest@onrecord.test";

export type { StoredEmail };

export interface Emulators {
  dynamo: LocalEndpoint;
  ses: LocalEndpoint;
  dynamoClient: DynamoDBClient;
  sesClient: SESv2Client;
  store: DynamoSubscriberStore;
  issues: DynamoIssueStore;
  close: () => Promise<void>;
}

export async function startEmulators(): Promise<Emulators> {
  const dynamo = await startDynalite();
  const ses = await startSesEmulator();
  const dynamoClient = localDynamoClient(dynamo.url);
  await ensureTables(dynamoClient, [SUBSCRIBERS_TABLE, RATE_LIMITS_TABLE, ISSUES_TABLE]);
  return {
    dynamo,
    ses,
    dynamoClient,
    sesClient: localSesClient(ses.url),
    store: new DynamoSubscriberStore(
      SUBSCRIBERS_TABLE.localName,
      dynamoClient,
      undefined,
      new HashKeyRing(new FixedSecret(HASH_KEYS)),
    ),
    issues: new DynamoIssueStore(ISSUES_TABLE.localName, dynamoClient),
    close: async () => {
      dynamoClient.destroy();
      await Promise.all([dynamo.close(), ses.close()]);
    },
  };
}

export interface TestApp {
  /**
   * The app's `request`, answering once the sign-ups it queued have been dealt with (as a reader
   * waits for the email); `app.raw` answers as soon as the app does.
   */
  app: { request: Hono["request"]; raw: Hono };
  /** Moves the app's clock. */
  setNow: (now: Date) => void;
  /** What the confirmation worker made of each sign-up, in order. */
  outcomes: SignupOutcome[];
  drain: () => Promise<void>;
}

let template: Promise<ConfirmationTemplate> | undefined;

/** Caps so high that only a test that sets one meets it: tests share the emulators' counters. */
const OPEN_CAPS: ConfirmationCaps = {
  mailboxShort: { name: "test-mailbox-10m", limit: 1, windowSeconds: 600, bucketSeconds: 60 },
  mailboxDay: { name: "test-mailbox-day", limit: 3, windowSeconds: 86_400, bucketSeconds: 3600 },
  domain: { name: "test-domain", limit: 100_000, windowSeconds: 3600 },
  global: { name: "test-global", limit: 100_000, windowSeconds: 3600 },
};

export function buildApp(
  emulators: Emulators,
  options: {
    now?: Date;
    limits?: { perIp?: RateLimitPolicy };
    caps?: Partial<ConfirmationCaps>;
    publicUrl?: string;
    onBudgetExhausted?: () => void;
    /** Served through CloudFront: requests must carry this secret, the viewer's IP is its header's. */
    edgeSecret?: string;
    /** The proof-of-work check on the sign-up form, at this cost. */
    challengeCost?: number;
  } = {},
): TestApp {
  template ??= renderConfirmationTemplate();
  let now = options.now ?? new Date();
  const publicUrl = options.publicUrl ?? PUBLIC_URL;
  const limiter = new DynamoRateLimiter(RATE_LIMITS_TABLE.localName, emulators.dynamoClient);
  const secret = new FixedSecret(SECRET);
  // Each app gets its own names for the caps' counters, so tests do not share allowances.
  const run = `${process.pid}-${++apps}`;
  const caps = Object.fromEntries(
    Object.entries({ ...OPEN_CAPS, ...options.caps }).map(([k, p]) => [
      k,
      { ...p, name: `${p.name}-${run}` },
    ]),
  ) as unknown as ConfirmationCaps;
  const worker = new SignupWorker({
    store: emulators.store,
    limiter,
    sender: new SesMessageSender({ sender: SENDER, client: emulators.sesClient }),
    secret,
    confirmationTemplate: () => template as Promise<ConfirmationTemplate>,
    publicUrl,
    caps,
    ...(options.onBudgetExhausted && { onBudgetExhausted: options.onBudgetExhausted }),
    now: () => now,
  });
  const outcomes: SignupOutcome[] = [];
  const queue = new LocalSendQueue<SignupJob>(
    async (job) => {
      outcomes.push(await worker.handle(job));
    },
    { redeliveryDelayMs: 10 },
  );
  const subscriptions = new Subscriptions({
    store: emulators.store,
    limiter,
    queue,
    secret,
    limits: options.limits ?? { perIp: { name: `ip-${run}`, limit: 1000, windowSeconds: 600 } },
    now: () => now,
  });
  const hono = createWebApp({
    subscriptions,
    archive: new DynamoIssueArchive(ISSUES_TABLE.localName, emulators.dynamoClient),
    publicUrl,
    clientIp: options.edgeSecret ? viewerIp : (c) => c.req.header("x-test-client-ip") ?? "192.0.2.1",
    ...(options.edgeSecret && { edgeSecret: new FixedSecret(options.edgeSecret) }),
    ...(options.challengeCost && {
      challenge: new SignupChallenge({
        cost: options.challengeCost,
        secret,
        limiter,
        assetPath: nodeModulesAssetPath,
        now: () => now,
      }),
    }),
    logError: () => {},
  });
  const request: Hono["request"] = async (...args) => {
    const response = await hono.request(...args);
    await queue.drain();
    return response;
  };
  return {
    app: { request, raw: hono },
    setNow: (next) => (now = next),
    outcomes,
    drain: () => queue.drain(),
  };
}

let apps = 0;

/** Every message the SES emulator holds for an address, oldest first. */
export async function emailsTo(ses: LocalEndpoint, address: string): Promise<StoredEmail[]> {
  const response = await fetch(`${ses.url}/store`);
  const { emails } = (await response.json()) as { emails: StoredEmail[] };
  return emails.filter((e) =>
    e.destination.to.some((to) => to.toLowerCase().includes(address.toLowerCase())),
  );
}

/** The confirmation link in a confirmation email's text part. */
export function confirmLinkIn(email: StoredEmail): string {
  const match = /https?:\/\/\S+\/confirm\?token=\S+/.exec(email.body.text ?? "");
  if (!match) throw new Error(`no confirmation link in "${email.subject}"`);
  return match[0];
}

/** The path and query of a link, for `app.request`. */
export function pathOf(link: string): string {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

export function form(fields: Record<string, string>, ip?: string): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(ip && { "x-test-client-ip": ip }) },
    body: new URLSearchParams(fields).toString(),
  };
}

let counter = 0;
/** A fresh address per test, so tests sharing the emulators do not see each other's mail. */
export function uniqueAddress(label = "reader"): string {
  counter++;
  return `${label}-${process.pid}-${counter}-${Date.now()}@example.org`;
}
