import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { FixedSecret, SecretsManagerSecret } from "../adapters/secret-sources.ts";
import { ConfigError } from "../config.ts";
import type { SecretSource } from "../ports.ts";

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
