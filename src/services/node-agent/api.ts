// The agent's HTTP API for the training process (docs/rules.md §13), on 127.0.0.1 only. JSON in and
// out; every request but GET /health carries `Authorization: Bearer <FEDPAY_AGENT_TOKEN>`. A refused
// request answers 400 / 401 / 404 / 409 with { error: "<plain sentence>" } and sends nothing.
import { createHash, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { LogLine } from "../shared/log.ts";
import type { Answer, NodeAgent } from "./agent.ts";

const MAX_BODY_BYTES = 16 * 1024;

export interface AgentServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

const digest = (text: string) => createHash("sha256").update(text).digest();

/** Whether the request carries the token (compared in constant time). */
function authorized(request: http.IncomingMessage, token: string): boolean {
  const header = request.headers.authorization ?? "";
  const match = /^Bearer (.+)$/i.exec(header.trim());
  return !!match && timingSafeEqual(digest(match[1]!), digest(token));
}

function readBody(
  request: http.IncomingMessage,
): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on("end", () => {
      if (size > MAX_BODY_BYTES)
        return resolve({ ok: false, error: `The body is larger than ${MAX_BODY_BYTES} bytes.` });
      const text = Buffer.concat(chunks).toString("utf8").trim();
      if (text === "") return resolve({ ok: true, value: {} });
      try {
        resolve({ ok: true, value: JSON.parse(text) });
      } catch {
        resolve({ ok: false, error: "The body is not JSON." });
      }
    });
    request.on("error", () => resolve({ ok: false, error: "The body could not be read." }));
  });
}

function send(response: http.ServerResponse, answer: Answer): void {
  const body = JSON.stringify(answer.body);
  response.writeHead(answer.code, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
  });
  response.end(body);
}

const refuse = (code: number, error: string): Answer => ({ code, body: { error } });

/** What one request asks, answered by the agent. */
async function route(
  agent: NodeAgent,
  request: http.IncomingMessage,
  token: string,
  response: http.ServerResponse,
): Promise<Answer | undefined> {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  const method = request.method ?? "GET";
  const path = url.pathname.replace(/\/+$/, "") || "/";
  if (path === "/health") return method === "GET" ? agent.health() : refuse(405, "Use GET /health.");
  if (!authorized(request, token)) {
    response.setHeader("www-authenticate", 'Bearer realm="fedpay-agent"');
    return refuse(401, "Missing or wrong bearer token: send Authorization: Bearer <FEDPAY_AGENT_TOKEN>.");
  }
  if (path === "/metrics") {
    if (method !== "GET") return refuse(405, "Use GET /metrics.");
    response.writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
    response.end(agent.metrics());
    return undefined;
  }
  if (path === "/jobs") {
    if (method !== "GET") return refuse(405, "Use GET /jobs.");
    const active = url.searchParams.get("active");
    return agent.listJobs(active === "1" || active === "true");
  }
  const match = /^\/jobs\/([^/]+)\/(progress|failure|replacement|challenge)$/.exec(path);
  if (!match) return refuse(404, `No such endpoint: ${method} ${path}.`);
  if (method !== "POST") return refuse(405, `Use POST ${path}.`);
  const [, id, what] = match as unknown as [string, string, string];
  const body = await readBody(request);
  if (!body.ok) return refuse(400, body.error);
  switch (what) {
    case "progress":
      return agent.postProgress(id, body.value);
    case "failure":
      return agent.reportFailure(id);
    case "replacement":
      return agent.requestReplacement(id, body.value);
    default:
      return agent.challenge(id);
  }
}

/** Serves the agent's API on 127.0.0.1:`port` (0: any free port). */
export function serveAgentApi(
  agent: NodeAgent,
  options: { port: number; token: string; log: LogLine },
): Promise<AgentServer> {
  const server = http.createServer((request, response) => {
    route(agent, request, options.token, response)
      .then((answer) => {
        if (answer) send(response, answer);
      })
      .catch((error: unknown) => {
        const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
        options.log(`API ${request.method} ${request.url} failed: ${reason}`);
        if (!response.headersSent)
          send(response, refuse(503, `The agent could not answer now (${reason}); nothing was sent.`));
      });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    // Loopback only: the training process runs on the same machine; nothing else may reach the key.
    server.listen(options.port, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        port,
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
