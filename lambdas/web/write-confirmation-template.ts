/**
 * Renders the confirmation email's MJML to JSON at the path given, for the web Lambda's bundle
 * (run by the bundling hook in `lib/web-api.ts`), so the function fills a ready template and never
 * loads MJML. `node --import tsx lambdas/web/write-confirmation-template.ts OUT.json`
 */
import { writeFile } from "node:fs/promises";
import { renderConfirmationTemplate } from "../adapters/mjml-confirmation.ts";

const [out] = process.argv.slice(2);
if (!out) {
  console.error("usage: write-confirmation-template.ts OUT.json");
  process.exit(2);
}
await writeFile(out, JSON.stringify(await renderConfirmationTemplate()));
