/** Each quarterly figure against a small hand-built data set whose answers are known. */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import * as schema from "@/db/schema";
import { withTenant } from "@/db/tenant";
import { quarterlyMetrics } from "@/server/services/metrics";
import { expectTRPCError } from "@/server/test/assertions";
import {
  asTenant,
  callerFor,
  createMsp,
  insertPractice,
  type TestMsp,
} from "@/server/test/fixtures";

let msp: TestMsp;
let practiceId: string;
const now = new Date("2026-11-29T12:00:00Z");
const at = (iso: string, minutes = 0) => new Date(new Date(iso).getTime() + minutes * 60_000);

beforeAll(async () => {
  msp = await createMsp("Metrics");
  practiceId = (
    await insertPractice(msp.id, {
      name: "Known figures",
      timezone: "America/Denver",
      downtimeCostPerMinuteCents: 1_000,
    })
  ).id;
  const base = { mspId: msp.id, practiceId };
  await asTenant(msp.id, async (tx) => {
    const incident = (startedAt: Date, resolvedMinutes: number, cause: "vendor" | "power") => ({
      ...base,
      title: "Down",
      severity: "critical" as const,
      patientCareInterrupted: true,
      startedAt,
      status: "closed" as const,
      ownerName: "Owner",
      resolvedAt: at(startedAt.toISOString(), resolvedMinutes),
      closedAt: at(startedAt.toISOString(), resolvedMinutes + 600),
      reviewCause: cause,
      createdByName: "Seed",
    });
    const [a, b] = await tx
      .insert(schema.incidents)
      .values([
        incident(at("2026-10-05T15:00:00Z"), 60, "vendor"),
        incident(at("2026-11-10T15:00:00Z"), 120, "vendor"),
        // 23:00 on June 30 in Denver: the second quarter there, although July 1 in UTC.
        incident(at("2026-07-01T05:00:00Z"), 30, "power"),
      ])
      .returning({ id: schema.incidents.id, startedAt: schema.incidents.startedAt });
    const vendor = (
      await tx
        .insert(schema.vendors)
        .values({ mspId: msp.id, name: "Known EHR", category: "ehr" })
        .returning({ id: schema.vendors.id })
    )[0]!.id;
    await tx.insert(schema.vendorTickets).values([
      {
        ...base,
        incidentId: a!.id,
        sharedKey: crypto.randomUUID(),
        vendorId: vendor,
        ticketNumber: "A",
        openedAt: at(a!.startedAt.toISOString(), 10),
        createdByName: "Seed",
      },
      {
        ...base,
        incidentId: b!.id,
        sharedKey: crypto.randomUUID(),
        vendorId: vendor,
        ticketNumber: "B",
        openedAt: at(b!.startedAt.toISOString(), 30),
        createdByName: "Seed",
      },
    ]);
    // A vendor contact linked in June, verified in August (the audit log) and again in October (the link).
    const [link] = await tx
      .insert(schema.practiceVendors)
      .values({
        ...base,
        vendorId: vendor,
        lastVerifiedAt: new Date("2026-10-01T12:00:00Z"),
        createdAt: new Date("2026-06-01T12:00:00Z"),
      })
      .returning({ id: schema.practiceVendors.id });
    await tx.insert(schema.auditEvents).values({
      mspId: msp.id,
      actorName: "Seed",
      action: "vendor.verify",
      entityType: "practice_vendor",
      entityId: link!.id,
      practiceId,
      createdAt: new Date("2026-08-15T12:00:00Z"),
    });
    const restore = (testedAt: string, onTime: boolean, passed: boolean) => ({
      ...base,
      systemName: "Server",
      kind: "file" as const,
      testedAt: new Date(testedAt),
      testedByName: "Tech",
      result: "pass" as const,
      restoreMinutes: 1,
      dataAgeMinutes: 1,
      rtoMinutes: 5,
      rpoMinutes: 5,
      onTime,
      passed,
    });
    await tx
      .insert(schema.restoreTests)
      .values([
        restore("2026-10-02T12:00:00Z", true, true),
        restore("2026-10-20T12:00:00Z", true, false),
        restore("2026-11-20T12:00:00Z", false, true),
      ]);
    await tx.insert(schema.reviews).values([
      {
        ...base,
        dueOn: "2026-10-15",
        signedOffAt: new Date("2026-10-20T17:00:00Z"),
        updatedByName: "Seed",
        attendees: ["A"],
      },
      {
        ...base,
        dueOn: "2026-08-15",
        signedOffAt: new Date("2026-08-01T17:00:00Z"),
        updatedByName: "Seed",
        attendees: ["A"],
      },
    ]);
    const risk = (severity: "urgent" | "high", createdAt: string, resolvedAt: string | null) => ({
      ...base,
      title: "Risk",
      severity,
      category: "other" as const,
      createdAt: new Date(createdAt),
      ...(resolvedAt
        ? { status: "resolved" as const, resolvedNote: "Done", resolvedAt: new Date(resolvedAt) }
        : {}),
    });
    await tx
      .insert(schema.risks)
      .values([
        risk("urgent", "2026-09-01T00:00:00Z", "2026-10-15T00:00:00Z"),
        risk("urgent", "2026-11-01T12:00:00Z", null),
        risk("high", "2026-09-01T00:00:00Z", null),
      ]);
    const version = (number: number, publishedAt: string, completenessScore: number) => ({
      ...base,
      number,
      content: {},
      completenessScore,
      nextReviewOn: "2027-01-01",
      publishedByName: "Seed",
      publishedAt: new Date(publishedAt),
    });
    await tx
      .insert(schema.planVersions)
      .values([version(1, "2026-05-01T12:00:00Z", 60), version(2, "2026-10-10T12:00:00Z", 90)]);
    await tx.insert(schema.drills).values({
      ...base,
      kind: "tabletop",
      scenario: "EHR down",
      scheduledFor: new Date("2026-11-05T16:00:00Z"),
      heldAt: new Date("2026-11-05T16:00:00Z"),
      participants: ["A"],
    });
  });
});

function figuresFor(input: { practiceId?: string }) {
  return withTenant(
    { mspId: msp.id, userId: msp.admin.id, role: "admin", practiceIds: "*" },
    (tx) =>
      quarterlyMetrics(
        {
          tx,
          mspId: msp.id,
          actor: { userId: msp.admin.id, name: "Admin", role: "admin" },
          practiceIds: "*",
        },
        input,
        now,
      ),
  );
}

describe("quarterly figures", () => {
  test("eight quarters, each figure as computed by hand", async () => {
    const { quarters, figures, trends, headline } = await figuresFor({ practiceId });
    expect(quarters).toEqual([
      "2025-Q1",
      "2025-Q2",
      "2025-Q3",
      "2025-Q4",
      "2026-Q1",
      "2026-Q2",
      "2026-Q3",
      "2026-Q4",
    ]);
    const q4 = figures.at(-1)!;
    expect(q4).toEqual({
      quarter: "2026-Q4",
      incidents: 2,
      downtimeMinutes: 180,
      costCents: 180_000,
      medianMinutesToVendor: 20,
      medianMinutesToRestore: 90,
      topCauses: [{ cause: "vendor", count: 2 }],
      backupTests: 3,
      backupTestsOnTime: 2,
      backupTestsPassed: 2,
      reviews: 1,
      reviewsOnTime: 0,
      urgentRisksOpen: 1,
      urgentRiskMedianAgeDays: 28,
      planCompleteness: 90,
      plansCurrentPercent: 100,
      vendorsVerifiedPercent: 100,
      drillsHeld: 1,
      // No patient messages at this practice (server/routers/metrics-outreach.test.ts plants them).
      patientsNotifiedDuringOutages: 0,
      cancellationsByReply: 0,
      outagesWithOutreach: 0,
      medianMinutesToFirstMessage: null,
      plannedDowntimeMinutes: 0,
      maintenanceWindows: 0,
      prepListsOnTime: 0,
      // No monitors here (server/routers/suspected-outages.test.ts covers them): the two incidents
      // of the quarter (60 + 120 minutes to resolution), none seen first.
      declaredOutageMinutes: 180,
      detectedOutageMinutes: 0,
      medianMinutesDetectionToDeclaration: null,
      seenFirstPercent: 0,
    });
    const q3 = figures.find((row) => row.quarter === "2026-Q3")!;
    expect(q3).toMatchObject({
      incidents: 0,
      reviews: 1,
      reviewsOnTime: 1,
      urgentRisksOpen: 1,
      urgentRiskMedianAgeDays: 30,
      planCompleteness: 60,
      plansCurrentPercent: 100,
      vendorsVerifiedPercent: 100,
    });
    const q2 = figures.find((row) => row.quarter === "2026-Q2")!;
    // The link existed at the end of June but had not been verified yet.
    expect(q2).toMatchObject({
      incidents: 1,
      downtimeMinutes: 30,
      medianMinutesToVendor: null,
      medianMinutesToRestore: 30,
      topCauses: [{ cause: "power", count: 1 }],
      planCompleteness: 60,
      vendorsVerifiedPercent: 0,
    });
    expect(figures.find((row) => row.quarter === "2026-Q1")).toMatchObject({
      incidents: 0,
      planCompleteness: null,
      plansCurrentPercent: null,
      vendorsVerifiedPercent: null,
      urgentRisksOpen: 0,
    });
    expect(trends.incidents).toEqual({ change: 2, direction: "up" });
    expect(trends.planCompleteness).toEqual({ change: 30, direction: "up" });
    // The headline: downtime, plan completeness and restore tests passed, from the same figures.
    expect(headline).toEqual([
      {
        key: "downtimeMinutes",
        value: 180,
        previous: q3.downtimeMinutes,
        trend: { change: 180 - q3.downtimeMinutes, direction: "up" },
        detail: { count: 2, of: null },
      },
      {
        key: "planCompleteness",
        value: 90,
        previous: 60,
        trend: { change: 30, direction: "up" },
        detail: null,
      },
      expect.objectContaining({
        key: "restoreTestsPassedPercent",
        value: 67,
        detail: { count: 2, of: 3 },
      }),
    ]);
  });

  test("a plan past its review date is not current, from the day after that date in the practice's calendar", async () => {
    const late = (await insertPractice(msp.id, { name: "Late review", timezone: "America/Denver" }))
      .id;
    await asTenant(msp.id, (tx) =>
      tx.insert(schema.planVersions).values({
        mspId: msp.id,
        practiceId: late,
        number: 1,
        content: {},
        completenessScore: 70,
        nextReviewOn: "2026-11-28",
        publishedByName: "Seed",
        publishedAt: new Date("2026-09-01T12:00:00Z"),
      }),
    );
    const { figures } = await figuresFor({ practiceId: late });
    expect(figures.at(-1)).toMatchObject({ planCompleteness: 70, plansCurrentPercent: 0 });
    expect(figures.at(-2)).toMatchObject({ quarter: "2026-Q3", plansCurrentPercent: 100 });
  });

  test("leadership limited to one practice gets only that practice's figures; other MSPs see none of them", async () => {
    const leadership = await callerFor(msp.leadership);
    const theirs = await leadership.metrics.quarterly({});
    expect(theirs.figures.every((row) => row.incidents === 0 && row.backupTests === 0)).toBe(true);
    await expectTRPCError(leadership.metrics.quarterly({ practiceId }), "NOT_FOUND");
    const other = await createMsp("Other metrics");
    await expectTRPCError(
      (await callerFor(other.admin)).metrics.quarterly({ practiceId }),
      "NOT_FOUND",
    );
    const admin = await callerFor(msp.admin);
    const all = await admin.metrics.quarterly({});
    expect(all.figures.reduce((sum, row) => sum + row.incidents, 0)).toBeGreaterThanOrEqual(3);
  });
});

describe("figures kept between reads", () => {
  let fresh: TestMsp;
  const practiceIds: string[] = [];
  const mspWide = (when: Date) =>
    withTenant({ mspId: fresh.id, userId: fresh.admin.id, role: "admin", practiceIds: "*" }, (tx) =>
      quarterlyMetrics(
        {
          tx,
          mspId: fresh.id,
          actor: { userId: fresh.admin.id, name: "Admin", role: "admin" },
          practiceIds: "*",
        },
        {},
        when,
      ),
    );
  const rollUpRefreshedAt = () =>
    asTenant(
      fresh.id,
      async (tx) =>
        (
          await tx
            .select({ at: schema.mspQuarterFigures.refreshedAt })
            .from(schema.mspQuarterFigures)
        )[0]?.at ?? null,
    );
  const closedIncident = (practice: string, startedAt: Date, minutes: number) => ({
    mspId: fresh.id,
    practiceId: practice,
    title: "Down",
    severity: "major" as const,
    patientCareInterrupted: false,
    startedAt,
    status: "closed" as const,
    ownerName: "Owner",
    resolvedAt: at(startedAt.toISOString(), minutes),
    closedAt: at(startedAt.toISOString(), minutes + 60),
    createdByName: "Seed",
  });

  beforeAll(async () => {
    fresh = await createMsp("Fresh figures");
    for (const [name, timezone] of [
      ["East", "America/New_York"],
      ["West", "America/Los_Angeles"],
    ] as const)
      practiceIds.push(
        (await insertPractice(fresh.id, { name, timezone, downtimeCostPerMinuteCents: 100 })).id,
      );
    await asTenant(fresh.id, (tx) =>
      tx
        .insert(schema.incidents)
        .values(practiceIds.map((id) => closedIncident(id, at("2026-11-02T15:00:00Z"), 45))),
    );
  });

  test("the MSP-wide figures add up every practice and are read from the roll-up until something changes", async () => {
    const first = await mspWide(now);
    expect(first.figures.at(-1)).toMatchObject({
      quarter: "2026-Q4",
      incidents: 2,
      downtimeMinutes: 90,
      costCents: 9_000,
      medianMinutesToRestore: 45,
    });
    const computedAt = await rollUpRefreshedAt();
    expect(computedAt).not.toBeNull();
    expect((await mspWide(at(now.toISOString(), 5))).figures).toEqual(first.figures);
    expect(await rollUpRefreshedAt()).toEqual(computedAt);
  });

  test("a change to any record the figures come from shows in the next read", async () => {
    await asTenant(fresh.id, (tx) =>
      tx
        .insert(schema.incidents)
        .values(closedIncident(practiceIds[0]!, at("2026-10-20T15:00:00Z"), 15)),
    );
    expect((await mspWide(now)).figures.at(-1)).toMatchObject({
      incidents: 3,
      downtimeMinutes: 105,
      medianMinutesToRestore: 45,
    });

    await asTenant(fresh.id, (tx) =>
      tx
        .update(schema.practices)
        .set({ downtimeCostPerMinuteCents: 200 })
        .where(eq(schema.practices.id, practiceIds[1]!)),
    );
    expect((await mspWide(now)).figures.at(-1)).toMatchObject({ costCents: 60 * 100 + 45 * 200 });

    await asTenant(fresh.id, (tx) =>
      tx.insert(schema.drills).values({
        mspId: fresh.id,
        practiceId: practiceIds[1]!,
        kind: "tabletop",
        scenario: "Internet down",
        scheduledFor: at("2026-11-03T16:00:00Z"),
        heldAt: at("2026-11-03T16:00:00Z"),
        participants: ["A"],
      }),
    );
    expect((await mspWide(now)).figures.at(-1)).toMatchObject({ drillsHeld: 1 });
  });

  test("an open outage's minutes keep counting, and a new quarter starts empty", async () => {
    await asTenant(fresh.id, (tx) =>
      tx.insert(schema.incidents).values({
        ...closedIncident(practiceIds[1]!, at(now.toISOString(), -30), 0),
        status: "investigating",
        resolvedAt: null,
        closedAt: null,
      }),
    );
    const before = (await mspWide(now)).figures.at(-1)!;
    const later = (await mspWide(at(now.toISOString(), 10))).figures.at(-1)!;
    expect(later.downtimeMinutes - before.downtimeMinutes).toBe(10);
    const nextQuarter = await mspWide(new Date("2027-01-02T12:00:00Z"));
    expect(nextQuarter.quarters.at(-1)).toBe("2027-Q1");
    expect(nextQuarter.figures.at(-1)).toMatchObject({
      quarter: "2027-Q1",
      incidents: 0,
      downtimeMinutes: 0,
    });
    expect(nextQuarter.figures.at(-2)).toMatchObject({ quarter: "2026-Q4", incidents: 4 });
  });
});
