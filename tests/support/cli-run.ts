/** The built `onrecord` command run as a user types it, for the CLI tests. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const onrecord = new URL("../../bin/onrecord.mjs", import.meta.url).pathname;

/** Runs `onrecord ARGS…` in `cwd` (the test's own folder by default); never throws on a failed exit. */
export async function runOnrecord(
  args: readonly string[],
  cwd?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [onrecord, ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
