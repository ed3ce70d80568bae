import { TEST_CONTEXT } from "../infra/app.ts";
import { type AwsStandIns, startAwsStandIns } from "../support/aws-stand-ins.ts";
import {
  type DeployedFunction,
  deployedFunctions,
  loadHandler,
  synthesizeOnce,
} from "../support/deployed-app.ts";
import { type LocalAws, startLocalAws } from "../support/local-aws.ts";

export const SIGNING_KEY = "e2e-signing-key-0123456789abcdef";
const SECRET_ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:onrecord-signing-key";
export const ADDRESS_HASH_KEYS = "e2e-address-hash-key-0123456789abcdef";
const HASH_KEYS_ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:onrecord-address-hash-keys";
export const INGEST_BUCKET = "onrecord-ingest-e2e";

/** The deployed artifacts running against local AWS: each function's bundle and how to invoke it. */
export interface LocalDeployment {
  aws: LocalAws;
  standIns: AwsStandIns;
  functions: DeployedFunction[];
  invoke: <E, R>(functionPrefix: string, event: E) => Promise<R>;
  close: () => Promise<void>;
}

/**
 * Synthesizes the app with bundling (once for all test files, see `synthesizeOnce`) and points its functions at dynalite,
 * aws-ses-v2-local and the stand-ins, through the same environment variables the template sets
 * plus the SDK's standard endpoint variables.
 */
export async function deployLocally(
  options: {
    maxSendRate?: number;
    /** Endpoints to use instead of the emulators' own, e.g. a fault-injecting proxy in front. */
    endpoints?: (aws: LocalAws) => Promise<{ dynamo?: string; ses?: string }>;
  } = {},
): Promise<LocalDeployment> {
  const aws = await startLocalAws({ maxSendRate: options.maxSendRate ?? 1000 });
  const standIns = await startAwsStandIns();
  standIns.secrets.set(SECRET_ARN, SIGNING_KEY);
  standIns.secrets.set(HASH_KEYS_ARN, ADDRESS_HASH_KEYS);
  const local: Record<string, string> = {
    Articles: "onrecord-articles",
    Subscribers: "onrecord-subscribers",
    Deliveries: "onrecord-deliveries",
    Issues: "onrecord-issues",
    RateLimits: "onrecord-rate-limits",
    Refusals: "onrecord-refusals",
    Feeds: "onrecord-feeds",
    FeedItems: "onrecord-feed-items",
    FeedsFetchQueue: `${standIns.url}/000000000000/onrecord-fetch.fifo`,
    SigningKey: SECRET_ARN,
    AddressHashKeys: HASH_KEYS_ARN,
    SendingBatches: `${standIns.url}/000000000000/onrecord-send-batches`,
    WebSignups: `${standIns.url}/000000000000/onrecord-signups`,
    SesConfigurationSet: "onrecord-events",
  };
  const functions = deployedFunctions(await synthesizeOnce(TEST_CONTEXT), (ref) => {
    const value = local[ref.replace(/[0-9A-F]{8}$/, "")];
    if (value === undefined) throw new Error(`the e2e harness has no local stand-in for ${ref}`);
    return value;
  });
  const overrides = (await options.endpoints?.(aws)) ?? {};
  const baseEnv = {
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
    AWS_ENDPOINT_URL_DYNAMODB: overrides.dynamo ?? aws.dynamoUrl,
    AWS_ENDPOINT_URL_SESV2: overrides.ses ?? aws.sesUrl,
    AWS_ENDPOINT_URL_SQS: standIns.url,
    AWS_ENDPOINT_URL_S3: standIns.url,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: standIns.url,
    // The e2e news site is on loopback; deployed, the functions fetch public addresses only.
    ONRECORD_ALLOW_PRIVATE_HOSTS: "true",
  };
  const handlers = new Map<string, (event: unknown) => Promise<unknown>>();
  return {
    aws,
    standIns,
    functions,
    invoke: async <E, R>(prefix: string, event: E) => {
      const fn = functions.find((f) => f.logicalId.startsWith(prefix));
      if (!fn) throw new Error(`no function ${prefix}`);
      let handler = handlers.get(prefix);
      if (!handler) {
        handler = await loadHandler<unknown, unknown>(fn, baseEnv);
        handlers.set(prefix, handler);
      }
      return (await handler(event)) as R;
    },
    close: async () => {
      await Promise.all([aws.close(), standIns.close()]);
    },
  };
}

/** An S3 ObjectCreated:Put notification for objects of the ingest bucket, keys encoded as S3 does. */
export function s3PutEvent(
  keys: readonly string[],
  at = "2026-11-21T09:00:00.000Z",
  sizes: Record<string, number> = {},
) {
  return {
    Records: keys.map((key) => ({
      eventVersion: "2.1",
      eventSource: "aws:s3",
      eventName: "ObjectCreated:Put",
      eventTime: at,
      s3: {
        bucket: { name: INGEST_BUCKET },
        object: { key: encodeURIComponent(key).replace(/%20/g, "+"), size: sizes[key] ?? 1 },
      },
    })),
  };
}

/** An SQS event carrying the messages the compose function sent, one record each. */
export function sqsEvent(messages: readonly { messageId: string; body: string }[], receiveCount = 1) {
  return {
    Records: messages.map((m) => ({
      messageId: m.messageId,
      body: m.body,
      eventSource: "aws:sqs",
      attributes: { ApproximateReceiveCount: String(receiveCount) },
    })),
  };
}

/** SES events (bounce, complaint) as SNS delivers them to a subscribed function; a string is sent as it is. */
export function snsSesEvent(events: readonly (object | string)[]) {
  return {
    Records: events.map((event, i) => ({
      EventSource: "aws:sns",
      Sns: {
        Type: "Notification",
        MessageId: `sns-${i}`,
        Message: typeof event === "string" ? event : JSON.stringify(event),
      },
    })),
  };
}
