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
  [msp, other] = await Promise.all([createMsp("Drills"), createMsp("Other drills")]);
  [admin, manager, leadership, otherAdmin] = await Promise.all([
    callerFor(msp.admin),
    callerFor(msp.manager),
    callerFor(msp.leadership),
    callerFor(other.admin),
  ]);
});

const plan = {
  kind: "tabletop" as const,
  scenario: "The EHR vendor's cloud is down for a whole clinic day",
  scheduledFor: new Date(Date.now() + 7 * 86_400_000),
};
const held = (overrides: Record<string, unknown> = {}) => ({
  ...plan,
  heldAt: new Date(Date.now() - 3_600_000),
  participants: ["Priya (front desk)", "Dr. Ng", "Sam (MSP)"],
  detectMinutes: 4,
  declareMinutes: 6,
  reachVendorMinutes: 25,
  paperMinutes: 10,
  recoverMinutes: 45,
  findings: [
    "Nobody knew where the paper superbills are kept",
    "The vendor's escalation number was out of date",
  ],
  ...overrides,
});

async function freshPractice() {
  return (await insertPractice(msp.id, { name: unique("Drill practice ") })).id;
}

describe("drills", () => {
  test("a drill is scheduled, recorded as held with step times and findings, and a finding becomes a risk", async () => {
    const practiceId = await freshPractice();
    const { id: drillId } = await admin.drills.schedule({ practiceId, ...plan });
    const { version } = await admin.drills.update({ practiceId, drillId, version: 1, ...held() });
    const [drill] = await admin.drills.list({ practiceId });
    expect(drill).toMatchObject({
      id: drillId,
      version,
      participants: held().participants,
      reachVendorMinutes: 25,
      risksRaised: 0,
    });

    const { id: riskId } = await admin.risks.create({
      practiceId,
      fromDrillId: drillId,
      title: drill!.findings[1]!,
      description: "From the tabletop drill",
      severity: "high",
      category: "other",
      owner: "",
      systemIds: [],
    });
    expect((await admin.risks.get({ practiceId, riskId })).fromDrillId).toBe(drillId);
    expect((await admin.drills.list({ practiceId }))[0]!.risksRaised).toBe(1);
    // Raised without naming its finding: both findings are still offered.
    expect((await admin.drills.list({ practiceId }))[0]!.raisedFindings).toEqual([]);
  });

  test("a finding raised as a risk is remembered, and cannot be raised twice", async () => {
    const practiceId = await freshPractice();
    const { id: drillId } = await admin.drills.schedule({ practiceId, ...plan });
    await admin.drills.update({ practiceId, drillId, version: 1, ...held() });
    const finding = held().findings[0]!;
    const risk = {
      practiceId,
      fromDrillId: drillId,
      fromDrillFinding: finding,
      title: finding,
      description: "",
      severity: "medium" as const,
      category: "other" as const,
      owner: "",
      systemIds: [],
    };
    const { id: riskId } = await admin.risks.create(risk);
    expect((await admin.drills.list({ practiceId }))[0]!.raisedFindings).toEqual([
      { finding, riskId },
    ]);
    await expectTRPCError(
      admin.risks.create({ ...risk, title: "Again" }),
      "CONFLICT",
      "This finding is already in the risk register.",
    );
    await expectTRPCError(
      admin.risks.create({ ...risk, fromDrillFinding: "Something the drill never found" }),
      "BAD_REQUEST",
      "That finding is not in the drill's record.",
    );
    const { fromDrillId: _drill, ...withoutDrill } = risk;
    await expectTRPCError(admin.risks.create(withoutDrill), "BAD_REQUEST", /which drill/);
    // Nothing more was written.
    expect((await admin.drills.list({ practiceId }))[0]!.risksRaised).toBe(1);
    expect((await admin.reviews.readiness({ practiceId })).drills.lastHeldAt).not.toBeNull();
    expect(await auditRows(msp.id, { action: "drill.update", entityId: drillId })).toHaveLength(1);
  });

  test("a held drill needs who took part and cannot be in the future; a held drill cannot be cancelled; bad input changes nothing", async () => {
    const practiceId = await freshPractice();
    const { id: drillId } = await admin.drills.schedule({ practiceId, ...plan });
    await expectTRPCError(
      admin.drills.update({ practiceId, drillId, version: 1, ...held({ participants: [] }) }),
      "BAD_REQUEST",
      /Add who took part/,
    );
    await expectTRPCError(
      admin.drills.update({
        practiceId,
        drillId,
        version: 1,
        ...held({ heldAt: new Date(Date.now() + 86_400_000) }),
      }),
      "BAD_REQUEST",
      "A drill cannot be recorded as held in the future.",
    );
    await expectTRPCError(
      admin.drills.update({ practiceId, drillId, version: 1, ...held({ detectMinutes: -1 }) }),
      "BAD_REQUEST",
      /cannot be negative/,
    );
    await expectTRPCError(
      admin.drills.schedule({ practiceId, ...plan, scenario: "x" }),
      "BAD_REQUEST",
      /Describe the scenario/,
    );
    await expectTRPCError(
      admin.risks.create({
        practiceId,
        fromDrillId: drillId,
        title: "Finding of a drill not held",
        description: "",
        severity: "low",
        category: "other",
        owner: "",
        systemIds: [],
      }),
      "BAD_REQUEST",
      "Record the drill as held before raising its findings as risks.",
    );
    const [row] = await ownerSql()`select version, held_at from drills where id = ${drillId}`;
    expect(row).toMatchObject({ version: 1, held_at: null });

    await admin.drills.update({ practiceId, drillId, version: 1, ...held() });
    await expectTRPCError(
      admin.drills.update({ practiceId, drillId, version: 1, ...held() }),
      "CONFLICT",
    );
    await expectTRPCError(admin.drills.cancel({ practiceId, drillId }), "BAD_REQUEST", /was held/);

    const { id: unheld } = await admin.drills.schedule({ practiceId, ...plan });
    await admin.drills.cancel({ practiceId, drillId: unheld });
    expect((await admin.drills.list({ practiceId })).map((drill) => drill.id)).toEqual([drillId]);
  });

  test("tenancy and roles: other MSPs and practices are not found, leadership reads only", async () => {
    const own = msp.practices[0].id;
    const { id: drillId } = await manager.drills.schedule({ practiceId: own, ...plan });
    await expect(leadership.drills.list({ practiceId: own })).resolves.toHaveLength(1);
    await expectTRPCError(
      leadership.drills.update({ practiceId: own, drillId, version: 1, ...held() }),
      "FORBIDDEN",
    );
    await expectTRPCError(otherAdmin.drills.list({ practiceId: own }), "NOT_FOUND");
    await expectTRPCError(
      otherAdmin.drills.cancel({ practiceId: other.practices[0].id, drillId }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      admin.drills.update({ practiceId: msp.practices[1].id, drillId, version: 1, ...held() }),
      "NOT_FOUND",
    );
    // A risk cannot claim to come from another practice's drill.
    await expectTRPCError(
      admin.risks.create({
        practiceId: msp.practices[1].id,
        fromDrillId: drillId,
        title: "Borrowed finding",
        description: "",
        severity: "low",
        category: "other",
        owner: "",
        systemIds: [],
      }),
      "NOT_FOUND",
    );
    const [row] = await ownerSql()`select version from drills where id = ${drillId}`;
    expect(row!.version).toBe(1);
  });
});
