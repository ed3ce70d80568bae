import { Command, CommanderError } from "commander";
import { registerDigest } from "../lambdas/cli/digest.ts";
import { plainError } from "../lambdas/cli/errors.ts";
import { registerExtract } from "../lambdas/cli/extract.ts";
import { registerFeeds } from "../lambdas/cli/feeds.ts";
import { registerFetch } from "../lambdas/cli/fetch.ts";
import { registerForget } from "../lambdas/cli/forget.ts";
import { registerIngest } from "../lambdas/cli/ingest.ts";
import { registerRefused } from "../lambdas/cli/refused.ts";
import { registerSend } from "../lambdas/cli/send.ts";
import { registerStart } from "../lambdas/cli/start.ts";
import { registerStatus } from "../lambdas/cli/status.ts";
import pkg from "../package.json" with { type: "json" };

const program = new Command("onrecord")
  .description("What officials said on the record: extract statements from news and send a weekly digest.")
  .version(pkg.version, "-V, --version", "print onrecord's version");

registerExtract(program);
registerDigest(program);
registerFetch(program);
registerFeeds(program);
registerForget(program);
registerIngest(program);
registerRefused(program);
registerSend(program);
registerStart(program);
registerStatus(program);

// A usage error is one line that says where the usage is, not the whole help.
for (const command of [program, ...program.commands]) {
  const name = command === program ? "onrecord" : `onrecord ${command.name()}`;
  command.configureOutput({
    outputError: (message, write) =>
      write(`${name}: ${message.trim().replace(/^error: /, "")} (see \`${name} --help\`)\n`),
  });
}

let running = "onrecord";
program.hook("preAction", (_, action) => {
  running = `onrecord ${action.name()}`;
});

/**
 * Whatever a command did not expect ends as one line in the user's terms and a non-zero exit;
 * ONRECORD_DEBUG=1 shows where it came from.
 */
function fail(error: unknown): void {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
    return;
  }
  process.stderr.write(`${running}: ${plainError(error)}\n`);
  if (process.env.ONRECORD_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? error}\n`);
  process.exitCode = 1;
}

// An error no command awaited (a server's 'error' event): say it, then stop what is still running.
process.on("uncaughtException", (error) => {
  fail(error);
  setTimeout(() => process.exit(1), 500).unref();
});

await program.parseAsync(process.argv).catch(fail);
