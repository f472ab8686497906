import type { PlanGap } from "@/server/domain/plan-completeness";

/** Where a gap is filled in: its section's editor for those who edit the plan, the section otherwise. */
export const gapHref = (gap: PlanGap, canEdit: boolean) =>
  canEdit ? `#edit-${gap.section}` : `#${gap.section}`;
