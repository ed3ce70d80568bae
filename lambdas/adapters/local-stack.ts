import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import type { SESv2Client } from "@aws-sdk/client-sesv2";
import {
  ARTICLES_TABLE,
  DELIVERIES_TABLE,
  FEED_ITEMS_TABLE,
  FEEDS_TABLE,
  ISSUES_TABLE,
  RATE_LIMITS_TABLE,
  REFUSALS_TABLE,
  SUBSCRIBERS_TABLE,
} from "./dynamo-tables.ts";
import {
  ensureTables,
  type LocalEndpoint,
  localDynamoClient,
  localSesClient,
  startDynalite,
  startSesEmulator,
} from "./local-emulators.ts";
import { LocalSecretFile, makePrivateDir } from "./secret-sources.ts";

/**
 * The keys that hash the addresses of people who left, one a line, the current first: to rotate,
 * put a new key on the first line and keep the old ones below it.
 */
export const HASH_KEYS_FILE = "address-hash-keys";

/** Where a running `onrecord start` says how to reach it, so other commands use its emulators. */
const STATE_FILE = "local.json";

export interface LocalStackState {
  dynamoUrl: string;
  sesUrl: string;
  publicUrl: string;
}

/** onrecord on one machine: dynalite and aws-ses-v2-local, and the settings that point at them. */
export interface LocalStack extends LocalStackState {
  dynamo: DynamoDBClient;
  ses: SESv2Client;
  /** The `ONRECORD_*` settings for this stack, as a Lambda would have them. */
  env: Record<string, string>;
  /** True when this process started the emulators (they stop when it exits). */
  owned: boolean;
  close: () => Promise<void>;
}

export interface OpenLocalStackOptions {
  /** Data folder: dynalite's LevelDB, the signing key and the state file live here. */
  dataDir: string;
  /** Fixed ports for a long-running stack (0: any free port). */
  dynamoPort?: number;
  sesPort?: number;
  publicUrl?: string;
  sendRate?: number;
}

/**
 * Connects to the stack a running `onrecord start` left in `data/local.json`, or starts one in
 * this process (dynalite persisting under `dataDir`, the SES emulator in memory) and creates the
 * tables. Only one process can open the LevelDB files at a time, hence the connect-first rule.
 */
export async function openLocalStack(options: OpenLocalStackOptions): Promise<LocalStack> {
  await makePrivateDir(options.dataDir);
  const secret = await new LocalSecretFile(join(options.dataDir, "signing-key")).get();
  const hashKeys = await new LocalSecretFile(join(options.dataDir, HASH_KEYS_FILE)).get();
  const running = await readRunningState(options.dataDir);
  if (running) return withClients(running, { secret, hashKeys }, options, false, async () => {});
  const started: LocalEndpoint[] = [];
  try {
    const dynamo = await startDynalite({
      path: join(options.dataDir, "dynamo"),
      port: options.dynamoPort ?? 0,
    });
    started.push(dynamo);
    const ses = await startSesEmulator({ port: options.sesPort ?? 0, maxSendRate: options.sendRate ?? 14 });
    started.push(ses);
    const state = {
      dynamoUrl: dynamo.url,
      sesUrl: ses.url,
      publicUrl: options.publicUrl ?? "http://localhost:8787",
    };
    const stack = withClients(state, { secret, hashKeys }, options, true, async () => {
      await Promise.all(started.map((e) => e.close()));
    });
    await ensureTables(stack.dynamo);
    return stack;
  } catch (error) {
    await Promise.all(started.map((e) => e.close().catch(() => {})));
    throw error;
  }
}

/** Records a stack as the running one, for other commands to find; returns how to forget it. */
export async function advertiseLocalStack(
  dataDir: string,
  state: LocalStackState,
): Promise<() => Promise<void>> {
  const file = join(dataDir, STATE_FILE);
  await writeFile(file, `${JSON.stringify({ ...state, pid: process.pid }, null, 2)}\n`);
  return () => rm(file, { force: true });
}

/** The stack a running `onrecord start` advertises in `dataDir`, if one answers there; else null. */
export async function runningLocalStack(dataDir: string): Promise<LocalStackState | null> {
  return readRunningState(dataDir);
}

async function readRunningState(dataDir: string): Promise<LocalStackState | null> {
  let state: LocalStackState & { pid?: number };
  try {
    state = JSON.parse(await readFile(join(dataDir, STATE_FILE), "utf8"));
  } catch {
    return null;
  }
  try {
    await localDynamoClient(state.dynamoUrl).send(new ListTablesCommand({ Limit: 1 }));
    const ses = await fetch(`${state.sesUrl}/health-check`, { signal: AbortSignal.timeout(2000) });
    return ses.ok ? state : null;
  } catch {
    // Left behind by a stack that is no longer running.
    return null;
  }
}

function withClients(
  state: LocalStackState,
  { secret, hashKeys }: { secret: string; hashKeys: string },
  options: OpenLocalStackOptions,
  owned: boolean,
  close: () => Promise<void>,
): LocalStack {
  return {
    ...state,
    dynamo: localDynamoClient(state.dynamoUrl),
    ses: localSesClient(state.sesUrl),
    owned,
    close,
    env: {
      ONRECORD_ARTICLES_TABLE: ARTICLES_TABLE.localName,
      ONRECORD_SUBSCRIBERS_TABLE: SUBSCRIBERS_TABLE.localName,
      ONRECORD_DELIVERIES_TABLE: DELIVERIES_TABLE.localName,
      ONRECORD_ISSUES_TABLE: ISSUES_TABLE.localName,
      ONRECORD_RATE_LIMITS_TABLE: RATE_LIMITS_TABLE.localName,
      ONRECORD_REFUSALS_TABLE: REFUSALS_TABLE.localName,
      ONRECORD_FEEDS_TABLE: FEEDS_TABLE.localName,
      ONRECORD_FEED_ITEMS_TABLE: FEED_ITEMS_TABLE.localName,
      ONRECORD_SENDER: process.env.ONRECORD_SENDER ?? "digest@onrecord.localhost",
      ONRECORD_PUBLIC_URL: state.publicUrl,
      ONRECORD_UNSUBSCRIBE_SECRET: secret,
      ONRECORD_ADDRESS_HASH_KEYS: hashKeys,
      ONRECORD_POSTAL_ADDRESS:
        process.env.ONRECORD_POSTAL_ADDRESS ?? "onrecord (local run), 1 Example Street, Riverton",
      ONRECORD_SENDER_NAME: process.env.ONRECORD_SENDER_NAME ?? "onrecord",
      ONRECORD_TIME_ZONE: process.env.ONRECORD_TIME_ZONE ?? "UTC",
      ...(options.sendRate && { ONRECORD_SEND_RATE: String(options.sendRate) }),
    },
  };
}
