/**
 * The send path against dynalite and aws-ses-v2-local, each behind a forwarding fault proxy, on a
 * virtual clock: compose writes the outbox and queues batches on a stand-in for SQS that the test
 * delivers (again, to two workers at once, to the dead-letter list) as it wants; workers, the
 * reconciler (with the emulator's SEND-event stand-in) and the sweeper are the real ones, built
 * from the same deps as the Lambdas. Time passes only when something waits, so leases and bounds
 * run out in no time.
 */
import { join } from "node:path";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { SESv2Client } from "@aws-sdk/client-sesv2";
import type { BuildMiddleware, DeserializeMiddleware, MetadataBearer, MiddlewareStack } from "@smithy/types";
import { DynamoArticleStore } from "../../lambdas/adapters/dynamo-article-store.ts";
import { DynamoDeliveryStore } from "../../lambdas/adapters/dynamo-delivery-store.ts";
import { DynamoIssueStore } from "../../lambdas/adapters/dynamo-issue-store.ts";
import { DynamoSubscriberStore } from "../../lambdas/adapters/dynamo-subscriber-store.ts";
import {
  ARTICLES_TABLE,
  DELIVERIES_TABLE,
  ISSUES_TABLE,
  SUBSCRIBERS_TABLE,
} from "../../lambdas/adapters/dynamo-tables.ts";
import { EmulatorSendEventStandIn } from "../../lambdas/adapters/emulator-send-events.ts";
import { localBulkSesClient, localDynamoClient } from "../../lambdas/adapters/local-emulators.ts";
import { SesBulkMailer, ThrottlingOnlyRetry } from "../../lambdas/adapters/ses-bulk-mailer.ts";
import { type ComposeIssueResult, composeIssue, templateNameFor } from "../../lambdas/app/compose-issue.ts";
import type { DeliverBatchResult } from "../../lambdas/app/deliver-batch.ts";
import { recordSendEvents, type SweepResult, sweepDeliveries } from "../../lambdas/app/sweep-deliveries.ts";
import { ingestFiles } from "../../lambdas/cli/run-ingest.ts";
import { digestFunctions } from "../../lambdas/deps/digest.ts";
import { type SendWorkerOverrides, sendWorkerDeps } from "../../lambdas/deps/send-worker.ts";
import type { DeliveryCounts, SendBatch } from "../../lambdas/ports.ts";
import { type Fault, type ProxiedRequest, startFaultProxy } from "./fault-proxy.ts";
import { type LocalAws, startLocalAws } from "./local-aws.ts";
import { seedSubscribers } from "./subscribers.ts";

export const HARNESS_SECRET = "harness-signing-key-0123456789abcdef";
export const HARNESS_WEEK = "2026-W47";
/** The send worker's timeout on Lambda. */
export const WORKER_TIMEOUT_MS = 120_000;
const silent = { write: () => true } as unknown as typeof process.stdout;

/** A clock that moves only when told, or when something sleeps on it. */
export class VirtualClock {
  constructor(private ms = Date.parse("2026-11-23T07:00:00Z")) {}
  now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += Math.max(0, ms);
  }
  sleep = async (ms: number): Promise<void> => {
    this.advance(ms);
    // Let other work (another worker, the proxy) run, as real time would.
    await new Promise((r) => setImmediate(r));
  };
}

export interface QueuedMessage {
  id: number;
  batch: SendBatch;
  receives: number;
}

export type Rule = (request: ProxiedRequest) => Fault | undefined;

/** The header that names the worker instance a request came from (none: compose, reconciler, sweeper). */
export const WORKER_HEADER = "x-harness-worker";

/** What an invocation returns when its worker was killed (a request never answered, a sleep never over). */
export class WorkerKilledError extends Error {
  constructor(readonly workerId: number) {
    super(`worker ${workerId} was killed`);
    this.name = "WorkerKilledError";
  }
}

export interface DeliveryHarness {
  aws: LocalAws;
  clock: VirtualClock;
  /** The SQS stand-in: messages waiting, and those that failed every receive. */
  queue: QueuedMessage[];
  deadLetters: QueuedMessage[];
  /**
   * Fault rules, replaceable by the test at any moment. `sleep`: asked before a worker sleeps
   * (pacing, backoff); `"stall"` makes that sleep never end and the invocation dead, as a Lambda
   * timeout would.
   */
  faults: { ses: Rule; dynamo: Rule; sleep: (workerId: number, ms: number) => "stall" | undefined };
  /** Abandons the invocation running on this worker instance (its requests may still be hanging). */
  kill: (workerId: number) => void;
  /** Empties the queue, the dead letters, the faults and the emulator's store, for the next run. */
  reset: () => Promise<void>;
  dynamoUrl: string;
  sesUrl: string;
  deliveries: DynamoDeliveryStore;
  subscribers: DynamoSubscriberStore;
  readers: string[];
  /** Composes (or reuses) a week's issue and writes its outbox; `limit`: only the first N confirmed. */
  compose: (week?: string, limit?: number) => Promise<ComposeIssueResult>;
  /** Stores a small issue for a week, so compose reuses it instead of composing a digest. */
  storeIssue: (week: string) => Promise<void>;
  /** A send worker instance, as a Lambda instance would have it (overrides: e.g. a sleep that never ends). */
  newWorker: (overrides?: Partial<SendWorkerOverrides>) => Worker;
  /** The settings the workers run with. */
  env: Record<string, string>;
  /** One invocation of a worker (a fresh instance unless `worker` is given) on one message. */
  invoke: (message: QueuedMessage, worker?: Worker) => Promise<DeliverBatchResult | Error>;
  /** Delivers the queue as SQS would (failed messages again, up to `maxReceives`, then dead-lettered). */
  drain: (options?: { maxReceives?: number; concurrency?: number }) => Promise<void>;
  reconcile: () => Promise<number>;
  sweep: () => Promise<SweepResult>;
  /** Drains, reconciles and sweeps, letting time pass, until every row is final. */
  settle: (options?: { rounds?: number }) => Promise<void>;
  copies: () => Promise<Map<string, number>>;
  counts: (week?: string) => Promise<DeliveryCounts>;
  close: () => Promise<void>;
}

export type Worker = ReturnType<typeof sendWorkerDeps> & { id: number };

export async function startDeliveryHarness(
  options: { recipients: number; rate?: number; readers?: string[]; dynaliteProcess?: boolean } = {
    recipients: 120,
  },
): Promise<DeliveryHarness> {
  const aws = await startLocalAws({ maxSendRate: 1000, dynaliteProcess: options.dynaliteProcess ?? false });
  // The emulator's store belongs to its module: an earlier harness in this process left mail there.
  await aws.clearEmails();
  const faults: DeliveryHarness["faults"] = {
    ses: () => undefined,
    dynamo: () => undefined,
    sleep: () => undefined,
  };
  const sesProxy = await startFaultProxy(aws.sesUrl, (r) => faults.ses(r));
  const dynamoProxy = await startFaultProxy(aws.dynamoUrl, (r) => faults.dynamo(r));
  const clock = new VirtualClock();
  const readers =
    options.readers ??
    Array.from({ length: options.recipients }, (_, i) => `reader-${String(i).padStart(4, "0")}@example.org`);
  await seedSubscribers(
    aws.dynamo,
    HARNESS_SECRET,
    readers.map((e) => [e, "confirmed"] as const),
  );
  const articles = new DynamoArticleStore(ARTICLES_TABLE.localName, aws.dynamo);
  await ingestFiles([join("examples", "defence-forum.txt")], articles, silent);
  const dynamo = localDynamoClient(dynamoProxy.url);
  const deliveries = new DynamoDeliveryStore(DELIVERIES_TABLE.localName, dynamo, clock.now);
  const subscribers = new DynamoSubscriberStore(SUBSCRIBERS_TABLE.localName, aws.dynamo, clock.now);
  const queue: QueuedMessage[] = [];
  const deadLetters: QueuedMessage[] = [];
  let nextId = 1;
  const sqs = {
    enqueue: async (batches: readonly SendBatch[]) => {
      for (const batch of batches) queue.push({ id: nextId++, batch: structuredClone(batch), receives: 0 });
    },
  };
  const env = {
    ONRECORD_DELIVERIES_TABLE: DELIVERIES_TABLE.localName,
    ONRECORD_SUBSCRIBERS_TABLE: SUBSCRIBERS_TABLE.localName,
    ONRECORD_ARTICLES_TABLE: ARTICLES_TABLE.localName,
    ONRECORD_ISSUES_TABLE: ISSUES_TABLE.localName,
    ONRECORD_SENDER: "digest@example.org",
    ONRECORD_PUBLIC_URL: "https://onrecord.example.org",
    ONRECORD_UNSUBSCRIBE_SECRET: HARNESS_SECRET,
    ONRECORD_SEND_RATE: String(options.rate ?? 100),
  };
  const killers = new Map<number, () => void>();
  const killed = new Map<number, Promise<WorkerKilledError>>();
  let workers = 0;
  const dead = new Set<number>();
  const kill = (id: number) => {
    dead.add(id);
    killers.get(id)?.();
  };
  const newWorker = (overrides: Partial<SendWorkerOverrides> = {}): Worker => {
    const id = ++workers;
    killed.set(id, new Promise((resolve) => killers.set(id, () => resolve(new WorkerKilledError(id)))));
    // Its own clients, as each Lambda instance has: a hung request holds only this one's sockets.
    const isDead = () => dead.has(id);
    const dynamo = tagged(localDynamoClient(dynamoProxy.url), id, isDead);
    const ses = tagged(localBulkSesClient(sesProxy.url, new ThrottlingOnlyRetry(6, 2, 20)), id, isDead);
    const sleep = async (ms: number) => {
      if (faults.sleep(id, ms) !== "stall") return clock.sleep(ms);
      kill(id);
      return new Promise<void>(() => {});
    };
    return { id, ...sendWorkerDeps(env, { dynamo, ses, now: clock.now, sleep, ...overrides }) };
  };
  const { compose, render } = digestFunctions({
    postalAddress: "1 Example Street",
    senderName: "onrecord",
    timeZone: "UTC",
  });
  const composeDeps = {
    articles,
    issues: new DynamoIssueStore(ISSUES_TABLE.localName, aws.dynamo),
    subscribers,
    deliveries,
    mailer: new SesBulkMailer({ sender: env.ONRECORD_SENDER, client: aws.ses }),
    queue: sqs,
    compose,
    render,
    now: clock.now,
  };
  /** The subscriber store seen through a window: its first `limit` confirmed subscribers. */
  const firstConfirmed = (limit: number): typeof subscribers => {
    const view = Object.create(subscribers) as typeof subscribers;
    view.listConfirmed = async () => {
      const items = [];
      let cursor: string | null = null;
      do {
        const page = await subscribers.listConfirmed(cursor, 500);
        items.push(...page.items);
        cursor = page.next;
      } while (cursor && items.length < limit);
      return { items: items.slice(0, limit), next: null };
    };
    return view;
  };
  const standIn = new EmulatorSendEventStandIn(aws.sesUrl, templateNameFor);

  const invoke = async (message: QueuedMessage, worker = newWorker()) => {
    message.receives++;
    const deadline = clock.now().getTime() + WORKER_TIMEOUT_MS;
    try {
      const delivery = worker.deliver(structuredClone(message.batch), {
        remainingMs: () => deadline - clock.now().getTime(),
      });
      return await Promise.race([delivery, killed.get(worker.id) as Promise<WorkerKilledError>]);
    } catch (error) {
      return error as Error;
    }
  };
  const drain = async ({ maxReceives = 5, concurrency = 2 } = {}) => {
    const instances = Array.from({ length: concurrency }, () => newWorker());
    while (queue.length > 0) {
      const taken = queue.splice(0, concurrency);
      const results = await Promise.all(taken.map((m, i) => invoke(m, instances[i])));
      taken.forEach((m, i) => {
        // A killed instance is gone: Lambda starts another.
        if (results[i] instanceof WorkerKilledError) instances[i] = newWorker();
        if (!(results[i] instanceof Error)) return;
        if (m.receives >= maxReceives) deadLetters.push(m);
        else queue.push(m);
      });
      // SQS hands a failed message back after its visibility timeout.
      if (results.some((r) => r instanceof Error)) clock.advance(WORKER_TIMEOUT_MS * 6);
    }
  };
  const reconcile = async () => {
    // SES's SEND events come within the reconciler's bound: every message SES was given is in.
    await sesProxy.settled();
    const open = await deliveries.listUnfinished();
    return (await recordSendEvents(await standIn.eventsFor(open), deliveries)).reconciled;
  };
  const sweep = () => sweepDeliveries({ deliveries, queue: sqs, now: clock.now });
  return {
    aws,
    clock,
    queue,
    deadLetters,
    faults,
    kill,
    reset: async () => {
      queue.length = 0;
      deadLetters.length = 0;
      faults.ses = () => undefined;
      faults.dynamo = () => undefined;
      faults.sleep = () => undefined;
      await aws.clearEmails();
    },
    dynamoUrl: dynamoProxy.url,
    sesUrl: sesProxy.url,
    deliveries,
    subscribers,
    readers,
    compose: (week = HARNESS_WEEK, limit) =>
      composeIssue(
        week,
        limit === undefined ? composeDeps : { ...composeDeps, subscribers: firstConfirmed(limit) },
      ),
    storeIssue: async (week) => {
      await composeDeps.issues.putIfAbsent({
        id: week,
        digest: { from: week, to: week, officials: [] },
        rendered: {
          subject: `onrecord ${week}`,
          html: '<p>{{greeting}}</p><a href="{{unsubscribeUrl}}">Unsubscribe</a>',
          text: "{{greeting}} Unsubscribe: {{unsubscribeUrl}}",
        },
        templateName: templateNameFor(week),
        composedAt: clock.now().toISOString(),
      });
    },
    newWorker,
    env,
    invoke,
    drain,
    reconcile,
    sweep,
    settle: async ({ rounds = 12 } = {}) => {
      for (let round = 0; round < rounds; round++) {
        await drain();
        await reconcile();
        if ((await deliveries.listUnfinished()).length === 0) return;
        // The reconciler's bound and the requeue interval pass.
        clock.advance(16 * 60_000);
        await sweep();
      }
    },
    copies: async () => {
      const copies = new Map<string, number>();
      for (const e of await aws.emails())
        for (const to of e.destination.to) copies.set(to, (copies.get(to) ?? 0) + 1);
      return copies;
    },
    counts: (week = HARNESS_WEEK) => deliveries.count(week),
    close: async () => {
      await Promise.all([sesProxy.close(), dynamoProxy.close()]);
      await aws.close();
    },
  };
}

/**
 * The client with every request naming the worker instance that made it (for fault rules); once
 * the instance is dead, no request of its leaves (a request it was waiting on may still time out,
 * and a dead process sends nothing after that).
 */
function tagged<C extends DynamoDBClient | SESv2Client>(client: C, id: number, isDead: () => boolean): C {
  const stack = client.middlewareStack as MiddlewareStack<object, MetadataBearer>;
  const tag: BuildMiddleware<object, MetadataBearer> = (next) => async (args) => {
    const request = args.request as { headers?: Record<string, string> };
    if (request.headers) request.headers[WORKER_HEADER] = String(id);
    return next(args);
  };
  // Checked on every attempt, below the SDK's retry loop: a retry waiting out its backoff when the
  // instance dies must not go out afterwards, as it could not from a Lambda that timed out.
  const deadSendNothing: DeserializeMiddleware<object, MetadataBearer> = (next) => async (args) =>
    isDead() ? new Promise<never>(() => {}) : next(args);
  stack.add(tag, { step: "build", name: "harnessWorkerId" });
  stack.add(deadSendNothing, { step: "deserialize", priority: "low", name: "harnessDeadSendNothing" });
  return client;
}

/** Copies per intended recipient, and who got none: exactly 1 each and 0 lost is the promise. */
export function tally(copies: Map<string, number>, intended: readonly string[]) {
  const each = intended.map((a) => copies.get(a) ?? 0);
  const unintended = [...copies.keys()].filter((a) => !intended.includes(a));
  return {
    lost: each.filter((n) => n === 0).length,
    duplicates: each.reduce((sum, n) => sum + Math.max(0, n - 1), 0),
    copiesPerRecipient: [...new Set(each)].sort(),
    unintended: unintended.length,
  };
}
