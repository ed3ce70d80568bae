import type { Context } from "hono";
import type { Subscriptions } from "../app/subscriptions.ts";
import type { IssueArchive, SecretSource } from "../ports.ts";
import type { SignupChallenge } from "./signup-challenge.ts";

/** What the web app needs, given by the Lambda handler and by the local server alike. */
export interface WebAppDeps {
  subscriptions: Subscriptions;
  archive: IssueArchive;
  /** Base URL of the app, for the feed's absolute links. */
  publicUrl: string;
  /** The client's address as the platform saw it (API Gateway's sourceIp, the socket's peer). */
  clientIp: (c: Context) => string;
  /**
   * Set when the app is served through CloudFront: the secret its requests carry (others are
   * refused); `clientIp` then reads the viewer's address CloudFront reports.
   */
  edgeSecret?: SecretSource;
  /** The optional proof-of-work check on the sign-up form (off when absent). */
  challenge?: SignupChallenge;
  /** Where failures are reported; never given an address or a token. */
  logError?: (error: unknown) => void;
}
