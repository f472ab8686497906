/**
 * A real SMTP server on loopback (the smtp-server package) that keeps what it is sent, parsed by
 * mailparser, for tests of the mail Standby sends through its real mailer. No TLS; no
 * authentication unless `auth` asks for it: point SMTP_URL (or a channel's SMTP settings) at `url`.
 */
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type SinkMail = {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  /** Every header as sent, lower-case names. */
  headers: Map<string, unknown>;
  attachments: { filename: string | undefined; contentType: string; content: Buffer }[];
  raw: string;
};

export type SmtpSinkOptions = {
  /** Requires signing in (AUTH PLAIN or LOGIN, offered over plain text here) with these. */
  auth?: { username: string; password: string };
  /** The reply to a recipient: a refusal such as { code: 451, message: "Try later" }, or null to take it. */
  answerRecipient?: (address: string) => { code: number; message: string } | null;
};

export type SmtpSink = {
  url: string;
  port: number;
  mail: SinkMail[];
  /** The user names that signed in, one per successful sign-in. */
  logins: string[];
  to: (address: string) => SinkMail[];
  close: () => Promise<void>;
};

/** On `port` when given (the browser suite's app is told it in advance), else on any free port. */
export async function startSmtpSink(port = 0, options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const mail: SinkMail[] = [];
  const logins: string[] = [];
  const { auth, answerRecipient } = options;
  const server = new SMTPServer({
    authOptional: !auth,
    allowInsecureAuth: Boolean(auth),
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(credentials, _session, callback) {
      if (
        auth &&
        credentials.username === auth.username &&
        credentials.password === auth.password
      ) {
        logins.push(auth.username);
        return callback(null, { user: auth.username });
      }
      callback(new Error("Authentication credentials invalid"));
    },
    onRcptTo(address, _session, callback) {
      const refusal = answerRecipient?.(address.address);
      if (!refusal) return callback();
      callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            mail.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              to: session.envelope.rcptTo.map((recipient) => recipient.address),
              subject: parsed.subject ?? "",
              text: (parsed.text ?? "").replace(/\r\n/g, "\n"),
              html: typeof parsed.html === "string" ? parsed.html : null,
              headers: parsed.headers,
              attachments: parsed.attachments.map((attachment) => ({
                filename: attachment.filename,
                contentType: attachment.contentType,
                content: attachment.content,
              })),
              raw: raw.toString("utf8"),
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const listening = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${listening}`,
    port: listening,
    mail,
    logins,
    to: (address) =>
      mail.filter((message) =>
        message.to.some((recipient) => recipient.toLowerCase() === address.toLowerCase()),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
