import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { type HashKeys, parseHashKeys } from "../core/subscribers/retention.ts";
import { MIN_SECRET_LENGTH } from "../core/subscribers/tokens.ts";
import type { HashKeySource, SecretSource } from "../ports.ts";

/** The secret could not be had, or is too short to sign with. */
export class SecretUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretUnavailableError";
  }
}

const MIN_LENGTH = MIN_SECRET_LENGTH;

/**
 * The signing key from AWS Secrets Manager, read once per Lambda instance and kept; a failed read
 * is not kept, so the next request tries again.
 */
export class SecretsManagerSecret implements SecretSource {
  private value: Promise<string> | undefined;

  constructor(
    private readonly secretId: string,
    private readonly client: SecretsManagerClient = new SecretsManagerClient({}),
  ) {}

  get(): Promise<string> {
    this.value ??= this.read().catch((error) => {
      this.value = undefined;
      throw error;
    });
    return this.value;
  }

  private async read(): Promise<string> {
    const { SecretString } = await this.client.send(new GetSecretValueCommand({ SecretId: this.secretId }));
    return checked(SecretString, "the Secrets Manager secret");
  }
}

/**
 * The signing key in a local file (under `data/`), made with 48 random bytes the first time it is
 * needed and readable by its owner only. Links stay valid across restarts because the file stays.
 */
export class LocalSecretFile implements SecretSource {
  private value: Promise<string> | undefined;

  constructor(private readonly path: string) {}

  get(): Promise<string> {
    this.value ??= this.readOrCreate();
    return this.value;
  }

  private async readOrCreate(): Promise<string> {
    await makePrivateDir(dirname(this.path));
    try {
      // `wx` fails when the file exists, so two processes starting together keep one key.
      await writeFile(this.path, `${randomBytes(48).toString("base64url")}\n`, { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    return checked((await readFile(this.path, "utf8")).trim(), this.path);
  }
}

/**
 * The keys that hash addresses, read from a secret that holds them one a line, the current one
 * first (`parseHashKeys`): a Secrets Manager secret on AWS, `data/address-hash-keys` locally.
 */
export class HashKeyRing implements HashKeySource {
  constructor(private readonly source: SecretSource) {}

  async get(): Promise<HashKeys> {
    return parseHashKeys(await this.source.get());
  }
}

/** A key given directly (ONRECORD_UNSUBSCRIBE_SECRET, tests). */
export class FixedSecret implements SecretSource {
  constructor(private readonly value: string) {
    checked(value, "the configured secret");
  }

  async get(): Promise<string> {
    return this.value;
  }
}

/**
 * Makes a folder only its owner can enter (0700), tightening one that exists: `data/` holds the
 * subscribers' addresses and the signing key.
 */
export async function makePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
}

function checked(value: string | undefined, where: string): string {
  if (!value || value.length < MIN_LENGTH) {
    throw new SecretUnavailableError(`${where} holds no signing key of at least ${MIN_LENGTH} characters`);
  }
  return value;
}
