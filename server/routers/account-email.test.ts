/**
 * No account discovery, no claiming of someone else's address (issue 15, item 8): an invitation to an
 * address that has an account answers as for a new one and its owner is told by email; a new sign-in
 * email takes effect only when the link sent to it is opened. Mail goes through the real mailer to a
 * loopback SMTP server (this file's own SMTP_URL).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { confirmEmailChange } from "@/server/services/account";
import { signInWithPassword } from "@/server/services/auth";
import { expectTRPCError } from "@/server/test/assertions";
import {
  anonymousCaller,
  auditRows,
  callerFor,
  createMsp,
  insertUser,
  sessionUserFor,
  uniqueAddress,
  unique,
  type Caller,
  type TestMsp,
  type TestUser,
} from "@/server/test/fixtures";
import { startSmtpSink, type SmtpSink } from "@/server/test/smtp-sink";
import { runAs } from "@/server/trpc";

const STRONG_PASSWORD = "marble gossip fjord lantern 19";
const linkIn = (text: string) =>
  /(http:\/\/localhost:3000\/account\/confirm-email\/[A-Za-z0-9_-]+)/.exec(text)?.[1];
const tokenOf = (url: string) => url.split("/").pop()!;

let sink: SmtpSink;
let msp: TestMsp;
let other: TestMsp;
let otherAdmin: Caller;

beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
  [msp, other] = await Promise.all([createMsp("Mailbox"), createMsp("Prober")]);
  otherAdmin = await callerFor(other.admin);
});

afterAll(async () => {
  process.env.SMTP_URL = "";
  await sink.close();
});

const signInAs = (user: Pick<TestUser, "email" | "password">) =>
  signInWithPassword({
    email: user.email,
    password: user.password,
    clientAddress: uniqueAddress(),
    userAgent: "vitest",
  });

describe("inviting an address that already has an account elsewhere", () => {
  test("answers exactly as for a new address; the owner is told by email, and the link cannot make a second account", async () => {
    const fresh = `fresh.${unique()}@example.test`;
    const taken = msp.technician.email;
    const forNew = await otherAdmin.members.invite({
      email: fresh,
      role: "technician",
      practiceIds: [],
    });
    const forTaken = await otherAdmin.members.invite({
      email: taken.toUpperCase(),
      role: "technician",
      practiceIds: [],
    });

    // Same shape, same words: nothing tells the other MSP's admin that the address has an account.
    const shape = (result: typeof forNew) => ({
      keys: Object.keys(result).sort(),
      url: result.url.replace(/[A-Za-z0-9_-]{43}$/, "TOKEN"),
      emailed: result.emailed,
    });
    expect(shape(forTaken)).toEqual(shape(forNew));
    expect(forTaken.emailed).toBe(true);
    const pending = (await otherAdmin.members.list()).invitations;
    expect(pending.find((row) => row.id === forTaken.invitationId)).toMatchObject({
      email: taken.toLowerCase(),
      role: "technician",
      expired: false,
    });

    // The new address gets its link; the account holder gets a notice without one.
    expect(sink.to(fresh).at(-1)?.text).toContain(forNew.url);
    const notice = sink.to(taken).at(-1)!;
    expect(notice.subject).toBe("An MSP tried to invite you to Standby");
    expect(notice.text).toContain(other.name);
    expect(notice.text).not.toContain(tokenOf(forTaken.url));

    // The account is untouched, and the link cannot create a second one.
    await expectTRPCError(
      anonymousCaller().invitations.accept({
        token: tokenOf(forTaken.url),
        name: "Someone",
        password: STRONG_PASSWORD,
      }),
      "BAD_REQUEST",
      /already exists/,
    );
    expect(await signInAs(msp.technician)).toMatchObject({ ok: true, mspId: msp.id });
  });
});

describe("changing the sign-in email", () => {
  test("nothing changes until the link sent to the new address is opened; the old address is told; the link works once", async () => {
    const user = await insertUser(msp.id, { role: "technician" });
    const caller = await callerFor(user);
    const email = `renamed.${unique()}@example.test`;

    expect(await caller.account.changeEmail({ email: email.toUpperCase() })).toEqual({
      email: user.email,
      pendingEmail: email,
    });
    // Not yet: the old address still signs in, the new one does not.
    expect(await signInAs(user)).toMatchObject({ ok: true });
    expect(await signInAs({ ...user, email })).toMatchObject({ ok: false });
    expect(await caller.account.security()).toMatchObject({
      email: user.email,
      pendingEmail: email,
    });
    expect(sink.to(user.email).at(-1)?.text).toContain(`to ${email}`);
    const link = linkIn(sink.to(email).at(-1)!.text)!;
    expect(link).toBeDefined();

    // Someone else's session cannot use the link; a made-up token is refused.
    await expectTRPCError(
      (await callerFor(msp.manager)).account.confirmEmail({ token: tokenOf(link) }),
      "BAD_REQUEST",
      /expired|another account/,
    );
    await expectTRPCError(
      caller.account.confirmEmail({ token: "x".repeat(43) }),
      "BAD_REQUEST",
      /expired|another account/,
    );

    expect(await caller.account.confirmEmail({ token: tokenOf(link) })).toEqual({ email });
    expect(await signInAs({ ...user, email })).toMatchObject({ ok: true });
    expect(await signInAs(user)).toMatchObject({ ok: false });
    await expectTRPCError(
      caller.account.confirmEmail({ token: tokenOf(link) }),
      "BAD_REQUEST",
      /expired/,
    );
    expect(
      (await auditRows(msp.id, { action: "account.email_changed", entityId: user.id }))[0]?.summary,
    ).toEqual({ from: user.email, to: email });
  });

  test("an address that has an account gets the same answer and no link, so it can be neither discovered nor claimed", async () => {
    const user = await insertUser(msp.id, { role: "leadership" });
    const caller = await callerFor(user);
    const taken = other.admin.email;
    const free = `free.${unique()}@example.test`;
    const forTaken = await caller.account.changeEmail({ email: taken });
    expect(forTaken).toEqual({ email: user.email, pendingEmail: taken });
    expect(await caller.account.changeEmail({ email: free })).toEqual({
      email: user.email,
      pendingEmail: free,
    });

    const notice = sink.to(taken).at(-1)!;
    expect(notice.subject).toBe("Someone tried to use your address for another Standby account");
    expect(linkIn(notice.text)).toBeUndefined();
    // The newer request replaced the older one: only the free address's link works.
    expect(await caller.account.security()).toMatchObject({
      email: user.email,
      pendingEmail: free,
    });
    expect(await signInAs(other.admin)).toMatchObject({ ok: true, mspId: other.id });
  });

  test("an expired link changes nothing", async () => {
    const user = await insertUser(msp.id, { role: "technician" });
    const caller = await callerFor(user);
    const email = `late.${unique()}@example.test`;
    await caller.account.changeEmail({ email });
    const link = linkIn(sink.to(email).at(-1)!.text)!;
    const later = new Date(Date.now() + 25 * 60 * 60_000);
    await expect(
      runAs(await sessionUserFor(user), (s) => confirmEmailChange(s, tokenOf(link), later)),
    ).rejects.toThrow(/expired/);
    expect(await signInAs(user)).toMatchObject({ ok: true });
  });

  test("without outgoing mail an email change is refused with a clear message, and nothing is stored", async () => {
    const user = await insertUser(msp.id, { role: "technician" });
    const caller = await callerFor(user);
    process.env.SMTP_URL = "";
    try {
      await expectTRPCError(
        caller.account.changeEmail({ email: `nomail.${unique()}@example.test` }),
        "BAD_REQUEST",
        /cannot send mail/,
      );
    } finally {
      process.env.SMTP_URL = sink.url;
    }
    expect(await caller.account.security()).toMatchObject({
      email: user.email,
      pendingEmail: null,
    });
  });
});
