import { type Command, InvalidArgumentError, Option } from "commander";

export interface StartOptions {
  week?: string;
  port: number;
  reset?: boolean;
}

/**
 * `onrecord start` (`npm start`): the whole pipeline on this machine with no AWS account. Starts
 * dynalite (data under `data/`) and aws-ses-v2-local on loopback, and the web app; ingests
 * `examples/`, confirms a local subscriber, composes and sends one issue; then keeps running so
 * the inbox and the web app can be browsed.
 */
export function registerStart(program: Command): void {
  program
    .command("start")
    .description("run onrecord locally: ingest the examples, send one issue, keep the inbox open")
    .option("--week <week>", "ISO week to send (default: the week of the newest example)")
    .addOption(
      new Option("--port <port>", "port of the web app").env("PORT").argParser(parsePort).default(3000),
    )
    .option(
      "--reset",
      "delete the local data first (articles, subscribers, deliveries); refused while another start runs",
    )
    .action(async (options: StartOptions) => (await import("./run-start.ts")).runStart(options));
}

/** A TCP port, 0 (any free one) to 65535. */
function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new InvalidArgumentError("expected a port number, 0 to 65535");
  return port;
}
