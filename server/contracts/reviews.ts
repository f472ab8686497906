import { z } from "zod";
import { documentVersion } from "./common";

/** Shared by the review forms (client) and the reviews service (server). */

/** The checklist every review walks through (the brief's list). */
export const reviewChecklist = [
  ["outage_owner_confirmed", "Outage owner confirmed"],
  ["schedule_backup_tested", "Schedule backup tested"],
  ["front_desk_script_current", "Front-desk script current"],
  ["provider_workflow_current", "Provider workflow current"],
  ["reconciliation_owner_named", "Reconciliation owner named"],
  ["vendor_contacts_verified", "Vendor contacts verified"],
  ["backups_tested", "Backups tested"],
  ["plan_reviewed", "Plan reviewed"],
] as const;
export type ChecklistKey = (typeof reviewChecklist)[number][0];

/** The SAFER Guide's contingency-planning practices, in substance, for the self-assessment. */
export const saferPractices = [
  ["paper_forms", "Paper forms are ready to replace the key EHR functions for at least 8 hours."],
  [
    "independent_communication",
    "There is a way to communicate that does not depend on the computer systems.",
  ],
  [
    "read_only_copy",
    "A read-only or backup copy of key patient data exists, staff know how to reach it, and clinicians are told when downtime starts and ends.",
  ],
  [
    "redundancy",
    "Critical systems have redundant hardware, a second internet path, and a site that can be live within hours.",
  ],
  [
    "testing_and_reporting",
    "Downtime procedures are tested and monitored, with routine reporting of downtime events and response times.",
  ],
  ["clinicians_on_team", "Practising clinicians are on the planning team."],
  ["continuing_review", "The plan goes through a continuing cycle of review."],
] as const;
export type SaferKey = (typeof saferPractices)[number][0];

export const saferRatings = [
  ["in_place", "In place"],
  ["partly", "Partly"],
  ["not_in_place", "Not in place"],
] as const;
export type SaferRating = (typeof saferRatings)[number][0];
export const saferRatingLabels = Object.fromEntries(saferRatings) as Record<SaferRating, string>;

const note = z.string().trim().max(1000, "Notes are at most 1,000 characters.");
const checklistKeys = reviewChecklist.map(([key]) => key) as [ChecklistKey, ...ChecklistKey[]];
const saferKeys = saferPractices.map(([key]) => key) as [SaferKey, ...SaferKey[]];

export const reviewFieldsSchema = z.object({
  checklist: z.partialRecord(z.enum(checklistKeys), z.object({ done: z.boolean(), note })),
  safer: z.partialRecord(
    z.enum(saferKeys),
    z.object({
      rating: z
        .enum(
          saferRatings.map(([value]) => value) as [SaferRating, ...SaferRating[]],
          "Choose in place, partly or not in place.",
        )
        .nullable(),
      note,
    }),
  ),
  findings: z.string().trim().max(8000, "Findings are at most 8,000 characters."),
  attendees: z
    .array(
      z
        .string()
        .trim()
        .min(1, "Attendee names cannot be empty.")
        .max(120, "Names are at most 120 characters."),
    )
    .max(30, "At most 30 attendees."),
});
export type ReviewFields = z.infer<typeof reviewFieldsSchema>;

const practiceId = z.uuid("Unknown practice.");
const reviewId = z.uuid("Unknown review.");

export const reviewRefSchema = z.object({ practiceId, reviewId });
export const saveReviewSchema = reviewFieldsSchema.extend({
  practiceId,
  reviewId,
  version: documentVersion,
});
export const signOffReviewSchema = z.object({ practiceId, reviewId, version: documentVersion });

/** What signing off needs: who took part, and every SAFER practice assessed. Pure: used by the form and the service. */
export function signOffProblems(review: {
  safer: Partial<Record<string, { rating: string | null }>>;
  attendees: readonly string[];
}): string[] {
  const unrated = saferPractices.filter(([key]) => !review.safer[key]?.rating).length;
  return [
    ...(review.attendees.length === 0 ? ["Add who attended the review."] : []),
    ...(unrated > 0
      ? [`Assess every SAFER practice (${unrated} of ${saferPractices.length} not assessed yet).`]
      : []),
  ];
}
