/** The MSP's help desk line, and a practice's "Who to call": outage owner, MSP help desk, EHR vendor. */
import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { msps, practiceVendors, systems, vendors } from "@/db/schema";
import type { z } from "zod";
import type { saveSupportLineSchema, SupportLine } from "@/server/contracts/support-line";
import { ConflictError, NotFoundError } from "@/server/errors";
import { practiceInScope, recordAudit, type ServiceContext } from "./context";
import { planInForce } from "./plans/versions";

const conflictMessage =
  "Someone changed the support line meanwhile. The form shows theirs now; make your change again.";

/** Every member reads it (the msps row policy shows each MSP only its own row). */
export async function getSupportLine(ctx: ServiceContext): Promise<SupportLine> {
  const [msp] = await ctx.tx
    .select({
      mspName: msps.name,
      phone: msps.supportPhone,
      email: msps.supportEmail,
      hours: msps.supportHours,
      version: msps.supportLineVersion,
    })
    .from(msps)
    .where(eq(msps.id, ctx.mspId));
  if (!msp) throw new NotFoundError("MSP");
  return msp;
}

/** Admins only (the permission table and the msps row policy both say so); audited with before and after. */
export async function saveSupportLine(
  ctx: ServiceContext,
  input: z.output<typeof saveSupportLineSchema>,
): Promise<SupportLine> {
  const before = await getSupportLine(ctx);
  if (before.version !== input.version) throw new ConflictError(conflictMessage);
  const fields = { phone: input.phone, email: input.email, hours: input.hours };
  if (
    before.phone === fields.phone &&
    before.email === fields.email &&
    before.hours === fields.hours
  )
    return before;
  const [saved] = await ctx.tx
    .update(msps)
    .set({
      supportPhone: fields.phone,
      supportEmail: fields.email,
      supportHours: fields.hours,
      supportLineVersion: sql`${msps.supportLineVersion} + 1`,
    })
    .where(and(eq(msps.id, ctx.mspId), eq(msps.supportLineVersion, input.version)))
    .returning({ version: msps.supportLineVersion });
  if (!saved) throw new ConflictError(conflictMessage);
  await recordAudit(ctx, {
    action: "msp.support_line",
    entityType: "msp",
    entityId: ctx.mspId,
    summary: {
      before: { phone: before.phone, email: before.email, hours: before.hours },
      after: fields,
    },
  });
  return { ...fields, mspName: before.mspName, version: saved.version };
}

type Contact = { name: string; role: string; phone: string; email: string; hours: string };

/**
 * Who a practice's people call when the EHR is down: the plan's outage owner (and backup), the MSP's
 * help desk, and level 1 of the EHR vendor's escalation ladder (the vendor of the practice's EHR
 * system on its dependency map, else a linked vendor in the EHR category).
 */
export async function whoToCall(ctx: ServiceContext, practiceId: string) {
  await practiceInScope(ctx, practiceId);
  const plan = (await planInForce(ctx, practiceId)).content.outageOwner;
  const person = (p: typeof plan.owner): Contact | null =>
    p.name ? { name: p.name, role: p.role, phone: p.phone, email: p.email, hours: "" } : null;
  const [helpDesk, ehr] = await Promise.all([getSupportLine(ctx), ehrVendorOf(ctx, practiceId)]);
  return {
    outageOwner: person(plan.owner),
    backupOwner: person(plan.backup),
    helpDesk,
    ehrVendor: ehr,
  };
}

export type WhoToCall = Awaited<ReturnType<typeof whoToCall>>;

async function ehrVendorOf(ctx: ServiceContext, practiceId: string) {
  const linked = await ctx.tx
    .select({
      name: vendors.name,
      supportPhone: vendors.supportPhone,
      supportHours: vendors.supportHours,
      ladder: practiceVendors.ladder,
      // The vendor of the map's EHR system first, then any linked EHR-category vendor.
      onMap: sql<boolean>`exists (
        select 1 from ${systems}
         where ${systems.mspId} = ${practiceVendors.mspId}
           and ${systems.practiceId} = ${practiceVendors.practiceId}
           and ${systems.vendorId} = ${practiceVendors.vendorId}
           and ${systems.category} = 'ehr')`,
      category: vendors.category,
    })
    .from(practiceVendors)
    .innerJoin(
      vendors,
      and(eq(vendors.mspId, practiceVendors.mspId), eq(vendors.id, practiceVendors.vendorId)),
    )
    .where(and(eq(practiceVendors.mspId, ctx.mspId), eq(practiceVendors.practiceId, practiceId)))
    .orderBy(asc(vendors.name));
  const chosen =
    linked.find((vendor) => vendor.onMap) ?? linked.find((vendor) => vendor.category === "ehr");
  if (!chosen) return null;
  const level = chosen.ladder[0];
  return {
    vendorName: chosen.name,
    supportPhone: chosen.supportPhone,
    supportHours: chosen.supportHours,
    levelOne: level
      ? ({
          name: level.name,
          role: level.role,
          phone: level.phone,
          email: level.email,
          hours: level.hours,
        } satisfies Contact)
      : null,
  };
}
