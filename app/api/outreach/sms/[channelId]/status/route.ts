import { appUrlFrom } from "@/server/app-url";
import { statusReportResponse } from "@/server/services/outreach/status-reports";

export const dynamic = "force-dynamic";

/**
 * The SMS provider's delivery reports for patient messages sent through this channel (the
 * StatusCallback Standby gives with each text). No session: the provider's signature over the
 * public address it called (AUTH_URL, or the forwarded address from trusted proxies) is the credential.
 */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ channelId: string }> },
) {
  const { channelId } = await params;
  const { pathname, search } = new URL(request.url);
  return statusReportResponse(
    channelId,
    request,
    `${appUrlFrom(request.headers)}${pathname}${search}`,
  );
}
