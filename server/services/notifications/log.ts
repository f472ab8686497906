import "server-only";
import { and, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { notificationDeliveries, notificationEvents, practices } from "@/db/schema";
import type { z } from "zod";
import { DELIVERY_PAGE_SIZE, type deliveryLogSchema } from "@/server/contracts/notifications";
import type { NotificationEvent } from "@/server/contracts/notifications";
import { recordAudit, type ServiceContext } from "@/server/services/context";
import { sendToDestination } from "./send";
import { destinationOf, loadChannel } from "./channels";
import { outboundRules } from "./config";
import { messageOf, namesOf } from "./events";
import { env } from "@/server/env";

/** The delivery log, newest first, a page at a time: for admins to see what reached whom. */
export async function listDeliveries(
  ctx: ServiceContext,
  filter: z.infer<typeof deliveryLogSchema>,
) {
  const conditions: SQL[] = [eq(notificationDeliveries.mspId, ctx.mspId)];
  if (filter.channelId) conditions.push(eq(notificationDeliveries.channelId, filter.channelId));
  if (filter.status) conditions.push(eq(notificationDeliveries.status, filter.status));
  if (filter.practiceId) conditions.push(eq(notificationDeliveries.practiceId, filter.practiceId));
  if (filter.event) conditions.push(eq(notificationEvents.kind, filter.event));
  if (filter.before) conditions.push(lt(notificationDeliveries.createdAt, filter.before));
  if (filter.from)
    conditions.push(gte(notificationDeliveries.createdAt, new Date(`${filter.from}T00:00:00Z`)));
  if (filter.to) {
    const dayAfter = new Date(`${filter.to}T00:00:00Z`);
    dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
    conditions.push(lt(notificationDeliveries.createdAt, dayAfter));
  }
  const rows = await ctx.tx
    .select({
      id: notificationDeliveries.id,
      createdAt: notificationDeliveries.createdAt,
      status: notificationDeliveries.status,
      channelId: notificationDeliveries.channelId,
      channelKind: notificationDeliveries.channelKind,
      channelName: notificationDeliveries.channelName,
      recipient: notificationDeliveries.recipient,
      attempts: notificationDeliveries.attempts,
      nextAttemptAt: notificationDeliveries.nextAttemptAt,
      lastAttemptAt: notificationDeliveries.lastAttemptAt,
      lastHttpStatus: notificationDeliveries.lastHttpStatus,
      lastLatencyMs: notificationDeliveries.lastLatencyMs,
      lastDetail: notificationDeliveries.lastDetail,
      preview: notificationDeliveries.preview,
      event: notificationEvents.kind,
      headline: notificationEvents.headline,
      eventStatus: notificationEvents.status,
      practiceName: practices.name,
    })
    .from(notificationDeliveries)
    .innerJoin(
      notificationEvents,
      and(
        eq(notificationEvents.mspId, notificationDeliveries.mspId),
        eq(notificationEvents.id, notificationDeliveries.eventId),
      ),
    )
    .leftJoin(
      practices,
      and(
        eq(practices.mspId, notificationDeliveries.mspId),
        eq(practices.id, notificationDeliveries.practiceId),
      ),
    )
    .where(and(...conditions))
    .orderBy(desc(notificationDeliveries.createdAt), desc(notificationDeliveries.id))
    .limit(DELIVERY_PAGE_SIZE + 1);
  const page = rows.slice(0, DELIVERY_PAGE_SIZE).map((row) => ({
    ...row,
    event: row.event as NotificationEvent,
  }));
  return {
    items: page,
    nextBefore: rows.length > DELIVERY_PAGE_SIZE ? page.at(-1)!.createdAt : null,
  };
}

/**
 * Sends a test message to one channel now and says how it went, in place. It is a delivery like any
 * other (in the log), sent once, without retries: the admin sees the answer and can fix the channel.
 */
export async function sendTestMessage(ctx: ServiceContext, channelId: string) {
  const channel = await loadChannel(ctx, channelId);
  const [event] = await ctx.tx
    .insert(notificationEvents)
    .values({
      mspId: ctx.mspId,
      practiceId: channel.practiceId,
      kind: "channel.test",
      headline: `Test message for “${channel.name}”, sent by ${ctx.actor.name}`,
      status: null,
      linkPath: "/notifications",
      dedupeKey: `channel.test:${crypto.randomUUID()}`,
    })
    .returning();
  const names = await namesOf(ctx, channel.practiceId);
  const { SMTP_URL, MAIL_FROM } = env();
  const recipient = ((channel.settings as { recipients?: string[] }).recipients ?? [""])[0] ?? "";
  const id = crypto.randomUUID();
  const destination = destinationOf(channel, recipient, SMTP_URL, MAIL_FROM);
  const result = destination
    ? await sendToDestination(destination, messageOf(event!, names, id), { rules: outboundRules() })
    : {
        result: "failed" as const,
        httpStatus: null,
        latencyMs: 0,
        detail: "No mail server is configured (SMTP_URL): email cannot be sent.",
      };
  await ctx.tx.insert(notificationDeliveries).values({
    id,
    mspId: ctx.mspId,
    practiceId: channel.practiceId,
    eventId: event!.id,
    channelId: channel.id,
    channelKind: channel.kind,
    channelName: channel.name,
    recipient,
    status: result.result,
    attempts: 1,
    firstAttemptAt: new Date(),
    lastAttemptAt: new Date(),
    lastHttpStatus: result.httpStatus,
    lastLatencyMs: result.latencyMs,
    lastDetail: result.detail,
  });
  await recordAudit(ctx, {
    action: "notification_channel.test",
    entityType: "notification_channel",
    entityId: channel.id,
    practiceId: channel.practiceId,
    summary: { result: result.result },
  });
  return {
    result: result.result,
    httpStatus: result.httpStatus,
    latencyMs: result.latencyMs,
    detail: result.detail,
    recipient,
  };
}
