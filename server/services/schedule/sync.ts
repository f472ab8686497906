import "server-only";
import { TZDate } from "@date-fns/tz";
import { addDays, startOfDay } from "date-fns";
import { and, desc, eq, isNull, lte, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { withTenant, type TenantScope } from "@/db/tenant";
import { practices, scheduleConnections, scheduleSigningKeys } from "@/db/schema";
import { loggableError } from "@/server/domain/loggable-error";
import type { ScheduleSnapshot } from "@/server/domain/schedule-copy";
import { enqueueInTransaction } from "@/server/jobs/enqueue";
import { applyScheduleSnapshot, type ApplyResult } from "./copy-store";

const systemScope = (mspId: string): TenantScope => ({
  mspId,
  userId: null,
  role: "system",
  practiceIds: "*",
});

/** The first and last moment of the days a sync reads: from today's midnight, in the practice's time zone. */
export function syncWindow(now: Date, timeZone: string, days: number) {
  const from = startOfDay(new TZDate(now, timeZone));
  return { from: new Date(from.getTime()), to: new Date(addDays(from, days).getTime()) };
}

/** What a sync needs to read the EHR: the connection's settings and its signing key (still sealed). */
export type SyncConnection = {
  id: string;
  mspId: string;
  practiceId: string;
  fhirBaseUrl: string;
  clientId: string;
  signingKey: { kid: string; alg: "ES384" | "RS384"; privateJwkSealed: string };
};

/** Reads one window of the schedule from the EHR: a complete snapshot, or it throws. */
export type ScheduleReader = (
  connection: SyncConnection,
  window: { from: Date; to: Date },
) => Promise<ScheduleSnapshot>;

/** An error a sync records on the connection: what failed, in words, and the request that failed. */
export type RecordedSyncError = { message: string; request: string | null };

export type SyncOutcome =
  | { status: "skipped" }
  | { status: "synced"; result: ApplyResult; appointments: number; patients: number }
  | { status: "failed"; error: RecordedSyncError };

/**
 * One sync of one connection. Claims it first (moves next_sync_at past now in one UPDATE, so of two
 * workers holding the same job only one goes on), reads the EHR with no transaction open, then
 * applies the snapshot and marks the copy refreshed in one transaction: either the whole new copy,
 * or, on any error, the previous copy untouched and the error recorded.
 */
export async function runScheduleSync(
  mspId: string,
  connectionId: string,
  read: ScheduleReader,
  describeError: (error: unknown) => RecordedSyncError,
  now: () => Date = () => new Date(),
): Promise<SyncOutcome> {
  const claimed = await withTenant(systemScope(mspId), async (tx) => {
    const [connection] = await tx
      .update(scheduleConnections)
      .set({
        nextSyncAt: sql`now() + make_interval(mins => ${scheduleConnections.syncIntervalMinutes})`,
      })
      .where(
        and(
          eq(scheduleConnections.mspId, mspId),
          eq(scheduleConnections.id, connectionId),
          eq(scheduleConnections.source, "fhir"),
          lte(scheduleConnections.nextSyncAt, sql`now()`),
        ),
      )
      .returning();
    if (!connection?.fhirBaseUrl || !connection.clientId) return null;
    const [key] = await tx
      .select()
      .from(scheduleSigningKeys)
      .where(
        and(
          eq(scheduleSigningKeys.mspId, mspId),
          eq(scheduleSigningKeys.connectionId, connectionId),
          isNull(scheduleSigningKeys.retiredAt),
        ),
      )
      .orderBy(desc(scheduleSigningKeys.createdAt))
      .limit(1);
    const [practice] = await tx
      .select({ timezone: practices.timezone })
      .from(practices)
      .where(and(eq(practices.mspId, mspId), eq(practices.id, connection.practiceId)));
    return { connection, key, timezone: practice?.timezone ?? "UTC" };
  });
  if (!claimed) return { status: "skipped" };
  const { connection, key, timezone } = claimed;

  const fail = async (error: RecordedSyncError): Promise<SyncOutcome> => {
    await withTenant(systemScope(mspId), (tx) =>
      tx
        .update(scheduleConnections)
        .set({
          lastError: error.message,
          lastErrorRequest: error.request,
          lastErrorAt: now(),
          updatedAt: now(),
        })
        .where(and(eq(scheduleConnections.mspId, mspId), eq(scheduleConnections.id, connectionId))),
    );
    return { status: "failed", error };
  };
  if (!key)
    return fail({
      message:
        "The connection has no signing key: open the practice's schedule settings and create one.",
      request: null,
    });

  const window = syncWindow(now(), timezone, connection.syncDaysAhead);
  let snapshot: ScheduleSnapshot;
  try {
    snapshot = await read(
      {
        id: connection.id,
        mspId,
        practiceId: connection.practiceId,
        fhirBaseUrl: connection.fhirBaseUrl!,
        clientId: connection.clientId!,
        signingKey: { kid: key.kid, alg: key.alg, privateJwkSealed: key.privateJwkSealed },
      },
      window,
    );
  } catch (error) {
    return fail(describeError(error));
  }

  try {
    const result = await withTenant(systemScope(mspId), async (tx) => {
      const applied = await applyScheduleSnapshot(
        tx,
        { mspId, practiceId: connection.practiceId, source: "fhir" },
        snapshot,
        now(),
      );
      await tx
        .update(scheduleConnections)
        .set({
          refreshedAt: now(),
          lastError: null,
          lastErrorRequest: null,
          lastErrorAt: null,
          updatedAt: now(),
        })
        .where(and(eq(scheduleConnections.mspId, mspId), eq(scheduleConnections.id, connectionId)));
      return applied;
    });
    return {
      status: "synced",
      result,
      appointments: snapshot.appointments.length,
      patients: snapshot.patients.length,
    };
  } catch (error) {
    console.error(
      `Schedule sync of connection ${connectionId}: storing the copy failed.`,
      loggableError(error),
    );
    return fail({
      message:
        "The schedule was read but could not be stored; the previous copy is kept. Standby tries again at the next sync.",
      request: null,
    });
  }
}

/** Every minute: one job per connection that is due (one waiting job per connection at most). */
export async function enqueueDueSyncs(now = new Date()): Promise<number> {
  return getDb().transaction(async (tx) => {
    const due = await tx.execute<{ msp_id: string; connection_id: string }>(
      sql`select msp_id, connection_id from standby_schedule_syncs_due(${now.toISOString()}::timestamptz, 500)`,
    );
    for (const row of due)
      await enqueueInTransaction(
        tx,
        "schedule-sync",
        { mspId: row.msp_id, connectionId: row.connection_id },
        { singletonKey: row.connection_id, singletonSeconds: 60 },
      );
    return due.length;
  });
}
