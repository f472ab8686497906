import { describe, expect, test } from "vitest";
import { suggestScope } from "./incident-scope";
import {
  triageCheckLabels,
  triageChecks,
  type TriageAnswer,
  type TriageCheck,
} from "@/server/contracts/incidents";

const all = (answer: TriageAnswer) => triageChecks.map((check) => ({ check, answer }));
const allWorkingBut = (changes: Partial<Record<TriageCheck, TriageAnswer>>) =>
  triageChecks.map((check) => ({ check, answer: changes[check] ?? ("working" as const) }));

describe("triage checks", () => {
  test("follow the plan's order, each with a label people read", () => {
    expect(triageChecks.map((check) => triageCheckLabels[check])).toEqual([
      "Internet",
      "Firewall",
      "Wi-Fi",
      "Workstations",
      "Phones",
      "Local network",
    ]);
  });
});

describe("scope suggestion", () => {
  test("a local failure points at the office, naming what is down in the plan's order", () => {
    expect(
      suggestScope({ checks: allWorkingBut({ firewall: "down" }), otherCloudAppsWork: "no" }),
    ).toEqual({ scope: "local", reason: "Local failure found: Firewall is down." });
    expect(
      suggestScope({
        checks: allWorkingBut({ phones: "down", internet: "down", wifi: "down" }),
        otherCloudAppsWork: "unknown",
      }),
    ).toEqual({
      scope: "local",
      reason: "Local failure found: Internet, Wi-Fi and Phones are down.",
    });
  });

  test("a local failure wins even when other cloud apps seem to work or other checks are unknown", () => {
    expect(
      suggestScope({
        checks: [{ check: "local_network", answer: "down" }],
        otherCloudAppsWork: "yes",
      }).scope,
    ).toBe("local");
  });

  test("everything local works and other cloud apps work but the EHR does not: likely the vendor", () => {
    expect(suggestScope({ checks: all("working"), otherCloudAppsWork: "yes" })).toEqual({
      scope: "vendor_wide",
      reason:
        "Every local check works and other cloud apps work but the EHR does not: likely the vendor. Check its status page and call its support line.",
    });
  });

  test("checks not done yet leave the scope unknown and say what is left to check", () => {
    expect(
      suggestScope({
        checks: allWorkingBut({ wifi: "unknown", phones: "unknown" }),
        otherCloudAppsWork: "yes",
      }),
    ).toEqual({
      scope: "unknown",
      reason: "Not checked yet: Wi-Fi and Phones.",
    });
    expect(suggestScope({ checks: [], otherCloudAppsWork: "unknown" })).toEqual({
      scope: "unknown",
      reason:
        "Not checked yet: Internet, Firewall, Wi-Fi, Workstations, Phones and Local network, and whether other cloud apps work.",
    });
  });

  test("local checks fine but the cloud question open or answered no: still unknown, with the next step", () => {
    expect(suggestScope({ checks: all("working"), otherCloudAppsWork: "unknown" })).toEqual({
      scope: "unknown",
      reason:
        "Every local check works. Check whether other cloud apps work while the EHR does not.",
    });
    expect(suggestScope({ checks: all("working"), otherCloudAppsWork: "no" })).toEqual({
      scope: "unknown",
      reason:
        "Every local check works, but other cloud apps fail too, so it is not just the EHR vendor. Check the internet provider and DNS.",
    });
  });

  test("a re-checked item counts with its latest answer", () => {
    const checks = [...all("working"), { check: "internet" as const, answer: "down" as const }];
    expect(suggestScope({ checks, otherCloudAppsWork: "yes" }).scope).toBe("local");
    expect(
      suggestScope({
        checks: [...checks, { check: "internet", answer: "working" }],
        otherCloudAppsWork: "yes",
      }).scope,
    ).toBe("vendor_wide");
  });
});
