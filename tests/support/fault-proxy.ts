import { once } from "node:events";
import { Agent, createServer, request as httpRequest, type IncomingMessage } from "node:http";
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
 * error; `forwardThenHang`: the emulator did the work, the caller never hears back); drop the
 * connection unanswered and unforwarded; or rewrite it and its answer.
 */
export type Fault =
  | { status: number; errorType: string; message?: string }
  | { answerLost: { status: number; errorType: string } }
  | { forwardThenHang: true }
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
  // Connections to the emulator kept open: a fault bench forwards hundreds of thousands of requests.
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  // Requests forwarded whose answer the emulator has not given yet.
  const inFlight = new Set<Promise<unknown>>();
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
    const forwarding = forward(target, request, body, agent).catch(() => null);
    inFlight.add(forwarding);
    void forwarding.finally(() => inFlight.delete(forwarding));
    const answer = await forwarding;
    // The emulator is gone (closing): the caller sees a dropped connection.
    if (answer === null) return void req.socket.destroy();
    let text = answer.body;
    if (fault && "forwardThenHang" in fault) return;
    if (fault && "answerLost" in fault) {
      const { status, errorType } = fault.answerLost;
      res
        .writeHead(status, { "content-type": "application/json", "x-amzn-errortype": errorType })
        .end(JSON.stringify({ __type: errorType, message: "injected: the answer was lost" }));
      return;
    }
    if (rewriting) text = rewriting.rewriteResponse(text);
    res.writeHead(answer.status, { "content-type": answer.contentType ?? "application/json" }).end(text);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    /** Resolves once every request forwarded so far has its answer (the emulator did its work). */
    settled: async () => {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends the request on to the emulator as it came (its body perhaps rewritten); the whole answer. */
function forward(
  target: string,
  request: ProxiedRequest,
  body: string,
  agent: Agent,
): Promise<{ status: number; contentType: string | undefined; body: string }> {
  const headers: Record<string, string> = { ...request.headers };
  // Answers uncompressed, so a rule can read and rewrite them; the body's length as sent on.
  for (const name of ["host", "accept-encoding", "transfer-encoding"]) delete headers[name];
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  if (hasBody) headers["content-length"] = String(Buffer.byteLength(body));
  else delete headers["content-length"];
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      `${target}${request.path}`,
      { method: request.method, headers, agent },
      (answer) => {
        readBody(answer).then(
          (text) =>
            resolve({
              status: answer.statusCode ?? 502,
              contentType: answer.headers["content-type"],
              body: text,
            }),
          reject,
        );
      },
    );
    outgoing.on("error", reject);
    outgoing.end(hasBody ? body : undefined);
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
