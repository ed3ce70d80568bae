import { createHmac } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createChallenge, randomInt, verifySolution } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import type { RateLimiter, SecretSource } from "../ports.ts";

/** How long a challenge may be solved and sent: a person fills the form within minutes. */
const CHALLENGE_TTL_SECONDS = 10 * 60;
const ALGORITHM = "PBKDF2/SHA-256";

/** The widget's files the subscribe page loads, by the name the app serves them under. */
export const CHALLENGE_ASSETS = {
  "altcha.js": { file: "altcha.min.js", type: "text/javascript; charset=utf-8" },
  "altcha.css": { file: "altcha.css", type: "text/css; charset=utf-8" },
  "altcha-pbkdf2.js": { file: "pbkdf2.js", type: "text/javascript; charset=utf-8" },
} as const;
export type ChallengeAsset = keyof typeof CHALLENGE_ASSETS | "altcha-setup.js";

// The widget's strict-CSP build brings no workers: this registers the one its algorithm needs,
// served by the app like the widget itself, so the page needs no inline script and no blob: URL.
const SETUP_SCRIPT = `globalThis.$altcha.algorithms.set(${JSON.stringify(ALGORITHM)}, () => new Worker(new URL("altcha-pbkdf2.js", import.meta.url)));\n`;

export interface SignupChallengeOptions {
  /** PBKDF2 iterations per try; a client tries a few thousand times on average. */
  cost: number;
  /** The signing key, from which the challenges' own HMAC key is derived. */
  secret: SecretSource;
  /** Counts each solved challenge's use: a solution signs up once. */
  limiter: RateLimiter;
  /** Where the widget's files are: node_modules locally, beside the bundle on Lambda. */
  assetPath: (file: string) => URL | string;
  now?: () => Date;
}

/**
 * An optional proof-of-work challenge on the sign-up form (ALTCHA, self-hosted: no third party
 * sees a visitor). The browser spends a second or two of work before the form is sent, which costs
 * a person nothing and a script flooding sign-ups a great deal. Off unless configured.
 */
export class SignupChallenge {
  private readonly now: () => Date;

  constructor(private readonly options: SignupChallengeOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** A new signed challenge, as the widget fetches it. */
  async create(): Promise<unknown> {
    const key = await this.key();
    const { cost } = this.options;
    return createChallenge({
      algorithm: ALGORITHM,
      cost,
      counter: randomInt(2_000, 1_000),
      deriveKey,
      expiresAt: Math.floor(this.now().getTime() / 1000) + CHALLENGE_TTL_SECONDS,
      hmacSignatureSecret: key,
      hmacKeySignatureSecret: `${key}:key`,
    });
  }

  /** Whether the form's `altcha` field holds a solution of a challenge of ours, unused and unexpired. */
  async verify(field: unknown): Promise<boolean> {
    const payload = decode(field);
    if (!payload) return false;
    const key = await this.key();
    try {
      const result = await verifySolution({
        challenge: payload.challenge as never,
        solution: payload.solution as never,
        deriveKey,
        hmacSignatureSecret: key,
        hmacKeySignatureSecret: `${key}:key`,
      });
      if (!result.verified) return false;
    } catch {
      return false;
    }
    const signature = String((payload.challenge as { signature?: unknown }).signature);
    const used = await this.options.limiter.take(
      [
        {
          policy: { name: "challenge-used", limit: 1, windowSeconds: CHALLENGE_TTL_SECONDS },
          subject: createHmac("sha256", key).update(signature).digest("base64url").slice(0, 22),
        },
      ],
      this.now(),
    );
    return used.allowed;
  }

  /** One of the widget's files, or null for a name that is not one. */
  async asset(name: string): Promise<{ body: string; type: string } | null> {
    if (name === "altcha-setup.js") return { body: SETUP_SCRIPT, type: "text/javascript; charset=utf-8" };
    const asset = CHALLENGE_ASSETS[name as keyof typeof CHALLENGE_ASSETS];
    if (!asset) return null;
    return { body: await readFile(this.options.assetPath(asset.file), "utf8"), type: asset.type };
  }

  private async key(): Promise<string> {
    return createHmac("sha256", await this.options.secret.get())
      .update("signup-challenge")
      .digest("base64url");
  }
}

/** Where the widget's files are in node_modules (a local run, tests). */
export function nodeModulesAssetPath(file: string): URL {
  const folder = file === "pbkdf2.js" ? "workers" : "external";
  return new URL(`../../node_modules/altcha/dist/${folder}/${file}`, import.meta.url);
}

function decode(field: unknown): { challenge: object; solution: object } | null {
  if (typeof field !== "string" || field.length === 0 || field.length > 4096) return null;
  try {
    const parsed = JSON.parse(Buffer.from(field, "base64").toString("utf8"));
    return parsed && typeof parsed.challenge === "object" && typeof parsed.solution === "object"
      ? parsed
      : null;
  } catch {
    return null;
  }
}
