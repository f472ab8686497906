import "server-only";
import {
  and,
  desc,
  eq,
  getTableColumns,
  gte,
  ilike,
  lt,
  lte,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import { z } from "zod";
import { auditEvents, practices } from "@/db/schema";
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

export async function listAuditEvents(
  ctx: ServiceContext,
  input: z.infer<typeof listAuditEventsSchema>,
) {
  const conditions: (SQL | undefined)[] = [
    eq(auditEvents.mspId, ctx.mspId),
    input.entityType ? eq(auditEvents.entityType, input.entityType) : undefined,
    input.action
      ? ilike(auditEvents.action, `%${input.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
      : undefined,
    input.actorUserId ? eq(auditEvents.actorUserId, input.actorUserId) : undefined,
    input.from ? gte(auditEvents.createdAt, new Date(`${input.from}T00:00:00Z`)) : undefined,
    input.to ? lte(auditEvents.createdAt, new Date(`${input.to}T23:59:59.999Z`)) : undefined,
  ];
  if (input.cursor) {
    // Compared as timestamptz text: a JavaScript Date would drop the microseconds PostgreSQL keeps,
    // and the rows between the millisecond and the real time would be skipped.
    const at = sql`${input.cursor.createdAt}::timestamptz`;
    conditions.push(
      or(
        sql`${auditEvents.createdAt} < ${at}`,
        and(sql`${auditEvents.createdAt} = ${at}`, lt(auditEvents.id, input.cursor.id)),
      ),
    );
  }
  const rows = await ctx.tx
    .select({
      ...getTableColumns(auditEvents),
      /** The practice's zone for a practice's event: its times are shown on the practice's clock. */
      practiceTimeZone: practices.timezone,
      cursorAt: sql<string>`to_char(${auditEvents.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(auditEvents)
    .leftJoin(
      practices,
      and(eq(practices.mspId, auditEvents.mspId), eq(practices.id, auditEvents.practiceId)),
    )
    .where(and(...conditions))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(input.pageSize + 1);
  const page = rows.slice(0, input.pageSize);
  const items = page.map(({ mspId: _mspId, cursorAt: _cursorAt, ...row }) => row);
  const last = page.at(-1);
  return {
    items,
    nextCursor:
      rows.length > input.pageSize && last ? { createdAt: last.cursorAt, id: last.id } : null,
  };
}
