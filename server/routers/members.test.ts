import { createHash, randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import * as schema from "@/db/schema";
import { defaultSessionPolicy } from "@/server/domain/session-rules";
import { signInWithPassword, validateSession } from "@/server/services/auth";
import { expectTRPCError } from "@/server/test/assertions";
import { callOverHttp } from "@/server/test/http";
import {
  anonymousCaller,
  asTenant,
  auditRows,
  callerFor,
  countRows,
  createMsp,
  insertUser,
  signIn,
  unique,
  uniqueAddress,
  type Caller,
  type TestMsp,
} from "@/server/test/fixtures";

const STRONG_PASSWORD = "marble gossip fjord lantern 19";
const tokenOf = (url: string) => url.split("/invite/")[1]!;
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

async function memberRow(mspId: string, userId: string) {
  return asTenant(mspId, async (tx) => {
    const [user] = await tx.select().from(schema.users).where(eq(schema.users.id, userId));
    const access = await tx
      .select({ practiceId: schema.userPracticeAccess.practiceId })
      .from(schema.userPracticeAccess)
      .where(eq(schema.userPracticeAccess.userId, userId));
    return user ? { ...user, practiceIds: access.map((row) => row.practiceId).sort() } : null;
  });
}

async function invitationRows(mspId: string) {
  return asTenant(mspId, (tx) =>
    tx
      .select()
      .from(schema.invitations)
      .where(eq(schema.invitations.mspId, mspId))
      .orderBy(schema.invitations.createdAt),
  );
}

let msp: TestMsp;
let other: TestMsp;
let admin: Caller;
let otherAdmin: Caller;
const anonymous = anonymousCaller();

beforeAll(async () => {
  [msp, other] = await Promise.all([createMsp("Summit IT"), createMsp("Harbor Tech")]);
  [admin, otherAdmin] = await Promise.all([callerFor(msp.admin), callerFor(other.admin)]);
});

describe("invitations", () => {
  test("an invitation link lets a person join with the role and practice scope they were invited with, once", async () => {
    const email = `new.manager.${unique()}@Example.Test`;
    const invitation = await admin.members.invite({
      email,
      role: "practice_manager",
      practiceIds: [msp.practices[1].id],
    });
    expect(invitation.url).toMatch(/^http:\/\/localhost:3000\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(invitation.emailed).toBe(false);
    const token = tokenOf(invitation.url);
    const [stored] = (await invitationRows(msp.id)).filter(
      (row) => row.id === invitation.invitationId,
    );
    expect(stored).toMatchObject({
      email: email.toLowerCase(),
      role: "practice_manager",
      practiceIds: [msp.practices[1].id],
      invitedBy: msp.admin.id,
    });
    expect(stored!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    expect(await anonymous.invitations.get({ token })).toMatchObject({
      email: email.toLowerCase(),
      role: "practice_manager",
      mspName: msp.name,
      status: "valid",
    });

    const weak = await expectTRPCError(
      anonymous.invitations.accept({ token, name: "Nina Patel", password: "password1234" }),
      "BAD_REQUEST",
    );
    expect(weak.message).toMatch(/too easy to guess/);
    await expectTRPCError(
      anonymous.invitations.accept({ token, name: "Nina Patel", password: "short" }),
      "BAD_REQUEST",
      /at least 12 characters/,
    );
    // The browser gets the strength message on the password field.
    const overHttp = await callOverHttp(
      null,
      "invitations.accept",
      { token, name: "Nina Patel", password: "password1234" },
      "mutation",
    );
    expect(overHttp.status).toBe(400);
    expect(overHttp.error?.data.fieldErrors?.password?.[0]).toMatch(/too easy to guess/);
    // Without a valid link the costly strength check never runs: the link is refused first.
    await expectTRPCError(
      anonymous.invitations.accept({
        token: "x".repeat(43),
        name: "Nina Patel",
        password: "password1234",
      }),
      "NOT_FOUND",
    );
    // Refused by the service, which also knows the person's email and name.
    await expectTRPCError(
      anonymous.invitations.accept({ token, name: "Nina Patel", password: email.toLowerCase() }),
      "BAD_REQUEST",
      /personal/,
    );
    expect((await anonymous.invitations.get({ token }))?.status).toBe("valid");

    const usersBefore = await countRows(msp.id, "users");
    expect(
      await anonymous.invitations.accept({
        token,
        name: "  Nina Patel  ",
        password: STRONG_PASSWORD,
      }),
    ).toEqual({ email: email.toLowerCase() });

    const [joined] = await asTenant(msp.id, (tx) =>
      tx.select().from(schema.users).where(eq(schema.users.email, email.toLowerCase())),
    );
    expect(joined).toMatchObject({
      name: "Nina Patel",
      role: "practice_manager",
      mspId: msp.id,
      removedAt: null,
    });
    expect((await memberRow(msp.id, joined!.id))?.practiceIds).toEqual([msp.practices[1].id]);
    const nina = await callerFor({ email, password: STRONG_PASSWORD });
    expect((await nina.practices.list({})).items.map((item) => item.id)).toEqual([
      msp.practices[1].id,
    ]);

    expect((await anonymous.invitations.get({ token }))?.status).toBe("used");
    await expectTRPCError(
      anonymous.invitations.accept({
        token,
        name: "Someone Else",
        password: "another quite strong phrase 77",
      }),
      "BAD_REQUEST",
      /already been used/,
    );
    expect(await countRows(msp.id, "users")).toBe(usersBefore + 1);

    const actions = (await auditRows(msp.id))
      .filter((event) => [invitation.invitationId, joined!.id].includes(event.entityId!))
      .map((event) => event.action);
    expect(actions).toEqual(["member.invite", "member.join"]);
  });

  test("the same link accepted twice at the same moment makes one account", async () => {
    const email = `twice.${unique()}@example.test`;
    const invitation = await admin.members.invite({ email, role: "technician", practiceIds: [] });
    const token = tokenOf(invitation.url);
    const outcomes = await Promise.allSettled([
      anonymous.invitations.accept({ token, name: "Tab One", password: STRONG_PASSWORD }),
      anonymous.invitations.accept({ token, name: "Tab Two", password: STRONG_PASSWORD }),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
    const accounts = await asTenant(msp.id, (tx) =>
      tx.select().from(schema.users).where(eq(schema.users.email, email)),
    );
    expect(accounts).toHaveLength(1);
  });

  test("an expired invitation is shown as expired and refused", async () => {
    const token = randomBytes(32).toString("base64url");
    const email = `late.${unique()}@example.test`;
    await asTenant(msp.id, (tx) =>
      tx.insert(schema.invitations).values({
        mspId: msp.id,
        email,
        role: "technician",
        tokenHash: hashToken(token),
        invitedBy: msp.admin.id,
        expiresAt: new Date(Date.now() - 60_000),
      }),
    );
    expect((await anonymous.invitations.get({ token }))?.status).toBe("expired");
    await expectTRPCError(
      anonymous.invitations.accept({ token, name: "Late Larry", password: STRONG_PASSWORD }),
      "BAD_REQUEST",
      /has expired/,
    );
    const [created] = await asTenant(msp.id, (tx) =>
      tx.select().from(schema.users).where(eq(schema.users.email, email)),
    );
    expect(created).toBeUndefined();
  });

  test("an invitation expires seven days after it is sent", async () => {
    const invitation = await admin.members.invite({
      email: `week.${unique()}@example.test`,
      role: "technician",
      practiceIds: [],
    });
    const days = (invitation.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
  });

  test("a withdrawn invitation is refused, and cannot be withdrawn twice", async () => {
    const invitation = await admin.members.invite({
      email: `withdrawn.${unique()}@example.test`,
      role: "leadership",
      practiceIds: [],
      allPractices: true,
    });
    await admin.members.revokeInvitation({ invitationId: invitation.invitationId });
    const token = tokenOf(invitation.url);
    expect((await anonymous.invitations.get({ token }))?.status).toBe("revoked");
    await expectTRPCError(
      anonymous.invitations.accept({ token, name: "Wanda", password: STRONG_PASSWORD }),
      "BAD_REQUEST",
      /withdrawn/,
    );
    await expectTRPCError(
      admin.members.revokeInvitation({ invitationId: invitation.invitationId }),
      "NOT_FOUND",
    );
    expect((await admin.members.list()).invitations.map((row) => row.id)).not.toContain(
      invitation.invitationId,
    );
  });

  test("an unknown or mangled token reveals nothing", async () => {
    expect(
      await anonymous.invitations.get({ token: randomBytes(32).toString("base64url") }),
    ).toBeNull();
    await expectTRPCError(
      anonymous.invitations.accept({
        token: randomBytes(32).toString("base64url"),
        name: "Eve",
        password: STRONG_PASSWORD,
      }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      anonymous.invitations.get({ token: "short" }),
      "BAD_REQUEST",
      /incomplete/,
    );
    await expectTRPCError(anonymous.invitations.get({ token: "x".repeat(101) }), "BAD_REQUEST");
  });

  test("inviting one of the MSP's own members (any case) is refused: they are in the member list already", async () => {
    await expectTRPCError(
      admin.members.invite({
        email: msp.technician.email.toUpperCase(),
        role: "technician",
        practiceIds: [],
      }),
      "BAD_REQUEST",
      /already a member/,
    );
  });

  test("an invitation to another MSP's practice, or with the wrong practice list for the role, is refused and not stored", async () => {
    const before = await countRows(msp.id, "invitations");
    await expectTRPCError(
      admin.members.invite({
        email: `x.${unique()}@example.test`,
        role: "practice_manager",
        practiceIds: [other.practices[0].id],
      }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      admin.members.invite({
        email: `x.${unique()}@example.test`,
        role: "practice_manager",
        practiceIds: [],
      }),
      "BAD_REQUEST",
      /Choose the practice/,
    );
    await expectTRPCError(
      admin.members.invite({
        email: `x.${unique()}@example.test`,
        role: "technician",
        practiceIds: [msp.practices[0].id],
      }),
      "BAD_REQUEST",
      /clear the practice list/,
    );
    await expectTRPCError(
      admin.members.invite({ email: "not an email", role: "technician", practiceIds: [] }),
      "BAD_REQUEST",
      /Enter an email address/,
    );
    await expectTRPCError(
      admin.members.invite({
        email: `x.${unique()}@example.test`,
        role: "owner" as never,
        practiceIds: [],
      }),
      "BAD_REQUEST",
      /Choose a role/,
    );
    expect(await countRows(msp.id, "invitations")).toBe(before);
  });
});

describe("members.list", () => {
  test("lists the MSP's members with their practices and open sessions, and pending invitations; never another MSP's", async () => {
    const own = await createMsp("Listing");
    const caller = await callerFor(own.admin);
    await signIn(own.manager);
    const pending = await caller.members.invite({
      email: `pending.${unique()}@example.test`,
      role: "technician",
      practiceIds: [],
    });
    const list = await caller.members.list();
    expect(list.members.map((member) => member.id).sort()).toEqual(
      [own.admin.id, own.technician.id, own.manager.id, own.leadership.id].sort(),
    );
    const manager = list.members.find((member) => member.id === own.manager.id);
    expect(manager).toMatchObject({
      role: "practice_manager",
      practices: [{ id: own.practices[0].id, name: own.practices[0].name }],
      openSessions: 1,
    });
    expect(list.members.find((member) => member.id === own.technician.id)?.openSessions).toBe(0);
    expect(list.invitations.map((row) => row.id)).toEqual([pending.invitationId]);
    expect(JSON.stringify(list)).not.toMatch(/passwordHash|password_hash|tokenHash/);
  });
});

describe("members.changeAccess", () => {
  test("an admin changes a member's role and practices; the member's next request sees it; a stale version is CONFLICT", async () => {
    const own = await createMsp("Access");
    const caller = await callerFor(own.admin);
    const claims = await signIn(own.technician);
    const before = (await caller.members.list()).members.find(
      (member) => member.id === own.technician.id,
    )!;

    const changed = await caller.members.changeAccess({
      userId: own.technician.id,
      version: before.version,
      role: "leadership",
      practiceIds: [own.practices[1].id],
    });
    expect(changed).toEqual({ version: before.version + 1, patientDataAccessFrom: null });
    expect(await memberRow(own.id, own.technician.id)).toMatchObject({
      role: "leadership",
      practiceIds: [own.practices[1].id],
      version: before.version + 1,
    });
    expect(await validateSession(claims, defaultSessionPolicy)).toMatchObject({
      role: "leadership",
      practiceIds: [own.practices[1].id],
    });

    const stale = await expectTRPCError(
      caller.members.changeAccess({
        userId: own.technician.id,
        version: before.version,
        role: "admin",
        practiceIds: [],
      }),
      "CONFLICT",
    );
    expect(stale.message).toContain(own.technician.name);
    expect(await memberRow(own.id, own.technician.id)).toMatchObject({
      role: "leadership",
      practiceIds: [own.practices[1].id],
    });

    const [event] = await auditRows(own.id, {
      action: "member.change_access",
      entityId: own.technician.id,
    });
    expect(event).toMatchObject({
      actorUserId: own.admin.id,
      summary: { roleBefore: "technician", roleAfter: "leadership", practices: 1 },
    });
  });

  test("the last admin cannot be demoted or removed; with a second admin they can", async () => {
    const own = await createMsp("Last admin");
    const caller = await callerFor(own.admin);
    const version = (await memberRow(own.id, own.admin.id))!.version;
    await expectTRPCError(
      caller.members.changeAccess({
        userId: own.admin.id,
        version,
        role: "technician",
        practiceIds: [],
      }),
      "BAD_REQUEST",
      /at least one admin/,
    );
    await expectTRPCError(
      caller.members.remove({ userId: own.admin.id }),
      "BAD_REQUEST",
      /at least one admin/,
    );
    expect(await memberRow(own.id, own.admin.id)).toMatchObject({
      role: "admin",
      removedAt: null,
      version,
    });

    const second = await insertUser(own.id, { role: "admin" });
    await caller.members.changeAccess({
      userId: own.admin.id,
      version,
      role: "technician",
      practiceIds: [],
    });
    expect((await memberRow(own.id, own.admin.id))?.role).toBe("technician");
    const secondCaller = await callerFor(second);
    await expectTRPCError(
      secondCaller.members.remove({ userId: second.id }),
      "BAD_REQUEST",
      /at least one admin/,
    );
  });

  test("two admins demoting each other at the same moment cannot leave the MSP without an admin", async () => {
    const own = await createMsp("Race");
    const second = await insertUser(own.id, { role: "admin" });
    const [first, other] = await Promise.all([callerFor(own.admin), callerFor(second)]);
    const versions = await Promise.all([
      memberRow(own.id, second.id),
      memberRow(own.id, own.admin.id),
    ]);
    const outcomes = await Promise.allSettled([
      first.members.changeAccess({
        userId: second.id,
        version: versions[0]!.version,
        role: "technician",
        practiceIds: [],
      }),
      other.members.changeAccess({
        userId: own.admin.id,
        version: versions[1]!.version,
        role: "technician",
        practiceIds: [],
      }),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
    const roles = await Promise.all([
      memberRow(own.id, own.admin.id),
      memberRow(own.id, second.id),
    ]);
    expect(roles.filter((row) => row?.role === "admin")).toHaveLength(1);
  });

  test("a practice of another MSP cannot be given to a member", async () => {
    const version = (await memberRow(msp.id, msp.leadership.id))!.version;
    await expectTRPCError(
      admin.members.changeAccess({
        userId: msp.leadership.id,
        version,
        role: "leadership",
        practiceIds: [other.practices[0].id],
      }),
      "NOT_FOUND",
    );
    expect(await memberRow(msp.id, msp.leadership.id)).toMatchObject({
      version,
      practiceIds: [msp.practices[0].id],
    });
  });
});

describe("ending access", () => {
  test("removing a member ends their sessions at once and they can no longer sign in", async () => {
    const own = await createMsp("Removal");
    const caller = await callerFor(own.admin);
    const first = await signIn(own.technician);
    const second = await signIn(own.technician);
    expect(await validateSession(first, defaultSessionPolicy)).not.toBeNull();

    await caller.members.remove({ userId: own.technician.id });

    expect(await validateSession(first, defaultSessionPolicy)).toBeNull();
    expect(await validateSession(second, defaultSessionPolicy)).toBeNull();
    expect(
      await signInWithPassword({
        email: own.technician.email,
        password: own.technician.password,
        clientAddress: uniqueAddress(),
        userAgent: null,
      }),
    ).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect((await caller.members.list()).members.map((member) => member.id)).not.toContain(
      own.technician.id,
    );
    expect((await memberRow(own.id, own.technician.id))?.removedAt).toBeInstanceOf(Date);
    const [event] = await auditRows(own.id, {
      action: "member.remove",
      entityId: own.technician.id,
    });
    expect(event?.summary).toMatchObject({ sessionsEnded: 2, role: "technician" });
    await expectTRPCError(caller.members.remove({ userId: own.technician.id }), "NOT_FOUND");
  });

  test("a removed member's email can be invited again", async () => {
    const own = await createMsp("Rejoin");
    const caller = await callerFor(own.admin);
    await caller.members.remove({ userId: own.leadership.id });
    const invitation = await caller.members.invite({
      email: own.leadership.email,
      role: "leadership",
      practiceIds: [],
      allPractices: true,
    });
    await anonymous.invitations.accept({
      token: tokenOf(invitation.url),
      name: "Back Again",
      password: STRONG_PASSWORD,
    });
    const back = await callerFor({ email: own.leadership.email, password: STRONG_PASSWORD });
    expect((await back.session.me()).name).toBe("Back Again");
  });

  test("signOutEverywhere ends every session of the member, who can sign in again", async () => {
    const own = await createMsp("Everywhere");
    const caller = await callerFor(own.admin);
    const sessions = [await signIn(own.manager), await signIn(own.manager)];
    const untouched = await signIn(own.leadership);

    expect(await caller.members.signOutEverywhere({ userId: own.manager.id })).toEqual({
      sessionsEnded: 2,
    });
    for (const claims of sessions)
      expect(await validateSession(claims, defaultSessionPolicy)).toBeNull();
    expect(await validateSession(untouched, defaultSessionPolicy)).not.toBeNull();
    expect(await validateSession(await signIn(own.manager), defaultSessionPolicy)).not.toBeNull();
    const [event] = await auditRows(own.id, {
      action: "member.sign_out_everywhere",
      entityId: own.manager.id,
    });
    expect(event).toMatchObject({ actorUserId: own.admin.id, summary: { sessionsEnded: 2 } });
  });
});

describe("attacks", () => {
  test("technicians, practice managers and leadership get FORBIDDEN on every members procedure, and nothing changes", async () => {
    const invitation = await admin.members.invite({
      email: `target.${unique()}@example.test`,
      role: "technician",
      practiceIds: [],
    });
    const version = (await memberRow(msp.id, msp.technician.id))!.version;
    const counts = async () =>
      Promise.all([
        countRows(msp.id, "users"),
        countRows(msp.id, "invitations"),
        countRows(msp.id, "audit_events"),
      ]);
    const before = await counts();
    const techBefore = await memberRow(msp.id, msp.technician.id);

    for (const user of [msp.technician, msp.manager, msp.leadership]) {
      const caller = await callerFor(user);
      await expectTRPCError(caller.members.list(), "FORBIDDEN");
      await expectTRPCError(
        caller.members.invite({
          email: `sneaky.${unique()}@example.test`,
          role: "admin",
          practiceIds: [],
        }),
        "FORBIDDEN",
      );
      await expectTRPCError(
        caller.members.revokeInvitation({ invitationId: invitation.invitationId }),
        "FORBIDDEN",
      );
      await expectTRPCError(
        caller.members.changeAccess({ userId: user.id, version, role: "admin", practiceIds: [] }),
        "FORBIDDEN",
      );
      await expectTRPCError(caller.members.remove({ userId: msp.technician.id }), "FORBIDDEN");
      await expectTRPCError(
        caller.members.signOutEverywhere({ userId: msp.admin.id }),
        "FORBIDDEN",
      );
    }
    const afterCounts = await counts();
    // Signing the three in wrote three auth.sign_in events; nothing else changed.
    expect(afterCounts).toEqual([before[0], before[1], before[2] + 3]);
    expect(await memberRow(msp.id, msp.technician.id)).toEqual(techBefore);
    expect((await anonymous.invitations.get({ token: tokenOf(invitation.url) }))?.status).toBe(
      "valid",
    );
  });

  test("without a session every members procedure is UNAUTHORIZED", async () => {
    await expectTRPCError(anonymous.members.list(), "UNAUTHORIZED");
    await expectTRPCError(
      anonymous.members.invite({
        email: `x.${unique()}@example.test`,
        role: "admin",
        practiceIds: [],
      }),
      "UNAUTHORIZED",
    );
    await expectTRPCError(anonymous.members.remove({ userId: msp.technician.id }), "UNAUTHORIZED");
    await expectTRPCError(
      anonymous.members.signOutEverywhere({ userId: msp.technician.id }),
      "UNAUTHORIZED",
    );
  });

  test("another MSP's member and invitation ids are NOT_FOUND, and nothing changes", async () => {
    const claims = await signIn(msp.technician);
    const invitation = await admin.members.invite({
      email: `theirs.${unique()}@example.test`,
      role: "technician",
      practiceIds: [],
    });
    const techBefore = await memberRow(msp.id, msp.technician.id);
    const auditBefore = await countRows(msp.id, "audit_events");

    await expectTRPCError(
      otherAdmin.members.changeAccess({
        userId: msp.technician.id,
        version: techBefore!.version,
        role: "leadership",
        practiceIds: [],
        allPractices: true,
      }),
      "NOT_FOUND",
      "Member was not found.",
    );
    await expectTRPCError(
      otherAdmin.members.remove({ userId: msp.technician.id }),
      "NOT_FOUND",
      "Member was not found.",
    );
    await expectTRPCError(
      otherAdmin.members.signOutEverywhere({ userId: msp.technician.id }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      otherAdmin.members.revokeInvitation({ invitationId: invitation.invitationId }),
      "NOT_FOUND",
    );
    expect(JSON.stringify(await otherAdmin.members.list())).not.toContain(msp.tag);

    expect(await memberRow(msp.id, msp.technician.id)).toEqual(techBefore);
    expect(await validateSession(claims, defaultSessionPolicy)).not.toBeNull();
    expect(await countRows(msp.id, "audit_events")).toBe(auditBefore);
    expect((await anonymous.invitations.get({ token: tokenOf(invitation.url) }))?.status).toBe(
      "valid",
    );
  });

  test("malformed member ids are BAD_REQUEST", async () => {
    await expectTRPCError(
      admin.members.remove({ userId: "not-a-uuid" }),
      "BAD_REQUEST",
      /Unknown member/,
    );
    await expectTRPCError(
      admin.members.changeAccess({
        userId: msp.technician.id,
        version: 0,
        role: "technician",
        practiceIds: [],
      }),
      "BAD_REQUEST",
    );
    await expectTRPCError(
      admin.members.revokeInvitation({ invitationId: "' or 1=1 --" }),
      "BAD_REQUEST",
    );
    const count = await asTenant(
      msp.id,
      async (tx) =>
        (
          await tx.execute<{ n: number }>(
            sql`select count(*)::int as n from users where removed_at is not null and msp_id = ${msp.id}`,
          )
        )[0]!.n,
    );
    expect(count).toBe(0);
  });
});
