import { createHash, randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Loopback stand-ins, speaking the AWS wire protocols, for the three calls the Lambdas make to
 * services with no local emulator: S3 GetObject (path style), SQS SendMessageBatch (JSON 1.0)
 * and Secrets Manager GetSecretValue. They record what was sent so tests can deliver it onwards.
 */
export interface AwsStandIns {
  url: string;
  objects: Map<string, Uint8Array>;
  /** The object keys S3 GetObject was asked for, in order. */
  reads: string[];
  /** Bodies of the SQS messages sent, in order. */
  messages: { queueUrl: string; messageId: string; body: string; groupId?: string }[];
  secrets: Map<string, string>;
  close: () => Promise<void>;
}

export async function startAwsStandIns(): Promise<AwsStandIns> {
  const objects = new Map<string, Uint8Array>();
  const reads: string[] = [];
  const messages: AwsStandIns["messages"] = [];
  const secrets = new Map<string, string>();
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const target = String(req.headers["x-amz-target"] ?? "");
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { "content-type": "application/x-amz-json-1.0" }).end(JSON.stringify(value));
    };
    if (target === "AmazonSQS.SendMessageBatch") {
      const { QueueUrl, Entries } = JSON.parse(body.toString("utf8"));
      const Successful = (Entries as { Id: string; MessageBody: string; MessageGroupId?: string }[]).map(
        (entry) => {
          const messageId = randomUUID();
          messages.push({
            queueUrl: QueueUrl,
            messageId,
            body: entry.MessageBody,
            ...(entry.MessageGroupId && { groupId: entry.MessageGroupId }),
          });
          const MD5OfMessageBody = createHash("md5").update(entry.MessageBody).digest("hex");
          return { Id: entry.Id, MessageId: messageId, MD5OfMessageBody };
        },
      );
      return json(200, { Successful, Failed: [] });
    }
    if (target === "secretsmanager.GetSecretValue") {
      const { SecretId } = JSON.parse(body.toString("utf8"));
      const value = secrets.get(SecretId);
      if (value === undefined)
        return json(400, { __type: "ResourceNotFoundException", message: "no such secret" });
      return json(200, { ARN: SecretId, Name: SecretId, SecretString: value });
    }
    if (req.method === "GET") {
      const key = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname.slice(1));
      const object = objects.get(key);
      reads.push(key);
      if (!object) {
        res
          .writeHead(404, { "content-type": "application/xml" })
          .end("<Error><Code>NoSuchKey</Code></Error>");
        return;
      }
      res
        .writeHead(200, { "content-type": "application/octet-stream", "content-length": object.byteLength })
        .end(object);
      return;
    }
    res.writeHead(400).end(`stand-in does not know ${req.method} ${req.url} ${target}`);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    objects,
    reads,
    messages,
    secrets,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
