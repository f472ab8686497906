import "server-only";
import { sql } from "drizzle-orm";
import type { ServiceContext } from "@/server/services/context";

/** Days a copy is kept after its appointment when a practice has no connection (any more). */
export const DEFAULT_RETENTION_DAYS = 14;

export type PurgeResult = { appointments: number; walkIns: number; patients: number };

/**
 * Deletes what is past its practice's retention: appointments that many days after they took place
 * (their front-desk marks go with them), walk-ins marked that long ago, and patients left with no
 * appointment. Runs as the worker (role "system") for one MSP.
 */
export async function purgeScheduleCopies(ctx: ServiceContext, now: Date): Promise<PurgeResult> {
  const at = now.toISOString();
  const retention = sql`coalesce((select c.retention_days from schedule_connections c
     where c.msp_id = t.msp_id and c.practice_id = t.practice_id), ${DEFAULT_RETENTION_DAYS})`;
  const appointments = await ctx.tx.execute(sql`
    delete from schedule_appointments t
     where t.msp_id = ${ctx.mspId}
       and t.starts_at < ${at}::timestamptz - make_interval(days => ${retention})`);
  const walkIns = await ctx.tx.execute(sql`
    delete from schedule_marks t
     where t.msp_id = ${ctx.mspId} and t.kind = 'walk_in'
       and t.marked_at < ${at}::timestamptz - make_interval(days => ${retention})`);
  const patients = await ctx.tx.execute(sql`
    delete from schedule_patients p
     where p.msp_id = ${ctx.mspId}
       and not exists (select 1 from schedule_appointments a
                        where a.msp_id = p.msp_id and a.patient_id = p.id)
       and p.updated_at < ${at}::timestamptz - interval '1 day'`);
  return { appointments: appointments.count, walkIns: walkIns.count, patients: patients.count };
}
