import { publishedJwksResponse } from "@/server/services/schedule/jwks";

export const dynamic = "force-dynamic";

/**
 * The public keys Standby signs a practice's EHR requests with (SMART Backend Services): the address
 * the EHR vendor registers. Public by design; it holds no secret and names no practice.
 */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ connectionId: string }> },
) {
  const { connectionId } = await params;
  return publishedJwksResponse(connectionId);
}
