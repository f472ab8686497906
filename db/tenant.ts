import { sql } from "drizzle-orm";
import { getDb, type Transaction } from "./client";
import type { MemberRole } from "./schema/values";

/**
 * Who a transaction runs for. practiceIds "*" means every practice of the MSP.
 * role "system" is Standby's own bookkeeping (sessions, invitations): it may not write practice data.
 */
export type TenantScope = {
  mspId: string;
  userId: string | null;
  role: MemberRole | "system";
  practiceIds: "*" | readonly string[];
};

/**
 * Runs fn in one transaction with the tenant set for row-level security. set_config(..., true)
 * is transaction-local, so the settings can never leak to the next user of a pooled connection.
 */
export function withTenant<T>(scope: TenantScope, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  return getDb().transaction(async (tx) => {
    await setTenant(tx, scope);
    return fn(tx);
  });
}

/** Sets (or changes) the tenant of a transaction opened by withTenant. */
export async function setTenant(tx: Transaction, scope: TenantScope): Promise<void> {
  const practiceIds = scope.practiceIds === "*" ? "*" : scope.practiceIds.join(",");
  await tx.execute(
    sql`select set_config('app.msp_id', ${scope.mspId}, true), set_config('app.user_id', ${scope.userId ?? ""}, true),
               set_config('app.role', ${scope.role}, true), set_config('app.practice_ids', ${practiceIds}, true)`,
  );
}

/** For the few reads that happen before a tenant is known (sign-in, invitation links). */
export function withoutTenant<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
  return getDb().transaction(fn);
}
