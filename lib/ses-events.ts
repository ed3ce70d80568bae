import { CfnOutput, Duration } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import { SnsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import {
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from "aws-cdk-lib/aws-ses";
import { Topic } from "aws-cdk-lib/aws-sns";
import { Construct } from "constructs";
import { grantTable } from "./grants.ts";
import { OnRecordFunction } from "./onrecord-function.ts";

export interface SesSetupProps {
  subscribers: ITable;
  sender: string;
  /** `create`: verify the sender's domain from this stack; `existing`: it is verified already. */
  senderIdentity: "create" | "existing";
}

/**
 * SES for onrecord: a configuration set whose bounce and complaint events reach (through an
 * encrypted SNS topic) a function that suppresses the subscriber, the account-level suppression
 * list switched on for both, and, unless it exists, the sender's domain identity with Easy DKIM.
 */
export class SesSetup extends Construct {
  readonly configurationSet: ConfigurationSet;
  readonly eventsTopic: Topic;
  readonly alerts: Topic;
  readonly eventHandler: OnRecordFunction;
  readonly key: Key;

  constructor(scope: Construct, id: string, props: SesSetupProps) {
    super(scope, id);
    this.key = new Key(this, "TopicKey", {
      description: "Encrypts onrecord's SES event and alert topics",
      enableKeyRotation: true,
    });
    for (const service of ["ses.amazonaws.com", "cloudwatch.amazonaws.com"]) {
      this.key.addToResourcePolicy(
        new PolicyStatement({
          actions: ["kms:GenerateDataKey*", "kms:Decrypt"],
          principals: [new ServicePrincipal(service)],
          resources: ["*"],
        }),
      );
    }
    this.eventsTopic = new Topic(this, "Events", { masterKey: this.key, enforceSSL: true });
    this.alerts = new Topic(this, "Alerts", { masterKey: this.key, enforceSSL: true });

    this.configurationSet = new ConfigurationSet(this, "ConfigurationSet", {
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
    });
    this.configurationSet.addEventDestination("BouncesAndComplaints", {
      destination: EventDestination.snsTopic(this.eventsTopic),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });

    this.eventHandler = new OnRecordFunction(this, "Suppressor", {
      handler: "ses-events",
      description: "Suppresses subscribers whose address bounced permanently or who complained",
      timeout: Duration.seconds(30),
      memorySize: 256,
      environment: { ONRECORD_SUBSCRIBERS_TABLE: props.subscribers.tableName },
    });
    this.eventHandler.addEventSource(new SnsEventSource(this.eventsTopic));
    grantTable(this.eventHandler, props.subscribers, ["GetItem", "PutItem", "UpdateItem"]);

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
}
