#!/usr/bin/env node
// The `onrecord` command: a small launcher so that `npx onrecord` runs the TypeScript CLI
// right after `npm install`, with no build step.
import { tsImport } from "tsx/esm/api";

// Locally onrecord runs on Node.js 20; on Lambda it runs on Node.js 24. The AWS SDK's notice that
// it will soon want Node.js 22 says nothing a user of this command can act on.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

await tsImport("./onrecord.ts", import.meta.url);
