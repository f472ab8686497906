import { beforeAll, describe, expect, test } from "vitest";
import { expectTRPCError } from "@/server/test/assertions";
import {
  auditRows,
  callerFor,
  createMsp,
  insertPractice,
  ownerSql,
  unique,
  type Caller,
  type TestMsp,
} from "@/server/test/fixtures";

let msp: TestMsp;
let other: TestMsp;
let admin: Caller;
let manager: Caller;
let leadership: Caller;
let otherAdmin: Caller;

beforeAll(async () => {
  [msp, other] = await Promise.all([createMsp("Risks"), createMsp("Other risks")]);
  [admin, manager, leadership, otherAdmin] = await Promise.all([
    callerFor(msp.admin),
    callerFor(msp.manager),
    callerFor(msp.leadership),
    callerFor(other.admin),
  ]);
});

const risk = (
  overrides: Partial<{
    title: string;
    severity: "urgent" | "high" | "medium" | "low";
    systemIds: string[];
  }> = {},
) => ({
  title: "Front-desk PCs run Windows 10",
  description: "Out of support since October 2025.",
  severity: "high" as const,
  category: "unsupported_devices" as const,
  owner: "Sam Tech",
  systemIds: [] as string[],
  ...overrides,
});
const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function freshPractice() {
  return (await insertPractice(msp.id, { name: unique("Risk practice "), timezone: "UTC" })).id;
}

async function riskRow(riskId: string) {
  const [row] =
    await ownerSql()`select status, version, accepted_reason, accepted_until, scheduled_for from risks where id = ${riskId}`;
  return row!;
}

describe("the risk register", () => {
  test("a risk is added with its systems; systems of another practice are refused", async () => {
    const practiceId = await freshPractice();
    await admin.dependencies.applyStarterMap({ practiceId });
    const systems = (await admin.dependencies.map({ practiceId })).systems
      .slice(0, 2)
      .map((system) => system.id);
    const { id } = await admin.risks.create({ practiceId, ...risk({ systemIds: systems }) });
    expect(
      (await admin.risks.get({ practiceId, riskId: id })).systems.map((system) => system.id).sort(),
    ).toEqual([...systems].sort());

    const elsewhere = await freshPractice();
    await admin.dependencies.applyStarterMap({ practiceId: elsewhere });
    const foreign = (await admin.dependencies.map({ practiceId: elsewhere })).systems[0]!.id;
    const refused = await expectTRPCError(
      admin.risks.create({ practiceId, ...risk({ systemIds: [foreign] }) }),
      "BAD_REQUEST",
      /this practice's dependency map/,
    );
    expect(refused.cause).toMatchObject({ field: "systemIds" });
    await expectTRPCError(
      admin.risks.create({ practiceId, ...risk({ title: "x" }) }),
      "BAD_REQUEST",
      /short title/,
    );
    const [row] =
      await ownerSql()`select count(*)::int as n from risks where practice_id = ${practiceId}`;
    expect(row!.n).toBe(1);
  });

  test("accepting needs a written reason and a future expiry; scheduling needs a date; resolving needs a note — and a refusal changes nothing", async () => {
    const practiceId = await freshPractice();
    const { id: riskId } = await admin.risks.create({ practiceId, ...risk() });
    const before = await riskRow(riskId);

    await expectTRPCError(
      admin.risks.changeStatus({
        practiceId,
        riskId,
        version: 1,
        change: { status: "accepted", expiresOn: inDays(30) } as never,
      }),
      "BAD_REQUEST",
    );
    await expectTRPCError(
      admin.risks.changeStatus({
        practiceId,
        riskId,
        version: 1,
        change: { status: "accepted", reason: "ok", expiresOn: inDays(30) },
      }),
      "BAD_REQUEST",
      "Write why the risk is accepted (at least 10 characters).",
    );
    const pastExpiry = await expectTRPCError(
      admin.risks.changeStatus({
        practiceId,
        riskId,
        version: 1,
        change: {
          status: "accepted",
          reason: "Replacement PCs arrive in March",
          expiresOn: inDays(-1),
        },
      }),
      "BAD_REQUEST",
      "An acceptance must expire in the future.",
    );
    expect(pastExpiry.cause).toMatchObject({ field: "change.expiresOn" });
    await expectTRPCError(
      admin.risks.changeStatus({
        practiceId,
        riskId,
        version: 1,
        change: { status: "scheduled" } as never,
      }),
      "BAD_REQUEST",
    );
    await expectTRPCError(
      admin.risks.changeStatus({
        practiceId,
        riskId,
        version: 1,
        change: { status: "scheduled", scheduledFor: inDays(-3) },
      }),
      "BAD_REQUEST",
      "The fix date cannot be in the past.",
    );
    await expectTRPCError(
      admin.risks.changeStatus({
        practiceId,
        riskId,
        version: 1,
        change: { status: "resolved", note: "" },
      }),
      "BAD_REQUEST",
      "Say how the risk was resolved.",
    );
    await expectTRPCError(
      admin.risks.changeStatus({ practiceId, riskId, version: 1, change: { status: "open" } }),
      "BAD_REQUEST",
      "The risk is already open.",
    );
    expect(await riskRow(riskId)).toEqual(before);
    expect((await admin.risks.get({ practiceId, riskId })).history).toHaveLength(1);

    const accepted = await admin.risks.changeStatus({
      practiceId,
      riskId,
      version: 1,
      change: {
        status: "accepted",
        reason: "Replacement PCs arrive in March",
        expiresOn: inDays(60),
      },
    });
    expect(await riskRow(riskId)).toMatchObject({
      status: "accepted",
      accepted_reason: "Replacement PCs arrive in March",
    });
    const scheduled = await admin.risks.changeStatus({
      practiceId,
      riskId,
      version: accepted.version,
      change: { status: "scheduled", scheduledFor: inDays(14) },
    });
    expect(await riskRow(riskId)).toMatchObject({
      status: "scheduled",
      accepted_reason: null,
      accepted_until: null,
    });
    await admin.risks.changeStatus({
      practiceId,
      riskId,
      version: scheduled.version,
      change: { status: "resolved", note: "PCs replaced with supported models" },
    });

    const { history } = await admin.risks.get({ practiceId, riskId });
    expect(history.map((event) => [event.kind, event.fromStatus, event.toStatus])).toEqual([
      ["status", "scheduled", "resolved"],
      ["status", "accepted", "scheduled"],
      ["status", "open", "accepted"],
      ["created", null, "open"],
    ]);
    expect(history[2]!.detail).toEqual({
      reason: "Replacement PCs arrive in March",
      expiresOn: inDays(60),
    });
    expect(history.every((event) => event.actorName === msp.admin.name)).toBe(true);
    expect(await auditRows(msp.id, { action: "risk.status", entityId: riskId })).toHaveLength(3);
  });

  test("an acceptance past its expiry is open again: in the list, the urgent filter and the next change", async () => {
    const practiceId = await freshPractice();
    const { id: riskId } = await admin.risks.create({
      practiceId,
      ...risk({ title: "Vendor remote access is always on", severity: "urgent" }),
    });
    await admin.risks.changeStatus({
      practiceId,
      riskId,
      version: 1,
      change: {
        status: "accepted",
        reason: "Vendor needs it during the migration",
        expiresOn: inDays(10),
      },
    });
    await ownerSql()`update risks set accepted_until = ${inDays(-2)}::date where id = ${riskId}`;

    const urgent = await admin.risks.list({ practiceId, filter: "urgent" });
    expect(urgent.items).toEqual([
      expect.objectContaining({ id: riskId, status: "open", acceptanceExpired: true }),
    ]);
    expect(urgent.counts).toMatchObject({ active: 1, urgent: 1, resolved: 0 });
    const readiness = await admin.reviews.readiness({ practiceId });
    expect(readiness.risks).toMatchObject({ open: 1, urgentOpen: 1 });
    // From "open again", accepting again is a real change (a renewal), as is fixing it now.
    await admin.risks.changeStatus({
      practiceId,
      riskId,
      version: 2,
      change: { status: "fix_now" },
    });
    const { history } = await admin.risks.get({ practiceId, riskId });
    expect(history[0]).toMatchObject({ fromStatus: "open", toStatus: "fix_now" });
  });

  test("two people changing the same risk: the second gets CONFLICT and nothing is overwritten", async () => {
    const practiceId = await freshPractice();
    const { id: riskId } = await admin.risks.create({ practiceId, ...risk() });
    await admin.risks.update({ practiceId, riskId, version: 1, ...risk({ severity: "urgent" }) });
    await expectTRPCError(
      admin.risks.update({ practiceId, riskId, version: 1, ...risk({ severity: "low" }) }),
      "CONFLICT",
      /Someone changed this risk/,
    );
    await expectTRPCError(
      admin.risks.changeStatus({ practiceId, riskId, version: 1, change: { status: "fix_now" } }),
      "CONFLICT",
    );
    expect((await admin.risks.get({ practiceId, riskId })).severity).toBe("urgent");
  });
});

describe("tenancy and roles", () => {
  test("another MSP, another practice and leadership cannot read or change risks they do not own", async () => {
    const own = msp.practices[0].id;
    const { id: riskId } = await manager.risks.create({ practiceId: own, ...risk() });
    await expect(leadership.risks.get({ practiceId: own, riskId })).resolves.toMatchObject({
      id: riskId,
    });
    await expectTRPCError(
      leadership.risks.changeStatus({
        practiceId: own,
        riskId,
        version: 1,
        change: { status: "fix_now" },
      }),
      "FORBIDDEN",
    );
    await expectTRPCError(leadership.risks.create({ practiceId: own, ...risk() }), "FORBIDDEN");
    await expectTRPCError(otherAdmin.risks.get({ practiceId: own, riskId }), "NOT_FOUND");
    await expectTRPCError(
      otherAdmin.risks.changeStatus({
        practiceId: own,
        riskId,
        version: 1,
        change: { status: "fix_now" },
      }),
      "NOT_FOUND",
    );

    // The risk's id named under another practice (of the same MSP) is not found either.
    const second = msp.practices[1].id;
    await expectTRPCError(admin.risks.get({ practiceId: second, riskId }), "NOT_FOUND");
    await expectTRPCError(
      admin.risks.changeStatus({
        practiceId: second,
        riskId,
        version: 1,
        change: { status: "fix_now" },
      }),
      "NOT_FOUND",
    );
    await expectTRPCError(manager.risks.list({ practiceId: second }), "NOT_FOUND");
    // Another MSP's admin naming their own practice with our risk id.
    await expectTRPCError(
      otherAdmin.risks.update({ practiceId: other.practices[0].id, riskId, version: 1, ...risk() }),
      "NOT_FOUND",
    );
    expect(await riskRow(riskId)).toMatchObject({ status: "open", version: 1 });
  });
});
