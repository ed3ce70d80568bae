import type { BulkDestination } from "../ports.ts";

/** The recipient of one copy, as personalising it needs them. */
export interface Addressee {
  email: string;
}

/**
 * One recipient's template data and headers: their own unsubscribe link in the body and in the
 * `List-Unsubscribe` header with `List-Unsubscribe-Post` (RFC 8058 one-click), which Gmail and
 * Yahoo require of bulk senders.
 */
export function personaliseWith(
  unsubscribeUrlFor: (email: string) => string,
  replacementData: (recipient: Addressee, unsubscribeUrl: string) => Record<string, string>,
): (recipient: Addressee) => Pick<BulkDestination, "replacementData" | "headers"> {
  return (recipient) => {
    const unsubscribeUrl = unsubscribeUrlFor(recipient.email);
    return {
      replacementData: replacementData(recipient, unsubscribeUrl),
      headers: {
        "List-Unsubscribe": `<${unsubscribeUrl}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      },
    };
  };
}
