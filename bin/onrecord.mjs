#!/usr/bin/env node
// The `onrecord` command. It runs the JavaScript build of bin/onrecord.ts (made by `npm install`'s
// `prepare`), rebuilding it first when any source is newer; if it cannot build (esbuild missing,
// a read-only checkout), it runs the TypeScript sources through tsx instead, more slowly.
import { buildCli, freshBuild } from "./build-cli.mjs";

// Locally onrecord runs on Node.js 20; on Lambda it runs on Node.js 24. The AWS SDK's notice that
// it will soon want Node.js 22 says nothing a user of this command can act on.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
process.setSourceMapsEnabled(true);

const entry = await freshBuild().then((built) => built ?? buildCli().catch(() => null));
if (entry) {
  await import(entry);
} else {
  const { tsImport } = await import("tsx/esm/api");
  await tsImport("./onrecord.ts", import.meta.url);
}
