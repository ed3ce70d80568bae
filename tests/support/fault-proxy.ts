import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface ProxiedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * What a fault rule does with one request: answer it with an error without forwarding it; forward
 * it and then lose the answer (`answerLost`: the emulator did the work, the caller hears an
 * error); drop the connection unanswered and unforwarded; or rewrite it and its answer.
 */
export type Fault =
  | { status: number; errorType: string; message?: string }
  | { answerLost: { status: number; errorType: string } }
  | { drop: true }
  | { hang: true }
  | { reply: { status: number; body: string } }
  | { rewrite: (body: string) => string; rewriteResponse: (body: string) => string };

/**
 * A FORWARDING HTTP proxy in front of an emulator that injects the faults an emulator cannot
 * produce (throttling, 5xx, an answer lost after the work was done, a dropped connection, a
 * request never answered, an answer of its own, a partly failed batch), decided per request by `rule`. Everything else is forwarded unchanged.
 */
export async function startFaultProxy(target: string, rule: (request: ProxiedRequest) => Fault | undefined) {
  const server = createServer(async (req, res) => {
    const request: ProxiedRequest = {
      method: req.method ?? "GET",
      path: req.url ?? "/",
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
      body: await readBody(req),
    };
    const fault = rule(request);
    if (fault && "drop" in fault) {
      req.socket.destroy();
      return;
    }
    // Never answered: the caller waits until it gives up or the proxy closes.
    if (fault && "hang" in fault) return;
    if (fault && "reply" in fault) {
      res.writeHead(fault.reply.status, { "content-type": "application/json" }).end(fault.reply.body);
      return;
    }
    if (fault && "status" in fault) {
      res
        .writeHead(fault.status, { "content-type": "application/json", "x-amzn-errortype": fault.errorType })
        .end(JSON.stringify({ __type: fault.errorType, message: fault.message ?? "injected fault" }));
      return;
    }
    const rewriting = fault && "rewrite" in fault ? fault : undefined;
    const body = rewriting ? rewriting.rewrite(request.body) : request.body;
    const headers = { ...request.headers };
    delete headers["content-length"];
    delete headers.host;
    const answer = await fetch(`${target}${request.path}`, {
      method: request.method,
      headers,
      ...(request.method !== "GET" && request.method !== "HEAD" && { body }),
    });
    let text = await answer.text();
    if (fault && "answerLost" in fault) {
      const { status, errorType } = fault.answerLost;
      res
        .writeHead(status, { "content-type": "application/json", "x-amzn-errortype": errorType })
        .end(JSON.stringify({ __type: errorType, message: "injected: the answer was lost" }));
      return;
    }
    if (rewriting) text = rewriting.rewriteResponse(text);
    res
      .writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" })
      .end(text);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
