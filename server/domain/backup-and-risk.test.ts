import { describe, expect, test } from "vitest";
import { backupStatus, proposedRisk, type BackupTarget } from "./backup-tests";
import { effectiveRiskStatus, statusChangeProblem } from "./risk-status";
import { riskStatusChangeSchema } from "@/server/contracts/risks";

const target: BackupTarget = { cadenceDays: 30, rtoMinutes: 60, rpoMinutes: 240 };
const now = new Date("2026-11-29T12:00:00Z");

describe("backup test status", () => {
  test("never tested is overdue", () => {
    expect(backupStatus(target, null, now)).toEqual({
      nextDueAt: null,
      overdue: true,
      failing: false,
      problems: ["Never tested"],
    });
  });

  test("a passing test within the cadence is on time; after the cadence it is overdue", () => {
    const passed = {
      testedAt: new Date("2026-11-10T12:00:00Z"),
      result: "pass" as const,
      restoreMinutes: 45,
      dataAgeMinutes: 60,
    };
    expect(backupStatus(target, passed, now)).toEqual({
      nextDueAt: new Date("2026-12-10T12:00:00Z"),
      overdue: false,
      failing: false,
      problems: [],
    });
    expect(
      backupStatus(target, { ...passed, testedAt: new Date("2026-10-01T12:00:00Z") }, now),
    ).toMatchObject({ overdue: true, problems: ["Test overdue"] });
  });

  test("a pass that misses the RTO or RPO is failing, and says by how much", () => {
    const slow = {
      testedAt: new Date("2026-11-20T12:00:00Z"),
      result: "pass" as const,
      restoreMinutes: 95,
      dataAgeMinutes: 300,
    };
    expect(backupStatus(target, slow, now).problems).toEqual([
      "Restore took 1 h 35 min against a 1 h target (RTO)",
      "Restored data was 5 h old against a 4 h target (RPO)",
    ]);
  });

  test("a failed test proposes an urgent risk; a clean pass proposes none", () => {
    const failed = { testedAt: now, result: "fail" as const, restoreMinutes: 0, dataAgeMinutes: 0 };
    expect(proposedRisk("File server", failed, target)).toEqual({
      title: "Backups of File server cannot be relied on",
      severity: "urgent",
      category: "untested_backups",
      description: "The last restore failed.",
    });
    expect(proposedRisk("File server", { ...failed, result: "pass" }, target)).toBeNull();
  });
});

describe("risk status changes", () => {
  test("accepting needs a written reason and an expiry; scheduling needs a date; resolving needs a note", () => {
    expect(
      riskStatusChangeSchema.safeParse({ status: "accepted", expiresOn: "2027-01-01" }).success,
    ).toBe(false);
    const noReason = riskStatusChangeSchema.safeParse({
      status: "accepted",
      reason: "ok",
      expiresOn: "2027-01-01",
    });
    expect(noReason.success ? [] : noReason.error.issues.map((issue) => issue.message)).toEqual([
      "Write why the risk is accepted (at least 10 characters).",
    ]);
    expect(riskStatusChangeSchema.safeParse({ status: "scheduled" }).success).toBe(false);
    expect(riskStatusChangeSchema.safeParse({ status: "resolved", note: " " }).success).toBe(false);
    expect(riskStatusChangeSchema.safeParse({ status: "fix_now" }).success).toBe(true);
  });

  test("dates must lie ahead", () => {
    expect(
      statusChangeProblem(
        "open",
        { status: "scheduled", scheduledFor: "2026-11-28" },
        "2026-11-29",
      ),
    ).toEqual({ field: "scheduledFor", message: "The fix date cannot be in the past." });
    expect(
      statusChangeProblem(
        "open",
        { status: "accepted", reason: "Vendor replaces it in March", expiresOn: "2026-11-29" },
        "2026-11-29",
      ),
    ).toMatchObject({ field: "expiresOn" });
    expect(
      statusChangeProblem(
        "open",
        { status: "scheduled", scheduledFor: "2026-11-29" },
        "2026-11-29",
      ),
    ).toBeNull();
  });

  test("a risk must move, except to reschedule or renew an acceptance", () => {
    expect(statusChangeProblem("fix_now", { status: "fix_now" }, "2026-11-29")).toEqual({
      field: "status",
      message: "The risk is already fix now.",
    });
    expect(
      statusChangeProblem("resolved", { status: "resolved", note: "done" }, "2026-11-29"),
    ).toMatchObject({ field: "status" });
    expect(
      statusChangeProblem(
        "scheduled",
        { status: "scheduled", scheduledFor: "2026-12-15" },
        "2026-11-29",
      ),
    ).toBeNull();
    expect(
      statusChangeProblem(
        "accepted",
        {
          status: "accepted",
          reason: "Renewed until the new server arrives",
          expiresOn: "2027-02-01",
        },
        "2026-11-29",
      ),
    ).toBeNull();
    expect(statusChangeProblem("resolved", { status: "open" }, "2026-11-29")).toBeNull();
  });

  test("an expired acceptance comes back as open", () => {
    expect(
      effectiveRiskStatus({ status: "accepted", acceptedUntil: "2026-11-28" }, "2026-11-29"),
    ).toEqual({ status: "open", acceptanceExpired: true });
    expect(
      effectiveRiskStatus({ status: "accepted", acceptedUntil: "2026-11-29" }, "2026-11-29"),
    ).toEqual({ status: "accepted", acceptanceExpired: false });
    expect(effectiveRiskStatus({ status: "scheduled", acceptedUntil: null }, "2026-11-29")).toEqual(
      { status: "scheduled", acceptanceExpired: false },
    );
  });
});
