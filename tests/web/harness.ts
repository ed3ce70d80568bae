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
import { renderConfirmationTemplate } from "../../lambdas/adapters/mjml-confirmation.ts";
import { FixedSecret } from "../../lambdas/adapters/secret-sources.ts";
import { SesMessageSender } from "../../lambdas/adapters/ses-message-sender.ts";
import { Subscriptions } from "../../lambdas/app/subscriptions.ts";
import type { ConfirmationTemplate } from "../../lambdas/core/render/confirmation-email.ts";
import type { RateLimitPolicy } from "../../lambdas/core/subscribers/rate-limit.ts";
import { createWebApp } from "../../lambdas/web/app.ts";
import type { StoredEmail } from "../support/local-aws.ts";

export const SECRET = "request-tests-secret-0123456789abcdef";
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
    store: new DynamoSubscriberStore(SUBSCRIBERS_TABLE.localName, dynamoClient),
    issues: new DynamoIssueStore(ISSUES_TABLE.localName, dynamoClient),
    close: async () => {
      dynamoClient.destroy();
      await Promise.all([dynamo.close(), ses.close()]);
    },
  };
}

export interface TestApp {
  app: Hono;
  /** Moves the app's clock. */
  setNow: (now: Date) => void;
}

let template: Promise<ConfirmationTemplate> | undefined;

export function buildApp(
  emulators: Emulators,
  options: { now?: Date; limits?: { perIp?: RateLimitPolicy } } = {},
): TestApp {
  template ??= renderConfirmationTemplate();
  let now = options.now ?? new Date();
  const subscriptions = new Subscriptions({
    store: emulators.store,
    limiter: new DynamoRateLimiter(RATE_LIMITS_TABLE.localName, emulators.dynamoClient),
    sender: new SesMessageSender({ sender: SENDER, client: emulators.sesClient }),
    secret: new FixedSecret(SECRET),
    confirmationTemplate: () => template as Promise<ConfirmationTemplate>,
    publicUrl: PUBLIC_URL,
    limits: options.limits ?? { perIp: { name: "ip", limit: 1000, windowSeconds: 600 } },
    now: () => now,
  });
  const app = createWebApp({
    subscriptions,
    archive: new DynamoIssueArchive(ISSUES_TABLE.localName, emulators.dynamoClient),
    publicUrl: PUBLIC_URL,
    clientIp: (c) => c.req.header("x-test-client-ip") ?? "192.0.2.1",
    logError: () => {},
  });
  return { app, setNow: (next) => (now = next) };
}

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
