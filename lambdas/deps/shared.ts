import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { FixedSecret, HashKeyRing, SecretsManagerSecret } from "../adapters/secret-sources.ts";
import { ConfigError } from "../config.ts";
import type { HashKeySource, SecretSource } from "../ports.ts";

/** Settings as environment variables: `process.env` on Lambda, a plain object in tests and locally. */
export type Env = Record<string, string | undefined>;

/** The signing key: given directly (local runs, tests) or read from Secrets Manager (AWS). */
export function secretSource(
  config: {
    ONRECORD_UNSUBSCRIBE_SECRET?: string | undefined;
    ONRECORD_UNSUBSCRIBE_SECRET_ARN?: string | undefined;
  },
  client: () => SecretsManagerClient,
): SecretSource {
  if (config.ONRECORD_UNSUBSCRIBE_SECRET) return new FixedSecret(config.ONRECORD_UNSUBSCRIBE_SECRET);
  if (config.ONRECORD_UNSUBSCRIBE_SECRET_ARN)
    return new SecretsManagerSecret(config.ONRECORD_UNSUBSCRIBE_SECRET_ARN, client());
  throw new ConfigError(
    "onrecord is misconfigured: set ONRECORD_UNSUBSCRIBE_SECRET or ONRECORD_UNSUBSCRIBE_SECRET_ARN",
  );
}

/** The address hash keys: given directly (local runs, tests) or read from Secrets Manager (AWS). */
export function hashKeySource(
  config: {
    ONRECORD_ADDRESS_HASH_KEYS?: string | undefined;
    ONRECORD_ADDRESS_HASH_KEYS_ARN?: string | undefined;
  },
  client: () => SecretsManagerClient,
): HashKeySource {
  if (config.ONRECORD_ADDRESS_HASH_KEYS)
    return new HashKeyRing(new FixedSecret(config.ONRECORD_ADDRESS_HASH_KEYS));
  if (config.ONRECORD_ADDRESS_HASH_KEYS_ARN)
    return new HashKeyRing(new SecretsManagerSecret(config.ONRECORD_ADDRESS_HASH_KEYS_ARN, client()));
  throw new ConfigError(
    "onrecord is misconfigured: set ONRECORD_ADDRESS_HASH_KEYS or ONRECORD_ADDRESS_HASH_KEYS_ARN",
  );
}

/** Memoises an async start-up step, forgetting a failure so that the next event tries again. */
export function retryingOnce<T>(start: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= start().catch((error) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
