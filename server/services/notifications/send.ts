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
import type { OutboundRules } from "@/server/domain/outbound-address";
import { postOutbound, type OutboundResult } from "./outbound-http";

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
  | { kind: "email"; smtpUrl: string; from: string; to: string };

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
  { rules, now = new Date() }: { rules: OutboundRules; now?: Date },
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
    case "sms": {
      const base = destination.apiBaseUrl.replace(/\/+$/, "");
      const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(destination.accountSid)}/Messages.json`;
      const credentials = Buffer.from(
        `${destination.accountSid}:${destination.authToken}`,
      ).toString("base64");
      return fromHttp(
        await postOutbound(
          url,
          {
            body: new URLSearchParams({
              To: destination.to,
              From: destination.from,
              Body: smsText(message),
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
    case "email":
      return sendEmail(destination, message);
  }
}

async function sendEmail(
  destination: Extract<Destination, { kind: "email" }>,
  message: NotificationMessage,
): Promise<SendResult> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  const transport = nodemailer.createTransport(destination.smtpUrl, {
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  });
  try {
    const mail = emailMessage(message);
    const info = await transport.sendMail({
      from: destination.from,
      to: destination.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
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
    const {
      responseCode,
      code,
      message: text,
    } = error as Error & {
      responseCode?: number;
      code?: string;
    };
    // A mail server's 5xx is final (the address or the account is wrong); 4xx and network trouble pass.
    const permanent = typeof responseCode === "number" && responseCode >= 500;
    return {
      result: "failed",
      outcome: { kind: permanent ? "rejected" : code === "ETIMEDOUT" ? "timeout" : "connection" },
      httpStatus: null,
      latencyMs: latency(),
      detail: `The mail server ${permanent ? "refused" : "could not take"} it: ${text}`.slice(
        0,
        300,
      ),
    };
  } finally {
    transport.close();
  }
}
