import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import type { MessageSender, OutgoingMessage } from "../ports.ts";

export interface SesMessageSenderOptions {
  /** The From address: an SES-verified identity. */
  sender: string;
  /** The configuration set that publishes bounce and complaint events. */
  configurationSet?: string | undefined;
  client?: SESv2Client;
}

/** Sends one message through SESv2 SendEmail: the confirmation email of a sign-up. */
export class SesMessageSender implements MessageSender {
  private readonly client: SESv2Client;

  constructor(private readonly options: SesMessageSenderOptions) {
    this.client = options.client ?? new SESv2Client({});
  }

  async send(message: OutgoingMessage): Promise<string> {
    const { MessageId } = await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: this.options.sender,
        Destination: { ToAddresses: [message.to] },
        ...(this.options.configurationSet && { ConfigurationSetName: this.options.configurationSet }),
        Content: {
          Simple: {
            Subject: { Data: message.subject, Charset: "UTF-8" },
            Body: {
              Html: { Data: message.html, Charset: "UTF-8" },
              Text: { Data: message.text, Charset: "UTF-8" },
            },
          },
        },
      }),
    );
    return MessageId ?? "";
  }
}
