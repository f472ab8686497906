import { appUrlFrom } from "@/server/app-url";
import { packetPdfResponse } from "@/server/packet-download";
import { getCurrentUser } from "@/server/session";

/** The downtime packet as a PDF file (the same content as the printable page next to it). */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ practiceId: string }> },
) {
  const { practiceId } = await params;
  const user = await getCurrentUser();
  const signIn = `/sign-in?reason=expired&callbackUrl=${encodeURIComponent(`/print/practices/${practiceId}/packet`)}`;
  if (!user)
    return new Response(null, {
      status: 303,
      headers: { Location: signIn, "Cache-Control": "no-store" },
    });
  return packetPdfResponse({ user, practiceId, appUrl: appUrlFrom(request.headers), signIn });
}
