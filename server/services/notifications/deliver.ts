import "server-only";
import { and, asc, eq, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import {
  auditEvents,
  notificationChannels,
  notificationDeliveries,
  notificationEvents,
  users,
} from "@/db/schema";
import { withTenant, type TenantScope } from "@/db/tenant";
import { nextAttempt } from "@/server/domain/delivery-retry";
import { env } from "@/server/env";
import { enqueueInTransaction } from "@/server/jobs/enqueue";
import { sendMail } from "@/server/services/mailer";
import { destinationOf } from "./channels";
import { outboundRules, publicAppUrl } from "./config";
import { DELIVERY_QUEUE, messageOf, namesOf } from "./events";
import { sendToDestination, type SendResult } from "./send";
import type { NotificationMessage } from "@/server/domain/notification-messages";

/** A channel failing this many times in a row is paused, and the MSP's admins are told. */
export const PAUSE_AFTER_FAILURES = 10;
/** How long a worker holds a delivery it is sending; past that, another worker may take it over. */
const CLAIM_SECONDS = 90;

const systemScope = (mspId: string): TenantScope => ({
  mspId,
  userId: null,
  role: "system",
  practiceIds: "*",
});

/**
 * One attempt at one delivery (the job of the notification-delivery queue). Three steps, so no
 * transaction stays open over the network: claim the delivery (only if it is due and nobody holds
 * it), send, record the result — with, in the same transaction, the next attempt's job when the
 * failure is worth retrying. A worker that dies while sending leaves the claim to lapse; the job is
 * retried and the delivery is sent again with the same id (the webhook's webhook-id), so receivers
 * can tell a repeat.
 */
export async function deliverNotification(
  mspId: string,
  deliveryId: string,
  clock: () => Date = () => new Date(),
): Promise<SendResult | null> {
  const claimed = await withTenant(systemScope(mspId), async (tx) => {
    const [delivery] = await tx
      .update(notificationDeliveries)
      .set({
        status: "sending",
        claimedUntil: sql`now() + make_interval(secs => ${CLAIM_SECONDS})`,
        attempts: sql`${notificationDeliveries.attempts} + 1`,
        firstAttemptAt: sql`coalesce(${notificationDeliveries.firstAttemptAt}, now())`,
        lastAttemptAt: sql`now()`,
      })
      .where(
        and(
          eq(notificationDeliveries.mspId, mspId),
          eq(notificationDeliveries.id, deliveryId),
          lte(notificationDeliveries.nextAttemptAt, sql`now()`),
          or(
            eq(notificationDeliveries.status, "pending"),
            and(
              eq(notificationDeliveries.status, "sending"),
              lt(notificationDeliveries.claimedUntil, sql`now()`),
            ),
          ),
        ),
      )
      .returning();
    if (!delivery || (!delivery.channelId && !delivery.userId)) return null;
    // A member's own delivery: email through SMTP_URL; a text through the MSP's first working SMS channel.
    const [channel] = delivery.channelId
      ? await tx
          .select()
          .from(notificationChannels)
          .where(
            and(
              eq(notificationChannels.mspId, mspId),
              eq(notificationChannels.id, delivery.channelId),
            ),
          )
      : delivery.channelKind === "sms"
        ? await tx
            .select()
            .from(notificationChannels)
            .where(
              and(
                eq(notificationChannels.mspId, mspId),
                eq(notificationChannels.kind, "sms"),
                isNull(notificationChannels.removedAt),
              ),
            )
            // A working channel before a paused one: a paused channel is only used when it is the only
            // one; a staff number before the one patients are texted from (their replies go there).
            .orderBy(
              sql`${notificationChannels.pausedAt} is not null`,
              sql`coalesce((${notificationChannels.settings}->>'patientOutreach')::boolean, false)`,
              asc(notificationChannels.createdAt),
              asc(notificationChannels.id),
            )
            .limit(1)
        : [];
    const [event] = await tx
      .select()
      .from(notificationEvents)
      .where(and(eq(notificationEvents.mspId, mspId), eq(notificationEvents.id, delivery.eventId)));
    const names = await namesOf({ tx, mspId }, delivery.practiceId);
    return { delivery, channel: channel ?? null, event: event!, names };
  });
  if (!claimed) return null;
  const { delivery, event, names } = claimed;
  if (delivery.userId) return deliverToMember(mspId, claimed, clock);
  const channel = claimed.channel!;

  let result: SendResult;
  const stopped = channel.removedAt
    ? "Not sent: the channel was removed."
    : channel.pausedAt
      ? "Not sent: the channel is paused after repeated failures."
      : null;
  const { SMTP_URL, MAIL_FROM } = env();
  const destination = stopped
    ? null
    : destinationOf(channel, delivery.recipient, SMTP_URL, MAIL_FROM);
  if (!destination)
    result = {
      result: "failed",
      outcome: { kind: "refused" },
      httpStatus: null,
      latencyMs: 0,
      detail:
        stopped ??
        (channel.kind === "email"
          ? "Not sent: no mail server is configured (SMTP_URL)."
          : "Not sent: the channel has no address."),
    };
  else
    result = await sendToDestination(destination, messageOf(event, names, delivery.id), {
      rules: outboundRules(),
      now: clock(),
    });

  const paused = await withTenant(systemScope(mspId), (tx) =>
    recordAttempt(
      tx,
      { mspId, delivery, channelId: channel.id, result, stopped: Boolean(stopped) },
      clock(),
    ),
  );
  if (paused) await tellAdminsChannelPaused(mspId, channel, paused);
  return result;
}

/**
 * A member's own delivery (their outage alerts, their digest): sent like any other, retried on the
 * same schedule, but it neither counts towards nor is stopped by a channel's pause — the MSP's SMS
 * channel only lends its provider account and sending number.
 */
async function deliverToMember(
  mspId: string,
  {
    delivery,
    channel,
    event,
    names,
  }: {
    delivery: typeof notificationDeliveries.$inferSelect;
    channel: typeof notificationChannels.$inferSelect | null;
    event: typeof notificationEvents.$inferSelect;
    names: { mspName: string; practiceName: string | null };
  },
  clock: () => Date,
): Promise<SendResult> {
  const { SMTP_URL, MAIL_FROM } = env();
  const destination =
    delivery.channelKind === "email"
      ? SMTP_URL
        ? { kind: "email" as const, smtpUrl: SMTP_URL, from: MAIL_FROM, to: delivery.recipient }
        : null
      : channel
        ? destinationOf(channel, delivery.recipient, SMTP_URL, MAIL_FROM)
        : null;
  const preview = (delivery.preview ?? {}) as { sections?: NotificationMessage["sections"] };
  const result: SendResult = destination
    ? await sendToDestination(
        destination,
        {
          ...messageOf(event, names, delivery.id),
          reason: `You receive this because you chose it in your Standby account (Account security → Notifications).`,
          ...(preview.sections ? { sections: preview.sections } : {}),
        },
        { rules: outboundRules(), now: clock() },
      )
    : {
        result: "failed",
        outcome: { kind: "refused" },
        httpStatus: null,
        latencyMs: 0,
        detail:
          delivery.channelKind === "email"
            ? "Not sent: no mail server is configured (SMTP_URL)."
            : "Not sent: no SMS provider configured (an admin adds a text message channel under Notifications).",
      };
  await withTenant(systemScope(mspId), (tx) =>
    recordAttempt(tx, { mspId, delivery, channelId: null, result, stopped: false }, clock()),
  );
  return result;
}

async function recordAttempt(
  tx: Transaction,
  {
    mspId,
    delivery,
    channelId,
    result,
    stopped,
  }: {
    mspId: string;
    delivery: typeof notificationDeliveries.$inferSelect;
    channelId: string | null;
    result: SendResult;
    stopped: boolean;
  },
  now: Date,
): Promise<string | null> {
  const succeeded = result.result === "delivered" || result.result === "accepted";
  const decision = succeeded
    ? null
    : nextAttempt(
        {
          attempt: delivery.attempts,
          firstAttemptAt: delivery.firstAttemptAt ?? now,
          outcome: result.outcome,
        },
        now,
      );
  const retryAt = decision?.retry ? decision.at : null;
  await tx
    .update(notificationDeliveries)
    .set({
      status: succeeded ? result.result : retryAt ? "pending" : "failed",
      claimedUntil: null,
      nextAttemptAt: retryAt ?? delivery.nextAttemptAt,
      lastHttpStatus: result.httpStatus,
      lastLatencyMs: result.latencyMs,
      lastDetail:
        decision && !decision.retry && decision.reason === "gave up after 24 hours"
          ? `${result.detail} — gave up after 24 hours of retries.`
          : result.detail,
    })
    .where(
      and(eq(notificationDeliveries.mspId, mspId), eq(notificationDeliveries.id, delivery.id)),
    );
  if (retryAt)
    await enqueueInTransaction(
      tx,
      DELIVERY_QUEUE,
      { mspId, deliveryId: delivery.id },
      { startAfter: retryAt },
    );
  if (stopped || !channelId) return null;
  if (succeeded) {
    await tx
      .update(notificationChannels)
      .set({ consecutiveFailures: 0 })
      .where(and(eq(notificationChannels.mspId, mspId), eq(notificationChannels.id, channelId)));
    return null;
  }
  const [channel] = await tx
    .update(notificationChannels)
    .set({ consecutiveFailures: sql`${notificationChannels.consecutiveFailures} + 1` })
    .where(and(eq(notificationChannels.mspId, mspId), eq(notificationChannels.id, channelId)))
    .returning();
  if (!channel || channel.pausedAt || channel.consecutiveFailures < PAUSE_AFTER_FAILURES)
    return null;
  const reason = `Paused after ${PAUSE_AFTER_FAILURES} failed deliveries in a row. The last one: ${result.detail}`;
  await tx
    .update(notificationChannels)
    .set({ pausedAt: now, pausedReason: reason })
    .where(eq(notificationChannels.id, channelId));
  await tx.insert(auditEvents).values({
    mspId,
    actorUserId: null,
    actorName: "Standby",
    action: "notification_channel.pause",
    entityType: "notification_channel",
    entityId: channelId,
    practiceId: channel.practiceId,
    summary: { name: channel.name, reason },
  });
  return reason;
}

/** In Standby the Notifications page shows the pause; by email too, unless email is what failed. */
async function tellAdminsChannelPaused(
  mspId: string,
  channel: typeof notificationChannels.$inferSelect,
  reason: string,
) {
  if (channel.kind === "email") return;
  const admins = await withTenant(systemScope(mspId), (tx) =>
    tx
      .select({ email: users.email })
      .from(users)
      .where(and(eq(users.mspId, mspId), eq(users.role, "admin"), isNull(users.removedAt))),
  );
  for (const admin of admins)
    await sendMail({
      to: admin.email,
      subject: `[Standby] Notification channel paused: ${channel.name}`,
      text: `${reason}\n\nNothing more is sent to "${channel.name}" until an admin resumes it: ${publicAppUrl()}/notifications`,
    });
}
