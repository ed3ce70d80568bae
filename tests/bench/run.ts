/**
 * `npm run bench [-- NAME...]`: runs the benchmark suites. Each suite measures its subject beside a
 * baseline in the same run and prints the ratio, because absolute times on a shared machine
 * mean little.
 */
// The AWS SDK's notice about Node.js 22, in this process and the ones the suites start.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const SUITES: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  extraction: () => import("./extraction.bench.ts"),
  web: () => import("./web.bench.ts"),
  digest: () => import("./digest.bench.ts"),
  pipeline: () => import("./pipeline.bench.ts"),
  fetch: () => import("./fetch.bench.ts"),
  cli: () => import("./cli.bench.ts"),
  faults: () => import("./faults.bench.ts"),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const unknown = wanted.filter((name) => !(name in SUITES));
if (unknown.length > 0) {
  console.error(`unknown bench suite(s): ${unknown.join(", ")}; known: ${Object.keys(SUITES).join(", ")}`);
  process.exit(2);
}
for (const [name, load] of Object.entries(SUITES)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n## ${name}`);
  await (await load()).run();
}
