import {
  type BulkEmailEntryResult,
  CreateEmailTemplateCommand,
  GetAccountCommand,
  NotFoundException,
  SESv2Client,
  SendBulkEmailCommand,
  UpdateEmailTemplateCommand,
} from "@aws-sdk/client-sesv2";
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from "@smithy/types";
import type { RenderedIssue } from "../core/types.ts";
import {
  type BulkDestination,
  type BulkResult,
  type BulkSend,
  type Mailer,
  ThrottledError,
} from "../ports.ts";

/**
 * What each per-entry status of SendBulkEmail means, decided once: `rejected` is final for that
 * address, `retry` sends that address again, `halt` fails the whole batch (the account or the
 * template is the trouble: the claims go back, the batch is tried later, then dead-lettered with
 * an alarm). A status not in the table halts too: nothing is given up on a guess.
 */
export const SES_ENTRY_STATUSES: Record<string, BulkResult["outcome"]> = {
  SUCCESS: "sent",
  MESSAGE_REJECTED: "rejected",
  INVALID_PARAMETER: "rejected",
  TRANSIENT_FAILURE: "retry",
  FAILED: "retry",
  ACCOUNT_THROTTLED: "retry",
  ACCOUNT_DAILY_QUOTA_EXCEEDED: "halt",
  ACCOUNT_SENDING_PAUSED: "halt",
  ACCOUNT_SUSPENDED: "halt",
  CONFIGURATION_SET_NOT_FOUND: "halt",
  CONFIGURATION_SET_SENDING_PAUSED: "halt",
  MAIL_FROM_DOMAIN_NOT_VERIFIED: "halt",
  TEMPLATE_NOT_FOUND: "halt",
};
// CR or LF in a header value would let a value add headers of its own.
const LINE_BREAK = /[\r\n]/;

export interface SesBulkMailerOptions {
  sender: string;
  configurationSet?: string | undefined;
  client?: SESv2Client;
}

/**
 * Sends through SESv2 `SendBulkEmail`: one call per batch of up to 50 destinations, each with its
 * own template data, `ReplacementHeaders` and tags (issue, delivery id) that SES publishes with
 * its events. SendBulkEmail is not idempotent, so the client must retry only throttling (see
 * {@link bulkSendClient}); a throttled call that still fails is thrown as {@link ThrottledError},
 * anything else as it came (SES may have accepted it). Per-destination answers come back as a
 * {@link BulkResult}, classified by {@link SES_ENTRY_STATUSES}.
 */
export class SesBulkMailer implements Mailer {
  private readonly client: SESv2Client;
  private rate: Promise<number> | undefined;

  constructor(private readonly options: SesBulkMailerOptions) {
    this.client = options.client ?? bulkSendClient();
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

  async sendBulk(templateName: string, destinations: readonly BulkDestination[]): Promise<BulkSend> {
    const unsafe = destinations.filter(hasLineBreak);
    const safe = destinations.filter((d) => !hasLineBreak(d));
    const refused: BulkResult[] = unsafe.map((d) => ({
      email: d.email,
      outcome: "rejected",
      messageId: null,
      error: "line break in an address or header value",
    }));
    if (safe.length === 0) return { results: refused, attempts: 0 };
    const response = await this.client
      .send(
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
            ...(d.tags && {
              ReplacementTags: Object.entries(d.tags).map(([Name, Value]) => ({ Name, Value })),
            }),
          })),
        }),
      )
      .catch((error: unknown) => {
        throw isThrottling(error) ? new ThrottledError(String(error), { cause: error }) : error;
      });
    const results = response.BulkEmailEntryResults ?? [];
    return {
      results: [...safe.map((d, i) => toResult(d.email, results[i])), ...refused],
      attempts: response.$metadata.attempts ?? 1,
    };
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
  const outcome = SES_ENTRY_STATUSES[result.Status ?? ""] ?? "halt";
  return { email, outcome, messageId: null, error: `${result.Status}: ${result.Error ?? ""}`.trim() };
}

/** Throttling answers: the ones that guarantee SES accepted nothing of the call. */
function isThrottling(error: unknown): boolean {
  const e = error as {
    name?: string;
    $metadata?: { httpStatusCode?: number };
    $retryable?: { throttling?: boolean };
  };
  return (
    e.$retryable?.throttling === true ||
    e.$metadata?.httpStatusCode === 429 ||
    ["TooManyRequestsException", "ThrottlingException", "Throttling", "LimitExceededException"].includes(
      e.name ?? "",
    )
  );
}

/**
 * A retry strategy that retries throttling only, with full-jitter exponential backoff. Every
 * other failure (a 5xx, a timeout, a reset) may come after SES accepted a SendBulkEmail call, and
 * retrying that would send the batch twice.
 */
export class ThrottlingOnlyRetry implements RetryStrategyV2 {
  readonly mode = "throttling-only";

  constructor(
    private readonly maxAttempts = 6,
    private readonly baseDelayMs = 100,
    private readonly maxDelayMs = 5_000,
  ) {}

  async acquireInitialRetryToken(): Promise<RetryToken> {
    return token(0, 0);
  }

  async refreshRetryTokenForRetry(previous: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const count = previous.getRetryCount() + 1;
    if (info.errorType !== "THROTTLING" || count >= this.maxAttempts) throw new Error("no retry");
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** count);
    return token(count, Math.random() * ceiling);
  }

  recordSuccess(): void {}
}

function token(count: number, delay: number): RetryToken {
  return { getRetryCount: () => count, getRetryDelay: () => delay };
}

/** How long one SendBulkEmail call may take before the worker gives up on its answer. */
export const BULK_SEND_TIMEOUT_MS = 30_000;

/**
 * The SES client for bulk sends: retries throttling only ({@link ThrottlingOnlyRetry}) and gives
 * a call 30 s, so a hung connection cannot hold the worker to its timeout. The timeout must
 * throw: without `throwOnRequestTimeout` the SDK only logs a warning and keeps waiting.
 */
export function bulkSendClient(
  config: ConstructorParameters<typeof SESv2Client>[0] = {},
  retry: ThrottlingOnlyRetry = new ThrottlingOnlyRetry(),
  requestTimeout = BULK_SEND_TIMEOUT_MS,
): SESv2Client {
  return new SESv2Client({
    ...config,
    retryStrategy: retry,
    requestHandler: { requestTimeout, connectionTimeout: 5_000, throwOnRequestTimeout: true },
  });
}
