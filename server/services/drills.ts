import "server-only";
import { addMinutes } from "date-fns";
import { and, desc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { drills, risks } from "@/db/schema";
import { ConflictError, InvalidError, NotFoundError } from "@/server/errors";
import { practiceInScope, recordAudit, type ServiceContext } from "./context";
import type {
  drillRefSchema,
  scheduleDrillSchema,
  updateDrillSchema,
} from "@/server/contracts/drills";

/** Risks raised from a drill's findings, per drill. */
const risksRaised = sql<number>`(select count(*)::int from ${risks} where ${risks}.msp_id = ${drills}.msp_id and ${risks}.from_drill_id = ${drills}.id)`;

/** The findings already raised as risks, with the risk each became. */
const raisedFindings = sql<
  { finding: string; riskId: string }[]
>`(select coalesce(json_agg(json_build_object('finding', ${risks}.from_drill_finding, 'riskId', ${risks}.id) order by ${risks}.created_at), '[]'::json) from ${risks} where ${risks}.msp_id = ${drills}.msp_id and ${risks}.from_drill_id = ${drills}.id and ${risks}.from_drill_finding is not null)`;

export async function listDrills(ctx: ServiceContext, practiceId: string) {
  await practiceInScope(ctx, practiceId);
  return ctx.tx
    .select({
      id: drills.id,
      kind: drills.kind,
      scenario: drills.scenario,
      scheduledFor: drills.scheduledFor,
      heldAt: drills.heldAt,
      participants: drills.participants,
      detectMinutes: drills.detectMinutes,
      declareMinutes: drills.declareMinutes,
      reachVendorMinutes: drills.reachVendorMinutes,
      paperMinutes: drills.paperMinutes,
      recoverMinutes: drills.recoverMinutes,
      findings: drills.findings,
      version: drills.version,
      risksRaised,
      raisedFindings,
    })
    .from(drills)
    .where(and(eq(drills.mspId, ctx.mspId), eq(drills.practiceId, practiceId)))
    .orderBy(desc(drills.scheduledFor), desc(drills.id))
    .limit(200);
}

export async function scheduleDrill(
  ctx: ServiceContext,
  input: z.infer<typeof scheduleDrillSchema>,
) {
  await practiceInScope(ctx, input.practiceId, "change");
  const { practiceId, ...fields } = input;
  const [created] = await ctx.tx
    .insert(drills)
    .values({ mspId: ctx.mspId, practiceId, ...fields })
    .returning({ id: drills.id });
  await recordAudit(ctx, {
    action: "drill.schedule",
    entityType: "drill",
    entityId: created!.id,
    practiceId,
    summary: { kind: fields.kind, scheduledFor: fields.scheduledFor.toISOString() },
  });
  return { id: created!.id };
}

/** Changes a drill's plan or records how it went (held at, who took part, step times, findings). */
export async function updateDrill(
  ctx: ServiceContext,
  input: z.infer<typeof updateDrillSchema>,
  now = new Date(),
) {
  await practiceInScope(ctx, input.practiceId, "change");
  const { practiceId, drillId, version, ...fields } = input;
  if (fields.heldAt && fields.heldAt.getTime() > addMinutes(now, 5).getTime())
    throw new InvalidError("A drill cannot be recorded as held in the future.", "heldAt");
  const [updated] = await ctx.tx
    .update(drills)
    .set({ ...fields, version: sql`${drills.version} + 1`, updatedAt: now })
    .where(
      and(
        eq(drills.mspId, ctx.mspId),
        eq(drills.practiceId, practiceId),
        eq(drills.id, drillId),
        eq(drills.version, version),
      ),
    )
    .returning({ version: drills.version });
  if (!updated) {
    const [exists] = await ctx.tx
      .select({ id: drills.id })
      .from(drills)
      .where(
        and(eq(drills.mspId, ctx.mspId), eq(drills.practiceId, practiceId), eq(drills.id, drillId)),
      );
    if (!exists) throw new NotFoundError("Drill");
    throw new ConflictError(
      "Someone else changed this drill after you opened it. Reload to see their change, then make yours again.",
    );
  }
  await recordAudit(ctx, {
    action: "drill.update",
    entityType: "drill",
    entityId: drillId,
    practiceId,
    summary: { held: Boolean(fields.heldAt), findings: fields.findings.length },
  });
  return { version: updated.version };
}

/** Only a drill that has not been held can be cancelled; a held drill is part of the record. */
export async function cancelDrill(ctx: ServiceContext, input: z.infer<typeof drillRefSchema>) {
  await practiceInScope(ctx, input.practiceId, "change");
  const [drill] = await ctx.tx
    .select({ heldAt: drills.heldAt, scenario: drills.scenario })
    .from(drills)
    .where(
      and(
        eq(drills.mspId, ctx.mspId),
        eq(drills.practiceId, input.practiceId),
        eq(drills.id, input.drillId),
      ),
    );
  if (!drill) throw new NotFoundError("Drill");
  if (drill.heldAt)
    throw new InvalidError("This drill was held; it stays on record and cannot be cancelled.");
  await ctx.tx.delete(drills).where(and(eq(drills.mspId, ctx.mspId), eq(drills.id, input.drillId)));
  await recordAudit(ctx, {
    action: "drill.cancel",
    entityType: "drill",
    entityId: input.drillId,
    practiceId: input.practiceId,
    summary: { scenario: drill.scenario },
  });
}
