/**
 * The parts of the AWS Lambda events onrecord's handlers read (shapes as AWS documents them for
 * S3 notifications, SQS batches, SNS deliveries and EventBridge Scheduler invocations).
 */

export interface S3Event {
  Records: {
    eventName: string;
    eventTime: string;
    s3: { bucket: { name: string }; object: { key: string; size?: number } };
  }[];
}

export interface SqsEvent {
  Records: { messageId: string; body: string; attributes?: { ApproximateReceiveCount?: string } }[];
}

/** What an SQS-triggered handler returns so that only the failed messages are delivered again. */
export interface SqsBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

export interface SnsEvent {
  Records: { Sns: { Message: string; MessageId: string } }[];
}

/** The input the schedule sends: the time it fired, so a retried run composes the same week. */
export interface ComposeEvent {
  week?: string;
  scheduledTime?: string;
}

/** The part of Lambda's invocation context the handlers read. */
export interface LambdaContext {
  getRemainingTimeInMillis: () => number;
}

/** Builds the default handler on first use, so importing a module for its factory reads no settings. */
export function lazily<E, R>(
  build: () => (event: E, context?: LambdaContext) => Promise<R>,
): (event: E, context?: LambdaContext) => Promise<R> {
  let handler: ((event: E, context?: LambdaContext) => Promise<R>) | undefined;
  return (event, context) => {
    handler ??= build();
    return handler(event, context);
  };
}
