import { receiveInboundSms } from "@/server/services/outreach/inbound-sms";

export const dynamic = "force-dynamic";

/**
 * A patient's text, posted by the SMS provider of the channel in the address (its "A message comes
 * in" webhook). No session: the provider's signature is the only credential, checked before anything
 * is read or recorded (server/services/outreach/inbound-sms.ts).
 */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ channelId: string }> },
) {
  const { channelId } = await params;
  return receiveInboundSms(request, channelId);
}
