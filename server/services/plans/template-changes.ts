/** Applying a changed template to a practice's plan, section by section, so nobody's edits are replaced unseen. */
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { planSections } from "@/db/schema";
import { comparePlans } from "@/server/domain/plan-compare";
import { applyTemplateTo, templateBasisOf } from "@/server/domain/plan-defaults";
import { ConflictError, InvalidError } from "@/server/errors";
import { practiceInScope, recordAudit, type ServiceContext } from "@/server/services/context";
import {
  sectionTitles,
  type applyTemplateSchema,
  type PlanContent,
} from "@/server/contracts/plans";
import { loadDraft, pendingTemplateSections } from "@/server/services/plans/core";

/** What the current template would change in each section, so nobody's edits are replaced unseen. */
export async function templateChanges(ctx: ServiceContext, practiceId: string) {
  await practiceInScope(ctx, practiceId);
  const draft = await loadDraft(ctx, practiceId);
  const applied = {
    ...draft.content,
    ...applyTemplateTo(draft.content, draft.template.content),
  } as PlanContent;
  const comparison = comparePlans(draft.content, applied);
  return {
    templateVersion: draft.template.version,
    sections: pendingTemplateSections(draft).map((key) => ({
      section: key,
      title: sectionTitles[key],
      version: draft.sections[key].version,
      lines: comparison.find((entry) => entry.section === key)!.lines,
    })),
  };
}

export async function applyTemplate(
  ctx: ServiceContext,
  input: z.infer<typeof applyTemplateSchema>,
) {
  await practiceInScope(ctx, input.practiceId, "change");
  const draft = await loadDraft(ctx, input.practiceId);
  const applied = applyTemplateTo(draft.content, draft.template.content);
  for (const choice of input.sections) {
    if (!(choice.section in applied))
      throw new InvalidError(`${sectionTitles[choice.section]} is not part of the template.`);
    const content =
      choice.decision === "apply" ? applied[choice.section]! : draft.content[choice.section];
    const updated = await ctx.tx
      .update(planSections)
      .set({
        content,
        templateBasis: templateBasisOf(draft.template.content, choice.section),
        version: sql`${planSections.version} + 1`,
        updatedByName: ctx.actor.name,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(planSections.mspId, ctx.mspId),
          eq(planSections.practiceId, input.practiceId),
          eq(planSections.section, choice.section),
          eq(planSections.version, choice.version),
        ),
      )
      .returning({ id: planSections.id });
    if (updated.length === 0)
      throw new ConflictError(
        `${sectionTitles[choice.section]} was changed after you opened the template changes. Reload and choose again.`,
      );
  }
  await recordAudit(ctx, {
    action: "plan.template_apply",
    entityType: "plan",
    entityId: input.practiceId,
    practiceId: input.practiceId,
    summary: {
      templateVersion: draft.template.version,
      applied: input.sections
        .filter((choice) => choice.decision === "apply")
        .map((choice) => choice.section),
      kept: input.sections
        .filter((choice) => choice.decision === "keep")
        .map((choice) => choice.section),
    },
  });
}
