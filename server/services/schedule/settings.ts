import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { scheduleConnections, scheduleSigningKeys } from "@/db/schema";
import type { FhirConnectionFields } from "@/server/contracts/schedule-settings";
import { checkOutboundUrl } from "@/server/domain/outbound-address";
import { openSecret, sealSecret } from "@/server/domain/secret-box";
import { generateSmartKeyPair } from "@/server/domain/smart-keys";
import { ConflictError, InvalidError, NotFoundError } from "@/server/errors";
import { enqueueInTransaction } from "@/server/jobs/enqueue";
import { practiceInScope, recordAudit, type ServiceContext } from "@/server/services/context";
import { channelSecretKey, outboundRules } from "@/server/services/notifications/config";

type ConnectionRow = typeof scheduleConnections.$inferSelect;
type KeyRow = typeof scheduleSigningKeys.$inferSelect;

/** A copy older than this is flagged, lowers the readiness score and is notified. */
export const STALE_COPY_HOURS = 24;

const keyPurpose = (connectionId: string, kid: string) => `schedule-key:${connectionId}:${kid}`;

/** The address the EHR vendor registers for Standby's public keys. */
export const jwksUrl = (appUrl: string, connectionId: string) =>
  `${appUrl.replace(/\/$/, "")}/api/schedule/jwks/${connectionId}`;

/** The private JWK of a key, opened; a key that no longer opens (SECRETS_KEY changed) says what to do. */
export function openSigningKey(row: Pick<KeyRow, "connectionId" | "kid" | "privateJwkSealed">) {
  const opened = openSecret(
    channelSecretKey(),
    keyPurpose(row.connectionId, row.kid),
    row.privateJwkSealed,
  );
  if (opened === null)
    throw new InvalidError(
      "Standby's signing key for this EHR cannot be read (SECRETS_KEY or AUTH_SECRET changed since it was made). Rotate the key and register the JWKS address again.",
    );
  return opened;
}

function connectionView(row: ConnectionRow, keys: KeyRow[], appUrl: string, now: Date) {
  const signing = keys.filter((key) => !key.retiredAt).at(-1);
  const ageHours = row.refreshedAt ? (now.getTime() - row.refreshedAt.getTime()) / 3_600_000 : null;
  return {
    id: row.id,
    source: row.source,
    fhirBaseUrl: row.fhirBaseUrl,
    clientId: row.clientId,
    syncIntervalMinutes: row.syncIntervalMinutes,
    syncDaysAhead: row.syncDaysAhead,
    retentionDays: row.retentionDays,
    csvMapping: row.csvMapping,
    syncing: row.source === "fhir" && row.nextSyncAt !== null,
    nextSyncAt: row.nextSyncAt,
    refreshedAt: row.refreshedAt,
    stale: ageHours === null || ageHours > STALE_COPY_HOURS,
    lastError: row.lastError
      ? { message: row.lastError, request: row.lastErrorRequest, at: row.lastErrorAt }
      : null,
    jwksUrl: jwksUrl(appUrl, row.id),
    keys: keys.map((key) => ({
      kid: key.kid,
      alg: key.alg,
      createdAt: key.createdAt,
      retiredAt: key.retiredAt,
      signs: key.id === signing?.id,
    })),
    version: row.version,
  };
}
export type ScheduleConnectionView = ReturnType<typeof connectionView>;

async function loadConnection(ctx: ServiceContext, practiceId: string, lock = false) {
  const query = ctx.tx
    .select()
    .from(scheduleConnections)
    .where(
      and(eq(scheduleConnections.mspId, ctx.mspId), eq(scheduleConnections.practiceId, practiceId)),
    );
  const [row] = await (lock ? query.for("update") : query);
  return row ?? null;
}

async function loadKeys(ctx: ServiceContext, connectionId: string) {
  return ctx.tx
    .select()
    .from(scheduleSigningKeys)
    .where(
      and(
        eq(scheduleSigningKeys.mspId, ctx.mspId),
        eq(scheduleSigningKeys.connectionId, connectionId),
      ),
    )
    .orderBy(asc(scheduleSigningKeys.createdAt));
}

/** The practice's connection (no secrets, no patient data), or null when there is none yet. */
export async function getScheduleConnection(
  ctx: ServiceContext,
  practiceId: string,
  appUrl: string,
  now = new Date(),
): Promise<ScheduleConnectionView | null> {
  await practiceInScope(ctx, practiceId);
  const row = await loadConnection(ctx, practiceId);
  if (!row) return null;
  // Keys are for MSP staff only (row-level security hides them from the practice's people).
  const keys = await loadKeys(ctx, row.id);
  return connectionView(row, keys, appUrl, now);
}

async function addSigningKey(ctx: ServiceContext, connectionId: string) {
  const pair = await generateSmartKeyPair("ES384");
  await ctx.tx.insert(scheduleSigningKeys).values({
    mspId: ctx.mspId,
    connectionId,
    kid: pair.kid,
    alg: pair.alg,
    publicJwk: pair.publicJwk,
    privateJwkSealed: sealSecret(
      channelSecretKey(),
      keyPurpose(connectionId, pair.kid),
      JSON.stringify(pair.privateJwk),
    ),
  });
  return pair.kid;
}

/**
 * Connects the practice to its EHR's FHIR API (or changes the settings). The first save makes
 * Standby's signing key; the first sync is due at once.
 */
export async function saveFhirConnection(
  ctx: ServiceContext,
  input: FhirConnectionFields & { practiceId: string; version: number },
  appUrl: string,
) {
  await practiceInScope(ctx, input.practiceId, "change");
  const check = checkOutboundUrl(input.fhirBaseUrl, outboundRules());
  if (!check.ok) throw new InvalidError(`FHIR base address: ${check.reason}`);
  const fhirBaseUrl = input.fhirBaseUrl.trim().replace(/\/+$/, "");
  const existing = await loadConnection(ctx, input.practiceId, true);
  if ((existing?.version ?? 0) !== input.version)
    throw new ConflictError(
      "Someone changed this practice's schedule settings since you opened them. Reload and make your change again.",
    );
  const fields = {
    source: "fhir" as const,
    fhirBaseUrl,
    clientId: input.clientId,
    syncIntervalMinutes: input.syncIntervalMinutes,
    syncDaysAhead: input.syncDaysAhead,
    retentionDays: input.retentionDays,
    nextSyncAt: sql`now()`,
    updatedAt: sql`now()`,
  };
  let connectionId: string;
  if (existing) {
    await ctx.tx
      .update(scheduleConnections)
      .set({ ...fields, version: existing.version + 1 })
      .where(eq(scheduleConnections.id, existing.id));
    connectionId = existing.id;
  } else {
    const [created] = await ctx.tx
      .insert(scheduleConnections)
      .values({ mspId: ctx.mspId, practiceId: input.practiceId, ...fields })
      .returning({ id: scheduleConnections.id });
    connectionId = created!.id;
  }
  const keys = await loadKeys(ctx, connectionId);
  if (!keys.some((key) => !key.retiredAt)) await addSigningKey(ctx, connectionId);
  await recordAudit(ctx, {
    action: existing ? "schedule.connection_changed" : "schedule.connected",
    entityType: "schedule_connection",
    entityId: connectionId,
    practiceId: input.practiceId,
    summary: {
      source: "fhir",
      fhirBaseUrl,
      clientId: input.clientId,
      syncIntervalMinutes: input.syncIntervalMinutes,
      syncDaysAhead: input.syncDaysAhead,
      retentionDays: input.retentionDays,
    },
  });
  return getScheduleConnection(ctx, input.practiceId, appUrl);
}

async function fhirConnection(ctx: ServiceContext, practiceId: string, lock = false) {
  await practiceInScope(ctx, practiceId, "change");
  const row = await loadConnection(ctx, practiceId, lock);
  if (!row || row.source !== "fhir") throw new NotFoundError("EHR connection");
  return row;
}

/** Adds a new key, which signs from now on; the old one stays published until it is retired. */
export async function rotateSigningKey(ctx: ServiceContext, practiceId: string, appUrl: string) {
  const row = await fhirConnection(ctx, practiceId, true);
  const kid = await addSigningKey(ctx, row.id);
  await recordAudit(ctx, {
    action: "schedule.key_rotated",
    entityType: "schedule_connection",
    entityId: row.id,
    practiceId,
    summary: { kid },
  });
  return getScheduleConnection(ctx, practiceId, appUrl);
}

/** Stops publishing a key. The key that signs cannot be retired: rotate first. */
export async function retireSigningKey(
  ctx: ServiceContext,
  input: { practiceId: string; kid: string },
  appUrl: string,
) {
  const row = await fhirConnection(ctx, input.practiceId, true);
  const keys = await loadKeys(ctx, row.id);
  const key = keys.find((candidate) => candidate.kid === input.kid);
  if (!key) throw new NotFoundError("Key");
  if (key.retiredAt) return getScheduleConnection(ctx, input.practiceId, appUrl);
  const signing = keys.filter((candidate) => !candidate.retiredAt).at(-1);
  if (signing?.id === key.id)
    throw new InvalidError(
      "This key signs Standby's requests now. Rotate first (a new key signs), register it with the EHR vendor if needed, then retire this one.",
    );
  await ctx.tx
    .update(scheduleSigningKeys)
    .set({ retiredAt: sql`now()` })
    .where(and(eq(scheduleSigningKeys.id, key.id), isNull(scheduleSigningKeys.retiredAt)));
  await recordAudit(ctx, {
    action: "schedule.key_retired",
    entityType: "schedule_connection",
    entityId: row.id,
    practiceId: input.practiceId,
    summary: { kid: key.kid },
  });
  return getScheduleConnection(ctx, input.practiceId, appUrl);
}

/** Sync now (the job is enqueued with this change; pressing twice queues one sync). */
export async function syncScheduleNow(ctx: ServiceContext, practiceId: string, appUrl: string) {
  const row = await fhirConnection(ctx, practiceId, true);
  await ctx.tx
    .update(scheduleConnections)
    .set({ nextSyncAt: sql`now()` })
    .where(eq(scheduleConnections.id, row.id));
  await enqueueInTransaction(
    ctx.tx,
    "schedule-sync",
    { mspId: ctx.mspId, connectionId: row.id },
    { singletonKey: row.id, singletonSeconds: 60 },
  );
  await recordAudit(ctx, {
    action: "schedule.sync_requested",
    entityType: "schedule_connection",
    entityId: row.id,
    practiceId,
  });
  return getScheduleConnection(ctx, practiceId, appUrl);
}

/** Pauses or resumes the syncs (the copy is kept as it is while paused). */
export async function setScheduleSyncing(
  ctx: ServiceContext,
  input: { practiceId: string; on: boolean },
  appUrl: string,
) {
  const row = await fhirConnection(ctx, input.practiceId, true);
  await ctx.tx
    .update(scheduleConnections)
    .set({ nextSyncAt: input.on ? sql`now()` : null, updatedAt: sql`now()` })
    .where(eq(scheduleConnections.id, row.id));
  await recordAudit(ctx, {
    action: input.on ? "schedule.sync_resumed" : "schedule.sync_paused",
    entityType: "schedule_connection",
    entityId: row.id,
    practiceId: input.practiceId,
  });
  return getScheduleConnection(ctx, input.practiceId, appUrl);
}

/** The connection and its signing key, opened, for a test from the settings page. */
export async function connectionForTest(ctx: ServiceContext, practiceId: string) {
  const row = await fhirConnection(ctx, practiceId);
  const keys = await loadKeys(ctx, row.id);
  const signing = keys.filter((key) => !key.retiredAt).at(-1);
  if (!signing) throw new InvalidError("The connection has no signing key: rotate to create one.");
  return { row, key: signing };
}
