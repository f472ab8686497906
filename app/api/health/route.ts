import { healthResponse } from "@/server/services/health";

export const dynamic = "force-dynamic";

/**
 * 200 when the database answers and a worker was seen in the last 2 minutes, 503 otherwise, with
 * the reason in words; load balancers, monitoring and CI read this. The browser's "Connection lost"
 * banner reads only `database.ok`.
 */
export async function GET() {
  return healthResponse();
}
