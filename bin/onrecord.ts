import { Command } from "commander";
import { registerDigest } from "../lambdas/cli/digest.ts";
import { registerExtract } from "../lambdas/cli/extract.ts";

const program = new Command("onrecord")
  .description("What officials said on the record: extract statements from news and send a weekly digest.")
  .showHelpAfterError();

registerExtract(program);
registerDigest(program);

await program.parseAsync(process.argv);
