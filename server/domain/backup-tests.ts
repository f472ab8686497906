import { addDays } from "date-fns";
import { humanMinutes } from "./durations";

/**
 * Whether a backed-up system's restores are tested on time and good enough. Pure: the clock is
 * passed in. A test fails its targets when the result is not a pass, the restore took longer than
 * the RTO, or the restored data was older than the RPO (a failed restore may have neither measured).
 */
export type RestoreResult = "pass" | "partial" | "fail";
export type BackupTarget = { cadenceDays: number; rtoMinutes: number; rpoMinutes: number };
export type RestoreTest = {
  testedAt: Date;
  result: RestoreResult;
  /** Null when not measured (only a failed restore leaves them out). */
  restoreMinutes: number | null;
  dataAgeMinutes: number | null;
};

export type BackupStatus = {
  nextDueAt: Date | null;
  overdue: boolean;
  failing: boolean;
  problems: string[];
};

export function targetMisses(test: RestoreTest, target: BackupTarget): string[] {
  return [
    ...(test.result === "fail"
      ? ["The last restore failed"]
      : test.result === "partial"
        ? ["The last restore was only partial"]
        : []),
    ...(test.restoreMinutes !== null && test.restoreMinutes > target.rtoMinutes
      ? [
          `Restore took ${humanMinutes(test.restoreMinutes)} against a ${humanMinutes(target.rtoMinutes)} target (RTO)`,
        ]
      : []),
    ...(test.dataAgeMinutes !== null && test.dataAgeMinutes > target.rpoMinutes
      ? [
          `Restored data was ${humanMinutes(test.dataAgeMinutes)} old against a ${humanMinutes(target.rpoMinutes)} target (RPO)`,
        ]
      : []),
  ];
}

export function backupStatus(
  target: BackupTarget,
  lastTest: RestoreTest | null,
  now: Date,
): BackupStatus {
  if (!lastTest)
    return { nextDueAt: null, overdue: true, failing: false, problems: ["Never tested"] };
  const nextDueAt = addDays(lastTest.testedAt, target.cadenceDays);
  const overdue = now.getTime() > nextDueAt.getTime();
  const misses = targetMisses(lastTest, target);
  return {
    nextDueAt,
    overdue,
    failing: misses.length > 0,
    problems: [...(overdue ? ["Test overdue"] : []), ...misses],
  };
}

/** The risk a failed or short-of-target restore test proposes for the register. */
export function proposedRisk(systemName: string, test: RestoreTest, target: BackupTarget) {
  const misses = targetMisses(test, target);
  if (misses.length === 0) return null;
  return {
    title: `Backups of ${systemName} cannot be relied on`,
    severity: test.result === "fail" ? ("urgent" as const) : ("high" as const),
    category: "untested_backups" as const,
    description: misses.join(". ") + ".",
  };
}
