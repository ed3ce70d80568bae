import { handle, type LambdaContext, type LambdaEvent } from "hono/aws-lambda";
import { webDeps } from "../deps/web.ts";
import { createWebApp, type WebAppDeps } from "../web/app.ts";

/**
 * The web app behind API Gateway's HTTP API: the subscribe page, confirmation and one-click
 * unsubscribe, the archive and the feed. Hono's Lambda adapter turns the API Gateway event into a
 * Request and the Response back; the routes are the same ones `npm start` serves.
 */
export function createHandler(deps: WebAppDeps) {
  return handle(createWebApp(deps));
}

let instance: ReturnType<typeof createHandler> | undefined;

/** Built on the first request, so importing this module reads no settings. */
export const handler = (event: LambdaEvent, context: LambdaContext) => {
  instance ??= createHandler(webDeps(process.env));
  return instance(event, context);
};
