/**
 * Loopback counterparts for monitor tests: an HTTP site, a TCP port, a TLS endpoint with a
 * self-signed certificate made for the test, and a DNS server (dns2). Each can be switched off and
 * on again on the same port.
 */
import http from "node:http";
import net from "node:net";
import { type AddressInfo } from "node:net";
import tls from "node:tls";
import dns2 from "dns2";
import selfsigned from "selfsigned";

type Switchable = {
  port: number;
  off(): Promise<void>;
  on(): Promise<void>;
  close(): Promise<void>;
};

function switchable(server: net.Server): Promise<Switchable> {
  const sockets = new Set<net.Socket>();
  server.on("connection", (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("secureConnection", (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  let port = 0;
  let listening = false;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        port = (server.address() as AddressInfo).port;
        listening = true;
        resolve();
      });
    });
  const off = () =>
    new Promise<void>((resolve) => {
      if (!listening) return resolve();
      listening = false;
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return listen().then(() => ({
    get port() {
      return port;
    },
    off,
    on: () => (listening ? Promise.resolve() : listen()),
    close: off,
  }));
}

export type HttpTarget = Switchable & {
  url: string;
  /** What the site answers from now on. */
  answer: { status: number; body: string; delayMs: number };
  requests: number;
};

export async function startHttpTarget(): Promise<HttpTarget> {
  const state = {
    answer: { status: 200, body: "<h1>EHR portal: all systems normal</h1>", delayMs: 0 },
    requests: 0,
  };
  const server = http.createServer((request, response) => {
    state.requests++;
    const { status, body, delayMs } = state.answer;
    setTimeout(() => {
      response.writeHead(status, { "content-type": "text/html" });
      response.end(body);
    }, delayMs);
  });
  const base = await switchable(server);
  return Object.defineProperties(base, {
    url: { get: () => `http://127.0.0.1:${base.port}/status` },
    answer: {
      get: () => state.answer,
      set: (value: HttpTarget["answer"]) => (state.answer = value),
    },
    requests: { get: () => state.requests },
  }) as HttpTarget;
}

export async function startTcpTarget(): Promise<Switchable> {
  return switchable(net.createServer((socket) => socket.end()));
}

/** A TLS endpoint whose certificate expires `daysLeft` days from now. */
export async function startTlsTarget(daysLeft: number): Promise<Switchable> {
  const notBeforeDate = new Date(Date.now() - 24 * 3_600_000);
  const notAfterDate = new Date(Date.now() + daysLeft * 24 * 3_600_000 + 3_600_000);
  const pems = await selfsigned.generate([{ name: "commonName", value: "ehr.example.test" }], {
    keyType: "ec",
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
  });
  return switchable(
    tls.createServer({ key: pems.private, cert: pems.cert }, (socket) => socket.end()),
  );
}

export type DnsTarget = { server: string; close(): Promise<void> };

/** A DNS server on loopback answering from `records` ("A portal.example.test" → values). */
export async function startDnsServer(records: Record<string, string[]>): Promise<DnsTarget> {
  const { Packet } = dns2;
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const name = question!.name.toLowerCase();
      const type = Object.entries(Packet.TYPE).find(([, code]) => code === question!.type)?.[0];
      // dns2's types want built Resource objects; its encoder takes these plain ones.
      const answers = response.answers as unknown as Record<string, unknown>[];
      for (const value of records[`${type} ${name}`] ?? []) {
        const common = { name, class: Packet.CLASS.IN, ttl: 60 };
        if (type === "A") answers.push({ ...common, type: Packet.TYPE.A, address: value });
        else if (type === "TXT") answers.push({ ...common, type: Packet.TYPE.TXT, data: value });
        else if (type === "CNAME")
          answers.push({ ...common, type: Packet.TYPE.CNAME, domain: value });
      }
      send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: "127.0.0.1" } });
  const port = (addresses as unknown as { udp: AddressInfo }).udp.port;
  return { server: `127.0.0.1:${port}`, close: () => server.close() };
}
