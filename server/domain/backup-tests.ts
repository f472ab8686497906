import { addDays } from "date-fns";

/**
 * Whether a backed-up system's restores are tested on time and good enough. Pure: the clock is
 * passed in. A test fails its targets when the result is not a pass, the restore took longer than
 * the RTO, or the restored data was older than the RPO.
 */
export type RestoreResult = "pass" | "partial" | "fail";
export type BackupTarget = { cadenceDays: number; rtoMinutes: number; rpoMinutes: number };
export type RestoreTest = {
  testedAt: Date;
  result: RestoreResult;
  restoreMinutes: number;
  dataAgeMinutes: number;
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
    ...(test.restoreMinutes > target.rtoMinutes
      ? [`Restore took ${test.restoreMinutes} min against a ${target.rtoMinutes} min target (RTO)`]
      : []),
    ...(test.dataAgeMinutes > target.rpoMinutes
      ? [
          `Restored data was ${test.dataAgeMinutes} min old against a ${target.rpoMinutes} min target (RPO)`,
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
