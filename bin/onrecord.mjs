#!/usr/bin/env node
// The `onrecord` command: a small launcher so that `npx onrecord` runs the TypeScript CLI
// right after `npm install`, with no build step.
import { tsImport } from "tsx/esm/api";

await tsImport("./onrecord.ts", import.meta.url);
