/**
 * `npm run bench -- faults [--seed=N] [--runs=N]`: the send path's promise under random fault
 * schedules. fast-check draws each schedule (seeded; the seed is printed, shrinking capped): an
 * issue of 50–500 recipients, the send rate and the workers at once, and faults at the SES calls,
 * the DynamoDB writes and reads, the SQS messages and the workers' pacing. Each is run against
 * dynalite and aws-ses-v2-local through the forwarding fault proxies of `delivery-harness.ts`, on
 * its virtual clock (leases and bounds pass in no time), to completion with the sweeper and the
 * reconciler; then every recipient's copies are counted in the emulator's store, which is cleared
 * before the next schedule. A small stored issue stands in for a composed digest.
 */
import fc from "fast-check";
import {
  type DeliveryHarness,
  startDeliveryHarness,
  tally,
  WORKER_HEADER,
} from "../support/delivery-harness.ts";
import type { Fault, ProxiedRequest } from "../support/fault-proxy.ts";
import { printTable } from "./measure.ts";

const POOL = 500;
const DEFAULT_RUNS = 200;
/** Schedules run after the first failure while fast-check shrinks it; then it stops. */
const MAX_SHRINK_RUNS = 20;
const MAX_ROUNDS = 30;
/** `--verbose`: each schedule with its time and outcome, and the requests that made a duplicate. */
const VERBOSE = process.argv.includes("--verbose");
/** Every write and SES call of the schedule running (with `--verbose`). */
const trace: string[] = [];

const SES_FAULTS = [
  "answerLost",
  "forwardThenHang",
  "error500",
  "drop",
  "throttled",
  "partlyTransient",
  "paused",
  "unknownStatus",
  "killed",
] as const;
const DYNAMO_STEPS = ["outbox", "claim", "markSending", "finish", "release", "rows", "subscribers"] as const;
const DYNAMO_FAULTS = ["error500", "answerLost", "unprocessed", "killed"] as const;

type SesFault = (typeof SES_FAULTS)[number];
type DynamoStep = (typeof DYNAMO_STEPS)[number];
type DynamoFault = (typeof DYNAMO_FAULTS)[number];

interface Schedule {
  recipients: number;
  rate: number;
  concurrency: number;
  /** Faults at the n-th SendBulkEmail call (and the `span - 1` after it). */
  ses: { call: number; span: number; fault: SesFault }[];
  /** Faults at the n-th request of a step, repeated on that item for `tries` requests. */
  dynamo: { step: DynamoStep; nth: number; tries: number; fault: DynamoFault }[];
  /** Pacing sleeps (counted over all workers) that never end: the invocation times out. */
  stalls: number[];
  /** Batches (by position in the queue) lost before any worker saw them. */
  lost: number[];
  /** Batches delivered to two workers at once. */
  twins: number[];
  /** Batches delivered once more after the issue was sent (a delete that failed). */
  late: number[];
}

const schedules: fc.Arbitrary<Schedule> = fc.record({
  recipients: fc.integer({ min: 50, max: 500 }),
  rate: fc.constantFrom(5, 14, 100, 1000),
  concurrency: fc.integer({ min: 1, max: 3 }),
  ses: fc.array(
    fc.record({
      call: fc.nat({ max: 12 }),
      // Up to 8: past the SDK's 6 tries of a throttled call, and past SQS's 5 receives.
      span: fc.integer({ min: 1, max: 8 }),
      fault: fc.constantFrom(...SES_FAULTS),
    }),
    { maxLength: 4 },
  ),
  dynamo: fc.array(
    fc.record({
      step: fc.constantFrom(...DYNAMO_STEPS),
      nth: fc.nat({ max: 300 }),
      tries: fc.integer({ min: 1, max: 4 }),
      fault: fc.constantFrom(...DYNAMO_FAULTS),
    }),
    { maxLength: 4 },
  ),
  stalls: fc.array(fc.nat({ max: 12 }), { maxLength: 2 }),
  lost: fc.array(fc.nat({ max: 10 }), { maxLength: 2 }),
  twins: fc.array(fc.nat({ max: 10 }), { maxLength: 3 }),
  late: fc.array(fc.nat({ max: 10 }), { maxLength: 2 }),
});

/** What one schedule came to. */
interface Outcome {
  recipients: number;
  lost: number;
  duplicates: number;
  unfinished: number;
}

export async function run(): Promise<void> {
  const seed = numberArg("seed") ?? Date.now() % 2 ** 31;
  const runs = numberArg("runs") ?? DEFAULT_RUNS;
  console.log(`\nseed ${seed} (again: npm run bench -- faults --seed=${seed}), ${runs} schedules`);
  const h = await startDeliveryHarness({ recipients: POOL, rate: 100, dynaliteProcess: true });
  const totals = { schedules: 0, recipients: 0, lost: 0, duplicates: 0, unfinished: 0 };
  const fired = new Map<string, number>();
  let failures = 0;
  let executed = 0;
  const started = performance.now();
  try {
    const result = await fc.check(
      fc.asyncProperty(schedules, async (schedule) => {
        // Past the cap, a shrink candidate passes unrun: fast-check keeps the smallest failure so far.
        if (failures > 0 && failures + totals.schedules > runs + MAX_SHRINK_RUNS) return true;
        const t0 = performance.now();
        const outcome = await runSchedule(h, schedule, executed++, fired);
        if (VERBOSE)
          console.log(
            `${((performance.now() - t0) / 1000).toFixed(1)} s ${JSON.stringify(schedule)} ${JSON.stringify(outcome)}`,
          );
        const ok = outcome.lost === 0 && outcome.duplicates === 0;
        if (failures === 0) {
          totals.schedules++;
          totals.recipients += outcome.recipients;
          totals.lost += outcome.lost;
          totals.duplicates += outcome.duplicates;
          totals.unfinished += outcome.unfinished;
          if (totals.schedules % 20 === 0) progress(totals, started);
        }
        if (!ok) failures++;
        return ok;
      }),
      { seed, numRuns: runs, endOnFailure: false },
    );
    console.log("\nFaults that fired (each where a schedule's rules matched a request or a sleep):");
    printTable([["fault", "times"], ...[...fired].sort().map(([k, n]) => [k, String(n)])]);
    if (result.failed)
      console.log(
        `\nfailing schedule (shrunk at most ${MAX_SHRINK_RUNS} runs): ${fc.stringify(result.counterexample)}`,
      );
  } finally {
    await h.close();
  }
  const minutes = (performance.now() - started) / 60_000;
  console.log(`\n${totals.unfinished} rows not final after ${MAX_ROUNDS} rounds; ${minutes.toFixed(1)} min`);
  console.log(
    `fault schedules ${totals.schedules}, recipients ${totals.recipients}, lost ${totals.lost}, duplicates ${totals.duplicates}`,
  );
  if (totals.lost > 0 || totals.duplicates > 0 || failures > 0) process.exitCode = 1;
}

/** Runs one schedule on a week of its own to completion and counts every recipient's copies. */
async function runSchedule(
  h: DeliveryHarness,
  schedule: Schedule,
  index: number,
  fired: Map<string, number>,
): Promise<Outcome> {
  await h.reset();
  trace.length = 0;
  const week = weekFor(index);
  await h.storeIssue(week);
  const count = (name: string) => fired.set(name, (fired.get(name) ?? 0) + 1);
  h.faults.ses = sesRule(schedule, h, count);
  h.faults.dynamo = dynamoRule(schedule, h, count);
  h.faults.sleep = sleepRule(schedule, count);
  const env = h.env;
  env.ONRECORD_SEND_RATE = String(schedule.rate);
  // The schedule retries a compose that failed (EventBridge Scheduler's retry policy).
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await h.compose(week, schedule.recipients);
      break;
    } catch {
      count("compose failed, run again");
    }
  }
  const batches = [...h.queue];
  for (const i of schedule.lost) if (spliceOut(h, batches[i])) count("SQS: batch lost");
  for (const i of schedule.twins) if (twin(h, batches[i])) count("SQS: two workers at once");
  await settle(h, week, schedule, batches, count);
  const rows = (await h.deliveries.list(week)).rows;
  const intended = rows.map((r) => r.address);
  const result = tally(await h.copies(), intended);
  if (VERBOSE && result.duplicates > 0) await printDuplicates(h, rows);
  const unfinished = rows.filter((r) => !["sent", "rejected", "skipped"].includes(r.status)).length;
  return {
    recipients: schedule.recipients,
    // A recipient compose never wrote a row for is lost too.
    lost: result.lost + Math.max(0, schedule.recipients - rows.length) + result.unintended,
    duplicates: result.duplicates,
    unfinished,
  };
}

/** Drains, reconciles and sweeps as time passes, until every row of the week is final. */
async function settle(
  h: DeliveryHarness,
  week: string,
  schedule: Schedule,
  batches: readonly DeliveryHarness["queue"][number][],
  count: (name: string) => void,
): Promise<void> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    await h.drain({ concurrency: schedule.concurrency });
    if (round === 0)
      for (const i of schedule.late) {
        const message = batches[i];
        if (!message) continue;
        h.queue.push({ ...structuredClone(message), receives: 0 });
        count("SQS: delivered again after it was sent");
      }
    // SEND events come within the bound: a failed reconciler is retried (as Lambda retries an
    // SNS event, seconds later) before the sweeper may make a `sending` row sendable again.
    if (!(await reconciled(h, count))) continue;
    if (h.queue.length === 0 && (await unfinishedOf(h, week)) === 0) return;
    h.clock.advance(16 * 60_000);
    // The sweeper fails like anything else; its next run, 5 minutes later, makes up for it.
    await h.sweep().catch(() => count("sweeper failed, runs again"));
  }
}

async function reconciled(h: DeliveryHarness, count: (name: string) => void): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await h.reconcile();
      return true;
    } catch {
      count("reconciler failed, retried");
    }
  }
  return false;
}

async function unfinishedOf(h: DeliveryHarness, week: string): Promise<number> {
  for (;;) {
    try {
      return (await h.deliveries.listUnfinished()).filter((r) => r.issueId === week).length;
    } catch {
      // A fault on the read itself: ask again.
    }
  }
}

function sesRule(schedule: Schedule, h: DeliveryHarness, count: (name: string) => void) {
  let calls = 0;
  return (r: ProxiedRequest): Fault | undefined => {
    if (!r.path.endsWith("outbound-bulk-emails")) return undefined;
    const call = calls++;
    if (VERBOSE) traceRequest(h, r, `SendBulkEmail call ${call}`);
    const hit = schedule.ses.find((f) => call >= f.call && call < f.call + f.span);
    if (!hit) return undefined;
    count(`SES: ${hit.fault}`);
    return sesFault(hit.fault, r, () => h.kill(Number(r.headers[WORKER_HEADER])));
  };
}

function sesFault(fault: SesFault, r: ProxiedRequest, kill: () => void): Fault {
  const entries = JSON.parse(r.body).BulkEmailEntries as unknown[];
  const everyEntry = (Status: string) => ({
    reply: { status: 200, body: JSON.stringify({ BulkEmailEntryResults: entries.map(() => ({ Status })) }) },
  });
  switch (fault) {
    case "answerLost":
      return { answerLost: { status: 500, errorType: "InternalFailure" } };
    case "forwardThenHang":
      kill();
      return { forwardThenHang: true };
    case "error500":
      return { status: 500, errorType: "InternalFailure" };
    case "drop":
      return { drop: true };
    case "throttled":
      return {
        status: 429,
        errorType: "TooManyRequestsException",
        message: "Maximum sending rate exceeded.",
      };
    case "paused":
      return everyEntry("ACCOUNT_SENDING_PAUSED");
    case "unknownStatus":
      return everyEntry("SOMETHING_NEW");
    case "killed":
      kill();
      return { hang: true };
    case "partlyTransient":
      return partlyTransient();
  }
}

/** Sends every other entry and answers TRANSIENT_FAILURE for the rest, as SES may. */
function partlyTransient(): Fault {
  let refused: boolean[] = [];
  return {
    rewrite: (body) => {
      const request = JSON.parse(body);
      refused = request.BulkEmailEntries.map((_: unknown, i: number) => i % 2 === 1);
      request.BulkEmailEntries = request.BulkEmailEntries.filter((_: unknown, i: number) => !refused[i]);
      return JSON.stringify(request);
    },
    rewriteResponse: (body) => {
      const sent = [...JSON.parse(body).BulkEmailEntryResults];
      const results = refused.map((r) =>
        r ? { Status: "TRANSIENT_FAILURE", Error: "injected" } : sent.shift(),
      );
      return JSON.stringify({ BulkEmailEntryResults: results });
    },
  };
}

function dynamoRule(schedule: Schedule, h: DeliveryHarness, count: (name: string) => void) {
  const seen = new Map<DynamoStep, number>();
  // An item a fault stuck to, and how many more of its requests fail.
  const sticky = new Map<string, { fault: DynamoFault; left: number }>();
  return (r: ProxiedRequest): Fault | undefined => {
    if (VERBOSE && r.headers["x-amz-target"]?.endsWith("UpdateItem")) traceRequest(h, r, "UpdateItem");
    const step = stepOf(r);
    if (!step) return undefined;
    const n = seen.get(step) ?? 0;
    seen.set(step, n + 1);
    const hit = schedule.dynamo.find((f) => f.step === step && f.nth === n);
    if (!hit && sticky.size === 0) return undefined;
    const item = `${step} ${itemOf(r)}`;
    if (hit && !sticky.has(item)) sticky.set(item, { fault: hit.fault, left: hit.tries });
    const stuck = sticky.get(item);
    if (!stuck || stuck.left <= 0) return undefined;
    stuck.left--;
    count(`DynamoDB ${step}: ${stuck.fault}`);
    switch (stuck.fault) {
      case "error500":
        return { status: 500, errorType: "InternalServerError" };
      case "answerLost":
        return { answerLost: { status: 500, errorType: "InternalServerError" } };
      case "unprocessed":
        return r.headers["x-amz-target"]?.endsWith("BatchGetItem")
          ? halfUnprocessed()
          : { status: 400, errorType: "ProvisionedThroughputExceededException" };
      case "killed": {
        const worker = Number(r.headers[WORKER_HEADER]);
        // Only a worker can die; compose, the reconciler and the sweeper get an error instead.
        if (!Number.isFinite(worker)) return { status: 500, errorType: "InternalServerError" };
        h.kill(worker);
        return { hang: true };
      }
    }
  };
}

function traceRequest(h: DeliveryHarness, r: ProxiedRequest, what: string): void {
  const at = `${new Date().toISOString()} (virtual ${h.clock.now().toISOString()})`;
  trace.push(`${at} worker ${r.headers[WORKER_HEADER] ?? "-"} ${what} ${r.body}`);
}

/** For two recipients with more than one copy: their copies and every request that named their row. */
async function printDuplicates(
  h: DeliveryHarness,
  rows: readonly { address: string; subscriberId: string }[],
) {
  const emails = await h.aws.emails();
  const doubled = rows.filter((r) => emails.filter((e) => e.destination.to.includes(r.address)).length > 1);
  console.log(`  ${doubled.length} recipient(s) with more than one copy`);
  for (const row of doubled.slice(0, 2)) {
    const copies = emails.filter((e) => e.destination.to.includes(row.address));
    console.log(`  ${row.subscriberId}: ${copies.map((e) => `${e.messageId} at ${e.at}`).join(", ")}`);
    for (const line of trace) if (line.includes(row.subscriberId)) console.log(`    ${line.slice(0, 400)}`);
  }
}

/** Which step of the send path a DynamoDB request is, from its operation and expression. */
function stepOf(r: ProxiedRequest): DynamoStep | undefined {
  const op = (r.headers["x-amz-target"] ?? "").replace("DynamoDB_20120810.", "");
  if (op === "PutItem") return r.body.includes('"queued"') ? "outbox" : undefined;
  if (op === "BatchGetItem") return r.body.includes("deliveries") ? "rows" : "subscribers";
  if (op !== "UpdateItem") return undefined;
  if (r.body.includes("leaseUntil = :lease")) return "claim";
  if (r.body.includes("sendingAt = :now")) return "markSending";
  if (r.body.includes(":status")) return "finish";
  if (r.body.includes("SET #s = :queued") && !r.body.includes("leaseUntil < :now")) return "release";
  return undefined;
}

function itemOf(r: ProxiedRequest): string {
  const body = JSON.parse(r.body) as { Key?: unknown; Item?: { email?: unknown } };
  return JSON.stringify(body.Key ?? body.Item?.email ?? r.body.length);
}

/** Answers half of a BatchGetItem and hands the other half back as UnprocessedKeys, as DynamoDB may. */
function halfUnprocessed(): Fault {
  let held: { table: string; keys: Record<string, unknown>[] } = { table: "", keys: [] };
  return {
    rewrite: (body) => {
      const request = JSON.parse(body);
      const [table, spec] = Object.entries(request.RequestItems)[0] as [
        string,
        { Keys: Record<string, unknown>[] },
      ];
      held = { table, keys: spec.Keys.filter((_, i) => i % 2 === 1) };
      spec.Keys = spec.Keys.filter((_, i) => i % 2 === 0);
      return JSON.stringify(request);
    },
    rewriteResponse: (body) => {
      const answer = JSON.parse(body);
      if (held.keys.length > 0)
        answer.UnprocessedKeys = { [held.table]: { Keys: held.keys, ConsistentRead: true } };
      return JSON.stringify(answer);
    },
  };
}

function sleepRule(schedule: Schedule, count: (name: string) => void) {
  let sleeps = 0;
  return (_worker: number, ms: number): "stall" | undefined => {
    // Pacing and backoff waits; the SDK's own backoff does not come through here.
    if (ms <= 0 || !schedule.stalls.includes(sleeps++)) return undefined;
    count("Lambda timeout while pacing");
    return "stall";
  };
}

function spliceOut(h: DeliveryHarness, message: DeliveryHarness["queue"][number] | undefined): boolean {
  const i = message ? h.queue.indexOf(message) : -1;
  if (i < 0) return false;
  h.queue.splice(i, 1);
  return true;
}

function twin(h: DeliveryHarness, message: DeliveryHarness["queue"][number] | undefined): boolean {
  const i = message ? h.queue.indexOf(message) : -1;
  if (!message || i < 0) return false;
  // Right after it: the drain hands the two to two workers at once (when it runs two or more).
  h.queue.splice(i + 1, 0, { ...structuredClone(message), id: message.id + 100_000 });
  return true;
}

/** A week of its own for each schedule, so no row of one is read by another. */
function weekFor(index: number): string {
  return `${2030 + Math.floor(index / 52)}-W${String((index % 52) + 1).padStart(2, "0")}`;
}

function numberArg(name: string): number | undefined {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = arg ? Number(arg.slice(name.length + 3)) : Number.NaN;
  return Number.isInteger(value) && value >= 0 ? value : undefined;
}

function progress(totals: { schedules: number; recipients: number }, started: number): void {
  const seconds = (performance.now() - started) / 1000;
  console.log(`  ${totals.schedules} schedules, ${totals.recipients} recipients, ${seconds.toFixed(0)} s`);
}
