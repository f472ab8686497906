import { checkDatabase } from "@/server/services/health";

export const dynamic = "force-dynamic";

/** 200 when the database answers, 503 when it does not; load balancers and CI read this. */
export async function GET() {
  const database = await checkDatabase();
  return Response.json(
    { status: database.ok ? "ok" : "degraded", database },
    { status: database.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
