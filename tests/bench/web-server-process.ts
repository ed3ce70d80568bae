/**
 * The web app as `npm start` runs it (dynalite persisting in a temporary folder, aws-ses-v2-local,
 * the app on loopback), in a process of its own so that the load generator does not share its
 * event loop. Prints one JSON line with its endpoints, then serves until SIGTERM.
 * `node --import tsx tests/bench/web-server-process.ts [off]`
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HASH_KEYS_FILE, openLocalStack } from "../../lambdas/adapters/local-stack.ts";
import { HashKeyRing, LocalSecretFile } from "../../lambdas/adapters/secret-sources.ts";
import { SIGNUP_PER_IP } from "../../lambdas/core/subscribers/rate-limit.ts";
import { startWebServer } from "../../lambdas/web/local-server.ts";

// `off`: no per-IP limit (every request of a load test comes from 127.0.0.1), and the domain and
// service-wide caps raised past what a load test sends (its addresses share one domain); the
// per-mailbox caps stay.
const off = process.argv[2] === "off";
const perIp = off ? null : SIGNUP_PER_IP;
const open = { limit: 10_000_000, windowSeconds: 3600 };
const dataDir = await mkdtemp(join(tmpdir(), "onrecord-bench-"));
const stack = await openLocalStack({ dataDir, sendRate: 1000 });
const secret = new LocalSecretFile(join(dataDir, "signing-key"));
const web = await startWebServer({
  dynamo: stack.dynamo,
  ses: stack.ses,
  secret,
  hashKeys: new HashKeyRing(new LocalSecretFile(join(dataDir, HASH_KEYS_FILE))),
  sender: "digest@onrecord.localhost",
  port: 0,
  limits: { perIp },
  ...(off && {
    caps: { domain: { name: "bench-domain", ...open }, global: { name: "bench-global", ...open } },
  }),
});
process.stdout.write(
  `${JSON.stringify({ url: web.url, sesUrl: stack.sesUrl, dynamoUrl: stack.dynamoUrl, secret: await secret.get() })}\n`,
);
// SIGUSR2: say `drained` once every queued sign-up has been dealt with.
process.on("SIGUSR2", async () => {
  await web.drain();
  process.stdout.write("drained\n");
});
process.once("SIGTERM", async () => {
  await web.close();
  // Let requests still in flight finish before their database goes away.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await stack.close();
  await rm(dataDir, { recursive: true, force: true });
  process.exit(0);
});
