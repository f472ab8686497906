import { beforeAll, describe, expect, test } from "vitest";
import { expectTRPCError } from "@/server/test/assertions";
import {
  auditRows,
  callerFor,
  createMsp,
  insertPractice,
  ownerSql,
  type Caller,
  type TestMsp,
} from "@/server/test/fixtures";

let msp: TestMsp;
let other: TestMsp;
let technician: Caller;
let manager: Caller;
let leadership: Caller;
let otherAdmin: Caller;

beforeAll(async () => {
  [msp, other] = await Promise.all([createMsp("Maps"), createMsp("Other maps")]);
  [technician, manager, leadership, otherAdmin] = await Promise.all([
    callerFor(msp.technician),
    callerFor(msp.manager),
    callerFor(msp.leadership),
    callerFor(other.admin),
  ]);
});

const fields = (name: string, criticality: "critical" | "important" | "minor" = "important") => ({
  name,
  category: "other" as const,
  criticality,
  owner: "",
  vendorId: null,
  siteId: null,
  notes: "",
});

async function freshPractice() {
  return (
    await insertPractice(msp.id, { name: `Map practice ${Math.random().toString(36).slice(2)}` })
  ).id;
}

async function count(
  table: "systems" | "system_dependencies" | "system_redundancies",
  practiceId: string,
) {
  const rows =
    await ownerSql()`select count(*)::int as n from ${ownerSql()(table)} where practice_id = ${practiceId}`;
  return rows[0]!.n as number;
}

describe("the dependency map", () => {
  test("systems and links; impact lists everything that stops; a loop is refused naming it", async () => {
    const practiceId = await freshPractice();
    const ehr = await technician.dependencies.createSystem({
      practiceId,
      ...fields("EHR", "critical"),
    });
    const firewall = await technician.dependencies.createSystem({
      practiceId,
      ...fields("Firewall"),
    });
    const internet = await technician.dependencies.createSystem({
      practiceId,
      ...fields("Internet"),
    });
    await technician.dependencies.addDependency({
      practiceId,
      systemId: ehr.id,
      dependsOnId: firewall.id,
    });
    await technician.dependencies.addDependency({
      practiceId,
      systemId: firewall.id,
      dependsOnId: internet.id,
    });

    const impact = await technician.dependencies.impact({ practiceId, systemId: internet.id });
    expect(impact.stops.map((system) => system.name).sort()).toEqual(["EHR", "Firewall"]);

    const loop = await expectTRPCError(
      technician.dependencies.addDependency({
        practiceId,
        systemId: internet.id,
        dependsOnId: ehr.id,
      }),
      "BAD_REQUEST",
    );
    expect(loop.message).toContain("Internet → EHR → Firewall → Internet");
    expect(await count("system_dependencies", practiceId)).toBe(2);

    const map = await technician.dependencies.map({ practiceId });
    expect(map.systems.find((system) => system.id === ehr.id)!.dependsOn).toEqual([firewall.id]);
    expect(map.singlePointsOfFailure.map((point) => point.systemId).sort()).toEqual(
      [ehr.id, firewall.id, internet.id].sort(),
    );
    expect(await auditRows(msp.id, { action: "system.depend" })).not.toHaveLength(0);
  });

  test("a redundant second circuit removes the single point of failure", async () => {
    const practiceId = await freshPractice();
    const ehr = await technician.dependencies.createSystem({
      practiceId,
      ...fields("EHR", "critical"),
    });
    const isp1 = await technician.dependencies.createSystem({ practiceId, ...fields("Circuit 1") });
    const isp2 = await technician.dependencies.createSystem({ practiceId, ...fields("Circuit 2") });
    await technician.dependencies.addDependency({
      practiceId,
      systemId: ehr.id,
      dependsOnId: isp1.id,
    });
    expect(
      (await technician.dependencies.map({ practiceId })).singlePointsOfFailure.map(
        (point) => point.systemId,
      ),
    ).toContain(isp1.id);
    await technician.dependencies.addRedundancy({
      practiceId,
      systemId: isp2.id,
      otherId: isp1.id,
    });
    const map = await technician.dependencies.map({ practiceId });
    expect(map.singlePointsOfFailure.map((point) => point.systemId)).not.toContain(isp1.id);
    expect(map.systems.find((system) => system.id === isp1.id)!.redundantWith).toEqual([isp2.id]);
    expect((await technician.dependencies.impact({ practiceId, systemId: isp1.id })).stops).toEqual(
      [],
    );
    await technician.dependencies.removeRedundancy({
      practiceId,
      systemId: isp1.id,
      otherId: isp2.id,
    });
    expect(await count("system_redundancies", practiceId)).toBe(0);
  });

  test("the starter map adds the usual clinic systems once, and keeps what was pruned pruned", async () => {
    const practiceId = await freshPractice();
    expect(await technician.dependencies.applyStarterMap({ practiceId })).toEqual({
      systemsAdded: 16,
    });
    const map = await technician.dependencies.map({ practiceId });
    const ehr = map.systems.find((system) => system.name === "EHR")!;
    expect(ehr.criticality).toBe("critical");
    const firewall = map.systems.find((system) => system.name === "Firewall")!;
    await technician.dependencies.removeDependency({
      practiceId,
      systemId: ehr.id,
      dependsOnId: firewall.id,
    });
    expect(await technician.dependencies.applyStarterMap({ practiceId })).toEqual({
      systemsAdded: 0,
    });
    expect(
      (await technician.dependencies.map({ practiceId })).systems.find(
        (system) => system.id === ehr.id,
      )!.dependsOn,
    ).not.toContain(firewall.id);
    expect(
      map.singlePointsOfFailure.map(
        (point) => map.systems.find((system) => system.id === point.systemId)!.name,
      ),
    ).not.toContain("Primary internet circuit");
  });

  test("editing a system checks its version; deleting removes its links", async () => {
    const practiceId = await freshPractice();
    const a = await technician.dependencies.createSystem({ practiceId, ...fields("A") });
    const b = await technician.dependencies.createSystem({ practiceId, ...fields("B") });
    await technician.dependencies.addDependency({ practiceId, systemId: a.id, dependsOnId: b.id });
    await technician.dependencies.updateSystem({
      practiceId,
      systemId: a.id,
      version: 1,
      ...fields("A renamed", "critical"),
    });
    await expectTRPCError(
      technician.dependencies.updateSystem({
        practiceId,
        systemId: a.id,
        version: 1,
        ...fields("A again"),
      }),
      "CONFLICT",
    );
    await expectTRPCError(
      technician.dependencies.createSystem({ practiceId, ...fields("b") }),
      "BAD_REQUEST",
      /already has a system called/,
    );
    await technician.dependencies.deleteSystem({ practiceId, systemId: b.id });
    expect(await count("system_dependencies", practiceId)).toBe(0);
    expect(await count("systems", practiceId)).toBe(1);
  });

  test("bad input is refused and changes nothing", async () => {
    const practiceId = await freshPractice();
    await expectTRPCError(
      technician.dependencies.createSystem({ practiceId, ...fields("") }),
      "BAD_REQUEST",
      /Name the system/,
    );
    await expectTRPCError(
      technician.dependencies.createSystem({
        practiceId,
        ...fields("X"),
        criticality: "urgent" as "critical",
      }),
      "BAD_REQUEST",
    );
    await expectTRPCError(
      technician.dependencies.createSystem({
        practiceId,
        ...fields("X"),
        siteId: msp.practices[0].siteIds[0]!,
      }),
      "BAD_REQUEST",
      /this practice's sites/,
    );
    const a = await technician.dependencies.createSystem({ practiceId, ...fields("Only") });
    await expectTRPCError(
      technician.dependencies.addDependency({ practiceId, systemId: a.id, dependsOnId: a.id }),
      "BAD_REQUEST",
      /loop/,
    );
    await expectTRPCError(
      technician.dependencies.addDependency({
        practiceId,
        systemId: a.id,
        dependsOnId: "00000000-0000-4000-8000-000000000000",
      }),
      "NOT_FOUND",
    );
    expect(await count("systems", practiceId)).toBe(1);
  });
});

describe("who may change the map", () => {
  test("practice managers and leadership read their practice's map but cannot change it", async () => {
    const practiceId = msp.practices[0].id;
    const system = await technician.dependencies.createSystem({
      practiceId,
      ...fields(`Readable ${Date.now()}`),
    });
    expect(
      (await manager.dependencies.map({ practiceId })).systems.map((entry) => entry.id),
    ).toContain(system.id);
    expect(
      (await leadership.dependencies.map({ practiceId })).systems.map((entry) => entry.id),
    ).toContain(system.id);
    await expectTRPCError(
      manager.dependencies.createSystem({ practiceId, ...fields("Nope") }),
      "FORBIDDEN",
    );
    await expectTRPCError(
      leadership.dependencies.deleteSystem({ practiceId, systemId: system.id }),
      "FORBIDDEN",
    );
    await expectTRPCError(
      manager.dependencies.map({ practiceId: msp.practices[1].id }),
      "NOT_FOUND",
    );
  });

  test("another MSP can neither see nor change this map", async () => {
    const practiceId = await freshPractice();
    const a = await technician.dependencies.createSystem({ practiceId, ...fields("Mine") });
    const b = await technician.dependencies.createSystem({ practiceId, ...fields("Also mine") });
    for (const call of [
      () => otherAdmin.dependencies.map({ practiceId }),
      () => otherAdmin.dependencies.impact({ practiceId, systemId: a.id }),
      () => otherAdmin.dependencies.createSystem({ practiceId, ...fields("Theirs") }),
      () =>
        otherAdmin.dependencies.updateSystem({
          practiceId,
          systemId: a.id,
          version: 1,
          ...fields("Stolen"),
        }),
      () => otherAdmin.dependencies.deleteSystem({ practiceId, systemId: a.id }),
      () =>
        otherAdmin.dependencies.addDependency({ practiceId, systemId: a.id, dependsOnId: b.id }),
      () => otherAdmin.dependencies.applyStarterMap({ practiceId }),
    ]) {
      await expectTRPCError(call(), "NOT_FOUND");
    }
    // Their own practice id with my system ids: still nothing of mine.
    await expectTRPCError(
      otherAdmin.dependencies.deleteSystem({ practiceId: other.practices[0].id, systemId: a.id }),
      "NOT_FOUND",
    );
    expect(await count("systems", practiceId)).toBe(2);
    expect(await count("system_dependencies", practiceId)).toBe(0);
  });
});
