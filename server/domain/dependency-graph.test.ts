import { describe, expect, test } from "vitest";
import {
  describeLoop,
  findLoop,
  impactOf,
  loopCreatedBy,
  singlePointsOfFailure,
  stoppedBy,
  type Criticality,
  type DependencyGraph,
} from "./dependency-graph";

const system = (id: string, criticality: Criticality = "important") => ({
  id,
  name: id.toUpperCase(),
  criticality,
});

/** A small clinic: the EHR runs in the cloud over two internet circuits behind one firewall. */
function clinic(): DependencyGraph {
  return {
    systems: [
      system("ehr", "critical"),
      system("workstations", "critical"),
      system("firewall"),
      system("isp1"),
      system("isp2"),
      system("power"),
      system("phones"),
      system("wifi", "minor"),
    ],
    dependencies: [
      { from: "ehr", to: "workstations" },
      { from: "ehr", to: "firewall" },
      { from: "firewall", to: "isp1" },
      { from: "phones", to: "isp1" },
      { from: "workstations", to: "power" },
      { from: "firewall", to: "power" },
      { from: "wifi", to: "firewall" },
    ],
    redundancies: [{ a: "isp1", b: "isp2" }],
  };
}

describe("impact of a failure", () => {
  test("everything that depends on a system stops with it, transitively", () => {
    expect(impactOf(clinic(), "power").sort()).toEqual(["ehr", "firewall", "wifi", "workstations"]);
    expect(impactOf(clinic(), "firewall").sort()).toEqual(["ehr", "wifi"]);
    expect(impactOf(clinic(), "wifi")).toEqual([]);
  });

  test("a redundant system keeps its dependents running; losing both stops them", () => {
    expect(impactOf(clinic(), "isp1")).toEqual([]);
    expect([...stoppedBy(clinic(), ["isp1", "isp2"])].sort()).toEqual([
      "ehr",
      "firewall",
      "isp1",
      "isp2",
      "phones",
      "wifi",
    ]);
  });

  test("unknown systems stop nothing", () => {
    expect(impactOf(clinic(), "nope")).toEqual([]);
  });
});

describe("single points of failure", () => {
  test("are the systems whose failure alone stops a critical one", () => {
    const points = singlePointsOfFailure(clinic());
    expect(points.map((point) => point.systemId).sort()).toEqual([
      "ehr",
      "firewall",
      "power",
      "workstations",
    ]);
    expect(points.find((point) => point.systemId === "firewall")!.stopsCritical).toEqual(["ehr"]);
  });

  test("a second internet circuit is why neither circuit is one", () => {
    const withoutBackup = { ...clinic(), redundancies: [] };
    expect(singlePointsOfFailure(withoutBackup).map((point) => point.systemId)).toContain("isp1");
    expect(singlePointsOfFailure(clinic()).map((point) => point.systemId)).not.toContain("isp1");
  });

  test("a critical system with a stand-in is not a single point of failure by itself", () => {
    const graph: DependencyGraph = {
      systems: [system("ehr-a", "critical"), system("ehr-b", "critical")],
      dependencies: [],
      redundancies: [{ a: "ehr-a", b: "ehr-b" }],
    };
    expect(singlePointsOfFailure(graph)).toEqual([]);
  });
});

describe("loops", () => {
  test("a link that would close a loop is found, with the loop named", () => {
    const loop = loopCreatedBy(clinic(), { from: "power", to: "ehr" });
    expect(loop).toEqual(["power", "ehr", "firewall", "power"]);
    expect(describeLoop(loop!, (id) => id.toUpperCase())).toBe("POWER → EHR → FIREWALL → POWER");
  });

  test("a safe link, and a system depending on itself", () => {
    expect(loopCreatedBy(clinic(), { from: "phones", to: "power" })).toBeNull();
    expect(loopCreatedBy(clinic(), { from: "ehr", to: "ehr" })).toEqual(["ehr", "ehr"]);
  });

  test("an existing loop in a map is found", () => {
    expect(findLoop(clinic())).toBeNull();
    const looped = {
      ...clinic(),
      dependencies: [...clinic().dependencies, { from: "power", to: "wifi" }],
    };
    const loop = findLoop(looped)!;
    expect(loop[0]).toBe(loop.at(-1));
    expect(new Set(loop)).toEqual(new Set(["power", "wifi", "firewall"]));
  });
});

describe("a map of 1,000 systems", () => {
  /** Layers: each system depends on up to three systems of the layer below; every tenth is redundant with a neighbour. */
  function generated(size: number): DependencyGraph {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const systems = Array.from({ length: size }, (_, i) =>
      system(`s${i}`, i % 10 === 0 ? "critical" : i % 3 === 0 ? "minor" : "important"),
    );
    const dependencies = [];
    for (let i = 50; i < size; i++)
      for (let k = 0; k < 3; k++)
        dependencies.push({ from: `s${i}`, to: `s${Math.floor(random() * (i - (i % 50)))}` });
    const redundancies = Array.from({ length: size / 10 }, (_, i) => ({
      a: `s${i * 10 + 1}`,
      b: `s${i * 10 + 2}`,
    }));
    return { systems, dependencies, redundancies };
  }

  test("impact, single points of failure and loop checks complete", () => {
    const graph = generated(1_000);
    expect(findLoop(graph)).toBeNull(); // edges only point to earlier layers
    const impact = impactOf(graph, "s0");
    expect(impact.length).toBeGreaterThan(0);
    expect(impact.length).toBeLessThan(1_000);
    const points = singlePointsOfFailure(graph);
    expect(points.length).toBeGreaterThan(0);
    expect(loopCreatedBy(graph, { from: "s0", to: "s999" })).not.toBeNull();
  });
});
