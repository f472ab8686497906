import { createHash } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import * as schema from "@/db/schema";
import type { SessionPolicy } from "@/server/domain/session-rules";
import {
  deviceTokenFor,
  isKnownDevice,
  signInWithPassword,
  signOutSession,
  validateSession,
  type SessionClaims,
} from "@/server/services/auth";
import { expectTRPCError } from "@/server/test/assertions";
import {
  anonymousCaller,
  APP_URL,
  asTenant,
  auditRows,
  createMsp,
  ownerDb,
  signIn,
  uniqueAddress,
  type TestMsp,
} from "@/server/test/fixtures";
import { createCaller } from "@/server/routers/_app";

const policy: SessionPolicy = { idleMinutes: 30, absoluteMinutes: 12 * 60 };
const minutes = (from: Date, count: number) => new Date(from.getTime() + count * 60_000);
const digest = (value: string) => createHash("sha256").update(value).digest("hex");

let msp: TestMsp;

beforeAll(async () => {
  msp = await createMsp("Auth");
});

function attempt(email: string, password: string, clientAddress: string, now?: Date) {
  return signInWithPassword(
    { email, password, clientAddress, userAgent: "Mozilla/5.0 (vitest)" },
    now,
  );
}

async function sessionRow(claims: SessionClaims) {
  return asTenant(
    claims.mspId,
    async (tx) =>
      (await tx.select().from(schema.sessions).where(eq(schema.sessions.id, claims.sessionId)))[0],
  );
}

describe("signing in with a password", () => {
  test("the right password opens a session for the user, recorded in the audit log", async () => {
    const result = await attempt(msp.technician.email, msp.technician.password, uniqueAddress());
    expect(result).toEqual({
      ok: true,
      userId: msp.technician.id,
      mspId: msp.id,
      sessionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    if (!result.ok) return;
    expect(await sessionRow(result)).toMatchObject({
      userId: msp.technician.id,
      mspId: msp.id,
      revokedAt: null,
      userAgent: "Mozilla/5.0 (vitest)",
    });
    const [event] = await auditRows(msp.id, { action: "auth.sign_in", entityId: result.sessionId });
    expect(event).toMatchObject({
      actorUserId: msp.technician.id,
      actorName: msp.technician.name,
      entityType: "session",
    });
  });

  test("the email is matched whatever its case and surrounding spaces", async () => {
    const result = await attempt(
      `  ${msp.technician.email.toUpperCase()} `,
      msp.technician.password,
      uniqueAddress(),
    );
    expect(result).toMatchObject({ ok: true, userId: msp.technician.id });
  });

  test("a wrong password and an unknown email get the very same answer", async () => {
    const wrong = await attempt(msp.technician.email, "not the password at all", uniqueAddress());
    const unknown = await attempt(
      `nobody.${msp.tag}@example.test`,
      msp.technician.password,
      uniqueAddress(),
    );
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  test("passwords are stored as argon2id with 19 MiB of memory, 2 iterations, 1 lane", async () => {
    const rows = await asTenant(msp.id, (tx) =>
      tx
        .select({ hash: schema.users.passwordHash })
        .from(schema.users)
        .where(eq(schema.users.mspId, msp.id)),
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.hash).toMatch(
        /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/,
      );
      expect(row.hash).not.toContain(msp.admin.password);
    }
  });
});

describe("throttling failed sign-ins", () => {
  test("five failures from one address block that account from that address only, for a few minutes", async () => {
    const user = msp.manager;
    const attacker = uniqueAddress();
    const elsewhere = uniqueAddress();
    const start = new Date();

    for (let i = 0; i < 4; i++)
      expect(
        await attempt(user.email, `wrong guess ${i}`, attacker, minutes(start, i * 0.5)),
      ).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt(user.email, "wrong guess 5", attacker, minutes(start, 2))).toEqual({
      ok: false,
      reason: "throttled",
      minutes: 5,
    });

    // Even the right password is refused from there while the block lasts...
    expect(await attempt(user.email, user.password, attacker, minutes(start, 3))).toEqual({
      ok: false,
      reason: "throttled",
      minutes: 4,
    });
    expect(await attempt(user.email, user.password, attacker, minutes(start, 6.5))).toEqual({
      ok: false,
      reason: "throttled",
      minutes: 1,
    });
    // ...but the real user elsewhere is not locked out,
    expect(await attempt(user.email, user.password, elsewhere, minutes(start, 3))).toMatchObject({
      ok: true,
    });
    // and once the block ends the right password works from there too.
    expect(await attempt(user.email, user.password, attacker, minutes(start, 7))).toMatchObject({
      ok: true,
      userId: user.id,
    });
  });

  test("the counters live in PostgreSQL, keyed by hashes: no email or address is stored", async () => {
    const user = msp.leadership;
    const address = uniqueAddress();
    const start = new Date();
    for (let i = 0; i < 5; i++)
      await attempt(user.email, "wrong", address, minutes(start, i * 0.1));

    const account = user.email.toLowerCase();
    const keys = {
      pair: digest(`pair:${account}|${address}`),
      account: digest(`account:${account}`),
      address: digest(`address:${address}`),
    };
    const rows = await ownerDb()
      .select()
      .from(schema.signInAttempts)
      .where(inArray(schema.signInAttempts.keyHash, Object.values(keys)));
    const byKey = Object.fromEntries(rows.map((row) => [row.keyHash, row]));
    expect(byKey[keys.pair]?.blockedUntil).toEqual(minutes(start, 0.4 + 5));
    expect(byKey[keys.account]).toMatchObject({ failures: 5, blockedUntil: null });
    expect(byKey[keys.address]).toMatchObject({ failures: 5, blockedUntil: null });
    expect(JSON.stringify(await ownerDb().select().from(schema.signInAttempts))).not.toContain(
      account,
    );
  });

  test("a successful sign-in clears the account's failures, so earlier mistakes do not add up", async () => {
    const user = msp.technician;
    const address = uniqueAddress();
    const start = new Date();
    for (let i = 0; i < 4; i++) await attempt(user.email, "typo", address, minutes(start, i * 0.1));
    expect(await attempt(user.email, user.password, address, minutes(start, 1))).toMatchObject({
      ok: true,
    });
    for (let i = 0; i < 4; i++)
      expect(await attempt(user.email, "typo again", address, minutes(start, 2 + i * 0.1))).toEqual(
        { ok: false, reason: "invalid" },
      );
  });

  test("guessing at one account from many addresses blocks that account for at most 15 minutes", async () => {
    const target = await createMsp("Targeted");
    const user = target.technician;
    const start = new Date();
    const results = [];
    for (let i = 0; i < 20; i++)
      results.push(
        await attempt(user.email, `guess ${i}`, uniqueAddress(), minutes(start, i * 0.1)),
      );
    expect(results.slice(0, 19).every((result) => !result.ok && result.reason === "invalid")).toBe(
      true,
    );
    expect(results[19]).toEqual({ ok: false, reason: "throttled", minutes: 15 });
    expect(
      await attempt(user.email, user.password, uniqueAddress(), minutes(start, 1.9 + 15)),
    ).toMatchObject({ ok: true });
  });

  test("an attacker who keeps the account-wide block up cannot lock the user out of a browser they signed in on before", async () => {
    const target = await createMsp("Renewed block");
    const user = target.technician;
    const start = new Date();
    for (let i = 0; i < 20; i++)
      await attempt(user.email, `guess ${i}`, uniqueAddress(), minutes(start, i * 0.1));
    const fromNewBrowser = await signInWithPassword(
      {
        email: user.email,
        password: user.password,
        clientAddress: uniqueAddress(),
        userAgent: null,
      },
      minutes(start, 3),
    );
    expect(fromNewBrowser).toEqual({ ok: false, reason: "throttled", minutes: 14 });
    const fromKnownBrowser = await signInWithPassword(
      {
        email: user.email,
        password: user.password,
        clientAddress: uniqueAddress(),
        userAgent: null,
        knownDevice: true,
      },
      minutes(start, 3),
    );
    expect(fromKnownBrowser).toMatchObject({ ok: true });
    // A known device does not lift the per-address block: guessing from one place stays slow.
    const guesser = uniqueAddress();
    for (let i = 0; i < 4; i++)
      await signInWithPassword(
        {
          email: user.email,
          password: "nope",
          clientAddress: guesser,
          userAgent: null,
          knownDevice: true,
        },
        minutes(start, 4),
      );
    expect(
      await signInWithPassword(
        {
          email: user.email,
          password: "nope",
          clientAddress: guesser,
          userAgent: null,
          knownDevice: true,
        },
        minutes(start, 4),
      ),
    ).toEqual({
      ok: false,
      reason: "throttled",
      minutes: 5,
    });
  });

  test("a known-device token belongs to one email and one secret", () => {
    const token = deviceTokenFor("Priya@Lakeside.example", "secret-a");
    expect(isKnownDevice([token], "priya@lakeside.example", "secret-a")).toBe(true);
    expect(isKnownDevice([token], "someone@lakeside.example", "secret-a")).toBe(false);
    expect(isKnownDevice([token], "priya@lakeside.example", "secret-b")).toBe(false);
    expect(isKnownDevice(["", "garbage"], "priya@lakeside.example", "secret-a")).toBe(false);
  });

  test("failures outside the 15-minute window do not add up to a block", async () => {
    const address = uniqueAddress();
    const start = new Date();
    for (let i = 0; i < 6; i++)
      expect(await attempt(msp.admin.email, "slow guess", address, minutes(start, i * 16))).toEqual(
        { ok: false, reason: "invalid" },
      );
  });
});

describe("sessions", () => {
  test("a session ends after 30 idle minutes; each request within them keeps it alive", async () => {
    const start = new Date();
    const claims = await signIn(msp.technician, { now: start });
    expect(await validateSession(claims, policy, minutes(start, 29))).toMatchObject({
      userId: msp.technician.id,
      role: "technician",
      mspName: msp.name,
    });
    expect((await sessionRow(claims))?.lastSeenAt).toEqual(minutes(start, 29));
    expect(await validateSession(claims, policy, minutes(start, 58))).not.toBeNull();
    expect(await validateSession(claims, policy, minutes(start, 88))).toBeNull();
    expect((await sessionRow(claims))?.revokedAt).toEqual(minutes(start, 88));
    // Once ended it stays ended, even for a request that claims an earlier time.
    expect(await validateSession(claims, policy, minutes(start, 60))).toBeNull();
  });

  test("requests less than a minute apart do not rewrite last_seen_at", async () => {
    const start = new Date();
    const claims = await signIn(msp.technician, { now: start });
    await validateSession(claims, policy, new Date(start.getTime() + 30_000));
    expect((await sessionRow(claims))?.lastSeenAt).toEqual(start);
  });

  test("a session ends 12 hours after sign-in, however active", async () => {
    const start = new Date();
    const claims = await signIn(msp.technician, { now: start });
    for (let at = 20; at < 12 * 60; at += 20)
      expect(await validateSession(claims, policy, minutes(start, at))).not.toBeNull();
    expect(await validateSession(claims, policy, minutes(start, 12 * 60))).toBeNull();
  });

  test("signing out ends the session and is audited; a second sign-out does nothing", async () => {
    const claims = await signIn(msp.technician);
    await signOutSession(claims);
    expect(await validateSession(claims, policy)).toBeNull();
    await signOutSession(claims);
    expect(
      (await auditRows(msp.id, { action: "auth.sign_out", entityId: claims.sessionId })).length,
    ).toBe(1);
  });

  test("claims that do not match the session (another user, another MSP, unknown id) are refused", async () => {
    const other = await createMsp("Forger");
    const claims = await signIn(msp.technician);
    expect(await validateSession({ ...claims, userId: msp.admin.id }, policy)).toBeNull();
    expect(await validateSession({ ...claims, mspId: other.id }, policy)).toBeNull();
    expect(
      await validateSession(
        { ...claims, sessionId: "00000000-0000-4000-8000-000000000000" },
        policy,
      ),
    ).toBeNull();
    expect(await validateSession(claims, policy)).not.toBeNull();
  });

  test("session.me tells the signed-in person who they are, without the session id; without a session it is UNAUTHORIZED", async () => {
    const claims = await signIn(msp.manager);
    const user = await validateSession(claims, policy);
    const me = await createCaller({ user, appUrl: APP_URL }).session.me();
    expect(me).toEqual({
      userId: msp.manager.id,
      mspId: msp.id,
      mspName: msp.name,
      name: msp.manager.name,
      email: msp.manager.email,
      role: "practice_manager",
      practiceIds: [msp.practices[0].id],
      twoFactorEnabled: false,
      mustEnrolTwoFactor: false,
    });
    await expectTRPCError(anonymousCaller().session.me(), "UNAUTHORIZED");
  });
});
