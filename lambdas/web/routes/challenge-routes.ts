import type { Hono } from "hono";
import type { SignupChallenge } from "../signup-challenge.ts";

/** `/challenge` (a new proof-of-work challenge) and the widget's files, when the check is on. */
export function addChallengeRoutes(app: Hono, challenge: SignupChallenge): void {
  app.get("/challenge", async (c) => c.json(await challenge.create()));

  app.get("/assets/:name{altcha[a-z0-9-]*\\.(?:js|css)}", async (c) => {
    const asset = await challenge.asset(c.req.param("name"));
    if (!asset) return c.notFound();
    c.header("Cache-Control", "public, max-age=3600");
    c.header("Content-Type", asset.type);
    return c.body(asset.body);
  });
}
