import { describe, expect, test } from "vitest";
import { isOpenStatus, isReopen, nextStatuses, statusTransition } from "./incident-status";
import { incidentStatuses } from "@/server/contracts/incidents";

describe("incident status changes", () => {
  test("move forward, skipping steps if need be, but never straight to closed", () => {
    expect(nextStatuses("investigating")).toEqual(["identified", "monitoring", "resolved"]);
    expect(nextStatuses("identified")).toEqual(["monitoring", "resolved"]);
    expect(nextStatuses("monitoring")).toEqual(["resolved"]);
    expect(statusTransition("investigating", "resolved")).toEqual({ allowed: true });
  });

  test("a resolved incident reopens to monitoring or investigating", () => {
    expect(nextStatuses("resolved")).toEqual(["investigating", "monitoring"]);
    expect(isReopen("resolved", "investigating")).toBe(true);
    expect(isReopen("identified", "monitoring")).toBe(false);
    expect(statusTransition("resolved", "identified")).toEqual({
      allowed: false,
      message:
        "A resolved incident can be reopened to Monitoring or Investigating, not to Identified.",
    });
  });

  test("closing is its own action, and a closed incident stays closed", () => {
    expect(statusTransition("resolved", "closed")).toEqual({
      allowed: false,
      message:
        "Use Close incident to close it: closing checks the reconciliation checklist and the downtime log first.",
    });
    expect(nextStatuses("closed")).toEqual([]);
    expect(statusTransition("closed", "investigating")).toEqual({
      allowed: false,
      message: "This incident is closed; its status can no longer change.",
    });
  });

  test("an open incident does not go backwards, nor to where it already is", () => {
    expect(statusTransition("monitoring", "investigating")).toEqual({
      allowed: false,
      message: "An incident cannot go back from Monitoring to Investigating.",
    });
    expect(statusTransition("identified", "identified")).toEqual({
      allowed: false,
      message: "The incident is already Identified.",
    });
  });

  test("every refused move says why", () => {
    for (const from of incidentStatuses) {
      for (const to of incidentStatuses) {
        const check = statusTransition(from, to);
        if (!check.allowed) expect(check.message.length).toBeGreaterThan(10);
      }
    }
  });

  test("open means not resolved and not closed", () => {
    expect(incidentStatuses.filter(isOpenStatus)).toEqual([
      "investigating",
      "identified",
      "monitoring",
    ]);
  });
});
