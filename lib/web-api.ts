import { CfnOutput, Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import {
  type CfnStage,
  DomainName,
  HttpApi,
  HttpMethod,
  LogGroupLogDestination,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { Certificate } from "aws-cdk-lib/aws-certificatemanager";
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import type { ISecret } from "aws-cdk-lib/aws-secretsmanager";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct, type Node } from "constructs";
import { ISSUES_TABLE, SUBSCRIBERS_TABLE } from "../lambdas/adapters/dynamo-tables.ts";
import { METRICS_NAMESPACE } from "../lambdas/adapters/emf-metrics.ts";
import { alarmOnDeadLetters, deadLetterQueue } from "./dead-letters.ts";
import { grantIndexQuery, grantTable, sesArn } from "./grants.ts";
import { OnRecordFunction } from "./onrecord-function.ts";
import { WebEdge } from "./web-edge.ts";

/** A custom domain for the web app, with its ACM certificate (in the stack's region). */
export interface WebDomain {
  domainName: string;
  certificateArn: string;
}

export interface WebApiProps {
  subscribers: ITable;
  issues: ITable;
  /** The web app's rate-limit counters (`RATE_LIMITS_TABLE`). */
  rateLimits: ITable;
  /** The key that signs confirmation and unsubscribe links (shared with the send worker). */
  signingSecret: ISecret;
  /** The keys that hash the addresses of people who leave (unsubscribing, in the web function). */
  addressHashKeys: ISecret;
  /** The From address of confirmation emails: an SES identity. */
  sender: string;
  configurationSetName?: string;
  domain?: WebDomain | undefined;
  /** The base URL links point at, when something else fronts the API (e.g. a CDN). */
  publicUrl?: string | undefined;
  /** Requests per second (steady, burst) across the whole API. */
  throttle?: { rateLimit: number; burstLimit: number };
  /** Requests per second (steady, burst) to `POST /subscribe`, a share of the whole. */
  signupThrottle?: { rateLimit: number; burstLimit: number };
  /** Where the alarms go (a sign-up that failed every retry, the confirmation budget spent). */
  alerts: ITopic;
  /** The sign-up form's proof-of-work check at this cost (`signupChallengeCost`); absent: none. */
  signupChallengeCost?: number | undefined;
  /** CloudFront with this AWS WAF web ACL in front of the API (`webEdge`); links then point at it. */
  edge?: { webAclArn: string } | undefined;
}

/** Enough for a newsletter's sign-ups and a burst of one-click unsubscribes after a send. */
export const DEFAULT_THROTTLE = { rateLimit: 50, burstLimit: 100 };
/**
 * Sign-ups get at most this much of it: a flood of `POST /subscribe` is throttled on its own
 * route, leaving the rest of the stage's allowance to one-click unsubscribes, confirmations and
 * the archive.
 */
export const DEFAULT_SIGNUP_THROTTLE = { rateLimit: 10, burstLimit: 20 };
/** The ALTCHA widget's files the web function serves when the sign-up challenge is on. */
const ALTCHA_FILES = ["external/altcha.min.js", "external/altcha.css", "workers/pbkdf2.js"];
/** Deliveries of one sign-up tried before SQS moves it to the dead-letter queue. */
const SIGNUP_MAX_RECEIVES = 5;
const SIGNUP_WORKER_TIMEOUT = Duration.seconds(30);

// Bundled SDK credential providers import these only for SSO and assumed roles, never on Lambda
// (credentials come from the environment): leaving them out keeps the bundle under 500 KB.
const UNUSED_SDK_MODULES = [
  "@aws-sdk/nested-clients/sts",
  "@aws-sdk/nested-clients/sso-oidc",
  "@aws-sdk/nested-clients/signin",
];

/**
 * The subscriber-facing web app: an API Gateway HTTP API whose every route goes to one Lambda
 * running the Hono app (`lambdas/handlers/web.ts`), with stage throttling, access logs without
 * client IPs or query strings (links carry tokens), and an optional custom domain. The function
 * gets exactly the table, index, secret and SES actions it calls.
 */
export class WebApi extends Construct {
  readonly api: HttpApi;
  readonly handler: OnRecordFunction;
  /** Accepted sign-ups, drained by {@link signupWorker}, which sends the confirmation emails. */
  readonly signups: Queue;
  readonly signupWorker: OnRecordFunction;
  /**
   * The base URL of the app: as configured, else the custom domain, else CloudFront's (with the
   * edge), else the API's own endpoint.
   */
  readonly publicUrl: string;
  /** CloudFront and AWS WAF in front of the API, when asked for. */
  readonly edge: WebEdge | undefined;

  constructor(scope: Construct, id: string, props: WebApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, "Api", {
      description: "onrecord: subscribe, confirm, unsubscribe, archive",
      createDefaultStage: false,
      disableExecuteApiEndpoint: props.domain !== undefined,
    });
    const domainName = props.domain && this.customDomain(props.domain);
    this.edge = props.edge && new WebEdge(this, "Edge", { api: this.api, webAclArn: props.edge.webAclArn });
    this.publicUrl =
      props.publicUrl ??
      (props.domain ? `https://${props.domain.domainName}` : (this.edge?.url ?? this.api.apiEndpoint));

    const signupDeadLetters = deadLetterQueue(this);
    this.signups = new Queue(this, "Signups", {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's advice for Lambda consumers: six times the function's timeout.
      visibilityTimeout: Duration.seconds(SIGNUP_WORKER_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(1),
      deadLetterQueue: { queue: signupDeadLetters, maxReceiveCount: SIGNUP_MAX_RECEIVES },
    });
    this.handler = new OnRecordFunction(this, "Function", {
      handler: "web",
      description: "The subscriber web app: sign-up, confirmation, one-click unsubscribe, archive",
      memorySize: 512,
      timeout: Duration.seconds(10),
      externalModules: UNUSED_SDK_MODULES,
      ...(props.signupChallengeCost && {
        // The challenge widget's files, served by the function, beside its bundle.
        afterBundling: (inputDir: string, outputDir: string) => [
          `mkdir -p "${outputDir}/altcha"`,
          ...ALTCHA_FILES.map(
            (file) => `cp "${inputDir}/node_modules/altcha/dist/${file}" "${outputDir}/altcha/"`,
          ),
        ],
      }),
      environment: {
        ONRECORD_SUBSCRIBERS_TABLE: props.subscribers.tableName,
        ONRECORD_ISSUES_TABLE: props.issues.tableName,
        ONRECORD_RATE_LIMITS_TABLE: props.rateLimits.tableName,
        ONRECORD_SIGNUP_QUEUE_URL: this.signups.queueUrl,
        ONRECORD_PUBLIC_URL: this.publicUrl,
        ONRECORD_UNSUBSCRIBE_SECRET_ARN: props.signingSecret.secretArn,
        ONRECORD_ADDRESS_HASH_KEYS_ARN: props.addressHashKeys.secretArn,
        ...(this.edge && { ONRECORD_EDGE_SECRET_ARN: this.edge.originSecret.secretArn }),
        ...(props.signupChallengeCost && {
          ONRECORD_SIGNUP_CHALLENGE_COST: String(props.signupChallengeCost),
        }),
      },
    });
    this.signupWorker = new OnRecordFunction(this, "SignupWorker", {
      handler: "signup-worker",
      description: "Sends the confirmation email of an accepted sign-up, within the caps",
      memorySize: 256,
      timeout: SIGNUP_WORKER_TIMEOUT,
      externalModules: UNUSED_SDK_MODULES,
      afterBundling: (inputDir, outputDir) => [
        `cd "${inputDir}" && node --import tsx lambdas/web/write-confirmation-template.ts "${outputDir}/confirmation-template.json"`,
      ],
      environment: {
        ONRECORD_SUBSCRIBERS_TABLE: props.subscribers.tableName,
        ONRECORD_RATE_LIMITS_TABLE: props.rateLimits.tableName,
        ONRECORD_SENDER: props.sender,
        ONRECORD_PUBLIC_URL: this.publicUrl,
        ONRECORD_UNSUBSCRIBE_SECRET_ARN: props.signingSecret.secretArn,
        ONRECORD_ADDRESS_HASH_KEYS_ARN: props.addressHashKeys.secretArn,
        ...(props.configurationSetName && { ONRECORD_CONFIGURATION_SET: props.configurationSetName }),
      },
    });
    this.signupWorker.addEventSource(
      new SqsEventSource(this.signups, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency: 2 }),
    );
    this.grant(props);
    alarmOnDeadLetters(
      this,
      signupDeadLetters,
      "A sign-up's confirmation email could not be sent after every retry.",
      props.alerts,
    );
    new Alarm(this, "ConfirmationBudgetAlarm", {
      alarmDescription:
        "The hourly budget of confirmation emails is spent: sign-ups are not being mailed (an attack, or a surge).",
      metric: new Metric({
        namespace: METRICS_NAMESPACE,
        metricName: "ConfirmationsOverBudget",
        dimensionsMap: { service: "signup-worker" },
        statistic: "Sum",
        period: Duration.minutes(5),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(props.alerts));

    const stage = this.api.addStage("Stage", {
      stageName: "$default",
      autoDeploy: true,
      throttle: props.throttle ?? DEFAULT_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs()),
        format: ACCESS_LOG_FORMAT,
      },
      ...(domainName && { domainMapping: { domainName } }),
    });
    const integration = new HttpLambdaIntegration("Proxy", this.handler);
    this.api.addRoutes({ path: "/{proxy+}", integration });
    this.api.addRoutes({ path: "/", integration });
    // Its own route, so that its own throttle applies to sign-ups alone.
    const [signupRoute] = this.api.addRoutes({ path: "/subscribe", methods: [HttpMethod.POST], integration });
    const signupThrottle = props.signupThrottle ?? DEFAULT_SIGNUP_THROTTLE;
    (stage.node.defaultChild as CfnStage).routeSettings = {
      "POST /subscribe": {
        ThrottlingRateLimit: signupThrottle.rateLimit,
        ThrottlingBurstLimit: signupThrottle.burstLimit,
      },
    };
    if (signupRoute) stage.node.addDependency(signupRoute);
    Validations.of(this.api).acknowledge({
      id: "AwsSolutions-APIG4",
      reason:
        "A public sign-up site: every route is for anonymous readers; links are authorised by signed tokens.",
    });
    new CfnOutput(this, "Url", { value: this.publicUrl, description: "The subscribe page" });
  }

  private customDomain(domain: WebDomain): DomainName {
    return new DomainName(this, "Domain", {
      domainName: domain.domainName,
      certificate: Certificate.fromCertificateArn(this, "Certificate", domain.certificateArn),
    });
  }

  private accessLogs(): LogGroup {
    return new LogGroup(this, "AccessLogs", {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }

  /**
   * The web function reads and writes subscribers by key (a leaving address's item deleted for
   * its hash) and finds a link's subscriber on `idEmail`, and Queries nothing else (never
   * `statusEmail`: a compromised public function must not list the confirmed addresses); it reads
   * issues, counts per-IP rates and queues sign-ups; only the worker sends email.
   */
  private grant(props: WebApiProps): void {
    const [, byId] = SUBSCRIBERS_TABLE.indexes;
    const subscriberActions = ["BatchGetItem", "PutItem", "DeleteItem"];
    grantTable(this.handler, props.subscribers, subscriberActions);
    grantIndexQuery(this.handler, props.subscribers, byId.name);
    grantTable(this.handler, props.issues, ["GetItem", "Query"], [ISSUES_TABLE.indexes[0].name]);
    grantTable(this.handler, props.rateLimits, ["UpdateItem", "BatchGetItem"]);
    props.signingSecret.grantRead(this.handler);
    props.addressHashKeys.grantRead(this.handler);
    this.edge?.originSecret.grantRead(this.handler);
    this.signups.grantSendMessages(this.handler);

    grantTable(this.signupWorker, props.subscribers, subscriberActions);
    props.addressHashKeys.grantRead(this.signupWorker);
    grantTable(this.signupWorker, props.rateLimits, ["UpdateItem", "BatchGetItem"]);
    props.signingSecret.grantRead(this.signupWorker);
    const domain = props.sender.split("@")[1] ?? props.sender;
    this.signupWorker.addToRolePolicy(
      new PolicyStatement({
        actions: ["ses:SendEmail"],
        resources: [
          sesArn(this, `identity/${domain}`),
          sesArn(this, `identity/${props.sender}`),
          ...(props.configurationSetName
            ? [sesArn(this, `configuration-set/${props.configurationSetName}`)]
            : []),
        ],
      }),
    );
  }
}

/** Reads the optional custom domain from CDK context: `webDomainName` and `webCertificateArn`. */
export function webDomainFrom(node: Node): WebDomain | undefined {
  const domainName = node.tryGetContext("webDomainName");
  const certificateArn = node.tryGetContext("webCertificateArn");
  if (!domainName && !certificateArn) return undefined;
  if (
    typeof domainName !== "string" ||
    typeof certificateArn !== "string" ||
    !/^[a-z0-9.-]+$/i.test(domainName)
  ) {
    throw new Error(
      "onrecord context: webDomainName and webCertificateArn go together (-c webDomainName=… -c webCertificateArn=arn:…)",
    );
  }
  return { domainName, certificateArn };
}

// Who asked for what and how it went, without the client's IP or the query string (links carry
// tokens): `$context.path` is the path alone.
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: "$context.requestId",
    time: "$context.requestTime",
    method: "$context.httpMethod",
    path: "$context.path",
    status: "$context.status",
    latencyMs: "$context.responseLatency",
    integrationError: "$context.integrationErrorMessage",
  }),
);
