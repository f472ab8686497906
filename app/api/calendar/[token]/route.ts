import { appUrlFrom } from "@/server/app-url";
import { calendarFeedResponse } from "@/server/services/calendar-feed";

export const dynamic = "force-dynamic";

/**
 * A member's private calendar of due work (ICS), for calendar apps that subscribe to it. The token in
 * the address is the only credential; an unknown, revoked or removed member's address answers 404.
 */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return calendarFeedResponse(token, appUrlFrom(request.headers), request.headers);
}
