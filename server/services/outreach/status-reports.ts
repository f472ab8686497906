/**
 * The SMS provider's delivery reports (its StatusCallback): a form POST to
 * /api/outreach/sms/{channelId}/status, signed with the channel's auth token (X-Twilio-Signature).
 * A report moves its message forward only (a late "sent" never undoes "delivered"), and is safe to
 * receive any number of times. Unsigned or badly signed requests are refused and logged, without
 * their body.
 */
import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { outreachMessages, notificationChannels } from "@/db/schema";
import { withoutTenant, withTenant } from "@/db/tenant";
import { advancesStatus, statusFromProvider, type MessageStatus } from "@/server/domain/outreach";
import { smsRequestSigned } from "@/server/domain/sms-signature";
import { smsAccountOf } from "@/server/services/notifications/channels";
import { refreshCampaignCounts } from "./records";

/** The most a provider's form post may be: a report is a few hundred bytes. */
const MAX_FORM_BYTES = 16_000;

const text = (status: number, body = "") =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

export type ProviderRequest =
  | { ok: true; mspId: string; channelId: string; params: Record<string, string> }
  | { ok: false; response: Response };

/**
 * Reads a provider's signed form post for an SMS channel: the channel's MSP (found by the channel's
 * id alone, standby_sms_channel_msp), its auth token, and the signature over the exact public
 * address the provider called (`publicUrl`) and every parameter. Anything else is refused.
 */
export async function verifiedProviderRequest(
  channelId: string,
  request: Request,
  publicUrl: string,
  what: string,
): Promise<ProviderRequest> {
  const refuse = (status: number, reason: string): ProviderRequest => {
    console.warn(`[outreach] ${what} for SMS channel ${channelId.slice(0, 36)} refused: ${reason}`);
    return {
      ok: false,
      response: text(status, status === 403 ? "Signature refused." : "Not found."),
    };
  };
  if (!z.uuid().safeParse(channelId).success) return refuse(404, "not a channel id");
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_FORM_BYTES) return refuse(413, "too large");
  const body = await request.text();
  if (body.length > MAX_FORM_BYTES) return refuse(413, "too large");
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(body)) params[name] = value;

  const [found] = await withoutTenant((tx) =>
    tx.execute<{ msp_id: string | null }>(
      sql`select standby_sms_channel_msp(${channelId}) as msp_id`,
    ),
  );
  const mspId = found?.msp_id ?? null;
  if (!mspId) return refuse(404, "no such channel");
  const authToken = await withTenant(
    { mspId, userId: null, role: "system", practiceIds: "*" },
    async (tx) => {
      const [row] = await tx
        .select()
        .from(notificationChannels)
        .where(
          and(
            eq(notificationChannels.mspId, mspId),
            eq(notificationChannels.id, channelId),
            isNull(notificationChannels.removedAt),
          ),
        );
      try {
        return row ? smsAccountOf(row).authToken : null;
      } catch {
        return null; // its secret no longer opens: nothing can be verified
      }
    },
  );
  if (!authToken) return refuse(403, "the channel has no auth token to verify with");
  if (!smsRequestSigned(authToken, publicUrl, params, request.headers.get("x-twilio-signature")))
    return refuse(
      403,
      request.headers.get("x-twilio-signature") ? "the signature does not match" : "unsigned",
    );
  return { ok: true, mspId, channelId, params };
}

/** Applies one delivery report to its message (found by the provider's message id) and its campaign's counts. */
export async function applyStatusReport(
  mspId: string,
  params: Record<string, string>,
  now = new Date(),
): Promise<"applied" | "unchanged" | "unknown"> {
  const sid = params.MessageSid ?? params.SmsSid ?? "";
  const reported = statusFromProvider(params.MessageStatus ?? params.SmsStatus ?? "");
  if (!sid || !reported) return "unchanged";
  return withTenant({ mspId, userId: null, role: "system", practiceIds: "*" }, async (tx) => {
    const [message] = await tx
      .select({
        id: outreachMessages.id,
        campaignId: outreachMessages.campaignId,
        status: outreachMessages.status,
      })
      .from(outreachMessages)
      .where(and(eq(outreachMessages.mspId, mspId), eq(outreachMessages.providerMessageId, sid)))
      .for("update");
    if (!message) return "unknown";
    if (!advancesStatus(message.status as MessageStatus, reported)) return "unchanged";
    const code = (params.ErrorCode ?? "").replace(/[^\w-]/g, "").slice(0, 12);
    await tx
      .update(outreachMessages)
      .set({
        status: reported,
        ...(reported === "delivered" ? { deliveredAt: now } : {}),
        ...(reported === "failed" || reported === "undeliverable"
          ? {
              error: `The provider reported it ${reported === "failed" ? "failed" : "undelivered"}${code ? ` (error ${code})` : ""}.`,
            }
          : {}),
        updatedAt: now,
      })
      .where(and(eq(outreachMessages.mspId, mspId), eq(outreachMessages.id, message.id)));
    await refreshCampaignCounts({ tx, mspId }, [message.campaignId], now);
    return "applied";
  });
}

/** POST /api/outreach/sms/{channelId}/status: verify, apply, answer 200 (the provider does not retry a 200). */
export async function statusReportResponse(
  channelId: string,
  request: Request,
  publicUrl: string,
): Promise<Response> {
  const verified = await verifiedProviderRequest(channelId, request, publicUrl, "Status report");
  if (!verified.ok) return verified.response;
  // A report can overtake the worker's record of the provider's answer (which holds the message's
  // id): a moment's patience before giving up on it.
  for (const pause of [0, 250, 500, 1_000]) {
    if (pause) await new Promise((resolve) => setTimeout(resolve, pause));
    if ((await applyStatusReport(verified.mspId, verified.params)) !== "unknown") break;
  }
  return text(200);
}
