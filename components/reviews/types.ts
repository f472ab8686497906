import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/_app";
import {
  reviewChecklist,
  saferPractices,
  type ReviewFields,
  type SaferKey,
} from "@/server/contracts/reviews";

type Outputs = inferRouterOutputs<AppRouter>;

export type ReviewList = Outputs["reviews"]["list"];
export type ReviewSchedule = ReviewList["schedule"];
export type ReviewListItem = ReviewList["items"][number];
export type ReviewDetail = Outputs["reviews"]["get"];
export type Review = ReviewDetail["review"];
export type Readiness = ReviewDetail["readiness"];
export type RiskChanges = ReviewDetail["riskChanges"];
export type RiskChange = RiskChanges["opened"][number];

/** The form's values for a review: every checklist item and SAFER practice present, answered or not. */
export function fieldsOf(
  review: Pick<Review, "checklist" | "safer" | "findings" | "attendees">,
): ReviewFields {
  return {
    checklist: Object.fromEntries(
      reviewChecklist.map(([key]) => [
        key,
        { done: review.checklist[key]?.done ?? false, note: review.checklist[key]?.note ?? "" },
      ]),
    ),
    safer: Object.fromEntries(
      saferPractices.map(([key]) => [
        key,
        { rating: review.safer[key]?.rating ?? null, note: review.safer[key]?.note ?? "" },
      ]),
    ),
    findings: review.findings,
    attendees: [...review.attendees],
  };
}

/** Short names for the SAFER practices, used as headings and in labels. */
export const saferShortNames: Record<SaferKey, string> = {
  paper_forms: "Paper forms",
  independent_communication: "Communication without the computers",
  read_only_copy: "Read-only copy of patient data",
  redundancy: "Redundant hardware, internet and site",
  testing_and_reporting: "Testing and reporting",
  clinicians_on_team: "Clinicians on the planning team",
  continuing_review: "Continuing review",
};
