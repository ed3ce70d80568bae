import { sesEventsDeps } from "../deps/ses-events.ts";
import type { SubscriberStore } from "../ports.ts";
import type { SnsEvent } from "./events.ts";
import { lazily } from "./events.ts";

/** The SES event fields read here (SES event publishing, delivered through SNS). */
interface SesEvent {
  eventType?: string;
  notificationType?: string;
  bounce?: { bounceType?: string; bouncedRecipients?: { emailAddress?: string }[] };
  complaint?: { complainedRecipients?: { emailAddress?: string }[] };
}

/**
 * Suppresses subscribers SES reports as undeliverable: a permanent bounce or a complaint stops all
 * further mail to that address. Transient bounces (a full mailbox) change nothing.
 */
export function createHandler(deps: {
  subscribers: SubscriberStore;
}): (event: SnsEvent) => Promise<{ suppressed: number }> {
  return async (event) => {
    let suppressed = 0;
    for (const record of event.Records) {
      for (const [email, reason] of suppressionsIn(JSON.parse(record.Sns.Message) as SesEvent)) {
        await deps.subscribers.suppress(email, reason);
        suppressed++;
      }
    }
    return { suppressed };
  };
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
