import "server-only";
import { and, desc, eq, gte, ilike, lt, lte, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import { auditEvents } from "@/db/schema";
import type { ServiceContext } from "./context";

export const listAuditEventsSchema = z.object({
  entityType: z.string().trim().max(40).optional(),
  action: z.string().trim().max(60).optional(),
  actorUserId: z.uuid().optional(),
  from: z.iso.date("Use a date like 2026-11-29.").optional(),
  to: z.iso.date("Use a date like 2026-11-29.").optional(),
  /** Keyset cursor: the last row of the previous page. */
  cursor: z.object({ createdAt: z.iso.datetime({ offset: true }), id: z.uuid() }).optional(),
  pageSize: z.number().int().min(1).max(100).default(50),
});
export type ListAuditEventsInput = z.input<typeof listAuditEventsSchema>;

export async function listAuditEvents(ctx: ServiceContext, input: z.infer<typeof listAuditEventsSchema>) {
  const conditions: (SQL | undefined)[] = [
    eq(auditEvents.mspId, ctx.mspId),
    input.entityType ? eq(auditEvents.entityType, input.entityType) : undefined,
    input.action ? ilike(auditEvents.action, `%${input.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
    input.actorUserId ? eq(auditEvents.actorUserId, input.actorUserId) : undefined,
    input.from ? gte(auditEvents.createdAt, new Date(`${input.from}T00:00:00Z`)) : undefined,
    input.to ? lte(auditEvents.createdAt, new Date(`${input.to}T23:59:59.999Z`)) : undefined,
  ];
  if (input.cursor) {
    const at = new Date(input.cursor.createdAt);
    conditions.push(or(lt(auditEvents.createdAt, at), and(eq(auditEvents.createdAt, at), lt(auditEvents.id, input.cursor.id))));
  }
  const rows = await ctx.tx
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(input.pageSize + 1);
  const items = rows.slice(0, input.pageSize).map(({ mspId: _mspId, ...row }) => row);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > input.pageSize && last ? { createdAt: last.createdAt.toISOString(), id: last.id } : null,
  };
}
