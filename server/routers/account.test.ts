import { eq } from "drizzle-orm";
import { generate } from "otplib";
import { beforeAll, describe, expect, test } from "vitest";
import * as schema from "@/db/schema";
import { defaultSessionPolicy } from "@/server/domain/session-rules";
import { createCaller } from "@/server/routers/_app";
import { signInWithPassword, validateSession, type SessionUser } from "@/server/services/auth";
import { unseal } from "@/server/services/secret-box";
import { expectTRPCError } from "@/server/test/assertions";
import {
  APP_URL,
  asTenant,
  auditRows,
  createMsp,
  insertUser,
  ownerDb,
  signIn,
  uniqueAddress,
  type TestMsp,
  type TestUser,
} from "@/server/test/fixtures";

const seconds = (from: Date, count: number) => new Date(from.getTime() + count * 1000);
const codeAt = (secret: string, at: Date) =>
  generate({ secret, epoch: Math.floor(at.getTime() / 1000) });

let msp: TestMsp;

beforeAll(async () => {
  msp = await createMsp("Two-factor");
});

async function sessionFor(user: TestUser, options: { now?: Date; clientAddress?: string } = {}) {
  const claims = await signIn(user, options);
  const sessionUser = await validateSession(claims, defaultSessionPolicy);
  if (!sessionUser) throw new Error("session not valid");
  return sessionUser;
}

const callerAs = (user: SessionUser, clientAddress = uniqueAddress()) =>
  createCaller({ user, appUrl: APP_URL, clientAddress });

/** Turns two-factor on for a fresh user through the procedures; returns the secret and recovery codes. */
async function enrolled(role: TestUser["role"] = "technician", inMsp = msp) {
  const user = await insertUser(inMsp.id, {
    role,
    practiceIds: role === "practice_manager" ? [inMsp.practices[0].id] : [],
  });
  const caller = callerAs(await sessionFor(user));
  const { secret } = await caller.account.startTwoFactor();
  const { recoveryCodes } = await caller.account.confirmTwoFactor({
    code: await codeAt(secret, new Date()),
  });
  return { user, secret, recoveryCodes };
}

function attempt(
  user: TestUser,
  options: { code?: string; clientAddress?: string; now?: Date } = {},
) {
  return signInWithPassword(
    {
      email: user.email,
      password: user.password,
      code: options.code,
      clientAddress: options.clientAddress ?? uniqueAddress(),
      userAgent: "vitest",
    },
    options.now,
  );
}

describe("enrolling in two-factor sign-in", () => {
  test("enrolment shows a secret and a QR code, and is confirmed with a code; ten recovery codes are returned once", async () => {
    const user = await insertUser(msp.id, { role: "technician" });
    const caller = callerAs(await sessionFor(user));
    expect(await caller.account.security()).toMatchObject({
      twoFactorEnabled: false,
      recoveryCodesLeft: 0,
      requiredByMsp: false,
    });

    const enrolment = await caller.account.startTwoFactor();
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.uri).toBe(
      `otpauth://totp/Standby:${encodeURIComponent(user.email)}?secret=${enrolment.secret}&issuer=Standby`,
    );
    expect(enrolment.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);

    await expectTRPCError(
      caller.account.confirmTwoFactor({ code: "000000" }),
      "BAD_REQUEST",
      /code is not right/,
    );
    await expectTRPCError(
      caller.account.confirmTwoFactor({ code: "12ab" }),
      "BAD_REQUEST",
      /6-digit code/,
    );
    const { recoveryCodes } = await caller.account.confirmTwoFactor({
      code: await codeAt(enrolment.secret, new Date()),
    });
    expect(recoveryCodes).toHaveLength(10);
    for (const code of recoveryCodes)
      expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(await caller.account.security()).toMatchObject({
      twoFactorEnabled: true,
      recoveryCodesLeft: 10,
    });
    expect(
      (await auditRows(msp.id, { action: "account.two_factor_enabled", entityId: user.id })).length,
    ).toBe(1);
    expect(
      (
        await auditRows(msp.id, {
          action: "account.two_factor_enrolment_started",
          entityId: user.id,
        })
      ).length,
    ).toBe(1);
  });

  test("the TOTP secret is stored encrypted (AES-256-GCM under AUTH_SECRET, bound to the user) and recovery codes only as hashes", async () => {
    const { user, secret, recoveryCodes } = await enrolled();
    const [row] = await asTenant(msp.id, (tx) =>
      tx.select().from(schema.users).where(eq(schema.users.id, user.id)),
    );
    expect(row!.totpSecret).toMatch(/^v1\./);
    expect(row!.totpSecret).not.toContain(secret);
    expect(unseal(row!.totpSecret!, user.id)).toBe(secret);
    expect(unseal(row!.totpSecret!, msp.admin.id)).toBeNull();
    expect(unseal(row!.totpSecret!, user.id, "another-secret-entirely-0123456789")).toBeNull();
    expect(row!.totpPendingSecret).toBeNull();
    const codes = await asTenant(msp.id, (tx) =>
      tx.select().from(schema.recoveryCodes).where(eq(schema.recoveryCodes.userId, user.id)),
    );
    expect(codes).toHaveLength(10);
    const stored = JSON.stringify(codes);
    for (const code of recoveryCodes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replaceAll("-", ""));
    }
    for (const code of codes) expect(code.codeHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("signing in with two-factor on", () => {
  test("the password alone opens no session: the code is asked for, and password + code signs in", async () => {
    const { user, secret } = await enrolled();
    const before = await asTenant(msp.id, (tx) =>
      tx.select().from(schema.sessions).where(eq(schema.sessions.userId, user.id)),
    );
    expect(await attempt(user)).toEqual({ ok: false, reason: "two_factor_required" });
    const after = await asTenant(msp.id, (tx) =>
      tx.select().from(schema.sessions).where(eq(schema.sessions.userId, user.id)),
    );
    expect(after.length).toBe(before.length);

    const later = seconds(new Date(), 60);
    const result = await attempt(user, { code: await codeAt(secret, later), now: later });
    expect(result).toMatchObject({ ok: true, userId: user.id });
    if (!result.ok) return;
    const [event] = await auditRows(msp.id, { action: "auth.sign_in", entityId: result.sessionId });
    expect(event?.summary).toEqual({ secondFactor: "totp" });
  });

  test("a code is accepted once: the same code again is refused (no replay)", async () => {
    const { user, secret } = await enrolled();
    const later = seconds(new Date(), 90);
    const code = await codeAt(secret, later);
    expect(await attempt(user, { code, now: later })).toMatchObject({ ok: true });
    expect(await attempt(user, { code, now: seconds(later, 5) })).toEqual({
      ok: false,
      reason: "invalid_code",
    });
  });

  test("a wrong code is refused, audited, and counts toward the throttle: five from one address block for 5 minutes", async () => {
    const { user, secret } = await enrolled();
    const address = uniqueAddress();
    const start = seconds(new Date(), 120);
    for (let i = 0; i < 4; i++)
      expect(
        await attempt(user, { code: "000000", clientAddress: address, now: seconds(start, i) }),
      ).toEqual({ ok: false, reason: "invalid_code" });
    expect(
      await attempt(user, { code: "000000", clientAddress: address, now: seconds(start, 5) }),
    ).toEqual({ ok: false, reason: "throttled", minutes: 5 });
    // Even the right code is refused from there until the block ends.
    expect(
      await attempt(user, {
        code: await codeAt(secret, seconds(start, 125)),
        clientAddress: address,
        now: seconds(start, 125),
      }),
    ).toEqual({
      ok: false,
      reason: "throttled",
      minutes: 3,
    });
    const afterBlock = seconds(start, 6 * 60);
    expect(
      await attempt(user, {
        code: await codeAt(secret, afterBlock),
        clientAddress: address,
        now: afterBlock,
      }),
    ).toMatchObject({ ok: true });
    expect(
      (await auditRows(msp.id, { action: "auth.second_factor_failed", entityId: user.id })).length,
    ).toBe(5);
  });

  test("a recovery code signs in once, with or without its dashes; used again it is refused", async () => {
    const { user, recoveryCodes } = await enrolled();
    const [first, second] = recoveryCodes as [string, string];
    expect(await attempt(user, { code: first })).toMatchObject({ ok: true });
    expect(await attempt(user, { code: first })).toEqual({ ok: false, reason: "invalid_code" });
    expect(
      await attempt(user, { code: ` ${second.replaceAll("-", "").toUpperCase()} ` }),
    ).toMatchObject({ ok: true });
    const used = await auditRows(msp.id, { action: "auth.recovery_code_used", entityId: user.id });
    expect(used.map((event) => event.summary)).toEqual([{ left: 9 }, { left: 8 }]);
  });

  test("another user's recovery code does not work", async () => {
    const one = await enrolled();
    const other = await enrolled();
    expect(await attempt(other.user, { code: one.recoveryCodes[0] })).toEqual({
      ok: false,
      reason: "invalid_code",
    });
  });

  test("a wrong password with a right code is still just a wrong password", async () => {
    const { user, secret } = await enrolled();
    const result = await signInWithPassword({
      email: user.email,
      password: "not the password",
      code: await codeAt(secret, new Date()),
      clientAddress: uniqueAddress(),
      userAgent: null,
    });
    expect(result).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("re-authentication before sensitive changes", () => {
  test("twenty minutes after sign-in, changing two-factor, password or email is refused until the password is confirmed", async () => {
    const user = await insertUser(msp.id, { role: "technician" });
    const signedInAt = new Date(Date.now() - 20 * 60_000);
    const claims = await signIn(user, { now: signedInAt });
    await asTenant(msp.id, (tx) =>
      tx
        .update(schema.sessions)
        .set({ lastSeenAt: new Date() })
        .where(eq(schema.sessions.id, claims.sessionId)),
    );
    const sessionUser = (await validateSession(claims, defaultSessionPolicy))!;
    const caller = callerAs(sessionUser);

    expect((await caller.account.security()).reauthenticatedUntil).toBeNull();
    await expectTRPCError(
      caller.account.startTwoFactor(),
      "FORBIDDEN",
      /confirm your password first/,
    );
    await expectTRPCError(
      caller.account.changePassword({ newPassword: "quartz-meadow-lantern-violet-88" }),
      "FORBIDDEN",
      /confirm your password first/,
    );
    await expectTRPCError(
      caller.account.changeEmail({ email: `new-${user.email}` }),
      "FORBIDDEN",
      /confirm your password first/,
    );

    await expectTRPCError(
      caller.account.reauthenticate({ password: "wrong password" }),
      "BAD_REQUEST",
      /password is not right/,
    );
    await expectTRPCError(caller.account.startTwoFactor(), "FORBIDDEN");
    expect(await caller.account.reauthenticate({ password: user.password })).toEqual({ ok: true });
    expect((await caller.account.security()).reauthenticatedUntil).toBeInstanceOf(Date);
    await caller.account.startTwoFactor();
    expect(
      (await auditRows(msp.id, { action: "auth.reauthenticate", entityId: claims.sessionId }))
        .length,
    ).toBe(1);
  });

  test("with two-factor on, re-authentication needs the code as well", async () => {
    const { user, secret, recoveryCodes } = await enrolled();
    const result = await attempt(user, { code: recoveryCodes[0] });
    if (!result.ok) throw new Error("sign-in failed");
    // Signed in a quarter of an hour ago, as far as re-authentication is concerned.
    await asTenant(msp.id, (tx) =>
      tx
        .update(schema.sessions)
        .set({ reauthenticatedAt: new Date(Date.now() - 15 * 60_000) })
        .where(eq(schema.sessions.id, result.sessionId)),
    );
    const caller = callerAs((await validateSession(result, defaultSessionPolicy))!);

    await expectTRPCError(
      caller.account.regenerateRecoveryCodes(),
      "FORBIDDEN",
      /confirm your password first/,
    );
    await expectTRPCError(
      caller.account.reauthenticate({ password: user.password }),
      "BAD_REQUEST",
      /code from your authenticator/,
    );
    await expectTRPCError(
      caller.account.reauthenticate({ password: user.password, code: "000000" }),
      "BAD_REQUEST",
      /code is not right/,
    );
    expect(
      await caller.account.reauthenticate({
        password: user.password,
        code: await codeAt(secret, seconds(new Date(), 30)),
      }),
    ).toEqual({ ok: true });
    const regenerated = await caller.account.regenerateRecoveryCodes();
    expect(regenerated.recoveryCodes).toHaveLength(10);
    // The old codes no longer work.
    expect(await attempt(user, { code: recoveryCodes[1] })).toEqual({
      ok: false,
      reason: "invalid_code",
    });
    expect(
      (await auditRows(msp.id, { action: "account.recovery_codes_regenerated", entityId: user.id }))
        .length,
    ).toBe(1);
  });

  test("failed re-authentications count toward the throttle", async () => {
    const user = await insertUser(msp.id, { role: "technician" });
    const caller = callerAs(await sessionFor(user), "10.99.99.1");
    for (let i = 0; i < 4; i++)
      await expectTRPCError(
        caller.account.reauthenticate({ password: `wrong ${i}` }),
        "BAD_REQUEST",
      );
    await expectTRPCError(
      caller.account.reauthenticate({ password: "wrong again" }),
      "TOO_MANY_REQUESTS",
      /Wait 5 minutes/,
    );
    await expectTRPCError(
      caller.account.reauthenticate({ password: user.password }),
      "TOO_MANY_REQUESTS",
    );
  });

  test("turning two-factor off and changing the password work after re-authentication, are audited, and end other sessions", async () => {
    const { user, secret, recoveryCodes } = await enrolled();
    const other = await attempt(user, { code: recoveryCodes[0] });
    if (!other.ok) throw new Error("sign-in failed");
    const later = seconds(new Date(), 30);
    const current = await attempt(user, { code: await codeAt(secret, later), now: later });
    if (!current.ok) throw new Error("sign-in failed");
    const caller = callerAs((await validateSession(current, defaultSessionPolicy))!);

    await caller.account.disableTwoFactor();
    expect(await caller.account.security()).toMatchObject({
      twoFactorEnabled: false,
      recoveryCodesLeft: 0,
    });
    expect(
      await asTenant(msp.id, (tx) =>
        tx.select().from(schema.recoveryCodes).where(eq(schema.recoveryCodes.userId, user.id)),
      ),
    ).toEqual([]);

    await expectTRPCError(
      caller.account.changePassword({ newPassword: "password1234" }),
      "BAD_REQUEST",
    );
    // The other session, and the one enrolment was done in.
    expect(
      await caller.account.changePassword({ newPassword: "quartz-meadow-lantern-violet-88" }),
    ).toEqual({ otherSessionsEnded: 2 });
    expect(await validateSession(other, defaultSessionPolicy)).toBeNull();
    expect(await validateSession(current, defaultSessionPolicy)).not.toBeNull();
    expect(await attempt({ ...user, password: "quartz-meadow-lantern-violet-88" })).toMatchObject({
      ok: true,
    });
    expect(
      (await auditRows(msp.id, { action: "account.two_factor_disabled", entityId: user.id }))
        .length,
    ).toBe(1);
    expect(
      (await auditRows(msp.id, { action: "account.password_changed", entityId: user.id }))[0]
        ?.summary,
    ).toEqual({ otherSessionsEnded: 2 });
  });
  // Changing the email (a link to the new address, no account discovery): account-email.test.ts.
});

describe("the MSP setting that requires two-factor for admins and technicians", () => {
  test("only admins may change it; turning it on needs the admin's own two-factor; it is audited", async () => {
    const target = await createMsp("Required");
    const adminCaller = callerAs(await sessionFor(target.admin));
    await expectTRPCError(
      callerAs(await sessionFor(target.technician)).mspSettings.setRequireTwoFactor({
        required: true,
      }),
      "FORBIDDEN",
    );
    await expectTRPCError(
      callerAs(await sessionFor(target.manager)).mspSettings.security(),
      "FORBIDDEN",
    );
    await expectTRPCError(
      adminCaller.mspSettings.setRequireTwoFactor({ required: true }),
      "BAD_REQUEST",
      /your own account first/,
    );

    const { secret } = await adminCaller.account.startTwoFactor();
    await adminCaller.account.confirmTwoFactor({ code: await codeAt(secret, new Date()) });
    expect(await adminCaller.mspSettings.setRequireTwoFactor({ required: true })).toEqual({
      requireTwoFactor: true,
    });
    expect(await adminCaller.mspSettings.security()).toEqual({ requireTwoFactor: true });
    const [event] = await auditRows(target.id, { action: "msp.require_two_factor" });
    expect(event).toMatchObject({
      actorUserId: target.admin.id,
      summary: { before: false, after: true },
    });
  });

  test("a technician without two-factor is refused everything but enrolment, on the server, until enrolled", async () => {
    const target = await createMsp("Enforced");
    await ownerDb()
      .update(schema.msps)
      .set({ requireTwoFactor: true })
      .where(eq(schema.msps.id, target.id));
    const session = await sessionFor(target.technician);
    expect(session.mustEnrolTwoFactor).toBe(true);
    const caller = callerAs(session);
    await expectTRPCError(caller.practices.list({}), "FORBIDDEN", /requires two-factor sign-in/);
    await expectTRPCError(caller.incidents.active(), "FORBIDDEN", /requires two-factor sign-in/);
    expect(await caller.session.me()).toMatchObject({ mustEnrolTwoFactor: true });
    expect(await caller.account.security()).toMatchObject({
      requiredByMsp: true,
      twoFactorEnabled: false,
    });

    const { secret } = await caller.account.startTwoFactor();
    await caller.account.confirmTwoFactor({ code: await codeAt(secret, new Date()) });
    const after = (await validateSession(session, defaultSessionPolicy))!;
    expect(after.mustEnrolTwoFactor).toBe(false);
    await expect(callerAs(after).practices.list({})).resolves.toBeDefined();
    // Required for their role, so it cannot be turned off...
    await expectTRPCError(
      callerAs(after).account.disableTwoFactor(),
      "FORBIDDEN",
      /cannot be turned off/,
    );
    // ...but it can move to a new phone: the old secret works until the new one is confirmed.
    const moved = await callerAs(after).account.startTwoFactor();
    expect(moved.secret).not.toBe(secret);
    const { recoveryCodes } = await callerAs(after).account.confirmTwoFactor({
      code: await codeAt(moved.secret, seconds(new Date(), 30)),
    });
    expect(recoveryCodes).toHaveLength(10);
    expect(
      (
        await auditRows(target.id, {
          action: "account.two_factor_moved",
          entityId: target.technician.id,
        })
      ).length,
    ).toBe(1);
    const later = seconds(new Date(), 90);
    expect(
      await attempt(target.technician, { code: await codeAt(secret, later), now: later }),
    ).toEqual({ ok: false, reason: "invalid_code" });
    expect(
      await attempt(target.technician, { code: await codeAt(moved.secret, later), now: later }),
    ).toMatchObject({ ok: true });
  });

  test("practice managers and leadership are not affected by the setting", async () => {
    const target = await createMsp("Managers");
    await ownerDb()
      .update(schema.msps)
      .set({ requireTwoFactor: true })
      .where(eq(schema.msps.id, target.id));
    const session = await sessionFor(target.manager);
    expect(session.mustEnrolTwoFactor).toBe(false);
    await callerAs(session).practices.list({});
  });

  test("the database itself lets only an admin change the setting, and nothing else of the MSP row", async () => {
    const { withTenant } = await import("@/db/tenant");
    const target = await createMsp("Row policy");
    const asRole = (role: "admin" | "technician") =>
      withTenant({ mspId: target.id, userId: null, role, practiceIds: "*" }, (tx) =>
        tx
          .update(schema.msps)
          .set({ requireTwoFactor: true })
          .where(eq(schema.msps.id, target.id))
          .returning({ id: schema.msps.id }),
      );
    expect(await asRole("technician")).toEqual([]);
    expect(await asRole("admin")).toHaveLength(1);
    await expect(
      withTenant({ mspId: target.id, userId: null, role: "admin", practiceIds: "*" }, (tx) =>
        tx.update(schema.msps).set({ name: "Renamed" }).where(eq(schema.msps.id, target.id)),
      ),
    ).rejects.toThrow();
  });
});

describe("an admin resets a member's two-factor (lost phone and recovery codes)", () => {
  test("clears it and ends their sessions; they sign in with the password again; audited; admins only, own MSP only", async () => {
    const { user, secret } = await enrolled("technician");
    const later = seconds(new Date(), 30);
    const session = await attempt(user, { code: await codeAt(secret, later), now: later });
    if (!session.ok) throw new Error("sign-in failed");
    const admin = callerAs(await sessionFor(msp.admin));
    expect(
      (await admin.members.list()).members.find((member) => member.id === user.id),
    ).toMatchObject({ twoFactor: true });

    await expectTRPCError(
      callerAs(await sessionFor(msp.technician)).members.resetTwoFactor({ userId: user.id }),
      "FORBIDDEN",
    );
    const other = await createMsp("Other admin");
    await expectTRPCError(
      callerAs(await sessionFor(other.admin)).members.resetTwoFactor({ userId: user.id }),
      "NOT_FOUND",
    );

    expect(await admin.members.resetTwoFactor({ userId: user.id })).toEqual({ sessionsEnded: 2 });
    expect(await validateSession(session, defaultSessionPolicy)).toBeNull();
    expect(await attempt(user)).toMatchObject({ ok: true });
    expect(
      await asTenant(msp.id, (tx) =>
        tx.select().from(schema.recoveryCodes).where(eq(schema.recoveryCodes.userId, user.id)),
      ),
    ).toEqual([]);
    const [event] = await auditRows(msp.id, {
      action: "member.two_factor_reset",
      entityId: user.id,
    });
    expect(event).toMatchObject({
      actorUserId: msp.admin.id,
      summary: { email: user.email, sessionsEnded: 2 },
    });
    await expectTRPCError(
      admin.members.resetTwoFactor({ userId: user.id }),
      "CONFLICT",
      /does not have two-factor/,
    );
  });
});
