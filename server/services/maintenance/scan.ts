import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { enqueueInTransaction } from "@/server/jobs/enqueue";

/**
 * The minute's maintenance check: one maintenance-clock job per MSP with a window scheduled or in
 * progress (standby_maintenance_msps, ids only), a singleton per MSP and minute. The moment checked
 * travels in the payload, so a retried job checks the same moment.
 */
export async function enqueueMaintenanceClocks(now: Date): Promise<number> {
  const db = getDb();
  const rows = await db.execute<{ id: string }>(sql`select standby_maintenance_msps() as id`);
  const mspIds = [...rows].map((row) => row.id);
  if (mspIds.length === 0) return 0;
  await db.transaction(async (tx) => {
    for (const mspId of mspIds)
      await enqueueInTransaction(
        tx,
        "maintenance-clock",
        { mspId, at: now.toISOString() },
        { singletonKey: mspId, singletonSeconds: 60 },
      );
  });
  return mspIds.length;
}
