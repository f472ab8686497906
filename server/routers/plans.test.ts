import { beforeAll, describe, expect, test } from "vitest";
import { ownerSql } from "@/server/test/owner-db";
import { expectTRPCError } from "@/server/test/assertions";
import {
  auditRows,
  callerFor,
  createMsp,
  insertPractice,
  type Caller,
  type TestMsp,
} from "@/server/test/fixtures";
import { completePlan } from "@/server/test/plan-fixtures";
import { sectionKeys } from "@/server/contracts/plans";

let msp: TestMsp;
let other: TestMsp;
let admin: Caller;
let technician: Caller;
let manager: Caller;
let leadership: Caller;
let otherAdmin: Caller;

beforeAll(async () => {
  [msp, other] = await Promise.all([createMsp("Plans"), createMsp("Other plans")]);
  [admin, technician, manager, leadership, otherAdmin] = await Promise.all([
    callerFor(msp.admin),
    callerFor(msp.technician),
    callerFor(msp.manager),
    callerFor(msp.leadership),
    callerFor(other.admin),
  ]);
});

/** A practice of its own for a test, so tests never share plan state. */
async function freshPractice(name = "Plan practice") {
  return (await insertPractice(msp.id, { name: `${name} ${Math.random().toString(36).slice(2)}` }))
    .id;
}

/** Saves every section of a complete plan; returns their versions. */
async function fillPlan(caller: Caller, practiceId: string) {
  const plan = completePlan();
  const current = await caller.plans.get({ practiceId });
  for (const section of sectionKeys) {
    await caller.plans.saveSection({
      practiceId,
      section,
      version: current.sections[section].version,
      content: plan[section],
    });
  }
}

async function planRows(
  table: "plan_sections" | "plan_versions" | "packet_prints",
  practiceId: string,
) {
  const rows =
    await ownerSql()`select * from ${ownerSql()(table)} where practice_id = ${practiceId}`;
  return rows.length;
}

describe("a new practice's plan", () => {
  test("starts from the MSP's template: a draft with the template's triage, nothing published, partly complete", async () => {
    const practiceId = await freshPractice();
    const plan = await manager.plans.get({ practiceId: msp.practices[0].id });
    expect(plan.practice.id).toBe(msp.practices[0].id);
    const fresh = await admin.plans.get({ practiceId });
    expect(fresh.published).toBeNull();
    expect(fresh.sections.triage.version).toBe(0);
    expect(fresh.sections.triage.content).toMatchObject({
      steps: expect.arrayContaining([
        expect.objectContaining({ text: expect.stringMatching(/^Internet/) }),
      ]),
    });
    expect(fresh.completeness.score).toBeGreaterThan(0);
    expect(fresh.completeness.missing.map((gap) => gap.text)).toContain("No outage owner");
    expect(await planRows("plan_sections", practiceId)).toBe(0); // reading writes nothing
  });

  test("a changed MSP template is what new practices start from", async () => {
    const before = await admin.planTemplate.get();
    const content = {
      ...before.content,
      triage: {
        steps: [
          { text: "Check the modem" },
          { text: "Call the ISP" },
          { text: "Call the EHR vendor" },
        ],
      },
    };
    const saved = await admin.planTemplate.update({ content, version: before.version });
    expect(saved.version).toBe(before.version + 1);
    await expectTRPCError(
      admin.planTemplate.update({ content, version: before.version }),
      "CONFLICT",
      /changed by/,
    );
    const practiceId = await freshPractice();
    expect((await technician.plans.get({ practiceId })).sections.triage.content).toEqual(
      content.triage,
    );
    expect(await auditRows(msp.id, { action: "plan_template.update" })).not.toHaveLength(0);
  });
});

describe("editing and publishing", () => {
  test("a complete plan scores 100; publishing freezes version 1 with who and when and a review date 90 days out", async () => {
    const practiceId = await freshPractice();
    await fillPlan(technician, practiceId);
    const plan = await technician.plans.get({ practiceId });
    expect(plan.completeness).toEqual({ score: 100, missing: [] });
    const now = Date.now();
    const published = await technician.plans.publish({ practiceId });
    expect(published).toMatchObject({ number: 1, completenessScore: 100 });
    const expectedReview = new Date(now + 90 * 24 * 60 * 60_000).toISOString().slice(0, 10);
    expect(published.nextReviewOn).toBe(expectedReview);
    const after = await technician.plans.get({ practiceId });
    expect(after.published).toMatchObject({
      number: 1,
      publishedByName: msp.technician.name,
      reviewOverdue: false,
    });
    expect(after.unpublishedChanges).toBe(false);
    await expectTRPCError(
      technician.plans.publish({ practiceId }),
      "BAD_REQUEST",
      /Nothing changed since version 1/,
    );
    const practice = await technician.practices.get({ practiceId });
    const listed = (await technician.practices.list({ search: practice.name })).items;
    expect(listed.map((item) => item.plan)).toEqual([
      { score: 100, publishedVersion: 1, nextReviewOn: published.nextReviewOn },
    ]);
    expect(await auditRows(msp.id, { action: "plan.publish", entityId: practiceId })).toHaveLength(
      1,
    );
  });

  test("every published version stays readable, and two versions compare section by section", async () => {
    const practiceId = await freshPractice();
    await fillPlan(admin, practiceId);
    await admin.plans.publish({ practiceId });
    const plan = await admin.plans.get({ practiceId });
    const owner = {
      ...(plan.sections.outageOwner.content as ReturnType<typeof completePlan>["outageOwner"]),
    };
    await admin.plans.saveSection({
      practiceId,
      section: "outageOwner",
      version: plan.sections.outageOwner.version,
      content: { ...owner, owner: { ...owner.owner, phone: "(608) 555-0199" } },
    });
    expect((await admin.plans.get({ practiceId })).unpublishedChanges).toBe(true);
    await admin.plans.publish({ practiceId, nextReviewOn: "2099-01-31" });
    const versions = await admin.plans.versions({ practiceId });
    expect(versions.map((version) => version.number)).toEqual([2, 1]);
    expect(versions[0]!.nextReviewOn).toBe("2099-01-31");
    expect(
      (await admin.plans.version({ practiceId, number: 1 })).content.outageOwner.owner.phone,
    ).toBe("(608) 555-0101");
    const comparison = await admin.plans.compare({ practiceId, from: 1, to: 2 });
    expect(
      comparison.filter((section) => section.changed).map((section) => section.section),
    ).toEqual(["outageOwner"]);
    expect(
      (await admin.plans.compare({ practiceId, from: 2, to: "draft" })).some(
        (section) => section.changed,
      ),
    ).toBe(false);
    await expectTRPCError(admin.plans.version({ practiceId, number: 3 }), "NOT_FOUND");
  });

  test("a review date in the past is refused", async () => {
    const practiceId = await freshPractice();
    await expectTRPCError(
      admin.plans.publish({ practiceId, nextReviewOn: "2020-01-01" }),
      "BAD_REQUEST",
      /in the future/,
    );
    expect(await planRows("plan_versions", practiceId)).toBe(0);
  });

  test("two people saving the same section: the second is told who changed it, and nothing is overwritten", async () => {
    const practiceId = msp.practices[0].id;
    const opened = await manager.plans.get({ practiceId });
    const version = opened.sections.frontDeskScript.version;
    await technician.plans.saveSection({
      practiceId,
      section: "frontDeskScript",
      version,
      content: { script: "Technician's script", urgentMessages: "" },
    });
    const conflict = await expectTRPCError(
      manager.plans.saveSection({
        practiceId,
        section: "frontDeskScript",
        version,
        content: { script: "Manager's script", urgentMessages: "" },
      }),
      "CONFLICT",
    );
    expect(conflict.message).toContain(msp.technician.name);
    const now = await manager.plans.get({ practiceId });
    expect(now.sections.frontDeskScript.content).toEqual({
      script: "Technician's script",
      urgentMessages: "",
    });
    // A different section saved meanwhile is no conflict.
    await manager.plans.saveSection({
      practiceId,
      section: "callTree",
      version: now.sections.callTree.version,
      content: { entries: [{ caller: "Priya", calls: "Dr. Lee", how: "Mobile" }] },
    });
  });

  test("malformed sections are refused with the field's message and write nothing", async () => {
    const practiceId = await freshPractice();
    await expectTRPCError(
      admin.plans.saveSection({
        practiceId,
        section: "outageOwner",
        version: 0,
        content: { owner: { name: "Priya", phone: "call me" }, backup: { name: "" } },
      }),
      "BAD_REQUEST",
      /Enter a phone number/,
    );
    await expectTRPCError(
      admin.plans.saveSection({
        practiceId,
        section: "notASection" as "triage",
        version: 0,
        content: {},
      }),
      "BAD_REQUEST",
    );
    await expectTRPCError(
      admin.plans.saveSection({
        practiceId,
        section: "triage",
        version: 0,
        content: { steps: Array.from({ length: 31 }, () => ({ text: "x" })) },
      }),
      "BAD_REQUEST",
      /At most 30/,
    );
    await expectTRPCError(
      admin.plans.saveSection({
        practiceId,
        section: "tiers",
        version: 0,
        content: { shortOutageMaxMinutes: -5, shortTier: "", longTier: "" },
      }),
      "BAD_REQUEST",
    );
    expect(await planRows("plan_sections", practiceId)).toBe(0);
  });
});

describe("applying a changed template", () => {
  test("shows what would change in sections the practice edited, and applies or keeps per section", async () => {
    const practiceId = await freshPractice();
    const plan = await admin.plans.get({ practiceId });
    await admin.plans.saveSection({
      practiceId,
      section: "triage",
      version: 0,
      content: { steps: [{ text: "Our own first step" }] },
    });
    await admin.plans.saveSection({
      practiceId,
      section: "maintenancePrep",
      version: 0,
      content: { items: [{ text: "Our own prep item" }] },
    });
    expect(plan.templateUpdates).toEqual([]);
    const template = await admin.planTemplate.get();
    await admin.planTemplate.update({
      version: template.version,
      content: {
        ...template.content,
        triage: { steps: [{ text: "Template triage step" }] },
        maintenancePrep: { items: [{ text: "Template prep item" }] },
      },
    });

    const changes = await admin.plans.templateChanges({ practiceId });
    expect(changes.sections.map((section) => section.section).sort()).toEqual([
      "maintenancePrep",
      "triage",
    ]);
    const triage = changes.sections.find((section) => section.section === "triage")!;
    expect(triage.lines).toEqual(
      expect.arrayContaining([
        { kind: "removed", text: "Our own first step" },
        { kind: "added", text: "Template triage step" },
      ]),
    );
    expect((await admin.plans.get({ practiceId })).templateUpdates.sort()).toEqual([
      "maintenancePrep",
      "triage",
    ]);

    await admin.plans.applyTemplate({
      practiceId,
      sections: changes.sections.map((section) => ({
        section: section.section,
        version: section.version,
        decision: section.section === "triage" ? "apply" : "keep",
      })),
    });
    const after = await admin.plans.get({ practiceId });
    expect(after.sections.triage.content).toEqual({ steps: [{ text: "Template triage step" }] });
    expect(after.sections.maintenancePrep.content).toEqual({
      items: [{ text: "Our own prep item" }],
    });
    expect(after.templateUpdates).toEqual([]);
    // Applying with a version someone has moved past is a conflict, not an overwrite.
    await expectTRPCError(
      admin.plans.applyTemplate({
        practiceId,
        sections: [{ section: "triage", version: triage.version, decision: "apply" }],
      }),
      "CONFLICT",
    );
  });
});

describe("a template change to one section", () => {
  test("asks only about that section, not about others the practice wrote itself", async () => {
    const practiceId = await freshPractice();
    await admin.plans.saveSection({
      practiceId,
      section: "frontDeskScript",
      version: 0,
      content: { script: "Our own script", urgentMessages: "" },
    });
    await admin.plans.saveSection({
      practiceId,
      section: "triage",
      version: 0,
      content: { steps: [{ text: "Our own step" }] },
    });
    const template = await admin.planTemplate.get();
    await admin.planTemplate.update({
      version: template.version,
      content: {
        ...template.content,
        maintenancePrep: {
          items: [...template.content.maintenancePrep.items, { text: "Charge the laptops" }],
        },
      },
    });
    expect((await admin.plans.get({ practiceId })).templateUpdates).toEqual([]);
    const again = await admin.planTemplate.get();
    await admin.planTemplate.update({
      version: again.version,
      content: { ...again.content, triage: { steps: [{ text: "New template step" }] } },
    });
    expect((await admin.plans.get({ practiceId })).templateUpdates).toEqual(["triage"]);
  });
});

describe("the downtime packet", () => {
  test("needs a published plan; printing records who and which version; a newer version makes it stale", async () => {
    const practiceId = await freshPractice();
    await expectTRPCError(admin.plans.packet({ practiceId }), "NOT_FOUND");
    await expectTRPCError(
      admin.plans.recordPacketPrint({ practiceId, format: "print" }),
      "BAD_REQUEST",
      /Publish the plan/,
    );
    await fillPlan(admin, practiceId);
    await admin.plans.publish({ practiceId });
    const packet = await admin.plans.packet({ practiceId });
    expect(packet.version.number).toBe(1);
    expect(packet.content.outageOwner.owner.phone).toBe("(608) 555-0101");
    expect(packet.practice.sites).toHaveLength(1);
    expect(packet.vendorContacts).toEqual([]);
    // The vendor of a critical system is in the packet, with the practice's account and ladder.
    const { id: vendorId } = await admin.vendors.create({
      name: `EHR vendor ${practiceId.slice(0, 8)}`,
      category: "ehr",
      supportPhone: "(800) 555-0100",
      portalUrl: "",
      supportHours: "24/7",
      baaOnFile: true,
      contractNotes: "",
    });
    await admin.vendors.link({
      practiceId,
      vendorId,
      accountNumber: "ACCT-7",
      notes: "",
      ladder: [{ name: "Front line", role: "", phone: "(800) 555-0101", email: "", hours: "24/7" }],
    });
    await admin.dependencies.createSystem({
      practiceId,
      name: "EHR",
      category: "ehr",
      criticality: "critical",
      owner: "",
      vendorId,
      siteId: null,
      notes: "",
    });
    expect((await admin.plans.packet({ practiceId })).vendorContacts).toEqual([
      expect.objectContaining({
        accountNumber: "ACCT-7",
        supportPhone: "(800) 555-0100",
        ladder: [expect.objectContaining({ name: "Front line" })],
      }),
    ]);
    await admin.plans.recordPacketPrint({ practiceId, format: "pdf" });
    expect((await admin.plans.get({ practiceId })).packet).toMatchObject({
      versionNumber: 1,
      stale: false,
      lastPrintedByName: msp.admin.name,
    });
    const plan = await admin.plans.get({ practiceId });
    await admin.plans.saveSection({
      practiceId,
      section: "callTree",
      version: plan.sections.callTree.version,
      content: { entries: [{ caller: "A", calls: "B", how: "" }] },
    });
    await admin.plans.publish({ practiceId });
    expect((await admin.plans.get({ practiceId })).packet).toMatchObject({
      versionNumber: 1,
      stale: true,
    });
    // A page opened on version 1 cannot record a print once version 2 exists.
    await expectTRPCError(
      admin.plans.recordPacketPrint({ practiceId, format: "print", versionNumber: 1 }),
      "CONFLICT",
      /Version 2 .* was published after/,
    );
    await admin.plans.recordPacketPrint({ practiceId, format: "print", versionNumber: 2 });
    expect((await admin.plans.get({ practiceId })).packet).toMatchObject({
      versionNumber: 2,
      stale: false,
    });
  });
});

describe("keeping the packet on a device", () => {
  test("is audited with the version kept, refused for an unpublished plan, a stale version or another tenant", async () => {
    const practiceId = await freshPractice();
    await expectTRPCError(
      admin.plans.recordDeviceCopy({ practiceId, versionNumber: 1 }),
      "BAD_REQUEST",
      /Publish the plan/,
    );
    await fillPlan(admin, practiceId);
    await admin.plans.publish({ practiceId });
    await expect(admin.plans.recordDeviceCopy({ practiceId, versionNumber: 1 })).resolves.toEqual({
      versionNumber: 1,
    });
    // "Save again" on the same device is another save, audited again.
    await admin.plans.recordDeviceCopy({ practiceId, versionNumber: 1 });
    const rows = await auditRows(msp.id, {
      action: "plan.packet_saved_on_device",
      entityId: practiceId,
    });
    expect(rows.map((row) => row.summary)).toEqual(
      Array(2).fill({ version: 1, what: ["packet", "pdf"] }),
    );
    const plan = await admin.plans.get({ practiceId });
    await admin.plans.saveSection({
      practiceId,
      section: "callTree",
      version: plan.sections.callTree.version,
      content: { entries: [{ caller: "A", calls: "B", how: "" }] },
    });
    await admin.plans.publish({ practiceId });
    await expectTRPCError(
      admin.plans.recordDeviceCopy({ practiceId, versionNumber: 1 }),
      "CONFLICT",
      /Version 2 .* was published after/,
    );
    await expectTRPCError(
      otherAdmin.plans.recordDeviceCopy({ practiceId, versionNumber: 2 }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      admin.plans.recordDeviceCopy({ practiceId, versionNumber: 0 }),
      "BAD_REQUEST",
    );
  });
});

describe("an archived practice", () => {
  test("can be read but not changed: plan, map and vendors refuse writes with a message", async () => {
    const practiceId = await freshPractice();
    const practice = await admin.practices.get({ practiceId });
    await admin.practices.archive({ practiceId, version: practice.version });
    expect((await admin.plans.get({ practiceId })).practice.archived).toBe(true);
    await expectTRPCError(
      admin.plans.saveSection({
        practiceId,
        section: "callTree",
        version: 0,
        content: { entries: [] },
      }),
      "BAD_REQUEST",
      /is archived/,
    );
    await expectTRPCError(admin.plans.publish({ practiceId }), "BAD_REQUEST", /is archived/);
    await expectTRPCError(
      admin.dependencies.createSystem({
        practiceId,
        name: "EHR",
        category: "ehr",
        criticality: "critical",
        owner: "",
        vendorId: null,
        siteId: null,
        notes: "",
      }),
      "BAD_REQUEST",
      /is archived/,
    );
    await expectTRPCError(
      admin.dependencies.applyStarterMap({ practiceId }),
      "BAD_REQUEST",
      /is archived/,
    );
    const { id: vendorId } = await admin.vendors.create({
      name: `Archived vendor ${practiceId.slice(0, 8)}`,
      category: "other",
      supportPhone: "",
      portalUrl: "",
      supportHours: "",
      baaOnFile: false,
      contractNotes: "",
    });
    await expectTRPCError(
      admin.vendors.link({ practiceId, vendorId, accountNumber: "", notes: "", ladder: [] }),
      "BAD_REQUEST",
      /is archived/,
    );
    expect(await planRows("plan_sections", practiceId)).toBe(0);
  });
});

describe("who may do what", () => {
  test("leadership reads the plan and prints the packet but cannot edit, publish or apply templates", async () => {
    const practiceId = msp.practices[0].id;
    const plan = await leadership.plans.get({ practiceId });
    const before = await planRows("plan_sections", practiceId);
    await expectTRPCError(
      leadership.plans.saveSection({
        practiceId,
        section: "callTree",
        version: plan.sections.callTree.version,
        content: { entries: [] },
      }),
      "FORBIDDEN",
    );
    await expectTRPCError(leadership.plans.publish({ practiceId }), "FORBIDDEN");
    await expectTRPCError(leadership.plans.templateChanges({ practiceId }), "FORBIDDEN");
    await expectTRPCError(leadership.planTemplate.get(), "FORBIDDEN");
    expect(await planRows("plan_sections", practiceId)).toBe(before);
  });

  test("only admins edit the MSP template", async () => {
    await expectTRPCError(technician.planTemplate.get(), "FORBIDDEN");
    await expectTRPCError(
      manager.planTemplate.update({
        content: (await admin.planTemplate.get()).content,
        version: 99,
      }),
      "FORBIDDEN",
    );
  });

  test("a practice manager cannot read or write another practice's plan", async () => {
    const otherPractice = msp.practices[1].id;
    await expectTRPCError(manager.plans.get({ practiceId: otherPractice }), "NOT_FOUND");
    await expectTRPCError(
      manager.plans.saveSection({
        practiceId: otherPractice,
        section: "callTree",
        version: 0,
        content: { entries: [] },
      }),
      "NOT_FOUND",
    );
    await expectTRPCError(manager.plans.packet({ practiceId: otherPractice }), "NOT_FOUND");
    expect(await planRows("plan_sections", otherPractice)).toBe(0);
  });

  test("another MSP cannot read, write, publish or print this MSP's plan, and its template is its own", async () => {
    const practiceId = await freshPractice();
    await fillPlan(admin, practiceId);
    await admin.plans.publish({ practiceId });
    const sectionsBefore = await planRows("plan_sections", practiceId);
    for (const call of [
      () => otherAdmin.plans.get({ practiceId }),
      () => otherAdmin.plans.versions({ practiceId }),
      () => otherAdmin.plans.version({ practiceId, number: 1 }),
      () => otherAdmin.plans.compare({ practiceId, from: 1, to: "draft" }),
      () => otherAdmin.plans.packet({ practiceId }),
      () =>
        otherAdmin.plans.saveSection({
          practiceId,
          section: "callTree",
          version: 1,
          content: { entries: [] },
        }),
      () => otherAdmin.plans.publish({ practiceId }),
      () => otherAdmin.plans.recordPacketPrint({ practiceId, format: "print" }),
      () => otherAdmin.plans.templateChanges({ practiceId }),
    ]) {
      await expectTRPCError(call(), "NOT_FOUND");
    }
    expect(await planRows("plan_sections", practiceId)).toBe(sectionsBefore);
    expect(await planRows("plan_versions", practiceId)).toBe(1);
    expect(await planRows("packet_prints", practiceId)).toBe(0);
    const theirs = await otherAdmin.planTemplate.get();
    expect(theirs.version).toBe(0);
  });
});
