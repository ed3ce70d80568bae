/**
 * A send worker in a process of its own, for tests that kill it with SIGKILL mid-batch:
 * `node --import tsx worker-process.ts '{"env":…,"dynamoUrl":…,"sesUrl":…,"batch":…,"nowMs":…}'`.
 * Its clock starts at `nowMs` (the test's virtual time) and runs on in real time.
 */
import { localBulkSesClient, localDynamoClient } from "../../lambdas/adapters/local-emulators.ts";
import { sendWorkerDeps } from "../../lambdas/deps/send-worker.ts";

const input = JSON.parse(process.argv[2] ?? "{}");
const started = Date.now();
const worker = sendWorkerDeps(input.env, {
  dynamo: localDynamoClient(input.dynamoUrl),
  ses: localBulkSesClient(input.sesUrl),
  now: () => new Date(input.nowMs + (Date.now() - started)),
});
const result = await worker.deliver(input.batch);
process.stdout.write(`${JSON.stringify(result)}\n`);
