import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { SESv2Client } from "@aws-sdk/client-sesv2";
import {
  ensureTables,
  type LocalEndpoint,
  localDynamoClient,
  localSesClient,
  startDynalite,
  startSesEmulator,
} from "../../lambdas/adapters/local-emulators.ts";

/** An email as aws-ses-v2-local keeps it (`GET /store`). */
export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  headers?: { name: string; value: string }[];
  at: number;
}

export interface LocalAws {
  dynamoUrl: string;
  sesUrl: string;
  dynamo: DynamoDBClient;
  ses: SESv2Client;
  /** Every email the SES emulator accepted, read over HTTP as a person or tool would. */
  emails: () => Promise<StoredEmail[]>;
  templates: () => Promise<
    Record<string, { TemplateContent: { Subject?: string; Html?: string; Text?: string } }>
  >;
  clearEmails: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * dynalite (in memory, tables created) and aws-ses-v2-local, on loopback, for one test file.
 * `dynaliteProcess`: dynalite runs in a child process (a core of its own), ended by `close`.
 */
export async function startLocalAws(
  options: { maxSendRate?: number; dynaliteProcess?: boolean } = {},
): Promise<LocalAws> {
  const endpoints: LocalEndpoint[] = [];
  const dynamoEndpoint = options.dynaliteProcess ? await startDynaliteProcess() : await startDynalite();
  endpoints.push(dynamoEndpoint);
  const sesEndpoint = await startSesEmulator({ maxSendRate: options.maxSendRate ?? 100 });
  endpoints.push(sesEndpoint);
  const dynamo = localDynamoClient(dynamoEndpoint.url);
  await ensureTables(dynamo);
  const store = async () =>
    (await (await fetch(`${sesEndpoint.url}/store`)).json()) as {
      emails: StoredEmail[];
      templates: Record<string, never>;
    };
  return {
    dynamoUrl: dynamoEndpoint.url,
    sesUrl: sesEndpoint.url,
    dynamo,
    ses: localSesClient(sesEndpoint.url),
    emails: async () => (await store()).emails,
    templates: async () => (await store()).templates,
    clearEmails: async () => {
      await fetch(`${sesEndpoint.url}/clear-store`, { method: "POST" });
    },
    close: async () => {
      await Promise.all(endpoints.map((e) => e.close()));
    },
  };
}

async function startDynaliteProcess(): Promise<LocalEndpoint> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join("tests", "support", "dynalite-process.ts")],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
  return {
    url: (JSON.parse(line) as { url: string }).url,
    close: async () => {
      child.kill();
      await once(child, "exit");
    },
  };
}

/** The value of a header of a stored email, or undefined. */
export function headerOf(email: StoredEmail, name: string): string | undefined {
  return email.headers?.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
}
