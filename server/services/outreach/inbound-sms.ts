/**
 * The address an SMS provider posts a patient's text to: /api/outreach/sms/{channelId}/inbound, one
 * per SMS channel (Settings → Notifications). There is no session: the request proves itself with the
 * provider's signature (X-Twilio-Signature, server/domain/sms-signature.ts), keyed with the channel's
 * auth token, over the exact public address the provider called (AUTH_URL, or the address this
 * request came to through trusted proxies) and every parameter it posted. Anything unsigned or badly
 * signed is refused with 403 and a log line naming the channel and the reason, never the number or
 * the text; nothing is recorded.
 */
import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { notificationChannels } from "@/db/schema";
import { withoutTenant, withTenant } from "@/db/tenant";
import { appUrlFrom } from "@/server/app-url";
import { loggableError } from "@/server/domain/loggable-error";
import { normalisePhone } from "@/server/domain/phone-number";
import { twimlResponse, unplacedAnswer } from "@/server/domain/reply-words";
import { smsRequestSigned } from "@/server/domain/sms-signature";
import type { ServiceContext } from "@/server/services/context";
import { destinationOf } from "@/server/services/notifications/channels";
import type { SmsDestination } from "@/server/services/notifications/send";
import { addressHashesOf } from "@/server/services/schedule/patient-data";
import { patientTextActor, placeInboundText, takeReply } from "./replies";

/** A text is at most 1,600 characters; the provider's other parameters are short. */
export const INBOUND_BODY_LIMIT_BYTES = 64 * 1024;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const messageIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

function log(channelId: string, what: string) {
  const channel = uuidPattern.test(channelId)
    ? `channel ${channelId}`
    : "an address with no channel id";
  console.warn(`[outreach] inbound text on ${channel} ${what}`);
}

const plain = (status: number, text: string) =>
  new Response(text, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });

const refusal = () => plain(403, "Refused: this request is not signed by the channel's provider.");

const twiml = (message: string | null) =>
  new Response(twimlResponse(message), {
    headers: { "content-type": "text/xml; charset=utf-8", "cache-control": "no-store" },
  });

/** The body as text, or null past the limit (counted as it streams in, never read whole). */
async function readLimited(request: Request, limit: number): Promise<string | null> {
  if (Number(request.headers.get("content-length") ?? 0) > limit) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The address the provider called, as the public sees it: what its signature covers. */
function publicUrlOf(request: Request): string {
  const url = new URL(request.url);
  return `${appUrlFrom(request.headers)}${url.pathname}${url.search}`;
}

/** Takes a patient's text posted by the provider; the answer is TwiML (empty, or one message). */
export async function receiveInboundSms(request: Request, channelId: string): Promise<Response> {
  try {
    return await receive(request, channelId);
  } catch (error) {
    const channel = uuidPattern.test(channelId)
      ? `channel ${channelId}`
      : "an address with no channel id";
    console.error(`[outreach] inbound text on ${channel} failed:`, loggableError(error));
    return plain(500, "Standby could not take this text in. The provider may send it again.");
  }
}

async function receive(request: Request, channelId: string): Promise<Response> {
  if (!uuidPattern.test(channelId)) {
    log(channelId, "refused: the address names no channel");
    return refusal();
  }
  if (
    !/^application\/x-www-form-urlencoded\s*(;|$)/i.test(request.headers.get("content-type") ?? "")
  ) {
    log(channelId, "refused: not a form post");
    return plain(415, "A provider posts a form (application/x-www-form-urlencoded).");
  }
  const body = await readLimited(request, INBOUND_BODY_LIMIT_BYTES);
  if (body === null) {
    log(channelId, `refused: more than ${INBOUND_BODY_LIMIT_BYTES / 1024} KB`);
    return plain(413, "This request is too large.");
  }
  const params = Object.fromEntries(new URLSearchParams(body));
  const signature = request.headers.get("x-twilio-signature");

  const [found] = await withoutTenant((tx) =>
    tx.execute<{ msp_id: string | null }>(
      sql`select standby_sms_channel_msp(${channelId}::uuid) as msp_id`,
    ),
  );
  const mspId = found?.msp_id;
  if (!mspId) {
    log(channelId, "refused: no SMS channel has this id");
    return refusal();
  }

  return withTenant({ mspId, userId: null, role: "system", practiceIds: "*" }, async (tx) => {
    const ctx: ServiceContext = { tx, mspId, actor: patientTextActor, practiceIds: "*" };
    const [channel] = await tx
      .select()
      .from(notificationChannels)
      .where(
        and(
          eq(notificationChannels.mspId, mspId),
          eq(notificationChannels.id, channelId),
          eq(notificationChannels.kind, "sms"),
          isNull(notificationChannels.removedAt),
        ),
      );
    if (!channel) {
      log(channelId, "refused: no SMS channel has this id");
      return refusal();
    }
    let authToken: string;
    try {
      authToken = (destinationOf(channel, "", undefined, "") as SmsDestination).authToken;
    } catch {
      log(channelId, "refused: the channel's auth token cannot be read (SECRETS_KEY changed?)");
      return refusal();
    }
    if (!authToken || !smsRequestSigned(authToken, publicUrlOf(request), params, signature)) {
      log(channelId, signature ? "refused: the signature does not match" : "refused: no signature");
      return refusal();
    }
    const accountSid = (channel.settings as { accountSid?: string }).accountSid;
    if (params.AccountSid && accountSid && params.AccountSid !== accountSid) {
      log(channelId, "refused: sent for another provider account");
      return refusal();
    }

    const from = normalisePhone(params.From ?? "");
    const providerMessageId = params.MessageSid ?? params.SmsMessageSid ?? "";
    if (!from || !messageIdPattern.test(providerMessageId)) {
      log(channelId, "refused: signed, but without a sender's phone number or a message id");
      return plain(400, "A text needs From (a phone number) and MessageSid.");
    }
    const place = await placeInboundText(ctx, channel, addressHashesOf(from));
    if (!place) {
      log(
        channelId,
        "not placed: the number was never texted through this channel, and the channel serves no single practice",
      );
      return twiml(unplacedAnswer);
    }
    const outcome = await takeReply(ctx, {
      place,
      channelId: channel.id,
      from,
      text: params.Body ?? "",
      providerMessageId,
    });
    return twiml(outcome.answer);
  });
}
