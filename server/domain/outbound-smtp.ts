import ipaddr from "ipaddr.js";
import type { SmtpSecurity } from "@/server/contracts/notifications";
import type { AttemptOutcome } from "./delivery-retry";
import { hostRefusal, plainTextAllowed, type OutboundRules } from "./outbound-address";

/**
 * An email channel's own mail server, as its admin set it: the outbound guard of the HTTP channels
 * (outbound-address.ts) applies to it too. An admin could otherwise point "their mail server" at the
 * app's own network and learn from the delivery log what answers there.
 */
export type MailServer = {
  /** A lower-case host name or an IP address. */
  host: string;
  port: number;
  security: SmtpSecurity;
  /** null: the server takes mail without signing in. */
  username: string | null;
};

/** What the guard says of the mail server's name, before it is resolved; the name is judged again on what it resolves to. */
export const MAIL_SERVER_ADVICE = "Use your mail server's public name.";

export type MailServerCheck =
  { ok: true } | { ok: false; reason: string; field: "host" | "security" };

/**
 * Mail goes encrypted in production (TLS from the start, or STARTTLS required), as http channels
 * need https there; plain text only elsewhere, or to an allowlisted server on site.
 */
export function checkMailServer(
  server: Pick<MailServer, "host" | "security">,
  rules: OutboundRules,
): MailServerCheck {
  if (server.security === "none" && !plainTextAllowed(server.host, rules))
    return {
      ok: false,
      field: "security",
      reason:
        "Use TLS (port 465) or STARTTLS: Standby sends no mail in plain text to a server on the internet.",
    };
  const refusal = hostRefusal(server.host, rules, MAIL_SERVER_ADVICE);
  return refusal ? { ok: false, field: "host", reason: refusal } : { ok: true };
}

/**
 * How nodemailer reaches the server: at the address the guard checked (so a second DNS answer
 * cannot send the connection elsewhere), with the certificate checked against the server's name.
 */
export function smtpTransportOptions(
  server: MailServer,
  connect: { address: string; password: string | null; timeoutMs: number },
) {
  return {
    host: connect.address,
    port: server.port,
    secure: server.security === "tls",
    requireTLS: server.security === "starttls",
    ignoreTLS: server.security === "none",
    auth: server.username ? { user: server.username, pass: connect.password ?? "" } : undefined,
    // An address typed as the host is its own name (an address may not be sent as SNI).
    tls: ipaddr.isValid(server.host) ? {} : { servername: server.host },
    connectionTimeout: connect.timeoutMs,
    greetingTimeout: connect.timeoutMs,
    socketTimeout: connect.timeoutMs,
  };
}

/** What nodemailer's error says: the server's reply code and line, or what went wrong on the way. */
export type SmtpError = {
  responseCode?: number;
  response?: string;
  code?: string;
  message: string;
};

/**
 * A failed attempt, for the retry rules and the delivery log (the server's reply, never the message):
 * a 5xx reply is final and a 4xx passes (the server asks to try later), as are timeouts and lost
 * connections; a sign-in refused without a reply code is final too (the account is wrong).
 */
export function smtpFailure(error: SmtpError): { outcome: AttemptOutcome; detail: string } {
  const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
  const code = error.responseCode;
  if (typeof code === "number" && code >= 400) {
    const said = oneLine(error.response ?? error.message);
    const reply = `SMTP ${said.startsWith(String(code)) ? said : `${code} ${said}`}`;
    return code >= 500
      ? { outcome: { kind: "rejected" }, detail: `The mail server refused it: ${reply}` }
      : { outcome: { kind: "deferred" }, detail: `The mail server asked to try later: ${reply}` };
  }
  const said = oneLine(error.message);
  if (error.code === "EAUTH")
    return {
      outcome: { kind: "rejected" },
      detail: `The mail server did not accept the sign-in: ${said}`,
    };
  if (error.code === "ETIMEDOUT")
    return {
      outcome: { kind: "timeout" },
      detail: `The mail server did not answer in time: ${said}`,
    };
  return { outcome: { kind: "connection" }, detail: `The mail server could not take it: ${said}` };
}
