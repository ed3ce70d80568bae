import { Command } from "commander";
import { registerDigest } from "../lambdas/cli/digest.ts";
import { registerExtract } from "../lambdas/cli/extract.ts";
import { registerFeeds } from "../lambdas/cli/feeds.ts";
import { registerFetch } from "../lambdas/cli/fetch.ts";
import { registerIngest } from "../lambdas/cli/ingest.ts";
import { registerRefused } from "../lambdas/cli/refused.ts";
import { registerSend } from "../lambdas/cli/send.ts";
import { registerStart } from "../lambdas/cli/start.ts";

const program = new Command("onrecord")
  .description("What officials said on the record: extract statements from news and send a weekly digest.")
  .showHelpAfterError();

registerExtract(program);
registerDigest(program);
registerFetch(program);
registerFeeds(program);
registerIngest(program);
registerRefused(program);
registerSend(program);
registerStart(program);

await program.parseAsync(process.argv);
