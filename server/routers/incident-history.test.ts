import { beforeAll, describe, expect, test } from "vitest";
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
let technician: Caller;

beforeAll(async () => {
  msp = await createMsp("Incident history");
  technician = await callerFor(msp.technician);
});

async function declareOn(systemNames: string[], startedMinutesAgo = 20) {
  const practiceId = (await insertPractice(msp.id, { name: unique("History practice ") })).id;
  await technician.dependencies.applyStarterMap({ practiceId });
  const map = await technician.dependencies.map({ practiceId });
  const id = (name: string) => map.systems.find((system) => system.name === name)!.id;
  const { id: incidentId } = await technician.incidents.declare({
    practiceId,
    title: "",
    systemIds: systemNames.map(id),
    severity: "major",
    patientCareInterrupted: false,
    startedAt: new Date(Date.now() - startedMinutesAgo * 60_000),
    ownerName: "",
    updateEveryMinutes: 15,
  });
  return { practiceId, incidentId, id };
}

describe("what was down in a past incident", () => {
  test("removing a system from the map keeps it, by name, in the incidents it was down in", async () => {
    const { practiceId, incidentId, id } = await declareOn(["EHR", "Firewall"]);
    const ref = { practiceId, incidentId };
    const ehr = id("EHR");
    await technician.dependencies.deleteSystem({ practiceId, systemId: ehr });

    const view = await technician.incidents.get(ref);
    expect(
      view.down
        .map((system) => ({ id: system.id, name: system.name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    ).toEqual([
      { id: null, name: "EHR" },
      { id: id("Firewall"), name: "Firewall" },
    ]);
    expect(view.incident.title).toBe("EHR, Firewall down");
    const rows = await ownerSql()<{ system_id: string | null; system_name: string }[]>`
      select system_id, system_name from incident_systems where incident_id = ${incidentId} order by system_name`;
    expect(rows).toEqual([
      { system_id: null, system_name: "EHR" },
      { system_id: id("Firewall"), system_name: "Firewall" },
    ]);
  });

  test("a system still on the map shows its current name", async () => {
    const { practiceId, incidentId, id } = await declareOn(["Firewall"]);
    const map = await technician.dependencies.map({ practiceId });
    const firewall = map.systems.find((system) => system.id === id("Firewall"))!;
    await technician.dependencies.updateSystem({
      practiceId,
      systemId: firewall.id,
      version: firewall.version,
      name: "Edge firewall",
      category: firewall.category as "firewall",
      criticality: firewall.criticality,
      owner: firewall.owner,
      vendorId: firewall.vendorId,
      siteId: firewall.siteId,
      notes: firewall.notes,
    });
    expect(
      (await technician.incidents.get({ practiceId, incidentId })).down.map(
        (system) => system.name,
      ),
    ).toEqual(["Edge firewall"]);
  });
});

describe("next update due", () => {
  test("a status change with a note is an update: the next one is due from now; without a note it is not", async () => {
    const { practiceId, incidentId } = await declareOn(["Firewall"], 40);
    const ref = { practiceId, incidentId };
    let view = await technician.incidents.get(ref);
    expect(view.nextUpdate!.overdue).toBe(true);

    await technician.incidents.changeStatus({
      ...ref,
      status: "identified",
      note: "",
      version: view.incident.version,
    });
    view = await technician.incidents.get(ref);
    expect(view.nextUpdate!.overdue).toBe(true);

    const before = Date.now();
    await technician.incidents.changeStatus({
      ...ref,
      status: "monitoring",
      note: "ISP replaced the line card; watching it.",
      version: view.incident.version,
    });
    view = await technician.incidents.get(ref);
    expect(view.nextUpdate!.overdue).toBe(false);
    expect(view.nextUpdate!.dueAt.getTime()).toBeGreaterThanOrEqual(before + 15 * 60_000 - 1_000);
  });
});
