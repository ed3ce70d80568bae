import { type DeliveryRow, FINAL_STATUSES, type SendEvent } from "../ports.ts";

interface EmulatorStore {
  emails: { messageId: string; destination: { to: string[] }; subject: string }[];
  templates: Record<string, { TemplateContent?: { Subject?: string } }>;
}

/**
 * LOCAL STAND-IN for SES's SEND events. aws-ses-v2-local publishes no events and keeps no tags,
 * so this reads the emulator's store (`GET /store`) instead: an unfinished row counts as sent when
 * the store holds a message to its address with its issue's subject (from the issue's
 * template), as SES publishes a SEND event for every message it took, whatever became of the
 * row since (a late event finds it `retry` or queued again). On AWS the configuration set's SEND events, tagged with issue and delivery id, do
 * this job (see the SES events function); nothing here runs there.
 */
export class EmulatorSendEventStandIn {
  constructor(
    private readonly sesUrl: string,
    private readonly templateNameFor: (issueId: string) => string,
  ) {}

  /** The SEND events SES would have published for these rows. */
  async eventsFor(rows: readonly DeliveryRow[]): Promise<SendEvent[]> {
    const open = rows.filter((r) => !FINAL_STATUSES.includes(r.status));
    if (open.length === 0) return [];
    const store = (await (await fetch(`${this.sesUrl}/store`)).json()) as EmulatorStore;
    const messages = new Map<string, string>();
    for (const email of store.emails)
      for (const to of email.destination.to)
        messages.set(`${to.toLowerCase()}\0${email.subject}`, email.messageId);
    return open.flatMap((row) => {
      const subject = store.templates[this.templateNameFor(row.issueId)]?.TemplateContent?.Subject;
      const messageId = subject === undefined ? undefined : messages.get(`${row.address}\0${subject}`);
      return messageId === undefined
        ? []
        : [{ issueId: row.issueId, subscriberId: row.subscriberId, messageId }];
    });
  }
}
