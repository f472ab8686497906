/**
 * A small HTTP server on loopback that records every request it is sent and answers as a test says:
 * the Teams, Slack, signed-webhook and SMS counterparts of the notification tests.
 */
import http, { type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedRequest = {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
};

export type Answer = { status: number; headers?: Record<string, string>; body?: string };

export type HttpReceiver = {
  url: string;
  received: ReceivedRequest[];
  close: () => Promise<void>;
};

export async function startHttpReceiver(
  answer: (request: ReceivedRequest) => Answer | Promise<Answer>,
): Promise<HttpReceiver> {
  const received: ReceivedRequest[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const entry = {
        method: request.method ?? "",
        path: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      received.push(entry);
      void Promise.resolve(answer(entry)).then(({ status, headers, body }) => {
        if (response.destroyed) return;
        response.writeHead(status, headers);
        response.end(body ?? "");
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
