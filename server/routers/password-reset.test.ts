/**
 * Forgotten passwords: a link by email (no account discovery, rate-limited, once, expiring, ends
 * every session), and an admin's reset link for a member of their own MSP only. Mail goes through
 * the real mailer to a loopback SMTP server (this file's own SMTP_URL).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createCaller } from "@/server/routers/_app";
import { signInWithPassword } from "@/server/services/auth";
import { expectTRPCError } from "@/server/test/assertions";
import {
  APP_URL,
  auditRows,
  callerFor,
  createMsp,
  insertUser,
  ownerSql,
  unique,
  uniqueAddress,
  type TestMsp,
  type TestUser,
} from "@/server/test/fixtures";
import { startSmtpSink, type SmtpSink } from "@/server/test/smtp-sink";

const NEW_PASSWORD = "walrus quartz meadow trumpet 58";
const linkIn = (text: string) =>
  /http:\/\/localhost:3000\/reset-password\/([A-Za-z0-9_-]+)/.exec(text)?.[1];

let sink: SmtpSink;
let msp: TestMsp;
let other: TestMsp;

const anonymous = (clientAddress = uniqueAddress()) =>
  createCaller({ user: null, appUrl: APP_URL, clientAddress });

const signInAs = (email: string, password: string) =>
  signInWithPassword({ email, password, clientAddress: uniqueAddress(), userAgent: "vitest" });

/** The reset mail sent to an address (sent after the answer, so it may arrive a moment later). */
async function mailTo(address: string, count = 1) {
  for (let attempt = 0; attempt < 100 && sink.to(address).length < count; attempt++)
    await new Promise((resolve) => setTimeout(resolve, 50));
  return sink.to(address);
}

async function openSessions(user: TestUser) {
  const [row] = await ownerSql()<{ n: number }[]>`
    select count(*)::int as n from sessions where user_id = ${user.id} and revoked_at is null`;
  return row!.n;
}

beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
  [msp, other] = await Promise.all([createMsp("Forgetful"), createMsp("Other forgetful")]);
});

afterAll(async () => {
  process.env.SMTP_URL = "";
  await sink.close();
});

describe("forgot your password? (by email)", () => {
  test("the same answer for an account and for no account; the link sets the password once and ends every session", async () => {
    const user = await insertUser(msp.id, { role: "technician", name: "Rosa Forgetful" });
    await signInAs(user.email, user.password);
    expect(await openSessions(user)).toBe(1);

    const forAccount = await anonymous().passwordReset.request({ email: user.email.toUpperCase() });
    const forNobody = await anonymous().passwordReset.request({
      email: `nobody.${unique()}@example.test`,
    });
    expect(forAccount).toEqual({ mailConfigured: true });
    expect(forNobody).toEqual(forAccount);

    const [mail] = await mailTo(user.email);
    expect(mail!.subject).toBe("Set a new Standby password");
    const token = linkIn(mail!.text)!;
    expect(token).toBeTruthy();
    // Only the token's hash is stored.
    const [stored] = await ownerSql()<{ token_hash: string }[]>`
      select token_hash from password_resets where user_id = ${user.id}`;
    expect(stored!.token_hash).not.toContain(token);

    await expect(anonymous().passwordReset.get({ token })).resolves.toEqual({
      email: user.email,
      problem: null,
    });
    // A guessable password is refused and nothing changes.
    await expectTRPCError(
      anonymous().passwordReset.complete({ token, password: "password1234" }),
      "BAD_REQUEST",
    );
    expect((await signInAs(user.email, user.password)).ok).toBe(true);

    await expect(
      anonymous().passwordReset.complete({ token, password: NEW_PASSWORD }),
    ).resolves.toEqual({ email: user.email });
    expect(await openSessions(user)).toBe(0);
    expect((await signInAs(user.email, user.password)).ok).toBe(false);
    expect((await signInAs(user.email, NEW_PASSWORD)).ok).toBe(true);

    // Twice by mistake: the second use is refused, the password stays the one set.
    await expectTRPCError(
      anonymous().passwordReset.complete({ token, password: "another phrase entirely 77" }),
      "BAD_REQUEST",
      /already been used/,
    );
    expect((await signInAs(user.email, NEW_PASSWORD)).ok).toBe(true);
    const audit = await auditRows(msp.id, { entityId: user.id });
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining(["account.password_reset_requested", "account.password_reset"]),
    );
  });

  test("a newer link replaces the older; an expired or unknown link is refused; asking is rate-limited", async () => {
    const user = await insertUser(msp.id, { role: "practice_manager", name: "Ina Twice" });
    const address = uniqueAddress();
    await anonymous(address).passwordReset.request({ email: user.email });
    await anonymous(address).passwordReset.request({ email: user.email });
    const mails = await mailTo(user.email, 2);
    const [first, second] = mails.map((mail) => linkIn(mail.text)!);
    expect((await anonymous().passwordReset.get({ token: first! }))!.problem).toMatch(
      /already been used, or a newer one/,
    );
    await ownerSql()`update password_resets set expires_at = now() - interval '1 minute'
                     where user_id = ${user.id} and used_at is null`;
    await expectTRPCError(
      anonymous().passwordReset.complete({ token: second!, password: NEW_PASSWORD }),
      "BAD_REQUEST",
      /expired/,
    );
    await expect(anonymous().passwordReset.get({ token: "x".repeat(43) })).resolves.toBeNull();
    await expectTRPCError(
      anonymous().passwordReset.complete({ token: "x".repeat(43), password: NEW_PASSWORD }),
      "NOT_FOUND",
    );

    // The third request for the address this hour still answers; the fourth is refused.
    await anonymous().passwordReset.request({ email: user.email });
    await expectTRPCError(
      anonymous().passwordReset.request({ email: user.email }),
      "TOO_MANY_REQUESTS",
    );
    // Bad input is a clear 400 that writes nothing.
    await expectTRPCError(
      anonymous().passwordReset.request({ email: "not an address" }),
      "BAD_REQUEST",
      /email address/,
    );
    await expectTRPCError(
      anonymous().passwordReset.request({ email: `${"a".repeat(300)}@example.test` }),
      "BAD_REQUEST",
    );
  });

  test("a request addressed to another host mails no link there; AUTH_URL decides where links point", async () => {
    const user = await insertUser(msp.id, { role: "technician", name: "Hal Host" });
    const configured = process.env.AUTH_URL;
    delete process.env.AUTH_URL;
    const forged = createCaller({
      user: null,
      appUrl: "http://evil.example",
      clientAddress: uniqueAddress(),
    });
    await expect(forged.passwordReset.request({ email: user.email })).resolves.toEqual({
      mailConfigured: false,
    });
    const [row] = await ownerSql()<{ n: number }[]>`
      select count(*)::int as n from password_resets where user_id = ${user.id}`;
    expect(row!.n).toBe(0);

    process.env.AUTH_URL = "http://localhost:3000";
    try {
      await forged.passwordReset.request({ email: user.email });
      await anonymous().passwordReset.request({ email: user.email });
    } finally {
      if (configured === undefined) delete process.env.AUTH_URL;
      else process.env.AUTH_URL = configured;
    }
    const mails = await mailTo(user.email, 2);
    for (const mail of mails) expect(mail.text).not.toContain("evil.example");
    // The newer link replaced the older (the mails may arrive in either order); a second one left
    // open, as two requests at the same moment could, ends when the password is set with the first.
    const tokens = mails.map((mail) => linkIn(mail.text)!);
    const valid = [];
    for (const token of tokens)
      if ((await anonymous().passwordReset.get({ token }))?.problem === null) valid.push(token);
    expect(valid).toHaveLength(1);
    await ownerSql()`update password_resets set used_at = null where user_id = ${user.id}`;
    await anonymous().passwordReset.complete({ token: valid[0]!, password: NEW_PASSWORD });
    const [open] = await ownerSql()<{ n: number }[]>`
      select count(*)::int as n from password_resets where user_id = ${user.id} and used_at is null`;
    expect(open!.n).toBe(0);
  });

  test("without mail set up nothing is made, and the answer says to ask the admin", async () => {
    const user = await insertUser(msp.id, { role: "technician", name: "No Mail" });
    process.env.SMTP_URL = "";
    try {
      await expect(anonymous().passwordReset.request({ email: user.email })).resolves.toEqual({
        mailConfigured: false,
      });
    } finally {
      process.env.SMTP_URL = sink.url;
    }
    const [row] = await ownerSql()<{ n: number }[]>`
      select count(*)::int as n from password_resets where user_id = ${user.id}`;
    expect(row!.n).toBe(0);
  });
});

describe("an admin's reset link", () => {
  test("only an admin, only for their own MSP's members; without mail the admin gets the link to pass on", async () => {
    const member = await insertUser(msp.id, { role: "technician", name: "Lost Password" });
    const admin = await callerFor(msp.admin);
    await expectTRPCError(
      (await callerFor(msp.technician)).members.resetPassword({ userId: member.id }),
      "FORBIDDEN",
    );
    await expectTRPCError(
      (await callerFor(msp.manager)).members.resetPassword({ userId: member.id }),
      "FORBIDDEN",
    );
    await expectTRPCError(
      (await callerFor(other.admin)).members.resetPassword({ userId: member.id }),
      "NOT_FOUND",
    );
    await expectTRPCError(admin.members.resetPassword({ userId: "not-a-uuid" }), "BAD_REQUEST");

    // With mail: the link goes to the member only; the admin never sees it.
    const emailed = await admin.members.resetPassword({ userId: member.id });
    expect(emailed).toMatchObject({ emailedTo: member.email, url: null });
    const [mail] = await mailTo(member.email);
    expect(linkIn(mail!.text)).toBeTruthy();

    process.env.SMTP_URL = "";
    let shown;
    try {
      shown = await admin.members.resetPassword({ userId: member.id });
    } finally {
      process.env.SMTP_URL = sink.url;
    }
    expect(shown.emailedTo).toBeNull();
    const token = /\/reset-password\/([A-Za-z0-9_-]+)$/.exec(shown.url!)![1]!;
    // The emailed link was replaced by the newer one.
    expect((await anonymous().passwordReset.get({ token: linkIn(mail!.text)! }))!.problem).toMatch(
      /newer one/,
    );
    await anonymous().passwordReset.complete({ token, password: NEW_PASSWORD });
    expect((await signInAs(member.email, NEW_PASSWORD)).ok).toBe(true);
    const actions = (await auditRows(msp.id, { entityId: member.id })).map((row) => row.action);
    expect(actions.filter((action) => action === "member.password_reset_link")).toHaveLength(2);
    expect(actions).toContain("account.password_reset");
    // Nothing of it is visible to the other MSP.
    const [leak] = await ownerSql()<{ n: number }[]>`
      select count(*)::int as n from password_resets where msp_id = ${other.id}`;
    expect(leak!.n).toBe(0);
  });
});
