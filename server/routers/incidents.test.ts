import postgres from "postgres";
import { beforeAll, describe, expect, test } from "vitest";
import { defaultTemplate } from "@/server/domain/plan-defaults";
import { IncidentFeed } from "@/server/services/incident-feed";
import { expectTRPCError } from "@/server/test/assertions";
import {
  auditRows,
  callerFor,
  createMsp,
  insertPractice,
  insertUser,
  ownerSql,
  unique,
  type Caller,
  type TestMsp,
} from "@/server/test/fixtures";

let msp: TestMsp;
let other: TestMsp;
let admin: Caller;
let technician: Caller;
let manager: Caller;
let leadership: Caller;
let otherAdmin: Caller;
let secondManager: Caller;

beforeAll(async () => {
  [msp, other] = await Promise.all([createMsp("Incidents"), createMsp("Other incidents")]);
  const colleague = await insertUser(msp.id, {
    role: "practice_manager",
    practiceIds: [msp.practices[0].id],
    name: "Jo Colleague",
  });
  [admin, technician, manager, leadership, otherAdmin, secondManager] = await Promise.all([
    callerFor(msp.admin),
    callerFor(msp.technician),
    callerFor(msp.manager),
    callerFor(msp.leadership),
    callerFor(other.admin),
    callerFor(colleague),
  ]);
});

async function practiceWithMap(mspId = msp.id, caller = admin) {
  const practiceId = (await insertPractice(mspId, { name: unique("Outage practice ") })).id;
  await caller.dependencies.applyStarterMap({ practiceId });
  const map = await caller.dependencies.map({ practiceId });
  const id = (name: string) => map.systems.find((system) => system.name === name)!.id;
  return { practiceId, id };
}

const declaration = (practiceId: string, systemIds: string[]) => ({
  practiceId,
  title: "",
  systemIds,
  severity: "critical" as const,
  patientCareInterrupted: true,
  startedAt: new Date(Date.now() - 20 * 60_000),
  ownerName: "",
  updateEveryMinutes: 15,
});
const paperRecord = {
  patient: "Jane Q. Patient, MRN 40012",
  visitDate: new Date().toISOString().slice(0, 10),
  provider: "Dr. Ng",
  reason: "Rash follow-up",
  orders: "CBC",
  followUp: "2 weeks",
};

describe("an incident's life", () => {
  test("declare, work the outage, resolve, reconcile, and close only when the log is entered and verified by someone else", async () => {
    const practiceId = msp.practices[0].id;
    await admin.dependencies.applyStarterMap({ practiceId }).catch(() => undefined);
    const map = await admin.dependencies.map({ practiceId });
    const internet = map.systems.find((system) => system.name === "Firewall")!.id;

    const { id: incidentId } = await manager.incidents.declare(declaration(practiceId, [internet]));
    const ref = { practiceId, incidentId };
    let view = await manager.incidents.get(ref);
    expect(view.incident).toMatchObject({
      title: "Firewall down",
      status: "investigating",
      ownerName: msp.manager.name,
    });
    expect(view.affected.map((system) => system.name)).toContain("EHR");
    expect(view.minutes).toBeGreaterThanOrEqual(19);
    expect(view.costCents).toBe(view.minutes * 2_500);
    expect(view.nextUpdate!.overdue).toBe(true);
    expect((await leadership.incidents.active()).map((incident) => incident.id)).toContain(
      incidentId,
    );

    await manager.incidents.postUpdate({
      ...ref,
      body: "Front desk on paper. Calling the ISP.",
      shareWithLinked: true,
    });
    view = await manager.incidents.get(ref);
    expect(view.nextUpdate!.overdue).toBe(false);
    const vendorId = (
      await admin.vendors.create({
        name: unique("ISP "),
        category: "isp",
        supportPhone: "",
        portalUrl: "",
        supportHours: "",
        baaOnFile: false,
        contractNotes: "",
      })
    ).id;
    const { id: ticketId } = await technician.incidents.openTicket({
      ...ref,
      vendorId,
      ticketNumber: "INC-4471",
      openedAt: new Date(Date.now() - 10 * 60_000),
      etaAt: null,
    });
    await technician.incidents.escalateTicket({
      ...ref,
      ticketId,
      level: 2,
      contactName: "NOC lead",
      escalatedAt: new Date(),
    });
    view = await manager.incidents.get(ref);
    expect(view.minutesToFirstVendorContact).toBeGreaterThanOrEqual(9);
    expect(view.tickets[0]).toMatchObject({
      ticketNumber: "INC-4471",
      escalations: [expect.objectContaining({ level: 2, contactName: "NOC lead" })],
    });

    await expectTRPCError(
      manager.incidents.changeStatus({
        ...ref,
        status: "closed",
        note: "",
        version: view.incident.version,
      }),
      "BAD_REQUEST",
      /Use Close incident/,
    );
    await manager.incidents.changeStatus({
      ...ref,
      status: "identified",
      note: "Fiber cut on Main St.",
      version: view.incident.version,
    });
    view = await manager.incidents.get(ref);
    await expectTRPCError(
      manager.incidents.changeStatus({
        ...ref,
        status: "investigating",
        note: "",
        version: view.incident.version,
      }),
      "BAD_REQUEST",
      /cannot go back/,
    );
    await manager.incidents.changeStatus({
      ...ref,
      status: "resolved",
      note: "Circuit restored.",
      version: view.incident.version,
    });
    view = await manager.incidents.get(ref);
    // The plan's own recovery steps (the template's, here), not the standard ones beside them.
    expect(view.reconciliation.map((item) => item.label)).toEqual(
      defaultTemplate.reconciliationSteps.map((step) => step.text),
    );
    expect(view.nextUpdate).toBeNull();

    const { id: entryId } = await manager.downtimeLog.add({ ...ref, ...paperRecord });
    await expectTRPCError(
      manager.incidents.close({ ...ref, version: view.incident.version }),
      "BAD_REQUEST",
      /Not ready to close: \d+ checklist items are still open; 1 paper record has not been entered into the EHR/,
    );
    let [entry] = await manager.downtimeLog.list(ref);
    await manager.downtimeLog.markEntered({ ...ref, entryId, version: entry!.version });
    [entry] = await manager.downtimeLog.list(ref);
    await expectTRPCError(
      manager.downtimeLog.markVerified({ ...ref, entryId, version: entry!.version }),
      "BAD_REQUEST",
      /The person who entered a record cannot/,
    );
    await secondManager.downtimeLog.markVerified({ ...ref, entryId, version: entry!.version });
    for (const item of view.reconciliation)
      await manager.incidents.checkItem({ ...ref, itemId: item.id, checked: true });

    view = await manager.incidents.get(ref);
    expect(view.closeBlockers).toEqual([]);
    await manager.incidents.close({ ...ref, version: view.incident.version });
    view = await manager.incidents.get(ref);
    expect(view.incident).toMatchObject({
      status: "closed",
      closedByName: msp.manager.name,
      closeOverrideReason: null,
    });
    await expectTRPCError(
      manager.incidents.postUpdate({ ...ref, body: "Too late", shareWithLinked: false }),
      "BAD_REQUEST",
      /closed/,
    );

    await manager.incidents.saveReview({
      ...ref,
      cause: "network",
      wentWell: "Paper forms were ready.",
      toChange: "Add a second circuit.",
      version: view.incident.version,
    });
    const { id: riskId } = await manager.risks.create({
      practiceId,
      fromIncidentId: incidentId,
      title: "Single internet circuit",
      description: "",
      severity: "high",
      category: "other",
      owner: "",
      systemIds: [internet],
    });
    expect((await manager.risks.get({ practiceId, riskId })).fromIncidentId).toBe(incidentId);

    const timeline = await leadership.incidents.timeline(ref);
    expect(timeline.map((event) => event.seq)).toEqual(timeline.map((_, index) => index + 1));
    const checklist = Array.from({ length: view.reconciliation.length }, () => "checklist");
    expect(timeline.map((event) => event.kind)).toEqual([
      "declared",
      "update",
      "ticket",
      "escalation",
      "status",
      "status",
      "log",
      "log",
      "log",
      ...checklist,
      "closed",
      "review",
    ]);
    expect(JSON.stringify(timeline)).not.toContain("Jane");
  });

  test("an admin may close with open items only with a written reason; others may not", async () => {
    const { practiceId, id } = await practiceWithMap();
    const { id: incidentId } = await technician.incidents.declare(
      declaration(practiceId, [id("EHR")]),
    );
    const ref = { practiceId, incidentId };
    let { incident } = await technician.incidents.get(ref);
    await technician.incidents.changeStatus({
      ...ref,
      status: "resolved",
      note: "",
      version: incident.version,
    });
    await technician.downtimeLog.add({ ...ref, ...paperRecord });
    ({ incident } = await technician.incidents.get(ref));
    await expectTRPCError(
      technician.incidents.close({
        ...ref,
        version: incident.version,
        overrideReason: "Practice closed for good anyway",
      }),
      "BAD_REQUEST",
      /Only an MSP admin can close it anyway/,
    );
    // The admin cannot read the patient data, yet sees what blocks the close.
    expect((await admin.incidents.get(ref)).log).toEqual({ total: 1, entered: 0, verified: 0 });
    await expectTRPCError(
      admin.incidents.close({ ...ref, version: incident.version, overrideReason: "short" }),
      "BAD_REQUEST",
      /write why/,
    );
    await admin.incidents.close({
      ...ref,
      version: incident.version,
      overrideReason: "Paper records were scanned into the chart as attachments instead.",
    });
    expect((await admin.incidents.get(ref)).incident).toMatchObject({
      status: "closed",
      closeOverrideReason: "Paper records were scanned into the chart as attachments instead.",
    });
    expect(
      await auditRows(msp.id, { action: "incident.close_override", entityId: incidentId }),
    ).toHaveLength(1);
  });

  test("bad input changes nothing: unknown systems, a future start, a missing severity, another practice's systems", async () => {
    const { practiceId, id } = await practiceWithMap();
    const elsewhere = await practiceWithMap();
    await expectTRPCError(
      admin.incidents.declare(declaration(practiceId, [elsewhere.id("EHR")])),
      "BAD_REQUEST",
      /this practice's dependency map/,
    );
    await expectTRPCError(
      admin.incidents.declare({
        ...declaration(practiceId, [id("EHR")]),
        startedAt: new Date(Date.now() + 3_600_000),
      }),
      "BAD_REQUEST",
      "The start cannot be in the future.",
    );
    await expectTRPCError(
      admin.incidents.declare({ ...declaration(practiceId, []) }),
      "BAD_REQUEST",
      /Choose what is down/,
    );
    // A practice without a map can still declare, saying in the title what is down.
    const unmapped = (await insertPractice(msp.id, { name: unique("No map yet ") })).id;
    await expectTRPCError(manager.incidents.declare(declaration(unmapped, [])), "NOT_FOUND");
    await expectTRPCError(
      admin.incidents.declare(declaration(unmapped, [])),
      "BAD_REQUEST",
      /say in the title what is down/,
    );
    const { id: unmappedIncident } = await admin.incidents.declare({
      ...declaration(unmapped, []),
      title: "Phones dead",
    });
    expect(
      (await admin.incidents.get({ practiceId: unmapped, incidentId: unmappedIncident })).incident
        .title,
    ).toBe("Phones dead");
    await expectTRPCError(
      admin.incidents.declare({
        ...declaration(practiceId, [id("EHR")]),
        severity: "apocalyptic" as never,
      }),
      "BAD_REQUEST",
      /Choose a severity/,
    );
    const [row] =
      await ownerSql()`select count(*)::int as n from incidents where practice_id = ${practiceId}`;
    expect(row!.n).toBe(0);
  });
});

describe("the timeline", () => {
  test("200 concurrent updates give exactly 200 entries, numbered without gaps, in one order for everyone", async () => {
    const { practiceId, id } = await practiceWithMap();
    const { id: incidentId } = await technician.incidents.declare(
      declaration(practiceId, [id("EHR")]),
    );
    const ref = { practiceId, incidentId };
    await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        (index % 2 ? technician : admin).incidents.postUpdate({
          ...ref,
          body: `Update ${index}`,
          shareWithLinked: false,
        }),
      ),
    );
    const [first, second] = await Promise.all([
      technician.incidents.timeline(ref),
      admin.incidents.timeline(ref),
    ]);
    expect(first).toHaveLength(201);
    expect(first.map((event) => event.seq)).toEqual(
      Array.from({ length: 201 }, (_, index) => index + 1),
    );
    expect(
      new Set(first.filter((event) => event.kind === "update").map((event) => event.body)).size,
    ).toBe(200);
    expect(second).toEqual(first);
  });

  test("new entries reach viewers on two separate database connections (two app processes) at once", async () => {
    const url = process.env.APP_DATABASE_URL!;
    const connections = [
      postgres(url, { max: 1, onnotice: () => {} }),
      postgres(url, { max: 1, onnotice: () => {} }),
    ];
    const feeds = connections.map(
      (sql) =>
        new IncidentFeed((channel, onNotify, onListen) => sql.listen(channel, onNotify, onListen)),
    );
    try {
      const { practiceId, id } = await practiceWithMap();
      const { id: incidentId } = await technician.incidents.declare(
        declaration(practiceId, [id("EHR")]),
      );
      const controllers = feeds.map(() => new AbortController());
      const woken = feeds.map(async (feed, index) => {
        const iterator = feed.changes(incidentId, controllers[index]!.signal);
        await iterator.next(); // the first read, at once
        await iterator.next(); // woken by the update below
        controllers[index]!.abort();
        await iterator.return(undefined);
      });
      await new Promise((resolve) => setTimeout(resolve, 300)); // both LISTENs are in place
      const posted = Date.now();
      await admin.incidents.postUpdate({
        practiceId,
        incidentId,
        body: "Vendor confirms the outage.",
        shareWithLinked: false,
      });
      await Promise.all(woken);
      // Both viewers were woken within a second of the update being acknowledged.
      expect(Date.now() - posted).toBeLessThan(1_000);
      // A viewer that reconnects after seq 1 gets exactly what came after.
      const after = await admin.incidents.timeline({ practiceId, incidentId });
      expect(after.filter((event) => event.seq > 1).map((event) => event.body)).toEqual([
        "Vendor confirms the outage.",
      ]);
      expect(feeds.every((feed) => feed.viewerCount(incidentId) === 0)).toBe(true);
    } finally {
      await Promise.all(connections.map((sql) => sql.end({ timeout: 2 })));
    }
  });
});

describe("the live timeline subscription", () => {
  test("streams entries in order, resumes after the last one it had, and stops when the viewer is removed", async () => {
    const { practiceId, id } = await practiceWithMap();
    const viewerUser = await insertUser(msp.id, { role: "technician", name: "Viewer Tech" });
    const viewer = await callerFor(viewerUser);
    const { id: incidentId } = await technician.incidents.declare(
      declaration(practiceId, [id("EHR")]),
    );
    await technician.incidents.postUpdate({
      practiceId,
      incidentId,
      body: "First",
      shareWithLinked: false,
    });

    const stream = (await viewer.incidents.onTimeline({
      practiceId,
      incidentId,
      lastEventId: "1",
    })) as AsyncIterable<[string, { body: string }]>; // tracked(id, entry)
    const iterator = stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect([first.value![0], first.value![1].body]).toEqual(["2", "First"]);
    await technician.incidents.postUpdate({
      practiceId,
      incidentId,
      body: "Second",
      shareWithLinked: false,
    });
    const second = await iterator.next();
    expect([second.value![0], second.value![1].body]).toEqual(["3", "Second"]);

    await admin.members.remove({ userId: viewerUser.id });
    const pending = iterator.next();
    await technician.incidents.postUpdate({
      practiceId,
      incidentId,
      body: "Not for removed members",
      shareWithLinked: false,
    });
    await expect(pending).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("vendor-wide outages", () => {
  test("open incidents of two practices on one vendor's systems are suggested as one; linked, they share tickets and updates", async () => {
    const vendorId = (
      await admin.vendors.create({
        name: unique("CloudEHR "),
        category: "ehr",
        supportPhone: "",
        portalUrl: "",
        supportHours: "",
        baaOnFile: false,
        contractNotes: "",
      })
    ).id;
    const practices = [await practiceWithMap(), await practiceWithMap()];
    const incidentIds: string[] = [];
    for (const { practiceId, id } of practices) {
      const ehr = (await admin.dependencies.map({ practiceId })).systems.find(
        (system) => system.name === "EHR",
      )!;
      await admin.dependencies.updateSystem({
        practiceId,
        systemId: ehr.id,
        version: ehr.version,
        name: ehr.name,
        category: ehr.category as "ehr",
        criticality: ehr.criticality,
        owner: ehr.owner,
        vendorId,
        siteId: null,
        notes: ehr.notes,
      });
      incidentIds.push(
        (await technician.incidents.declare(declaration(practiceId, [id("EHR")]))).id,
      );
    }
    const suggestion = (await technician.incidents.vendorWide()).find(
      (candidate) => candidate.vendorId === vendorId,
    );
    expect(suggestion?.incidentIds.sort()).toEqual([...incidentIds].sort());

    const first = { practiceId: practices[0]!.practiceId, incidentId: incidentIds[0]! };
    const second = { practiceId: practices[1]!.practiceId, incidentId: incidentIds[1]! };
    await technician.incidents.openTicket({
      ...first,
      vendorId,
      ticketNumber: "CS-1",
      openedAt: new Date(),
      etaAt: null,
    });
    await expectTRPCError(manager.incidents.link({ vendorId, incidentIds }), "FORBIDDEN");
    await technician.incidents.link({ vendorId, incidentIds });
    expect(
      (await technician.incidents.vendorWide()).find(
        (candidate) => candidate.vendorId === vendorId,
      ),
    ).toBeUndefined();

    expect(
      (await technician.incidents.get(second)).tickets.map((ticket) => [
        ticket.ticketNumber,
        ticket.shared,
      ]),
    ).toEqual([["CS-1", true]]);
    await technician.incidents.postUpdate({
      ...second,
      body: "Vendor status page: degraded.",
      shareWithLinked: true,
    });
    expect((await technician.incidents.timeline(first)).at(-1)).toMatchObject({
      kind: "update",
      body: "Vendor status page: degraded.",
      shared: true,
    });
    const { linked } = await technician.incidents.get(first);
    expect(linked.map((incident) => incident.id)).toEqual([second.incidentId]);
  });
});

describe("the vendor to call", () => {
  test("the newest ticket's vendor at the level it reached, else the vendor of what is down or of the EHR; nobody when none is known", async () => {
    const { practiceId, id } = await practiceWithMap();
    const { id: incidentId } = await technician.incidents.declare(
      declaration(practiceId, [id("EHR")]),
    );
    const ref = { practiceId, incidentId };
    // The starter map names no vendor and the practice has none linked.
    expect((await technician.incidents.get(ref)).vendorToCall).toBeNull();

    const vendor = (name: string, category: "ehr" | "isp", supportPhone: string) =>
      admin.vendors.create({
        name: unique(name),
        category,
        supportPhone,
        portalUrl: "",
        supportHours: "",
        baaOnFile: false,
        contractNotes: "",
      });
    const ehrVendor = await vendor("EHR vendor ", "ehr", "(561) 555-0100");
    await admin.vendors.link({
      practiceId,
      vendorId: ehrVendor.id,
      accountNumber: "ACC-77",
      notes: "",
      ladder: [
        { name: "Support line", role: "", phone: "(561) 555-0140", email: "", hours: "" },
        { name: "Dana Whitfield", role: "", phone: "(561) 555-0148", email: "", hours: "" },
      ],
    });
    // Linked to the practice as its EHR vendor: the first level of its ladder.
    expect((await technician.incidents.get(ref)).vendorToCall).toEqual({
      vendorId: ehrVendor.id,
      name: expect.stringMatching(/^EHR vendor /),
      phone: "(561) 555-0140",
      contactName: "Support line",
      accountNumber: "ACC-77",
      why: "ehr",
    });

    // A ticket with a catalog vendor the practice has not linked: its support line.
    const isp = await vendor("ISP ", "isp", "(303) 555-0177");
    await technician.incidents.openTicket({
      ...ref,
      vendorId: isp.id,
      ticketNumber: "ISP-1",
      openedAt: new Date(Date.now() - 10 * 60_000),
      etaAt: null,
    });
    expect((await technician.incidents.get(ref)).vendorToCall).toMatchObject({
      vendorId: isp.id,
      phone: "(303) 555-0177",
      contactName: "",
      accountNumber: "",
      why: "ticket",
    });

    // A newer ticket with the EHR vendor, escalated to level 2: Dana.
    const { id: ticketId } = await technician.incidents.openTicket({
      ...ref,
      vendorId: ehrVendor.id,
      ticketNumber: "EHR-9",
      openedAt: new Date(Date.now() - 5 * 60_000),
      etaAt: null,
    });
    await technician.incidents.escalateTicket({
      ...ref,
      ticketId,
      level: 2,
      contactName: "",
      escalatedAt: new Date(),
    });
    expect((await technician.incidents.get(ref)).vendorToCall).toMatchObject({
      vendorId: ehrVendor.id,
      phone: "(561) 555-0148",
      contactName: "Dana Whitfield",
      accountNumber: "ACC-77",
      why: "ticket",
    });
  });
});

describe("tenancy, scope and the downtime log's patient data", () => {
  test("other MSPs and practices see nothing; leadership cannot open the log; every read of the log is audited without the data", async () => {
    const practiceId = msp.practices[0].id;
    const map = await admin.dependencies.map({ practiceId });
    const { id: incidentId } = await manager.incidents.declare(
      declaration(practiceId, [map.systems[0]!.id]),
    );
    const ref = { practiceId, incidentId };
    await manager.downtimeLog.add({ ...ref, ...paperRecord });

    await expectTRPCError(otherAdmin.incidents.get(ref), "NOT_FOUND");
    const otherTechnician = await callerFor(other.technician);
    await expectTRPCError(otherTechnician.downtimeLog.list(ref), "NOT_FOUND");
    await expectTRPCError(otherTechnician.downtimeLog.add({ ...ref, ...paperRecord }), "NOT_FOUND");
    await expectTRPCError(otherAdmin.downtimeLog.emergencyList(ref), "NOT_FOUND");
    // An admin does not work the log routinely: only through emergency access (emergency-access.test.ts).
    await expectTRPCError(admin.downtimeLog.list(ref), "FORBIDDEN");
    await expectTRPCError(
      otherAdmin.incidents.postUpdate({
        practiceId: other.practices[0].id,
        incidentId,
        body: "x",
        shareWithLinked: false,
      }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      manager.downtimeLog.list({ practiceId: msp.practices[1].id, incidentId }),
      "NOT_FOUND",
    );
    await expectTRPCError(leadership.downtimeLog.list(ref), "FORBIDDEN");
    await expectTRPCError(
      leadership.incidents.postUpdate({ ...ref, body: "x", shareWithLinked: false }),
      "FORBIDDEN",
    );
    expect(
      (await otherAdmin.incidents.list({})).items.map((incident) => incident.id),
    ).not.toContain(incidentId);
    expect((await otherAdmin.incidents.active()).map((incident) => incident.id)).not.toContain(
      incidentId,
    );

    const before = (await auditRows(msp.id, { action: "downtime_log.read", entityId: incidentId }))
      .length;
    const entries = await technician.downtimeLog.list(ref);
    expect(entries[0]).toMatchObject({ patient: paperRecord.patient });
    const reads = await auditRows(msp.id, { action: "downtime_log.read", entityId: incidentId });
    expect(reads).toHaveLength(before + 1);
    expect(reads.at(-1)).toMatchObject({ actorName: msp.technician.name });
    const allAudit =
      await ownerSql()`select summary::text as s from audit_events where msp_id = ${msp.id}`;
    expect(allAudit.some((row) => String(row.s).includes("Jane"))).toBe(false);
    const [events] =
      await ownerSql()`select count(*)::int as n from incident_events where incident_id = ${incidentId} and body like '%Jane%'`;
    expect(events!.n).toBe(0);
  });

  test("the list filters by status, practice, vendor and date, within the caller's scope", async () => {
    const { practiceId, id } = await practiceWithMap();
    // 02:00 UTC on March 11 is still March 10 at the practice (America/Chicago).
    const { id: incidentId } = await admin.incidents.declare({
      ...declaration(practiceId, [id("Phones / VoIP")]),
      startedAt: new Date("2026-03-11T02:00:00Z"),
    });
    expect(
      (await admin.incidents.list({ practiceId })).items.map((incident) => incident.id),
    ).toEqual([incidentId]);
    expect((await admin.incidents.list({ practiceId, status: "closed" })).total).toBe(0);
    expect(
      (await admin.incidents.list({ practiceId, from: "2026-03-10", to: "2026-03-10" })).total,
    ).toBe(1);
    expect((await admin.incidents.list({ practiceId, from: "2026-03-11" })).total).toBe(0);
    expect(
      (await manager.incidents.list({})).items.every(
        (incident) => incident.practiceId === msp.practices[0].id,
      ),
    ).toBe(true);
    await expectTRPCError(manager.incidents.list({ practiceId }), "NOT_FOUND");
  });
});
