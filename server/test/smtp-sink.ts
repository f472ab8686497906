/**
 * A loopback SMTP server that keeps what it is sent, for tests of the mail Standby sends through its
 * real mailer (server/services/mailer.ts, SMTP_URL). Plain SMTP, no TLS, no authentication: enough
 * for nodemailer's client. Point SMTP_URL at `url` in the test file that starts it.
 */
import { createServer, type AddressInfo, type Socket } from "node:net";

export type SinkMail = { from: string; to: string[]; raw: string; subject: string; text: string };

export type SmtpSink = {
  url: string;
  mail: SinkMail[];
  to: (address: string) => SinkMail[];
  close: () => Promise<void>;
};

function parse(from: string, to: string[], raw: string): SinkMail {
  const [head = "", ...body] = raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  const subject = /^subject:\s*(.*)$/im.exec(unfolded)?.[1]?.trim() ?? "";
  let text = body.join("\n\n");
  if (/content-transfer-encoding:\s*quoted-printable/i.test(unfolded))
    text = text
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return { from, to, raw, subject, text: text.replace(/\r\n/g, "\n") };
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const mail: SinkMail[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.setEncoding("utf8");
    let buffer = "";
    let from = "";
    let to: string[] = [];
    let data: string[] | null = null;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 sink ESMTP");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (data) {
          if (line === ".") {
            mail.push(parse(from, to, data.join("\r\n")));
            data = null;
            from = "";
            to = [];
            reply("250 queued");
          } else data.push(line.startsWith("..") ? line.slice(1) : line);
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO") socket.write("250-sink\r\n250 8BITMIME\r\n");
        else if (verb === "HELO") reply("250 sink");
        else if (verb === "MAIL") {
          from = /<([^>]*)>/.exec(line)?.[1] ?? "";
          reply("250 ok");
        } else if (verb === "RCPT") {
          to.push(/<([^>]*)>/.exec(line)?.[1] ?? "");
          reply("250 ok");
        } else if (verb === "DATA") {
          data = [];
          reply("354 end with .");
        } else if (verb === "QUIT") {
          reply("221 bye");
          socket.end();
        } else reply("250 ok");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mail,
    to: (address) =>
      mail.filter((message) =>
        message.to.some((recipient) => recipient.toLowerCase() === address.toLowerCase()),
      ),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
