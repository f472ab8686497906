import { describe, expect, test } from "vitest";
import { channelFieldsSchema, parseMailbox } from "./notifications";

const emailChannel = (smtp: Record<string, unknown> | null) => ({
  kind: "email",
  name: "Service desk",
  practiceId: null,
  events: ["incident.declared"],
  recipients: ["desk@summit.example"],
  smtp,
});
const server = {
  host: "smtp.summit.example",
  port: 587,
  security: "starttls",
  username: "alerts@summit.example",
  password: "correct horse",
  from: "Summit alerts <alerts@summit.example>",
};
const problems = (smtp: Record<string, unknown> | null) => {
  const result = channelFieldsSchema.safeParse(emailChannel(smtp));
  return result.success
    ? {}
    : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
};

describe("an email channel's own mail server, as typed", () => {
  test("host, port, security, user name, password and sender", () => {
    expect(problems(server)).toEqual({});
    expect(problems(null)).toEqual({});
    const parsed = channelFieldsSchema.parse(
      emailChannel({ ...server, host: " SMTP.Summit.Example. " }),
    );
    expect(parsed.kind === "email" && parsed.smtp?.host).toBe("smtp.summit.example");
    expect(problems({ ...server, host: "[2001:db8::25]" })).toEqual({});
    expect(problems({ ...server, host: "192.0.2.25", username: "", password: undefined })).toEqual(
      {},
    );
  });

  test("each wrong field says what to enter", () => {
    const hostMessage =
      "Enter the mail server's host name (e.g. smtp.your-msp.example) or its IP address.";
    for (const host of [
      "smtp summit",
      "smtp://smtp.summit.example",
      "999.1.2.3",
      "",
      "a_b.example",
    ])
      expect(problems({ ...server, host }), host).toEqual({ "smtp.host": hostMessage });
    const portMessage = "The port is a number from 1 to 65535 (465, 587 or 25 for mail).";
    expect(problems({ ...server, port: 0 })).toEqual({ "smtp.port": portMessage });
    expect(problems({ ...server, port: 65536 })).toEqual({ "smtp.port": portMessage });
    expect(problems({ ...server, port: 58.7 })).toEqual({ "smtp.port": portMessage });
    expect(problems({ ...server, port: Number.NaN })).toEqual({
      "smtp.port": "Enter the port, e.g. 587.",
    });
    expect(problems({ ...server, security: "ssl" })).toEqual({
      "smtp.security": "Choose how the connection is secured.",
    });
    const fromMessage =
      "Enter the sender as an email address (alerts@your-msp.example) or a name and an address (Standby <alerts@your-msp.example>).";
    for (const from of ["alerts", "Standby alerts@summit.example", "<>", "A <b@c.example> extra"])
      expect(problems({ ...server, from }), from).toEqual({ "smtp.from": fromMessage });
    expect(problems({ ...server, username: "" })).toEqual({
      "smtp.username": "Enter the user name that goes with the password.",
    });
  });

  test("a sender is an address, or a name and an address", () => {
    expect(parseMailbox("alerts@summit.example")).toEqual({
      name: "",
      address: "alerts@summit.example",
    });
    expect(parseMailbox('"Summit IT, on call" <oncall@summit.example>')).toEqual({
      name: "Summit IT, on call",
      address: "oncall@summit.example",
    });
    expect(parseMailbox("Standby\r\nBcc: x@y.example <a@summit.example>")).toBeNull();
    expect(parseMailbox("Standby <not an address>")).toBeNull();
  });
});
