import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { monitors } from "@/db/schema";
import { withTenant } from "@/db/tenant";

/**
 * Heartbeat pushes: the clinic's server (or a scheduled task) calls the monitor's secret address,
 * /api/monitors/push/<token>. The token is 32 random bytes; only its SHA-256 is stored, and it is
 * shown once, when the monitor is made (or its address is replaced).
 */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export const hashPushToken = (token: string) => createHash("sha256").update(token).digest("hex");

export function newPushToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashPushToken(token) };
}

export function pushPath(token: string): string {
  return `/api/monitors/push/${token}`;
}

/**
 * Records a push: the token's hash finds the monitor (standby_monitor_push_lookup, before any tenant
 * is known); the stored hash is compared with the computed one in constant time; then, as role
 * "system" in the monitor's MSP, its last push moves to now. False for an unknown token (nothing
 * changes anywhere).
 */
export async function recordPush(token: string, now = new Date()): Promise<boolean> {
  if (!TOKEN_FORMAT.test(token)) return false;
  const hash = hashPushToken(token);
  const [found] = await getDb().execute<{ msp_id: string; monitor_id: string; token_hash: string }>(
    sql`select msp_id, monitor_id, token_hash from standby_monitor_push_lookup(${hash})`,
  );
  if (!found || !timingSafeEqual(Buffer.from(found.token_hash), Buffer.from(hash))) return false;
  const updated = await withTenant(
    { mspId: found.msp_id, userId: null, role: "system", practiceIds: "*" },
    (tx) =>
      tx
        .update(monitors)
        .set({ lastPushAt: now })
        .where(
          and(
            eq(monitors.mspId, found.msp_id),
            eq(monitors.id, found.monitor_id),
            eq(monitors.kind, "heartbeat"),
          ),
        )
        .returning({ id: monitors.id }),
  );
  return updated.length === 1;
}

export async function pushResponse(token: string): Promise<Response> {
  const headers = { "Cache-Control": "no-store", "Content-Type": "text/plain; charset=utf-8" };
  if (!(await recordPush(token)))
    return new Response("Unknown push address\n", { status: 404, headers });
  return new Response("OK\n", { status: 200, headers });
}
