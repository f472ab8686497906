import { z } from "zod";
import { documentVersion, enteredMoment } from "./common";

/** Shared by the drill forms (client) and the drills service (server). */

export const drillKinds = [
  ["tabletop", "Tabletop"],
  ["live", "Live"],
] as const;
export type DrillKind = (typeof drillKinds)[number][0];
export const drillKindLabels = Object.fromEntries(drillKinds) as Record<DrillKind, string>;

/** The steps of a downtime whose durations a drill measures, in the order they happen. */
export const drillSteps = [
  ["detectMinutes", "Detect"],
  ["declareMinutes", "Declare"],
  ["reachVendorMinutes", "Reach the vendor"],
  ["paperMinutes", "Switch to paper"],
  ["recoverMinutes", "Recover"],
] as const;
export type DrillStepKey = (typeof drillSteps)[number][0];

const practiceId = z.uuid("Unknown practice.");
const drillId = z.uuid("Unknown drill.");
const stepMinutes = z
  .number("Enter minutes as a number.")
  .int("Enter whole minutes.")
  .min(0, "Minutes cannot be negative.")
  .max(10_080, "At most 10,080 minutes (a week).")
  .nullable();
const when = enteredMoment;

export const drillPlanSchema = z.object({
  kind: z.enum(
    drillKinds.map(([value]) => value) as [DrillKind, ...DrillKind[]],
    "Choose tabletop or live.",
  ),
  scenario: z
    .string()
    .trim()
    .min(
      5,
      "Describe the scenario (at least 5 characters), e.g. The EHR vendor's cloud is down for a day.",
    )
    .max(2000, "The scenario is at most 2,000 characters."),
  scheduledFor: when("when the drill takes place"),
});

export const drillResultSchema = z.object({
  heldAt: when("when the drill was held").nullable(),
  participants: z
    .array(
      z
        .string()
        .trim()
        .min(1, "Participant names cannot be empty.")
        .max(120, "Names are at most 120 characters."),
    )
    .max(50, "At most 50 participants."),
  detectMinutes: stepMinutes,
  declareMinutes: stepMinutes,
  reachVendorMinutes: stepMinutes,
  paperMinutes: stepMinutes,
  recoverMinutes: stepMinutes,
  findings: z
    .array(
      z
        .string()
        .trim()
        .min(1, "Findings cannot be empty.")
        .max(2000, "Each finding is at most 2,000 characters."),
    )
    .max(30, "At most 30 findings."),
});

function heldNeedsParticipants(
  drill: { heldAt: Date | null; participants: string[] },
  issues: z.RefinementCtx,
) {
  if (drill.heldAt && drill.participants.length === 0)
    issues.addIssue({
      code: "custom",
      path: ["participants"],
      message: "Add who took part in the drill.",
    });
}

const drillObject = drillPlanSchema.extend(drillResultSchema.shape);
export const drillFieldsSchema = drillObject.superRefine(heldNeedsParticipants);
export type DrillFields = z.infer<typeof drillFieldsSchema>;

export const scheduleDrillSchema = drillPlanSchema.extend({ practiceId });
export const updateDrillSchema = drillObject
  .extend({ practiceId, drillId, version: documentVersion })
  .superRefine(heldNeedsParticipants);
export const drillRefSchema = z.object({ practiceId, drillId });
