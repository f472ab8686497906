/**
 * How patient messages leave Standby: texts through the SMS channel an admin marked "Use this number
 * for patient messages" (the practice's own, else the MSP-wide one), email through the mail server
 * Standby uses (SMTP_URL). With neither, messages stay in Standby's outbox, marked not sent.
 */
import "server-only";
import nodemailer from "nodemailer";
import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { notificationChannels, practiceSites } from "@/db/schema";
import type { AttemptOutcome } from "@/server/domain/delivery-retry";
import { deliveredStatus } from "@/server/domain/delivery-retry";
import { smtpFailure, type SmtpError } from "@/server/domain/outbound-smtp";
import { scrubbedProviderError } from "@/server/domain/outreach";
import { env } from "@/server/env";
import { smsAccountOf, type SmsAccount } from "@/server/services/notifications/channels";
import { outboundRules, publicAppUrl } from "@/server/services/notifications/config";
import { SEND_TIMEOUT_MS } from "@/server/services/notifications/send";
import { headerOf, sendOutbound } from "@/server/services/outbound-http";

type Scope = { tx: Transaction; mspId: string };

/**
 * The SMS channel that sends this practice's patient messages: its own marked channel, else one
 * marked for the whole MSP (the oldest first). Null when none is marked.
 */
export async function patientSmsChannel(ctx: Scope, practiceId: string) {
  const [row] = await ctx.tx
    .select()
    .from(notificationChannels)
    .where(
      and(
        eq(notificationChannels.mspId, ctx.mspId),
        eq(notificationChannels.kind, "sms"),
        isNull(notificationChannels.removedAt),
        sql`${notificationChannels.settings}->>'patientOutreach' = 'true'`,
        or(
          eq(notificationChannels.practiceId, practiceId),
          isNull(notificationChannels.practiceId),
        ),
      ),
    )
    .orderBy(
      sql`${notificationChannels.practiceId} is null`,
      asc(notificationChannels.createdAt),
      asc(notificationChannels.id),
    )
    .limit(1);
  return row ?? null;
}

/** What can send for a practice, in words for the page (no secret). */
export async function outreachProviders(ctx: Scope, practiceId: string) {
  const channel = await patientSmsChannel(ctx, practiceId);
  return {
    sms: channel
      ? { channelId: channel.id, name: channel.name, practiceWide: channel.practiceId !== null }
      : null,
    email: Boolean(env().SMTP_URL),
  };
}
export type OutreachProviders = Awaited<ReturnType<typeof outreachProviders>>;

/** The SMS account that sends for a practice, its token opened (the worker only). */
export async function patientSmsAccount(
  ctx: Scope,
  practiceId: string,
): Promise<SmsAccount | null> {
  const channel = await patientSmsChannel(ctx, practiceId);
  return channel ? smsAccountOf(channel) : null;
}

/**
 * The practice's phone for {practice_phone}: its main site's (the first site, which every practice
 * has and the practice page edits), or "" when it has no site.
 */
export async function practicePhoneOf(ctx: Scope, practiceId: string): Promise<string> {
  const [site] = await ctx.tx
    .select({ phone: practiceSites.phone })
    .from(practiceSites)
    .where(and(eq(practiceSites.mspId, ctx.mspId), eq(practiceSites.practiceId, practiceId)))
    .orderBy(asc(practiceSites.position))
    .limit(1);
  return site?.phone ?? "";
}

/** Where the provider reports a text's delivery: Standby's callback for the channel that sent it. */
export const statusCallbackPath = (channelId: string) => `/api/outreach/sms/${channelId}/status`;
export const statusCallbackUrl = (channelId: string) =>
  `${publicAppUrl()}${statusCallbackPath(channelId)}`;

export type ProviderResult =
  | { ok: true; providerMessageId: string | null; detail: string }
  | { ok: false; outcome: AttemptOutcome; detail: string };

/**
 * Sends one text: POST {apiBaseUrl}/2010-04-01/Accounts/{sid}/Messages.json with Basic auth, To,
 * From, Body and StatusCallback, through the outbound guard. The provider's error (scrubbed of any
 * number it quotes) is kept; the message's text never is.
 */
export async function sendPatientSms(
  account: SmsAccount,
  message: { to: string; body: string },
): Promise<ProviderResult> {
  const base = account.apiBaseUrl.replace(/\/+$/, "");
  const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(account.accountSid)}/Messages.json`;
  const credentials = Buffer.from(`${account.accountSid}:${account.authToken}`).toString("base64");
  const exchange = await sendOutbound(
    url,
    {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
        authorization: `Basic ${credentials}`,
      },
      body: new URLSearchParams({
        To: message.to,
        From: account.from,
        Body: message.body,
        StatusCallback: statusCallbackUrl(account.channelId),
      }).toString(),
      timeoutMs: SEND_TIMEOUT_MS,
      maxBodyBytes: 64_000,
      userAgent: "Standby-Outreach/1",
      peer: "SMS provider",
    },
    outboundRules(),
  );
  if (!exchange.ok)
    return {
      ok: false,
      outcome: { kind: exchange.problem.kind },
      detail: exchange.problem.message,
    };
  const { status, headers, body } = exchange.response;
  let answer: { sid?: unknown; code?: unknown; message?: unknown } = {};
  try {
    answer = JSON.parse(body.toString("utf8")) as typeof answer;
  } catch {
    // Not JSON: the status alone says what happened.
  }
  if (deliveredStatus(status))
    return {
      ok: true,
      providerMessageId: typeof answer.sid === "string" ? answer.sid.slice(0, 64) : null,
      detail: `HTTP ${status}`,
    };
  const said = [
    typeof answer.code === "number" || typeof answer.code === "string"
      ? `error ${answer.code}`
      : "",
    typeof answer.message === "string" ? answer.message : "",
  ]
    .filter(Boolean)
    .join(": ");
  return {
    ok: false,
    outcome: { kind: "answered", status, retryAfter: headerOf(headers, "retry-after") },
    detail: scrubbedProviderError(`HTTP ${status}${said ? ` — ${said}` : ""}`),
  };
}

/** Sends one email through SMTP_URL (null when it is not set). */
export async function sendPatientEmail(message: {
  to: string;
  subject: string;
  body: string;
  messageId: string;
}): Promise<ProviderResult | null> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) return null;
  const transport = nodemailer.createTransport(SMTP_URL, {
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  });
  try {
    await transport.sendMail({
      from: MAIL_FROM,
      to: message.to,
      subject: message.subject,
      text: message.body,
      // The same id on every attempt, so a mail client can tell a repeat.
      messageId: `<${message.messageId}@standby.outreach>`,
    });
    return { ok: true, providerMessageId: null, detail: "Accepted by the mail server" };
  } catch (error) {
    const failure = smtpFailure(error as SmtpError);
    return {
      ok: false,
      outcome: failure.outcome,
      detail: scrubbedProviderError(failure.detail),
    };
  } finally {
    transport.close();
  }
}
