/**
 * A Twilio-compatible SMS provider on loopback, for the outreach tests, the browser suite and the
 * bench: it takes POST /2010-04-01/Accounts/{sid}/Messages.json with Basic auth (its own account id
 * and token, anything else is 401), answers with a message id, then reports the message's progress
 * to the StatusCallback it was given — queued, sent, delivered (or undelivered, for the numbers a
 * test chooses) — each report signed as the provider signs (X-Twilio-Signature). It can answer with
 * failures on purpose (500, or 429 with Retry-After) and records every message it took.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { smsRequestSignature } from "@/server/domain/sms-signature";

export type FakeSmsMessage = {
  sid: string;
  to: string;
  from: string;
  body: string;
  statusCallback: string | null;
  at: Date;
};

/** A status report as the provider sends it: the address, the form parameters and their signature. */
export type StatusReport = {
  url: string;
  params: Record<string, string>;
  signature: string;
};

export type FakeSmsProvider = {
  url: string;
  accountSid: string;
  authToken: string;
  /** Every message accepted, in order. */
  messages: FakeSmsMessage[];
  /** Every request to the messages API (accepted or not). */
  requests: number;
  /** The next `count` requests answer `status` (429 with Retry-After: `retryAfter` seconds). */
  failNext(count: number, status: 500 | 429 | 400, retryAfter?: number): void;
  /** Messages to these numbers end "undelivered" (error 30003) instead of "delivered". */
  undeliverable: Set<string>;
  /** Resolves once every status report sent so far has been answered. */
  settled(): Promise<void>;
  /** The reports sent, with the status code Standby answered. */
  reports: (StatusReport & { answered: number | null })[];
  close(): Promise<void>;
};

export type FakeSmsOptions = {
  port?: number;
  accountSid?: string;
  authToken?: string;
  /** Between two status reports of one message (default 20 ms). */
  reportEveryMs?: number;
  /** Instead of POSTing a report over HTTP (default), hands it to this (in-process tests). */
  deliverReport?: (report: StatusReport) => Promise<number>;
  /** No reports at all. */
  silent?: boolean;
  /** How long the API takes to answer each request (default: at once). */
  answerAfterMs?: number;
};

async function postReport(report: StatusReport): Promise<number> {
  const response = await fetch(report.url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": report.signature,
    },
    body: new URLSearchParams(report.params).toString(),
  });
  await response.arrayBuffer();
  return response.status;
}

export async function startFakeSmsProvider(options: FakeSmsOptions = {}): Promise<FakeSmsProvider> {
  const accountSid = options.accountSid ?? `AC${randomBytes(16).toString("hex")}`;
  const authToken = options.authToken ?? randomBytes(16).toString("hex");
  const every = options.reportEveryMs ?? 20;
  const deliver = options.deliverReport ?? postReport;
  const messages: FakeSmsMessage[] = [];
  const reports: FakeSmsProvider["reports"] = [];
  const pending = new Set<Promise<void>>();
  const undeliverable = new Set<string>();
  let failures: { count: number; status: number; retryAfter?: number } = { count: 0, status: 500 };
  let requests = 0;
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;
  const path = `/2010-04-01/Accounts/${accountSid}/Messages.json`;

  const report = (message: FakeSmsMessage) => {
    if (options.silent || !message.statusCallback) return;
    const final = undeliverable.has(message.to) ? "undelivered" : "delivered";
    const run = (async () => {
      for (const status of ["queued", "sent", final]) {
        await new Promise((resolve) => setTimeout(resolve, every));
        const params: Record<string, string> = {
          AccountSid: accountSid,
          ApiVersion: "2010-04-01",
          From: message.from,
          To: message.to,
          MessageSid: message.sid,
          SmsSid: message.sid,
          MessageStatus: status,
          SmsStatus: status,
          ...(status === "undelivered" ? { ErrorCode: "30003" } : {}),
        };
        const sent: StatusReport = {
          url: message.statusCallback!,
          params,
          signature: smsRequestSignature(authToken, message.statusCallback!, params),
        };
        const entry = { ...sent, answered: null as number | null };
        reports.push(entry);
        entry.answered = await deliver(sent).catch(() => null);
      }
    })();
    pending.add(run);
    void run.finally(() => pending.delete(run));
  };

  const settled = async () => {
    while (pending.size > 0) await Promise.all([...pending]);
  };

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const json = (
        status: number,
        body: unknown,
        headers: Record<string, string> = {},
        then?: () => void,
      ) => {
        const answer = () => {
          if (response.destroyed) return;
          response.writeHead(status, { "content-type": "application/json", ...headers });
          response.end(JSON.stringify(body));
          then?.();
        };
        if (options.answerAfterMs) setTimeout(answer, options.answerAfterMs);
        else answer();
      };
      if (request.method !== "POST" || request.url !== path)
        return json(404, { code: 20404, message: "The requested resource was not found" });
      requests += 1;
      if (request.headers.authorization !== expectedAuth)
        return json(401, { code: 20003, message: "Authenticate" });
      if (failures.count > 0) {
        failures.count -= 1;
        return failures.status === 429
          ? json(
              429,
              { code: 20429, message: "Too Many Requests" },
              { "retry-after": String(failures.retryAfter ?? 1) },
            )
          : failures.status === 400
            ? json(400, {
                code: 21211,
                message: "The 'To' number +15550000000 is not a valid phone number.",
              })
            : json(500, { code: 20500, message: "Internal Server Error" });
      }
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      const to = form.get("To") ?? "";
      const body = form.get("Body") ?? "";
      if (!to || !body)
        return json(400, { code: 21604, message: "A 'To' and a 'Body' are required." });
      const message: FakeSmsMessage = {
        sid: `SM${randomBytes(16).toString("hex")}`,
        to,
        from: form.get("From") ?? "",
        body,
        statusCallback: form.get("StatusCallback"),
        at: new Date(),
      };
      messages.push(message);
      json(
        201,
        {
          sid: message.sid,
          account_sid: accountSid,
          to,
          from: message.from,
          body,
          status: "queued",
          num_segments: "1",
          api_version: "2010-04-01",
        },
        {},
        () => report(message),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    messages,
    get requests() {
      return requests;
    },
    failNext(count, status, retryAfter) {
      failures = { count, status, retryAfter };
    },
    undeliverable,
    settled,
    reports,
    async close() {
      await settled();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
