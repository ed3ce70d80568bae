import { recordSendEvents } from "../app/sweep-deliveries.ts";
import { sesEventsDeps } from "../deps/ses-events.ts";
import { type Telemetry, telemetryFor } from "../deps/telemetry.ts";
import type { DeliveryStore, SendEvent, SubscriberStore } from "../ports.ts";
import type { SnsEvent } from "./events.ts";
import { lazily } from "./events.ts";

/** The SES event fields read here (SES event publishing, delivered through SNS). */
interface SesEvent {
  eventType?: string;
  notificationType?: string;
  bounce?: { bounceType?: string; bouncedRecipients?: { emailAddress?: string }[] };
  complaint?: { complainedRecipients?: { emailAddress?: string }[] };
  mail?: { messageId?: string; tags?: Record<string, string[]> };
}

/**
 * Suppresses subscribers SES reports as undeliverable: a permanent bounce or a complaint stops all
 * further mail to that address. Transient bounces (a full mailbox) change nothing. A notification
 * that is not an SES event in JSON (SES's own "Successfully validated" test message, say) is
 * logged and skipped: retrying it could never succeed. A SEND event, tagged with its issue and
 * delivery id, is the reconciler's evidence: it marks that delivery `sent` (counted per issue as
 * `onrecord/DeliveriesReconciled`).
 */
export function createHandler(deps: {
  subscribers: SubscriberStore;
  deliveries: DeliveryStore;
  telemetry?: Telemetry;
}): (event: SnsEvent) => Promise<{ suppressed: number; skipped: number; reconciled: number }> {
  const { logger, metrics } = deps.telemetry ?? telemetryFor("ses-events");
  return async (event) => {
    let suppressed = 0;
    let skipped = 0;
    const sends: SendEvent[] = [];
    for (const record of event.Records) {
      const sesEvent = parseSesEvent(record.Sns.Message);
      if (!sesEvent) {
        logger.warn("skipped a notification that is not an SES event", {
          snsMessageId: record.Sns.MessageId,
        });
        skipped++;
        continue;
      }
      const send = sendEventIn(sesEvent);
      if (send) sends.push(send);
      for (const [email, reason] of suppressionsIn(sesEvent)) {
        await deps.subscribers.suppress(email, reason);
        suppressed++;
      }
    }
    const { reconciled, byIssue } = await recordSendEvents(sends, deps.deliveries);
    for (const [issueId, n] of Object.entries(byIssue)) metrics.add(issueId, { reconciled: n });
    metrics.publish();
    logger.info("SES events handled", { suppressed, skipped, reconciled });
    return { suppressed, skipped, reconciled };
  };
}

/** The delivery a SEND event is about, from the tags the worker gave its destination. */
function sendEventIn(event: SesEvent): SendEvent | null {
  if ((event.eventType ?? event.notificationType) !== "Send") return null;
  const issueId = event.mail?.tags?.issue?.[0];
  const subscriberId = event.mail?.tags?.delivery?.[0];
  if (!issueId || !subscriberId) return null;
  return { issueId, subscriberId, messageId: event.mail?.messageId ?? null };
}

function parseSesEvent(message: string): SesEvent | null {
  try {
    const parsed: unknown = JSON.parse(message);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as SesEvent)
      : null;
  } catch {
    return null;
  }
}

function suppressionsIn(event: SesEvent): [string, "bounced" | "complained"][] {
  const type = event.eventType ?? event.notificationType;
  if (type === "Bounce" && event.bounce?.bounceType === "Permanent") {
    return (event.bounce.bouncedRecipients ?? []).flatMap((r) =>
      r.emailAddress ? [[r.emailAddress, "bounced"]] : [],
    );
  }
  if (type === "Complaint") {
    return (event.complaint?.complainedRecipients ?? []).flatMap((r) =>
      r.emailAddress ? [[r.emailAddress, "complained"]] : [],
    );
  }
  return [];
}

export const handler = lazily(() => createHandler(sesEventsDeps(process.env)));
