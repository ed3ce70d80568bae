import {
  type BulkEmailEntryResult,
  CreateEmailTemplateCommand,
  GetAccountCommand,
  NotFoundException,
  SESv2Client,
  SendBulkEmailCommand,
  UpdateEmailTemplateCommand,
} from "@aws-sdk/client-sesv2";
import type { RenderedIssue } from "../core/types.ts";
import type { BulkDestination, BulkResult, Mailer } from "../ports.ts";

/** Statuses SES may clear on a later try; every other failure is final for that address. */
const RETRYABLE = new Set([
  "TRANSIENT_FAILURE",
  "ACCOUNT_THROTTLED",
  "FAILED",
  "ACCOUNT_DAILY_QUOTA_EXCEEDED",
]);
// CR or LF in a header value would let a value add headers of its own.
const LINE_BREAK = /[\r\n]/;

export interface SesBulkMailerOptions {
  sender: string;
  configurationSet?: string | undefined;
  client?: SESv2Client;
}

/**
 * Sends through SESv2 `SendBulkEmail`: one call per batch of up to 50 destinations, each with its
 * own template data and `ReplacementHeaders`. The SDK client retries throttling and 5xx replies
 * with backoff (adaptive mode); what a call reports per destination comes back as a
 * {@link BulkResult} so the caller can retry only those that failed.
 */
export class SesBulkMailer implements Mailer {
  private readonly client: SESv2Client;
  private rate: Promise<number> | undefined;

  constructor(private readonly options: SesBulkMailerOptions) {
    this.client = options.client ?? new SESv2Client({ maxAttempts: 6, retryMode: "adaptive" });
  }

  async putTemplate(name: string, rendered: RenderedIssue): Promise<void> {
    const TemplateContent = { Subject: rendered.subject, Html: rendered.html, Text: rendered.text };
    try {
      await this.client.send(new UpdateEmailTemplateCommand({ TemplateName: name, TemplateContent }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await this.client.send(new CreateEmailTemplateCommand({ TemplateName: name, TemplateContent }));
    }
  }

  async sendBulk(templateName: string, destinations: readonly BulkDestination[]): Promise<BulkResult[]> {
    const unsafe = destinations.filter(hasLineBreak);
    const safe = destinations.filter((d) => !hasLineBreak(d));
    const refused: BulkResult[] = unsafe.map((d) => ({
      email: d.email,
      outcome: "rejected",
      messageId: null,
      error: "line break in an address or header value",
    }));
    if (safe.length === 0) return refused;
    const response = await this.client.send(
      new SendBulkEmailCommand({
        FromEmailAddress: this.options.sender,
        ConfigurationSetName: this.options.configurationSet,
        DefaultContent: { Template: { TemplateName: templateName, TemplateData: "{}" } },
        BulkEmailEntries: safe.map((d) => ({
          Destination: { ToAddresses: [d.email] },
          ReplacementEmailContent: {
            ReplacementTemplate: { ReplacementTemplateData: JSON.stringify(d.replacementData) },
          },
          ReplacementHeaders: Object.entries(d.headers).map(([Name, Value]) => ({ Name, Value })),
        })),
      }),
    );
    const results = response.BulkEmailEntryResults ?? [];
    return [...safe.map((d, i) => toResult(d.email, results[i])), ...refused];
  }

  /** The account's maximum send rate, read once; a failed read is forgotten, so the next call asks again. */
  maxSendRate(): Promise<number> {
    this.rate ??= this.client
      .send(new GetAccountCommand({}))
      .then((a) => a.SendQuota?.MaxSendRate ?? 1)
      .catch((error: unknown) => {
        this.rate = undefined;
        throw error;
      });
    return this.rate;
  }
}

/** SES says NotFoundException; some emulators say only 404, without the error type. */
function isNotFound(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return error instanceof NotFoundException || status === 404;
}

function hasLineBreak(d: BulkDestination): boolean {
  return (
    LINE_BREAK.test(d.email) ||
    Object.entries(d.headers).some(([k, v]) => LINE_BREAK.test(k) || LINE_BREAK.test(v))
  );
}

function toResult(email: string, result: BulkEmailEntryResult | undefined): BulkResult {
  if (!result) return { email, outcome: "retry", messageId: null, error: "no result for this destination" };
  if (result.Status === "SUCCESS") return { email, outcome: "sent", messageId: result.MessageId ?? null };
  const outcome = RETRYABLE.has(result.Status ?? "FAILED") ? "retry" : "rejected";
  return { email, outcome, messageId: null, error: `${result.Status}: ${result.Error ?? ""}`.trim() };
}
