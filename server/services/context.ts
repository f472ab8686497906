import "server-only";
import type { Transaction } from "@/db/client";
import { and, eq } from "drizzle-orm";
import { auditEvents, practices } from "@/db/schema";
import { InvalidError, NotFoundError } from "@/server/errors";
import type { Role } from "@/server/permissions";

/** Who acts; role is set for signed-in people (rules such as an admin's override depend on it). */
export type Actor = { userId: string | null; name: string; role?: Role };

/** What every service function works in: one transaction, with the tenant set for row-level security. */
export type ServiceContext = {
  tx: Transaction;
  mspId: string;
  actor: Actor;
  practiceIds: "*" | readonly string[];
};

export type AuditEvent = {
  action: string;
  entityType: string;
  entityId?: string | null;
  practiceId?: string | null;
  summary?: Record<string, unknown>;
};

/** Writes the audit row in the caller's transaction, so the change and its record land together. */
export async function recordAudit(ctx: ServiceContext, event: AuditEvent): Promise<void> {
  await ctx.tx.insert(auditEvents).values({
    mspId: ctx.mspId,
    actorUserId: ctx.actor.userId,
    actorName: ctx.actor.name,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId ?? null,
    practiceId: event.practiceId ?? null,
    summary: event.summary ?? {},
  });
}

export function practiceVisible(
  ctx: Pick<ServiceContext, "practiceIds">,
  practiceId: string,
): boolean {
  return ctx.practiceIds === "*" || ctx.practiceIds.includes(practiceId);
}

/**
 * The practice a request names, if the caller may see it; NOT_FOUND otherwise (another tenant's
 * practice looks exactly like one that does not exist). An archived practice can be read, not changed.
 */
export async function practiceInScope(
  ctx: ServiceContext,
  practiceId: string,
  purpose: "read" | "change" = "read",
) {
  if (!practiceVisible(ctx, practiceId)) throw new NotFoundError("Practice");
  const [practice] = await ctx.tx
    .select({
      id: practices.id,
      name: practices.name,
      timezone: practices.timezone,
      archivedAt: practices.archivedAt,
    })
    .from(practices)
    .where(and(eq(practices.mspId, ctx.mspId), eq(practices.id, practiceId)));
  if (!practice) throw new NotFoundError("Practice");
  if (purpose === "change" && practice.archivedAt)
    throw new InvalidError(`${practice.name} is archived. Restore it before changing it.`);
  return practice;
}
