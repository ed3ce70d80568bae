import type { Command } from "commander";

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
    .option(
      "--port <port>",
      "port of the web app (or env PORT)",
      (v) => Number.parseInt(v, 10),
      Number(process.env.PORT) || 3000,
    )
    .option(
      "--reset",
      "delete the local data first (articles, subscribers, deliveries); refused while another start runs",
    )
    .action(async (options: StartOptions) => (await import("./run-start.ts")).runStart(options));
}
