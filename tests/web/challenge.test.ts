/** The optional proof-of-work check on the sign-up form (ALTCHA, self-hosted). */
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type Emulators, emailsTo, startEmulators, uniqueAddress } from "./harness.ts";

let emulators: Emulators;
beforeAll(async () => {
  emulators = await startEmulators();
});
afterAll(() => emulators?.close());

/** What the widget puts in the form's `altcha` field once it has solved a challenge. */
async function solved(app: ReturnType<typeof buildApp>["app"]): Promise<string> {
  const challenge = (await (await app.request("/challenge")).json()) as {
    parameters: object;
    signature: string;
  };
  const solution = await solveChallenge({ challenge: challenge as never, deriveKey });
  return Buffer.from(JSON.stringify({ challenge, solution })).toString("base64");
}

function signUp(fields: Record<string, string>): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  };
}

describe("with the sign-up challenge on", () => {
  it("puts the widget in the form, its script, styles and worker served by the site alone", async () => {
    const { app } = buildApp(emulators, { challengeCost: 10 });
    const home = await app.request("/");
    const page = await home.text();
    expect(page).toContain('<altcha-widget challenge="/challenge" auto="onload" name="altcha">');
    expect(page).toContain('<script type="module" src="/assets/altcha.js">');
    const csp = home.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("worker-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|blob:|https?:/);
    for (const [asset, type] of [
      ["/assets/altcha.js", "text/javascript"],
      ["/assets/altcha-setup.js", "text/javascript"],
      ["/assets/altcha-pbkdf2.js", "text/javascript"],
      ["/assets/altcha.css", "text/css"],
    ]) {
      const response = await app.request(asset as string);
      expect(response.status, asset).toBe(200);
      expect(response.headers.get("content-type")).toContain(type);
    }
    expect((await app.request("/assets/altcha-../../package.json")).status).toBe(404);
  });

  it("takes a sign-up with a solved challenge, and refuses one without, a forged one or the same one again", async () => {
    const { app } = buildApp(emulators, { challengeCost: 10 });
    const unsolved = uniqueAddress("unsolved");
    const refused = await app.request("/subscribe", signUp({ email: unsolved }));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("did not finish");
    const payload = await solved(app);
    const forged = JSON.parse(Buffer.from(payload, "base64").toString());
    // A key nobody derived: the challenge signs the one its counter derives.
    forged.solution.derivedKey = `${forged.solution.derivedKey.slice(0, -1)}${forged.solution.derivedKey.endsWith("0") ? "1" : "0"}`;
    const forgedResponse = await app.request(
      "/subscribe",
      signUp({ email: unsolved, altcha: Buffer.from(JSON.stringify(forged)).toString("base64") }),
    );
    expect(forgedResponse.status).toBe(400);
    expect(await emailsTo(emulators.ses, unsolved)).toHaveLength(0);

    const person = uniqueAddress("person");
    const accepted = await app.request("/subscribe", signUp({ email: person, altcha: payload }));
    expect(accepted.status).toBe(200);
    expect(await emailsTo(emulators.ses, person)).toHaveLength(1);
    const replayed = uniqueAddress("replayed");
    expect((await app.request("/subscribe", signUp({ email: replayed, altcha: payload }))).status).toBe(400);
    expect(await emailsTo(emulators.ses, replayed)).toHaveLength(0);
  });
});

describe("with the sign-up challenge off (the default)", () => {
  it("sends a form with no script at all, and serves no challenge", async () => {
    const { app } = buildApp(emulators);
    const home = await app.request("/");
    expect(await home.text()).not.toMatch(/<script|altcha/);
    expect(home.headers.get("content-security-policy")).not.toContain("script-src");
    expect((await app.request("/challenge")).status).toBe(404);
  });
});
