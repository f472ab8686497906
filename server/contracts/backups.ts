import { z } from "zod";
import { documentVersionOrNew, enteredMoment } from "./common";
import { idempotencyKeySchema } from "./idempotency";

/** Shared by the backup forms (client) and the backups service (server). */

export const restoreKinds = [
  ["file", "Files"],
  ["database", "Database"],
  ["whole_vm", "Whole VM"],
  ["cloud_tenant", "Cloud tenant"],
] as const;
export type RestoreKind = (typeof restoreKinds)[number][0];
export const restoreKindLabels = Object.fromEntries(restoreKinds) as Record<RestoreKind, string>;

export const restoreResults = [
  ["pass", "Pass"],
  ["partial", "Partial"],
  ["fail", "Fail"],
] as const;
export type RestoreResultValue = (typeof restoreResults)[number][0];
export const restoreResultLabels = Object.fromEntries(restoreResults) as Record<
  RestoreResultValue,
  string
>;

const practiceId = z.uuid("Unknown practice.");
const systemId = z.uuid("Choose a system from the dependency map.");
const minutes = (what: string, max: number) =>
  z
    .number(`Enter ${what} in minutes.`)
    .int(`Enter ${what} in whole minutes.`)
    .min(0, `${what[0]!.toUpperCase()}${what.slice(1)} cannot be negative.`)
    .max(
      max,
      `${what[0]!.toUpperCase()}${what.slice(1)} is at most ${max.toLocaleString("en-US")} minutes.`,
    );

/** An empty number field (NaN from the form, null or nothing over the wire) is "not measured". */
const notMeasured = (schema: z.ZodNumber) =>
  z.preprocess(
    (value) =>
      value === undefined || value === "" || (typeof value === "number" && Number.isNaN(value))
        ? null
        : value,
    schema.nullable(),
  );

export const backupTargetFieldsSchema = z.object({
  cadenceDays: z
    .number("Enter how often to test, in days.")
    .int("Enter whole days.")
    .min(1, "Test at most once a day (1 day at least).")
    .max(366, "Test at least once a year (366 days at most)."),
  rtoMinutes: minutes("the restore time target", 10_080).refine(
    (value) => value > 0,
    "The restore time target must be at least 1 minute.",
  ),
  rpoMinutes: minutes("the data age target", 525_600),
});
export type BackupTargetFields = z.infer<typeof backupTargetFieldsSchema>;

export const setBackupTargetSchema = backupTargetFieldsSchema.extend({
  practiceId,
  systemId,
  /** 0 when the system has no target yet. */
  version: documentVersionOrNew,
});
export const backupTargetRefSchema = z.object({ practiceId, systemId });

export const restoreTestFieldsSchema = z.object({
  systemId,
  kind: z.enum(
    restoreKinds.map(([value]) => value) as [RestoreKind, ...RestoreKind[]],
    "Choose what was restored.",
  ),
  testedAt: enteredMoment("when the test was done"),
  testedByName: z
    .string()
    .trim()
    .min(1, "Say who did the test.")
    .max(120, "Names are at most 120 characters."),
  result: z.enum(
    restoreResults.map(([value]) => value) as [RestoreResultValue, ...RestoreResultValue[]],
    "Choose the result.",
  ),
  /** Null when not measured: only a failed restore may leave these out (measuredUnlessFailed). */
  restoreMinutes: notMeasured(minutes("the time to restore", 100_000)),
  dataAgeMinutes: notMeasured(minutes("the age of the restored data", 5_256_000)),
  evidence: z.string().trim().max(4000, "The evidence note is at most 4,000 characters."),
});

/** A restore that worked (fully or partly) was measured: how long it took and how old the data was. */
function measuredUnlessFailed(
  test: {
    result: RestoreResultValue;
    restoreMinutes: number | null;
    dataAgeMinutes: number | null;
  },
  context: z.RefinementCtx,
) {
  if (test.result === "fail") return;
  if (test.restoreMinutes === null)
    context.addIssue({
      code: "custom",
      path: ["restoreMinutes"],
      message: "Enter the time to restore in minutes.",
    });
  if (test.dataAgeMinutes === null)
    context.addIssue({
      code: "custom",
      path: ["dataAgeMinutes"],
      message: "Enter the age of the restored data in minutes.",
    });
}

/** The form's schema: a failed restore needs no time to restore or data age. */
export const restoreTestFormSchema = restoreTestFieldsSchema.superRefine(measuredUnlessFailed);
export type RestoreTestFields = z.infer<typeof restoreTestFieldsSchema>;

export const recordRestoreTestSchema = restoreTestFieldsSchema
  .extend({
    practiceId,
    idempotencyKey: idempotencyKeySchema,
  })
  .superRefine(measuredUnlessFailed);
export const withdrawRestoreTestSchema = z.object({
  practiceId,
  testId: z.uuid("Unknown restore test."),
  reason: z
    .string()
    .trim()
    .min(5, "Say why the test is withdrawn (at least 5 characters).")
    .max(500, "The reason is at most 500 characters."),
});
export const listRestoreTestsSchema = z.object({
  practiceId,
  systemId: z.uuid("Unknown system.").optional(),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});
