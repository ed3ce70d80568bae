import { CfnOutput, Duration, Stack } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import { SnsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import type { ISecret } from "aws-cdk-lib/aws-secretsmanager";
import {
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from "aws-cdk-lib/aws-ses";
import { Topic } from "aws-cdk-lib/aws-sns";
import type { Queue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { alarmOnDeadLetters, deadLetterQueue } from "./dead-letters.ts";
import { grantTable, sesArn } from "./grants.ts";
import { OnRecordFunction } from "./onrecord-function.ts";

export interface SesSetupProps {
  subscribers: ITable;
  deliveries: ITable;
  /** The keys that hash a suppressed address (it is kept as a hash only). */
  addressHashKeys: ISecret;
  sender: string;
  /** `create`: verify the sender's domain from this stack; `existing`: it is verified already. */
  senderIdentity: "create" | "existing";
}

/** The sending events the configuration set publishes: what became of each message SES was given. */
export const PUBLISHED_EVENTS = [
  EmailSendingEvent.SEND,
  EmailSendingEvent.DELIVERY,
  EmailSendingEvent.REJECT,
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
  EmailSendingEvent.RENDERING_FAILURE,
];

/**
 * SES for onrecord: a configuration set whose sending events (send, delivery, reject, bounce,
 * complaint, rendering failure) reach, through an encrypted SNS topic, the function that
 * suppresses bounced and complaining subscribers; the account-level suppression list switched on
 * for both; and, unless it exists, the sender's domain identity with Easy DKIM. Events the function
 * fails on every retry are kept in a dead-letter queue that raises an alarm.
 */
export class SesSetup extends Construct {
  readonly configurationSet: ConfigurationSet;
  readonly eventsTopic: Topic;
  readonly alerts: Topic;
  readonly eventHandler: OnRecordFunction;
  readonly key: Key;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: SesSetupProps) {
    super(scope, id);
    this.key = new Key(this, "TopicKey", {
      description: "Encrypts onrecord's SES event and alert topics",
      enableKeyRotation: true,
    });
    this.eventsTopic = new Topic(this, "Events", { masterKey: this.key, enforceSSL: true });
    this.alerts = new Topic(this, "Alerts", { masterKey: this.key, enforceSSL: true });

    this.configurationSet = new ConfigurationSet(this, "ConfigurationSet", {
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
    });
    // The services may use the key only on behalf of this account's own configuration set and
    // alarms (the confused-deputy conditions), never for another account's resources.
    this.allowServiceUse(
      "ses.amazonaws.com",
      sesArn(this, `configuration-set/${this.configurationSet.configurationSetName}`),
    );
    this.allowServiceUse("cloudwatch.amazonaws.com", cloudWatchAlarmArn(this, "*"));
    this.configurationSet.addEventDestination("SendingEvents", {
      destination: EventDestination.snsTopic(this.eventsTopic),
      events: PUBLISHED_EVENTS,
    });

    this.deadLetters = deadLetterQueue(this);
    this.eventHandler = new OnRecordFunction(this, "Suppressor", {
      handler: "ses-events",
      description: "Suppresses bounced and complaining subscribers; marks deliveries sent from SEND events",
      timeout: Duration.seconds(30),
      memorySize: 256,
      deadLetterQueue: this.deadLetters,
      environment: {
        ONRECORD_SUBSCRIBERS_TABLE: props.subscribers.tableName,
        ONRECORD_DELIVERIES_TABLE: props.deliveries.tableName,
        ONRECORD_ADDRESS_HASH_KEYS_ARN: props.addressHashKeys.secretArn,
      },
    });
    // SNS invokes the function asynchronously: Lambda retries a failed event twice, then keeps it.
    this.eventHandler.configureAsyncInvoke({ retryAttempts: 2 });
    this.eventHandler.addEventSource(
      new SnsEventSource(this.eventsTopic, { deadLetterQueue: this.deadLetters }),
    );
    alarmOnDeadLetters(
      this,
      this.deadLetters,
      "An SES event (a bounce, a complaint or a send) could not be handled after every retry.",
      this.alerts,
    );
    grantTable(this.eventHandler, props.subscribers, ["BatchGetItem", "PutItem", "DeleteItem"]);
    props.addressHashKeys.grantRead(this.eventHandler);
    // The reconciler: a SEND event marks its delivery sent.
    grantTable(this.eventHandler, props.deliveries, ["UpdateItem"]);

    if (props.senderIdentity === "create") {
      const domain = props.sender.split("@")[1] ?? props.sender;
      const identity = new EmailIdentity(this, "SenderDomain", {
        identity: Identity.domain(domain),
        configurationSet: this.configurationSet,
      });
      identity.dkimRecords.forEach((record, i) => {
        new CfnOutput(this, `DkimRecord${i + 1}`, {
          description: `DNS record ${i + 1} of 3 that verifies ${domain} for SES (Easy DKIM)`,
          value: `${record.name} CNAME ${record.value}`,
        });
      });
    }
  }

  private allowServiceUse(service: string, sourceArn: string): void {
    const { account } = Stack.of(this);
    this.key.addToResourcePolicy(
      new PolicyStatement({
        actions: ["kms:GenerateDataKey*", "kms:Decrypt"],
        principals: [new ServicePrincipal(service)],
        resources: ["*"],
        conditions: {
          StringEquals: { "aws:SourceAccount": account },
          ArnLike: { "aws:SourceArn": sourceArn },
        },
      }),
    );
  }
}

/** The ARN of a CloudWatch alarm (or a pattern of them) in this stack's account and region. */
function cloudWatchAlarmArn(scope: Construct, name: string): string {
  const { region, account, partition } = Stack.of(scope);
  return `arn:${partition}:cloudwatch:${region}:${account}:alarm:${name}`;
}
