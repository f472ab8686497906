import "server-only";
import { loggableError } from "@/server/domain/loggable-error";
import { InvalidError } from "@/server/errors";
import { recordAudit, type ServiceContext } from "@/server/services/context";
import { publicAppUrl } from "@/server/services/notifications/config";
import { createFhirClient, FhirSyncError, type ConnectionTestResult } from "./fhir-client";
import { connectionForTest, jwksUrl, openSigningKey } from "./settings";
import type { RecordedSyncError, ScheduleReader } from "./sync";

/** The worker's reader: the practice's EHR over FHIR, signed with the connection's current key. */
export const readFhirSchedule: ScheduleReader = (connection, window) =>
  createFhirClient({
    baseUrl: connection.fhirBaseUrl,
    clientId: connection.clientId,
    signingKey: {
      kid: connection.signingKey.kid,
      alg: connection.signingKey.alg,
      privateJwk: openSigningKey({ connectionId: connection.id, ...connection.signingKey }),
    },
    jwksUrl: jwksUrl(publicAppUrl(), connection.id),
  }).fetchSchedule(window);

/** What a failed sync records: the client's words and request; anything unexpected, logged and said plainly. */
export function describeFhirSyncError(error: unknown): RecordedSyncError {
  if (error instanceof FhirSyncError) return { message: error.message, request: error.request };
  if (error instanceof InvalidError) return { message: error.message, request: null };
  console.error("Schedule sync failed unexpectedly.", loggableError(error));
  return {
    message:
      "The sync failed for a reason Standby did not expect; the previous copy is kept. The server log has the details.",
    request: null,
  };
}

/**
 * Test connection from the settings page: the capability statement, a token, the granted scopes and
 * one search. No transaction stays open over the network: the key is read in one, the result
 * audited in another.
 */
export async function testScheduleConnection(
  run: <T>(service: (ctx: ServiceContext) => Promise<T>) => Promise<T>,
  practiceId: string,
  appUrl: string,
): Promise<ConnectionTestResult> {
  const { row, key } = await run((ctx) => connectionForTest(ctx, practiceId));
  const result = await createFhirClient({
    baseUrl: row.fhirBaseUrl!,
    clientId: row.clientId!,
    signingKey: { kid: key.kid, alg: key.alg, privateJwk: openSigningKey(key) },
    jwksUrl: jwksUrl(appUrl, row.id),
  }).testConnection();
  await run((ctx) =>
    recordAudit(ctx, {
      action: "schedule.connection_tested",
      entityType: "schedule_connection",
      entityId: row.id,
      practiceId,
      summary: result.ok ? { ok: true } : { ok: false, stage: result.stage },
    }),
  );
  return result;
}
