import "server-only";
import nodemailer from "nodemailer";
import { Webhook } from "standardwebhooks";
import { deliveredStatus, type AttemptOutcome } from "@/server/domain/delivery-retry";
import {
  emailMessage,
  slackPayload,
  smsText,
  teamsPayload,
  webhookPayload,
  type NotificationMessage,
} from "@/server/domain/notification-messages";
import { resolvedRefusal, type OutboundRules } from "@/server/domain/outbound-address";
import {
  checkMailServer,
  MAIL_SERVER_ADVICE,
  smtpFailure,
  smtpTransportOptions,
  type MailServer,
  type SmtpError,
} from "@/server/domain/outbound-smtp";
import { parseMailbox } from "@/server/contracts/notifications";
import { systemResolveHost } from "@/server/services/outbound-http";
import { postOutbound, type OutboundResult, type ResolveHost } from "./outbound-http";

/** Where one delivery goes, with its secrets already opened. */
export type Destination =
  | { kind: "teams"; url: string }
  | { kind: "slack"; url: string }
  /** Standard Webhooks: every secret (`whsec_…`) signs; two while one replaces the other. */
  | { kind: "webhook"; url: string; secrets: string[] }
  /** A Twilio-compatible REST API: POST {apiBaseUrl}/2010-04-01/Accounts/{accountSid}/Messages.json. */
  | {
      kind: "sms";
      apiBaseUrl: string;
      accountSid: string;
      authToken: string;
      from: string;
      to: string;
    }
  /** Through the mail server Standby uses (SMTP_URL), configured by whoever runs Standby. */
  | { kind: "email"; smtpUrl: string; from: string; to: string }
  /** Through an email channel's own mail server, which its admin set: the outbound guard applies. */
  | {
      kind: "email";
      server: MailServer & { password: string | null };
      from: string;
      to: string;
    };

export type SendResult = {
  /** accepted: the receiver took it but cannot confirm delivery (Teams answers 202 even when the flow fails later). */
  result: "delivered" | "accepted" | "failed";
  outcome: AttemptOutcome;
  httpStatus: number | null;
  latencyMs: number;
  /** For the delivery log, in words. */
  detail: string;
};

export const SEND_TIMEOUT_MS = 10_000;

function fromHttp(result: OutboundResult, acceptedMeans?: string): SendResult {
  if (!result.ok)
    return {
      result: "failed",
      outcome: { kind: result.problem.kind },
      httpStatus: null,
      latencyMs: result.problem.latencyMs,
      detail: result.problem.message,
    };
  const { status, retryAfter, body, latencyMs } = result.answer;
  const outcome: AttemptOutcome = { kind: "answered", status, retryAfter };
  if (status === 202 && acceptedMeans)
    return { result: "accepted", outcome, httpStatus: status, latencyMs, detail: acceptedMeans };
  if (deliveredStatus(status))
    return {
      result: "delivered",
      outcome,
      httpStatus: status,
      latencyMs,
      detail: `HTTP ${status}`,
    };
  const said = body.trim().replace(/\s+/g, " ").slice(0, 300);
  return {
    result: "failed",
    outcome,
    httpStatus: status,
    latencyMs,
    detail: `HTTP ${status}${said ? `: ${said}` : ""}`,
  };
}

/**
 * Sends one message to one destination, once: whether to try again is the caller's decision
 * (nextAttempt in delivery-retry.ts), made from `outcome`.
 */
export async function sendToDestination(
  destination: Destination,
  message: NotificationMessage,
  {
    rules,
    now = new Date(),
    resolveHost = systemResolveHost,
  }: {
    rules: OutboundRules;
    now?: Date;
    /** How host names are resolved: the system's resolver, or a test's stand-in for a DNS answer. */
    resolveHost?: ResolveHost;
  },
): Promise<SendResult> {
  const json = { "content-type": "application/json" };
  switch (destination.kind) {
    case "teams":
      return fromHttp(
        await postOutbound(
          destination.url,
          {
            body: JSON.stringify(teamsPayload(message)),
            headers: json,
            timeoutMs: SEND_TIMEOUT_MS,
          },
          rules,
        ),
        "Accepted by Teams — delivery can't be confirmed",
      );
    case "slack":
      return fromHttp(
        await postOutbound(
          destination.url,
          {
            body: JSON.stringify(slackPayload(message)),
            headers: json,
            timeoutMs: SEND_TIMEOUT_MS,
          },
          rules,
        ),
      );
    case "webhook": {
      const body = JSON.stringify(webhookPayload(message));
      const signatures = destination.secrets.map((secret) =>
        new Webhook(secret).sign(message.deliveryId, now, body),
      );
      return fromHttp(
        await postOutbound(
          destination.url,
          {
            body,
            headers: {
              ...json,
              "webhook-id": message.deliveryId,
              "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
              "webhook-signature": signatures.join(" "),
            },
            timeoutMs: SEND_TIMEOUT_MS,
          },
          rules,
        ),
      );
    }
    case "sms":
      return sendSmsText(destination, smsText(message), rules);
    case "email":
      return sendEmail(destination, message, rules, resolveHost);
  }
}

export type SmsDestination = Extract<Destination, { kind: "sms" }>;

/**
 * Sends one text through a Twilio-compatible API, once: a notification's text, or a message the
 * front desk wrote to a patient (patient outreach answers a reply through the same provider).
 */
export async function sendSmsText(
  destination: SmsDestination,
  text: string,
  rules: OutboundRules,
): Promise<SendResult> {
  const base = destination.apiBaseUrl.replace(/\/+$/, "");
  const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(destination.accountSid)}/Messages.json`;
  const credentials = Buffer.from(`${destination.accountSid}:${destination.authToken}`).toString(
    "base64",
  );
  return fromHttp(
    await postOutbound(
      url,
      {
        body: new URLSearchParams({
          To: destination.to,
          From: destination.from,
          Body: text,
        }).toString(),
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          authorization: `Basic ${credentials}`,
        },
        timeoutMs: SEND_TIMEOUT_MS,
      },
      rules,
    ),
  );
}

async function sendEmail(
  destination: Extract<Destination, { kind: "email" }>,
  message: NotificationMessage,
  rules: OutboundRules,
  resolveHost: ResolveHost,
): Promise<SendResult> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  const failed = ({ outcome, detail }: Pick<SendResult, "outcome" | "detail">): SendResult => ({
    result: "failed",
    outcome,
    httpStatus: null,
    latencyMs: latency(),
    detail: detail.slice(0, 300),
  });
  let transport: nodemailer.Transporter;
  if ("server" in destination) {
    const route = await mailServerAddress(destination.server, rules, resolveHost);
    if (!route.ok) return failed(route);
    transport = nodemailer.createTransport(
      smtpTransportOptions(destination.server, {
        address: route.address,
        password: destination.server.password,
        timeoutMs: SEND_TIMEOUT_MS,
      }),
    );
  } else
    transport = nodemailer.createTransport(destination.smtpUrl, {
      connectionTimeout: SEND_TIMEOUT_MS,
      greetingTimeout: SEND_TIMEOUT_MS,
      socketTimeout: SEND_TIMEOUT_MS,
    });
  try {
    const mail = emailMessage(message);
    // As name and address, so a name with a comma stays one sender.
    const from = parseMailbox(destination.from) ?? destination.from;
    const info = await transport.sendMail({
      from,
      to: destination.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      ...(message.calendarIcs
        ? {
            attachments: [
              {
                filename: "maintenance.ics",
                content: message.calendarIcs,
                contentType: `text/calendar; charset=utf-8; method=${/^METHOD:CANCEL/m.test(message.calendarIcs) ? "CANCEL" : "REQUEST"}`,
              },
            ],
          }
        : {}),
      // The same id on every attempt, so a mail client can tell a repeat.
      messageId: `<${message.deliveryId}@standby.notifications>`,
    });
    return {
      result: "delivered",
      outcome: { kind: "answered", status: 250, retryAfter: null },
      httpStatus: null,
      latencyMs: latency(),
      detail: `Accepted by the mail server: ${info.response}`.slice(0, 300),
    };
  } catch (error) {
    return failed(smtpFailure(error as SmtpError));
  } finally {
    transport.close();
  }
}

/**
 * The address to connect to for a channel's own mail server: its name checked, resolved, and every
 * address it resolves to checked (as outbound HTTP does); the connection then goes to the first.
 */
async function mailServerAddress(
  server: MailServer,
  rules: OutboundRules,
  resolveHost: ResolveHost,
): Promise<
  { ok: true; address: string } | ({ ok: false } & Pick<SendResult, "outcome" | "detail">)
> {
  const checked = checkMailServer(server, rules);
  if (!checked.ok) return { ok: false, outcome: { kind: "refused" }, detail: checked.reason };
  let found: { address: string }[];
  try {
    found = await resolveHost(server.host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      outcome: { kind: "connection" },
      detail:
        code === "ENOTFOUND"
          ? `The mail server's host name ${server.host} does not exist (DNS found no address).`
          : `Could not look up the mail server ${server.host} (${code ?? "DNS failed"}).`,
    };
  }
  const addresses = found.map((entry) => entry.address);
  const refusal = resolvedRefusal(server.host, addresses, rules.allow, MAIL_SERVER_ADVICE);
  if (refusal) return { ok: false, outcome: { kind: "refused" }, detail: refusal };
  return { ok: true, address: addresses[0]! };
}
