/** The downtime packet: the latest published version as printed, and the record of each print. */
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";
import { packetPrints, practiceSites } from "@/db/schema";
import { ConflictError, InvalidError, NotFoundError } from "@/server/errors";
import { practiceInScope, recordAudit, type ServiceContext } from "@/server/services/context";
import { criticalVendorIds } from "@/server/services/dependencies";
import { escalationContacts } from "@/server/services/vendors";
import type { recordPacketSchema, recordDeviceCopySchema } from "@/server/contracts/plans";
import { latestVersion, publishedContent } from "@/server/services/plans/core";
import { getSupportLine } from "@/server/services/support-line";

/** The latest published version with what the packet prints around it, and the vendors to call. */
export async function getPacket(ctx: ServiceContext, practiceId: string) {
  const practice = await practiceInScope(ctx, practiceId);
  const latest = await latestVersion(ctx, practiceId);
  if (!latest) throw new NotFoundError("A published plan");
  const sites = await ctx.tx
    .select({
      name: practiceSites.name,
      address: practiceSites.address,
      phone: practiceSites.phone,
    })
    .from(practiceSites)
    .where(and(eq(practiceSites.mspId, ctx.mspId), eq(practiceSites.practiceId, practiceId)))
    .orderBy(asc(practiceSites.position));
  const vendorContacts = await escalationContacts(
    ctx,
    practiceId,
    await criticalVendorIds(ctx, practiceId),
  );
  const line = await getSupportLine(ctx);
  return {
    practice: { id: practice.id, name: practice.name, timezone: practice.timezone, sites },
    /** The MSP's help desk (empty fields when not set). */
    helpDesk: { mspName: line.mspName, phone: line.phone, email: line.email, hours: line.hours },
    /** Escalation contacts of the vendors of the practice's critical systems. */
    vendorContacts,
    version: {
      number: latest.number,
      publishedAt: latest.publishedAt,
      publishedByName: latest.publishedByName,
      nextReviewOn: latest.nextReviewOn,
    },
    content: publishedContent(latest.content),
  };
}

export type Packet = Awaited<ReturnType<typeof getPacket>>;

export async function recordPacketPrint(
  ctx: ServiceContext,
  input: z.infer<typeof recordPacketSchema>,
  now = new Date(),
) {
  await practiceInScope(ctx, input.practiceId);
  const latest = await latestVersion(ctx, input.practiceId);
  if (!latest) throw new InvalidError("Publish the plan before printing its packet.");
  if (input.versionNumber !== undefined && input.versionNumber !== latest.number)
    throw new ConflictError(
      `Version ${latest.number} of this plan was published after this packet was opened. ` +
        "Reload to print the current version.",
    );
  await ctx.tx.insert(packetPrints).values({
    mspId: ctx.mspId,
    practiceId: input.practiceId,
    versionNumber: latest.number,
    format: input.format,
    printedByUserId: ctx.actor.userId,
    printedByName: ctx.actor.name,
    printedAt: now,
  });
  await recordAudit(ctx, {
    action: "plan.packet_print",
    entityType: "plan",
    entityId: input.practiceId,
    practiceId: input.practiceId,
    summary: { version: latest.number, format: input.format },
  });
  return { versionNumber: latest.number };
}

/**
 * Records that a member kept the packet (page and PDF) of the latest published version on their
 * device: an audit event only (no patient data is in the packet). Refused when a newer version was
 * published after the page was opened, as printing is.
 */
export async function recordDeviceCopy(
  ctx: ServiceContext,
  input: z.infer<typeof recordDeviceCopySchema>,
) {
  await practiceInScope(ctx, input.practiceId);
  const latest = await latestVersion(ctx, input.practiceId);
  if (!latest) throw new InvalidError("Publish the plan before saving its packet.");
  if (input.versionNumber !== latest.number)
    throw new ConflictError(
      `Version ${latest.number} of this plan was published after this packet was opened. ` +
        "Reload to save the current version.",
    );
  await recordAudit(ctx, {
    action: "plan.packet_saved_on_device",
    entityType: "plan",
    entityId: input.practiceId,
    practiceId: input.practiceId,
    summary: { version: latest.number, what: ["packet", "pdf"] },
  });
  return { versionNumber: latest.number };
}
