import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { withoutTenant } from "@/db/tenant";
import { jwksDocument, type SmartPublicJwk } from "@/server/domain/smart-keys";

const connectionIdSchema = z.uuid();

/** The published keys of a connection (standby_schedule_jwks: public keys only, none retired). */
export async function publishedJwks(connectionId: string): Promise<SmartPublicJwk[] | null> {
  if (!connectionIdSchema.safeParse(connectionId).success) return null;
  const rows = await withoutTenant((tx) =>
    tx.execute<{ jwk: SmartPublicJwk }>(
      sql`select standby_schedule_jwks as jwk from standby_schedule_jwks(${connectionId}::uuid)`,
    ),
  );
  return rows.length > 0 ? rows.map((row) => row.jwk) : null;
}

export async function publishedJwksResponse(connectionId: string): Promise<Response> {
  const keys = await publishedJwks(connectionId);
  if (!keys)
    return Response.json(
      { error: "No keys are published at this address." },
      { status: 404, headers: { "cache-control": "no-store" } },
    );
  // Short caching: a rotated key must reach the EHR soon, and a retired one leave it soon.
  return Response.json(jwksDocument(keys), {
    headers: { "cache-control": "public, max-age=300" },
  });
}
