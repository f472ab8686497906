import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { NotificationMessage } from "@/server/domain/notification-messages";
import {
  emptyAllowlist,
  parseOutboundAllowlist,
  type OutboundRules,
} from "@/server/domain/outbound-address";
import { startHttpReceiver, type HttpReceiver } from "@/server/test/http-receiver";
import { maintenanceIcs } from "@/server/domain/maintenance";
import { startSmtpSink, type SmtpSink } from "@/server/test/smtp-sink";
import { sendToDestination } from "./send";

// Tests deliver to loopback, which only the allowlist opens.
const rules: OutboundRules = {
  httpsOnly: false,
  allow: parseOutboundAllowlist("127.0.0.1, localhost"),
};
const now = new Date("2026-12-07T14:05:00Z");
const message: NotificationMessage = {
  event: "incident.declared",
  deliveryId: "msg_2b1e0c1f-8d8c-4c57-9a8e-0e6f3f1d2a11",
  mspName: "Summit IT Partners",
  practiceName: "Lakeside Family Medicine",
  headline: "Outage declared: EHR down <all sites>",
  status: "Investigating",
  link: "https://standby.example/practices/p1/incidents/i1",
  occurredAt: now,
};

let receiver: HttpReceiver;
let answers: { status: number; headers?: Record<string, string>; body?: string }[] = [];
let smtp: SmtpSink;
beforeAll(async () => {
  receiver = await startHttpReceiver(() => answers.shift() ?? { status: 200, body: "ok" });
  smtp = await startSmtpSink();
});
afterAll(async () => {
  await receiver.close();
  await smtp.close();
});
const last = () => receiver.received.at(-1)!;

describe("sending to each kind of channel", () => {
  test("Teams gets an Adaptive Card 1.4 in a message; its 202 is 'accepted', not 'delivered'", async () => {
    answers = [{ status: 202 }];
    const sent = await sendToDestination({ kind: "teams", url: `${receiver.url}/teams` }, message, {
      rules,
    });
    expect(sent).toMatchObject({
      result: "accepted",
      httpStatus: 202,
      detail: "Accepted by Teams — delivery can't be confirmed",
    });
    const body = JSON.parse(last().body);
    expect(body.type).toBe("message");
    expect(body.attachments[0].contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(body.attachments[0].content).toMatchObject({ type: "AdaptiveCard", version: "1.4" });
    expect(JSON.stringify(body)).toContain("Lakeside Family Medicine");
    expect(body.attachments[0].content.actions[0].url).toBe(message.link);
  });

  test("Slack gets blocks with the fallback text, markup characters escaped", async () => {
    const sent = await sendToDestination({ kind: "slack", url: `${receiver.url}/slack` }, message, {
      rules,
    });
    expect(sent.result).toBe("delivered");
    const body = JSON.parse(last().body);
    expect(body.text).toBe("Lakeside Family Medicine: Outage declared: EHR down <all sites>");
    expect(body.blocks[0].text.text).toContain("EHR down &lt;all sites&gt;");
  });

  test("a signed webhook verifies with the Standard Webhooks library, with either secret during a rotation", async () => {
    const oldSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const newSecret = `whsec_${Buffer.from("a-new-secret-of-32-bytes-length!").toString("base64")}`;
    await sendToDestination(
      { kind: "webhook", url: `${receiver.url}/hook`, secrets: [oldSecret, newSecret] },
      message,
      { rules, now: new Date() },
    );
    const { headers, body } = last();
    expect(headers["webhook-id"]).toBe(message.deliveryId);
    const signed = {
      "webhook-id": String(headers["webhook-id"]),
      "webhook-timestamp": String(headers["webhook-timestamp"]),
      "webhook-signature": String(headers["webhook-signature"]),
    };
    for (const secret of [oldSecret, newSecret])
      expect(new Webhook(secret).verify(body, signed)).toMatchObject({
        type: "incident.declared",
        data: { practice: "Lakeside Family Medicine", status: "Investigating" },
      });
    expect(() =>
      new Webhook(
        `whsec_${Buffer.from("someone-else-entirely-0123456789").toString("base64")}`,
      ).verify(body, signed),
    ).toThrow();
  });

  test("SMS goes to a Twilio-compatible API: form fields, basic auth, the account in the path", async () => {
    answers = [
      {
        status: 201,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ sid: "SM1", status: "queued" }),
      },
    ];
    const sent = await sendToDestination(
      {
        kind: "sms",
        apiBaseUrl: receiver.url,
        accountSid: "AC123",
        authToken: "tok",
        from: "+15005550006",
        to: "+15551234567",
      },
      message,
      { rules },
    );
    expect(sent.result).toBe("delivered");
    const request = last();
    expect(request.path).toBe("/2010-04-01/Accounts/AC123/Messages.json");
    expect(request.headers.authorization).toBe(
      `Basic ${Buffer.from("AC123:tok").toString("base64")}`,
    );
    const form = new URLSearchParams(request.body);
    expect(form.get("To")).toBe("+15551234567");
    expect(form.get("From")).toBe("+15005550006");
    expect(form.get("Body")).toBe(
      "Lakeside Family Medicine: Outage declared: EHR down <all sites> (Investigating) https://standby.example/practices/p1/incidents/i1",
    );
  });

  test("email reaches a real SMTP server with the delivery's id as its Message-ID", async () => {
    const sent = await sendToDestination(
      {
        kind: "email",
        smtpUrl: smtp.url,
        from: "Standby <alerts@summit.example>",
        to: "oncall@summit.example",
      },
      message,
      { rules },
    );
    expect(sent.result).toBe("delivered");
    const [mail] = smtp.to("oncall@summit.example");
    expect(mail!.subject).toBe(
      "[Standby] Lakeside Family Medicine: Outage declared: EHR down <all sites>",
    );
    expect(mail!.text).toContain("Status: Investigating");
    expect(mail!.html).toContain("EHR down &lt;all sites&gt;");
    expect(String(mail!.headers.get("message-id"))).toContain(message.deliveryId);
  });
});

test("a maintenance notice's email carries its invitation as maintenance.ics (text/calendar, its METHOD)", async () => {
  const ics = maintenanceIcs({
    windowId: "5b0f5d1e-9a55-4a35-9d2a-3f0f4c1b7e01",
    sequence: 2,
    cancelled: true,
    startsAt: new Date("2027-03-14T03:00:00Z"),
    endsAt: new Date("2027-03-14T07:00:00Z"),
    summary: "Planned maintenance: EHR upgrade — Lakeside Family Medicine",
    description: "Lakeside Family Medicine: EHR upgrade.",
    url: "https://standby.example/practices/p1/maintenance/w1",
    stamp: new Date("2027-03-01T00:00:00Z"),
    organizer: { name: "Standby", email: "alerts@summit.example" },
  });
  const sent = await sendToDestination(
    {
      kind: "email",
      smtpUrl: smtp.url,
      from: "Standby <alerts@summit.example>",
      to: "frontdesk@summit.example",
    },
    { ...message, event: "maintenance.changed", calendarIcs: ics },
    { rules },
  );
  expect(sent.result).toBe("delivered");
  const [mail] = smtp.to("frontdesk@summit.example");
  const [attachment] = mail!.attachments;
  expect(attachment!.filename).toBe("maintenance.ics");
  expect(attachment!.contentType).toBe("text/calendar");
  expect(mail!.raw).toMatch(/method=CANCEL/);
  const text = attachment!.content.toString("utf8");
  expect(text).toContain("METHOD:CANCEL");
  expect(text).toContain("STATUS:CANCELLED");
  expect(text).toContain("SEQUENCE:2");
  expect(text).toContain("UID:maintenance-5b0f5d1e-9a55-4a35-9d2a-3f0f4c1b7e01@standby");
  expect(text).toContain("DTSTART:20270314T030000Z");
});

describe("when a receiver fails", () => {
  test("a 5xx and a 429 say what happened and carry Retry-After for the retry decision", async () => {
    answers = [
      { status: 503, body: "flow  is\nbusy" },
      { status: 429, headers: { "retry-after": "120" } },
    ];
    const busy = await sendToDestination({ kind: "slack", url: `${receiver.url}/x` }, message, {
      rules,
    });
    expect(busy).toMatchObject({
      result: "failed",
      httpStatus: 503,
      detail: "HTTP 503: flow is busy",
    });
    const limited = await sendToDestination({ kind: "slack", url: `${receiver.url}/x` }, message, {
      rules,
    });
    expect(limited.outcome).toEqual({ kind: "answered", status: 429, retryAfter: "120" });
  });

  test("a receiver that does not answer in time is a timeout", async () => {
    const slow = await startHttpReceiver(() => new Promise(() => {}));
    try {
      const { postOutbound } = await import("./outbound-http");
      const result = await postOutbound(
        `${slow.url}/slow`,
        { body: "{}", headers: {}, timeoutMs: 300 },
        rules,
      );
      expect(result).toMatchObject({
        ok: false,
        problem: { kind: "timeout", message: "No answer within 0.3 s." },
      });
    } finally {
      await slow.close();
    }
  });

  test("a closed port is a connection failure, and a mail server that is not there is one too", async () => {
    const closed = await startHttpReceiver(() => ({ status: 200 }));
    const url = closed.url;
    await closed.close();
    const sent = await sendToDestination({ kind: "slack", url }, message, { rules });
    expect(sent).toMatchObject({
      result: "failed",
      outcome: { kind: "connection" },
      detail: "The receiver refused the connection.",
    });
    const mail = await sendToDestination(
      {
        kind: "email",
        smtpUrl: url.replace("http", "smtp"),
        from: "a@b.example",
        to: "c@d.example",
      },
      message,
      { rules },
    );
    expect(mail.outcome.kind).toBe("connection");
  });
});

describe("an email channel's own mail server", () => {
  const account = { username: "alerts@summit.example", password: "correct horse battery" };
  let own: SmtpSink;
  let busyOnce: Set<string>;
  beforeAll(async () => {
    busyOnce = new Set();
    own = await startSmtpSink(0, {
      auth: account,
      answerRecipient: (address) =>
        busyOnce.delete(address) ? { code: 451, message: "Mailbox busy, try later" } : null,
    });
  });
  afterAll(() => own.close());
  /** A name no DNS knows, answered with loopback by the test's resolver. */
  const toLoopback = async () => [{ address: "127.0.0.1", family: 4 }];
  const ownServer = (password: string) => ({
    kind: "email" as const,
    server: {
      host: "mail.summit.example",
      port: own.port,
      security: "none" as const,
      username: account.username,
      password,
    },
    from: '"Summit IT, on call" <alerts@summit.example>',
    to: "oncall@summit.example",
  });

  test("signs in and delivers there, connecting to the address the guard checked", async () => {
    const before = smtp.mail.length;
    const sent = await sendToDestination(ownServer(account.password), message, {
      rules,
      resolveHost: toLoopback,
    });
    expect(sent).toMatchObject({ result: "delivered", httpStatus: null });
    expect(sent.detail).toMatch(/^Accepted by the mail server: 250 /);
    expect(own.logins).toEqual([account.username]);
    const [mail] = own.to("oncall@summit.example");
    expect(mail!.from).toBe("alerts@summit.example");
    // The sender's name keeps its comma: one sender, not two.
    expect((mail!.headers.get("from") as { value: unknown[] }).value).toEqual([
      { name: "Summit IT, on call", address: "alerts@summit.example" },
    ]);
    expect(smtp.mail.length).toBe(before);
  });

  test("a wrong password fails for good, with the server's reply", async () => {
    const sent = await sendToDestination(ownServer("wrong"), message, {
      rules,
      resolveHost: toLoopback,
    });
    expect(sent).toMatchObject({
      result: "failed",
      outcome: { kind: "rejected" },
      detail: "The mail server refused it: SMTP 535 Authentication credentials invalid",
    });
    expect(sent.detail).not.toContain("wrong");
  });

  test("a 4xx reply is a failure to try again", async () => {
    busyOnce.add("oncall@summit.example");
    const before = own.mail.length;
    const sent = await sendToDestination(ownServer(account.password), message, {
      rules,
      resolveHost: toLoopback,
    });
    expect(sent).toMatchObject({
      result: "failed",
      outcome: { kind: "deferred" },
      detail: "The mail server asked to try later: SMTP 451 Mailbox busy, try later",
    });
    expect(own.mail.length).toBe(before);
  });

  test("a name resolving to loopback is refused without the allowlist; nothing connects", async () => {
    const guarded: OutboundRules = { httpsOnly: false, allow: emptyAllowlist };
    const logins = own.logins.length;
    const sent = await sendToDestination(ownServer(account.password), message, {
      rules: guarded,
      resolveHost: toLoopback,
    });
    expect(sent).toMatchObject({
      result: "failed",
      outcome: { kind: "refused" },
      detail:
        "mail.summit.example (127.0.0.1) is not a public internet address (loopback, private, link-local and metadata addresses are refused). Use your mail server's public name.",
    });
    expect(own.logins.length).toBe(logins);
    // The address typed as the host is judged before anything is resolved.
    const typed = await sendToDestination(
      { ...ownServer(account.password), server: { ...ownServer("").server, host: "127.0.0.1" } },
      message,
      { rules: guarded, resolveHost: toLoopback },
    );
    expect(typed).toMatchObject({ result: "failed", outcome: { kind: "refused" } });
  });

  test("in production a plain-text mail server on the internet is refused", async () => {
    const sent = await sendToDestination(ownServer(account.password), message, {
      rules: { httpsOnly: true, allow: emptyAllowlist },
      resolveHost: async () => [{ address: "203.0.113.7", family: 4 }],
    });
    expect(sent).toMatchObject({ result: "failed", outcome: { kind: "refused" } });
    expect(sent.detail).toMatch(/^Use TLS \(port 465\) or STARTTLS/);
  });
});

describe("the outbound guard at send time", () => {
  const guarded: OutboundRules = { httpsOnly: false, allow: emptyAllowlist };
  test("loopback is refused without the allowlist, before anything is sent", async () => {
    const before = receiver.received.length;
    const sent = await sendToDestination({ kind: "slack", url: `${receiver.url}/x` }, message, {
      rules: guarded,
    });
    expect(sent).toMatchObject({ result: "failed", outcome: { kind: "refused" } });
    expect(sent.detail).toMatch(/127\.0\.0\.1 is not a public internet address/);
    expect(receiver.received.length).toBe(before);
  });
  test("a host name that resolves to a private address is refused on the resolved address", async () => {
    // A public-looking name whose DNS answer is loopback (as in a rebinding attack): the typed address
    // passes, the resolved one is refused and nothing is sent.
    const { postOutbound } = await import("./outbound-http");
    const port = new URL(receiver.url).port;
    const before = receiver.received.length;
    const result = await postOutbound(
      `http://hooks.example.com:${port}/x`,
      { body: "{}", headers: {}, timeoutMs: 2_000 },
      guarded,
      async () => [{ address: "127.0.0.1", family: 4 }],
    );
    expect(result).toMatchObject({ ok: false, problem: { kind: "refused" } });
    if (!result.ok)
      expect(result.problem.message).toMatch(
        /hooks\.example\.com \(127\.0\.0\.1\) is not a public internet address/,
      );
    expect(receiver.received.length).toBe(before);
    // The same answer for an allowlisted address goes through.
    const allowed = await postOutbound(
      `http://hooks.example.com:${port}/x`,
      { body: "{}", headers: {}, timeoutMs: 2_000 },
      rules,
      async () => [{ address: "127.0.0.1", family: 4 }],
    );
    expect(allowed.ok).toBe(true);
  });
});
