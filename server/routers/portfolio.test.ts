import { beforeAll, describe, expect, test } from "vitest";
import { expectTRPCError } from "@/server/test/assertions";
import {
  callerFor,
  createMsp,
  insertPractice,
  ownerSql,
  unique,
  type Caller,
  type TestMsp,
} from "@/server/test/fixtures";

let msp: TestMsp;
let admin: Caller;

beforeAll(async () => {
  msp = await createMsp("Portfolio");
  admin = await callerFor(msp.admin);
});

async function row(practiceId: string) {
  const [readiness] =
    await ownerSql()`select score, stale_at::text as stale_at, backups_overdue from practice_readiness where practice_id = ${practiceId}`;
  return readiness!;
}

describe("portfolio readiness", () => {
  test("a new practice is scored on first read; changes to its data re-score it at once", async () => {
    const practiceId = (await insertPractice(msp.id, { name: unique("Aardvark clinic ") })).id;
    expect((await row(practiceId)).stale_at).toBe("-infinity");
    const first = await admin.practices.portfolio({ search: "Aardvark" });
    expect(first.items).toEqual([expect.objectContaining({ practiceId, score: 45 })]);
    expect(first.items[0]!.parts).toMatchObject({
      planCurrent: false,
      backupsTracked: 0,
      urgentRisksOpen: 0,
      activeIncident: false,
    });

    await admin.dependencies.applyStarterMap({ practiceId });
    const systemId = (await admin.dependencies.map({ practiceId })).systems[0]!.id;
    await admin.backups.setTarget({
      practiceId,
      systemId,
      version: 0,
      cadenceDays: 30,
      rtoMinutes: 60,
      rpoMinutes: 60,
    });
    expect((await row(practiceId)).stale_at).toBe("-infinity");
    const overdue = await admin.practices.portfolio({
      search: "Aardvark",
      filter: "backups_overdue",
    });
    expect(overdue.items).toEqual([expect.objectContaining({ practiceId, backupsOverdue: 1 })]);

    await admin.backups.recordTest({
      practiceId,
      systemId,
      kind: "file",
      testedAt: new Date(),
      testedByName: "Sam",
      result: "pass",
      restoreMinutes: 5,
      dataAgeMinutes: 5,
      evidence: "",
    });
    const tested = await admin.practices.portfolio({ search: "Aardvark" });
    expect(tested.items[0]).toMatchObject({ backupsOverdue: 0, score: 65 });
    // Stale again when the next test falls due, not before.
    const staleAt = new Date((await row(practiceId)).stale_at);
    expect(staleAt.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);

    const { id: riskId } = await admin.risks.create({
      practiceId,
      title: "Shared admin password",
      description: "",
      severity: "urgent",
      category: "open_admin_access",
      owner: "",
      systemIds: [],
    });
    expect(
      (await admin.practices.portfolio({ search: "Aardvark", filter: "urgent_risks" })).items[0],
    ).toMatchObject({ score: 55 });
    await admin.risks.changeStatus({
      practiceId,
      riskId,
      version: 1,
      change: { status: "resolved", note: "Rotated and vaulted" },
    });
    expect(
      (await admin.practices.portfolio({ search: "Aardvark", filter: "urgent_risks" })).total,
    ).toBe(0);
  });

  test("sorted by score, least ready first, and paged; only practices in scope", async () => {
    const tag = unique("Sorted ");
    const ready = (await insertPractice(msp.id, { name: `${tag} ready` })).id;
    const lagging = (await insertPractice(msp.id, { name: `${tag} lagging` })).id;
    await ownerSql()`update practices set created_at = now() - interval '5 months' where id = ${lagging}`; // review overdue
    const page = await admin.practices.portfolio({ search: tag, sort: "score_asc" });
    expect(page.items.map((item) => item.practiceId)).toEqual([lagging, ready]);
    expect(page.items[0]!.parts.reviewOverdue).toBe(true);
    expect(
      (await admin.practices.portfolio({ search: tag, sort: "score_desc" })).items.map(
        (item) => item.practiceId,
      ),
    ).toEqual([ready, lagging]);
    expect(
      (await admin.practices.portfolio({ search: tag, pageSize: 1, page: 2 })).items.map(
        (item) => item.practiceId,
      ),
    ).toEqual([ready]);

    const manager = await callerFor(msp.manager);
    const theirs = await manager.practices.portfolio({});
    expect(theirs.items.map((item) => item.practiceId)).toEqual([msp.practices[0].id]);
    const other = await createMsp("Other portfolio");
    expect((await (await callerFor(other.admin)).practices.portfolio({ search: tag })).total).toBe(
      0,
    );
    await expectTRPCError(
      admin.practices.portfolio({ filter: "everything" as never }),
      "BAD_REQUEST",
      /Unknown filter/,
    );
  });
});

describe("the summary strip", () => {
  test("counts the active practices in scope whatever the search and filter: at risk, open outages, overdue tests", async () => {
    const own = await createMsp("Summary");
    const ownAdmin = await callerFor(own.admin);
    const [first] = own.practices;
    await ownAdmin.dependencies.applyStarterMap({ practiceId: first.id });
    const systemId = (await ownAdmin.dependencies.map({ practiceId: first.id })).systems[0]!.id;
    await ownAdmin.backups.setTarget({
      practiceId: first.id,
      systemId,
      version: 0,
      cadenceDays: 30,
      rtoMinutes: 60,
      rpoMinutes: 60,
    });
    const all = await ownAdmin.practices.portfolio({});
    const filtered = await ownAdmin.practices.portfolio({
      search: "no practice is named like this",
      filter: "urgent_risks",
    });
    const [counted] = await ownerSql()<{ practices: number; at_risk: number }[]>`
      select count(*)::int as practices, count(*) filter (where score < 50)::int as at_risk
        from practice_readiness where msp_id = ${own.id} and not archived`;
    expect(all.summary).toEqual({
      practices: counted!.practices,
      atRisk: counted!.at_risk,
      openOutages: 0,
      overdueTests: 1,
    });
    expect(filtered.total).toBe(0);
    expect(filtered.summary).toEqual(all.summary);
    // A practice's manager: their one practice only.
    const manager = await callerFor(own.manager);
    const theirs = await manager.practices.portfolio({});
    expect(theirs.summary.practices).toBe(1);
  });
});
