/** The MSP's plan template: what every practice's plan starts from. */
import "server-only";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { planTemplates } from "@/db/schema";
import { defaultTemplate } from "@/server/domain/plan-defaults";
import { ConflictError } from "@/server/errors";
import { recordAudit, type ServiceContext } from "@/server/services/context";
import {
  templateSchema,
  type PlanTemplateContent,
  type updateTemplateSchema,
} from "@/server/contracts/plans";

export async function getTemplate(ctx: ServiceContext): Promise<{
  content: PlanTemplateContent;
  version: number;
  updatedByName: string | null;
  updatedAt: Date | null;
}> {
  const [row] = await ctx.tx.select().from(planTemplates).where(eq(planTemplates.mspId, ctx.mspId));
  if (!row) return { content: defaultTemplate, version: 0, updatedByName: null, updatedAt: null };
  const parsed = templateSchema.safeParse(row.content);
  return {
    content: parsed.success ? parsed.data : defaultTemplate,
    version: row.version,
    updatedByName: row.updatedByName,
    updatedAt: row.updatedAt,
  };
}

export async function updateTemplate(
  ctx: ServiceContext,
  input: z.infer<typeof updateTemplateSchema>,
) {
  const current = await getTemplate(ctx);
  if (current.version !== input.version)
    throw new ConflictError(
      `The template was changed by ${current.updatedByName ?? "someone else"} after you opened it. ` +
        "Reload to see their changes.",
    );
  const values = {
    content: input.content,
    version: input.version + 1,
    updatedByName: ctx.actor.name,
    updatedAt: new Date(),
  };
  const [saved] =
    input.version === 0
      ? await ctx.tx
          .insert(planTemplates)
          .values({ mspId: ctx.mspId, ...values })
          .onConflictDoNothing()
          .returning({ id: planTemplates.id })
      : await ctx.tx
          .update(planTemplates)
          .set(values)
          .where(and(eq(planTemplates.mspId, ctx.mspId), eq(planTemplates.version, input.version)))
          .returning({ id: planTemplates.id });
  if (!saved)
    throw new ConflictError(
      "The template was changed by someone else after you opened it. Reload to see their changes.",
    );
  await recordAudit(ctx, {
    action: "plan_template.update",
    entityType: "plan_template",
    entityId: saved.id,
    summary: { version: values.version },
  });
  return { version: values.version };
}
