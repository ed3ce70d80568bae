// Run by extraction.bench.ts in a fresh process: extracts (or only reads) every text in a folder,
// one file at a time as the CLI does, and prints the process's peak resident memory in MB.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { extractStatements } from "../../lambdas/core/extraction/extract-statements.ts";

const [mode, dir = "."] = process.argv.slice(2);
let statements = 0;
for (const file of readdirSync(dir)) {
  const body = readFileSync(join(dir, file), "utf8");
  if (mode === "extract") statements += extractStatements({ body }).length;
}
if (statements < 0) console.error(statements);
console.log((process.resourceUsage().maxRSS / 1024).toFixed(1));
