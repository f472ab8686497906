import "server-only";
import type { Transaction } from "@/db/client";
import { auditEvents } from "@/db/schema";

export type Actor = { userId: string | null; name: string };

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

export function practiceVisible(ctx: Pick<ServiceContext, "practiceIds">, practiceId: string): boolean {
  return ctx.practiceIds === "*" || ctx.practiceIds.includes(practiceId);
}
