import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import type { Construct } from "constructs";
import type { DataStack } from "./data-stack.ts";
import { Feeds } from "./feeds.ts";
import { Ingest } from "./ingest.ts";
import { acknowledgePipelineFindings } from "./nag-suppressions.ts";
import { ScheduledCompose } from "./scheduled-compose.ts";
import { Sending } from "./sending.ts";
import { SesSetup } from "./ses-events.ts";
import type { PipelineSettings } from "./settings.ts";
import { WebApi, webDomainFrom } from "./web-api.ts";

export interface PipelineStackProps extends StackProps {
  data: DataStack;
  settings: PipelineSettings;
  /** The AWS WAF web ACL CloudFront puts in front of the web API (`webEdge`). */
  webAclArn?: string | undefined;
}

/**
 * The functions and their wiring: ingest from S3, the weekly schedule, the send queue and worker,
 * and SES's configuration set with bounce and complaint handling. Stateless: it can be destroyed
 * and deployed again without losing a subscriber or an article.
 */
export class PipelineStack extends Stack {
  readonly ingest: Ingest;
  readonly feeds: Feeds;
  readonly compose: ScheduledCompose;
  readonly sending: Sending;
  readonly ses: SesSetup;
  readonly web: WebApi;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);
    const { data, settings } = props;
    this.ses = new SesSetup(this, "Ses", {
      subscribers: data.subscribers,
      deliveries: data.deliveries,
      addressHashKeys: data.addressHashKeys,
      sender: settings.sender,
      senderIdentity: settings.senderIdentity,
    });
    this.web = new WebApi(this, "Web", {
      subscribers: data.subscribers,
      issues: data.issues,
      rateLimits: data.rateLimits,
      signingSecret: data.signingSecret,
      addressHashKeys: data.addressHashKeys,
      sender: settings.sender,
      configurationSetName: this.ses.configurationSet.configurationSetName,
      domain: webDomainFrom(this.node),
      publicUrl: settings.publicUrl,
      alerts: this.ses.alerts,
      edge: props.webAclArn ? { webAclArn: props.webAclArn } : undefined,
      signupChallengeCost: settings.signupChallengeCost,
    });
    // Unsubscribe and archive links in the digest point at the web app, wherever it is served.
    const publicUrl = this.web.publicUrl;
    if (settings.alarmEmail) this.ses.alerts.addSubscription(new EmailSubscription(settings.alarmEmail));
    this.ingest = new Ingest(this, "Ingest", {
      articles: data.articles,
      refusals: data.refusals,
      bucketArn: data.ingestBucketArnImport,
      alerts: this.ses.alerts,
    });
    this.feeds = new Feeds(this, "Feeds", {
      feeds: data.feeds,
      feedItems: data.feedItems,
      articles: data.articles,
      refusals: data.refusals,
      scheduleExpression: settings.feedPollSchedule,
      alerts: this.ses.alerts,
    });
    this.sending = new Sending(this, "Sending", {
      deliveries: data.deliveries,
      subscribers: data.subscribers,
      signingSecret: data.signingSecret,
      sender: settings.sender,
      configurationSetName: this.ses.configurationSet.configurationSetName,
      publicUrl,
      sendRate: settings.sendRate,
      concurrency: settings.sendConcurrency,
      alerts: this.ses.alerts,
    });
    this.compose = new ScheduledCompose(this, "Compose", {
      articles: data.articles,
      subscribers: data.subscribers,
      deliveries: data.deliveries,
      issues: data.issues,
      sendQueue: this.sending.queue,
      sender: settings.sender,
      scheduleExpression: settings.scheduleExpression,
      timeZone: settings.scheduleTimeZone,
      postalAddress: settings.postalAddress,
      senderName: settings.senderName,
      publicUrl,
      alerts: this.ses.alerts,
    });

    new CfnOutput(this, "IngestBucket", {
      value: data.ingestBucket.bucketName,
      description: "Drop article files here",
    });
    new CfnOutput(this, "ComposeFunction", { value: this.compose.composer.functionName });
    acknowledgePipelineFindings(this);
  }
}
