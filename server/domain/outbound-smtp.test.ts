import { describe, expect, test } from "vitest";
import { emptyAllowlist, parseOutboundAllowlist, type OutboundRules } from "./outbound-address";
import { checkMailServer, smtpFailure, smtpTransportOptions } from "./outbound-smtp";
import { nextAttempt } from "./delivery-retry";

const production: OutboundRules = { httpsOnly: true, allow: emptyAllowlist };
const development: OutboundRules = { httpsOnly: false, allow: emptyAllowlist };
const onSite: OutboundRules = {
  httpsOnly: true,
  allow: parseOutboundAllowlist("mail.clinic.lan, 10.20.0.0/16"),
};

describe("where a channel's own mail server may be", () => {
  test("in production mail goes encrypted: plain text only to an allowlisted server on site", () => {
    expect(checkMailServer({ host: "smtp.summit.example", security: "none" }, production)).toEqual({
      ok: false,
      field: "security",
      reason:
        "Use TLS (port 465) or STARTTLS: Standby sends no mail in plain text to a server on the internet.",
    });
    for (const security of ["tls", "starttls"] as const)
      expect(checkMailServer({ host: "smtp.summit.example", security }, production).ok).toBe(true);
    expect(checkMailServer({ host: "smtp.summit.example", security: "none" }, development).ok).toBe(
      true,
    );
    expect(checkMailServer({ host: "mail.clinic.lan", security: "none" }, onSite).ok).toBe(true);
    expect(checkMailServer({ host: "10.20.0.25", security: "none" }, onSite).ok).toBe(true);
    // An allowlisted public address is still on the internet: encrypted only.
    const publicAllowed: OutboundRules = {
      httpsOnly: true,
      allow: parseOutboundAllowlist("93.184.215.14"),
    };
    expect(checkMailServer({ host: "93.184.215.14", security: "none" }, publicAllowed).ok).toBe(
      false,
    );
  });

  test("loopback, private, link-local and metadata hosts are refused unless allowlisted", () => {
    for (const host of [
      "127.0.0.1",
      "::1",
      "10.0.0.5",
      "169.254.169.254",
      "localhost",
      "mail.localhost",
      "mailhost",
    ]) {
      const check = checkMailServer({ host, security: "starttls" }, development);
      expect(check.ok, host).toBe(false);
      if (!check.ok) {
        expect(check.field).toBe("host");
        expect(check.reason).toBe(
          `${host} is not a public internet address (loopback, private, link-local and metadata addresses are refused). Use your mail server's public name.`,
        );
      }
    }
    const allowed: OutboundRules = {
      httpsOnly: false,
      allow: parseOutboundAllowlist("127.0.0.1, mailhost"),
    };
    expect(checkMailServer({ host: "127.0.0.1", security: "none" }, allowed).ok).toBe(true);
    expect(checkMailServer({ host: "mailhost", security: "none" }, allowed).ok).toBe(true);
    expect(
      checkMailServer({ host: "smtp.office365.com", security: "starttls" }, production).ok,
    ).toBe(true);
  });
});

describe("how the connection is made", () => {
  const connect = { address: "203.0.113.7", password: "pw", timeoutMs: 10_000 };
  test("to the address checked, with the certificate checked against the server's name", () => {
    const options = smtpTransportOptions(
      { host: "smtp.summit.example", port: 465, security: "tls", username: "alerts" },
      connect,
    );
    expect(options).toMatchObject({
      host: "203.0.113.7",
      port: 465,
      secure: true,
      requireTLS: false,
      ignoreTLS: false,
      auth: { user: "alerts", pass: "pw" },
      tls: { servername: "smtp.summit.example" },
    });
  });
  test("STARTTLS is required, not merely tried; plain text never upgrades; no user name, no sign-in", () => {
    const starttls = smtpTransportOptions(
      { host: "smtp.summit.example", port: 587, security: "starttls", username: null },
      connect,
    );
    expect(starttls).toMatchObject({ secure: false, requireTLS: true, ignoreTLS: false });
    expect(starttls.auth).toBeUndefined();
    const plain = smtpTransportOptions(
      { host: "10.20.0.25", port: 25, security: "none", username: null },
      { ...connect, address: "10.20.0.25" },
    );
    expect(plain).toMatchObject({ secure: false, requireTLS: false, ignoreTLS: true, tls: {} });
  });
});

describe("what a failed attempt means", () => {
  const now = new Date("2026-12-07T10:00:00Z");
  const retried = (outcome: ReturnType<typeof smtpFailure>["outcome"]) =>
    nextAttempt({ attempt: 1, firstAttemptAt: now, outcome }, now).retry;

  test("a 5xx reply is final, with the reply in the log", () => {
    const failure = smtpFailure({
      code: "EAUTH",
      responseCode: 535,
      response: "535 Authentication credentials invalid",
      message: "Invalid login: 535 Authentication credentials invalid",
    });
    expect(failure).toEqual({
      outcome: { kind: "rejected" },
      detail: "The mail server refused it: SMTP 535 Authentication credentials invalid",
    });
    expect(retried(failure.outcome)).toBe(false);
  });
  test("a 4xx reply is tried again", () => {
    const failure = smtpFailure({
      code: "EENVELOPE",
      responseCode: 451,
      response: "451 Mailbox busy,\r\n try later",
      message: "Can't send mail - all recipients were rejected: 451 Mailbox busy, try later",
    });
    expect(failure).toEqual({
      outcome: { kind: "deferred" },
      detail: "The mail server asked to try later: SMTP 451 Mailbox busy, try later",
    });
    expect(retried(failure.outcome)).toBe(true);
  });
  test("timeouts and lost connections are tried again; a sign-in refused without a reply is not", () => {
    const timeout = smtpFailure({ code: "ETIMEDOUT", message: "Greeting never received" });
    expect(timeout.outcome).toEqual({ kind: "timeout" });
    expect(retried(timeout.outcome)).toBe(true);
    const lost = smtpFailure({ code: "ESOCKET", message: "connect ECONNREFUSED 203.0.113.7:587" });
    expect(lost).toEqual({
      outcome: { kind: "connection" },
      detail: "The mail server could not take it: connect ECONNREFUSED 203.0.113.7:587",
    });
    expect(retried(lost.outcome)).toBe(true);
    const noAuth = smtpFailure({ code: "EAUTH", message: "Authentication not supported" });
    expect(noAuth.outcome).toEqual({ kind: "rejected" });
  });
});
