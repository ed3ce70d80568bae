import { once } from "node:events";
import { mkdir } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CreateTableCommand, DynamoDBClient, ResourceInUseException } from "@aws-sdk/client-dynamodb";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import sesModule from "aws-ses-v2-local";
import dynalite from "dynalite";
import { createTableInput, TABLES, type TableSpec } from "./dynamo-tables.ts";
import { upgradeLocalTable } from "./local-table-upgrade.ts";
import { bulkSendClient, type ThrottlingOnlyRetry } from "./ses-bulk-mailer.ts";

/** A stand-in for an AWS service, listening on loopback. */
export interface LocalEndpoint {
  url: string;
  close: () => Promise<void>;
}

/** Credentials and region the SDK insists on; the emulators accept any. */
export const LOCAL_AWS = {
  region: "us-east-1",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
};

/**
 * Starts dynalite (DynamoDB) on 127.0.0.1. With `path` the data persists in LevelDB there;
 * without, it is kept in memory.
 */
export async function startDynalite(options: { path?: string; port?: number } = {}): Promise<LocalEndpoint> {
  if (options.path) await mkdir(options.path, { recursive: true });
  const server = dynalite({
    ...(options.path && { path: options.path }),
    createTableMs: 0,
    updateTableMs: 0,
    deleteTableMs: 0,
  });
  return listen(server, options.port ?? 0);
}

/**
 * Starts aws-ses-v2-local (SESv2) on 127.0.0.1. Its web page shows the inbox and `GET /store` lists
 * every message as JSON. `maxSendRate` is what `GetAccount` reports.
 */
export async function startSesEmulator(
  options: { port?: number; maxSendRate?: number } = {},
): Promise<LocalEndpoint> {
  process.env.AWS_SES_ACCOUNT = JSON.stringify(localAccount(options.maxSendRate ?? 14));
  // A CommonJS module: its `default` export is the server factory. Node (tsx) hands over the
  // module object, Vite (vitest) the `default` export itself.
  const start = (typeof sesModule === "function" ? sesModule : sesModule.default) as typeof sesModule.default;
  const server = await start({ host: "127.0.0.1", port: options.port ?? 0 });
  return endpointOf(server);
}

/**
 * Creates the tables that do not exist yet (the local equivalent of deploying the stateful
 * stack), and gives a table kept under `data/` by an earlier version the indexes it lacks.
 */
export async function ensureTables(
  client: DynamoDBClient,
  specs: readonly TableSpec[] = TABLES,
): Promise<void> {
  for (const spec of specs) {
    try {
      await client.send(new CreateTableCommand(createTableInput(spec)));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
      // Made by an older version: its indexes may have changed since.
      await upgradeLocalTable(client, spec);
    }
  }
}

export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ ...LOCAL_AWS, endpoint });
}

/** An SES client for bulk sends on the emulator: throttling retried only, as on AWS. */
export function localBulkSesClient(endpoint: string, retry?: ThrottlingOnlyRetry): SESv2Client {
  return bulkSendClient({ ...LOCAL_AWS, endpoint }, retry);
}

export function localSesClient(endpoint: string, maxAttempts = 6): SESv2Client {
  return new SESv2Client({ ...LOCAL_AWS, endpoint, maxAttempts, retryMode: "adaptive" });
}

async function listen(server: Server, port: number): Promise<LocalEndpoint> {
  server.listen(port, "127.0.0.1");
  await once(server, "listening");
  return endpointOf(server);
}

function endpointOf(server: Server): LocalEndpoint {
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function localAccount(maxSendRate: number) {
  return {
    DedicatedIpAutoWarmupEnabled: false,
    Details: {
      AdditionalContactEmailAddresses: [],
      ContactLanguage: "EN",
      MailType: "MARKETING",
      ReviewDetails: { CaseId: "local", Status: "GRANTED" },
      UseCaseDescription: "onrecord local run",
      WebsiteURL: "http://127.0.0.1/",
    },
    EnforcementStatus: "HEALTHY",
    ProductionAccessEnabled: true,
    SendingEnabled: true,
    SendQuota: { Max24HourSend: 1_000_000, MaxSendRate: maxSendRate, SentLast24Hours: 0 },
    SuppressionAttributes: { SuppressedReasons: [] },
  };
}
