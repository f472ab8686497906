import { describe, expect, test } from "vitest";
import type { DependencyGraph } from "./dependency-graph";
import { analyseCauses, vendorWideOutbreak, type CauseMonitor } from "./monitor-causes";

const system = (id: string) => ({ id, name: id.toUpperCase(), criticality: "important" as const });

/** The EHR, the portal and the phones depend on the firewall, which depends on two circuits. */
function clinic(): DependencyGraph {
  return {
    systems: ["ehr", "portal", "phones", "firewall", "isp1", "isp2", "printer"].map(system),
    dependencies: [
      { from: "ehr", to: "firewall" },
      { from: "portal", to: "ehr" },
      { from: "phones", to: "firewall" },
      { from: "firewall", to: "isp1" },
      { from: "firewall", to: "isp2" },
    ],
    redundancies: [{ a: "isp1", b: "isp2" }],
  };
}

const monitor = (
  systemId: string,
  state: CauseMonitor["state"] = "down",
  id = `m-${systemId}`,
) => ({
  id,
  systemId,
  state,
});

describe("analyseCauses", () => {
  test("a parent down with its dependents down is one cause; the dependents are unreachable", () => {
    const result = analyseCauses(clinic(), [
      monitor("firewall"),
      monitor("ehr"),
      monitor("portal"),
      monitor("phones"),
      monitor("ehr", "down", "m-ehr-2"),
    ]);
    expect(result.causes).toEqual([
      { systemId: "firewall", monitorIds: ["m-firewall"], effect: "down" },
    ]);
    expect(Object.fromEntries(result.unreachable)).toEqual({
      "m-ehr": ["firewall"],
      "m-ehr-2": ["firewall"],
      "m-portal": ["firewall"],
      "m-phones": ["firewall"],
    });
  });

  test("a failing (not yet down) parent explains its dependents but opens nothing itself", () => {
    const result = analyseCauses(clinic(), [monitor("firewall", "failing"), monitor("ehr")]);
    expect(result.causes).toEqual([]);
    expect(result.unreachable.get("m-ehr")).toEqual(["firewall"]);
  });

  test("one of two circuits down: degraded, and what depends on them is degraded, not down", () => {
    const result = analyseCauses(clinic(), [monitor("isp1"), monitor("ehr", "ok")]);
    expect(result.causes).toEqual([
      { systemId: "isp1", monitorIds: ["m-isp1"], effect: "degraded" },
    ]);
    expect(result.unreachable.size).toBe(0);
    expect(result.degraded.sort()).toEqual(["ehr", "firewall", "phones", "portal"]);
  });

  test("one circuit down does not explain a dependent that is down: it is its own cause", () => {
    const result = analyseCauses(clinic(), [monitor("isp1"), monitor("ehr")]);
    expect(result.causes.map((cause) => cause.systemId).sort()).toEqual(["ehr", "isp1"]);
  });

  test("both circuits down: both are causes and everything above is unreachable because of them", () => {
    const result = analyseCauses(clinic(), [monitor("isp1"), monitor("isp2"), monitor("ehr")]);
    expect(result.causes.map((cause) => [cause.systemId, cause.effect]).sort()).toEqual([
      ["isp1", "down"],
      ["isp2", "down"],
    ]);
    expect(result.unreachable.get("m-ehr")?.sort()).toEqual(["isp1", "isp2"]);
  });

  test("an unrelated system down is its own cause; nothing up is unreachable", () => {
    const result = analyseCauses(clinic(), [monitor("printer"), monitor("ehr", "ok")]);
    expect(result.causes).toEqual([
      { systemId: "printer", monitorIds: ["m-printer"], effect: "down" },
    ]);
    expect(result.unreachable.size).toBe(0);
    expect(result.degraded).toEqual([]);
  });

  test("monitors on systems no longer in the map are ignored", () => {
    expect(analyseCauses(clinic(), [monitor("gone")]).causes).toEqual([]);
  });
});

describe("vendorWideOutbreak", () => {
  const now = new Date("2026-12-07T10:00:00Z");
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);
  test("two practices on one vendor within ten minutes", () => {
    expect(
      vendorWideOutbreak(
        [
          { practiceId: "a", vendorId: "v", openedAt: at(9) },
          { practiceId: "b", vendorId: "v", openedAt: at(0) },
          { practiceId: "c", vendorId: "w", openedAt: at(1) },
        ],
        "v",
        now,
      ).sort(),
    ).toEqual(["a", "b"]);
  });
  test("one practice twice, or the other one too long ago, is local", () => {
    const rows = [
      { practiceId: "a", vendorId: "v", openedAt: at(1) },
      { practiceId: "a", vendorId: "v", openedAt: at(0) },
      { practiceId: "b", vendorId: "v", openedAt: at(11) },
    ];
    expect(vendorWideOutbreak(rows, "v", now)).toEqual([]);
  });
});
