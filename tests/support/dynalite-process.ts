/**
 * dynalite in a process of its own, for runs heavy enough that it should have a core to itself
 * (the fault bench): `node --import tsx dynalite-process.ts` prints `{"url":"http://127.0.0.1:PORT"}`
 * once listening and serves until killed.
 */
import { startDynalite } from "../../lambdas/adapters/local-emulators.ts";

const endpoint = await startDynalite();
process.stdout.write(`${JSON.stringify({ url: endpoint.url })}\n`);
// Ended by its parent: exit as a process does (a profile or a coverage report is written).
process.once("SIGTERM", () => process.exit(0));
