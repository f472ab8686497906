import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import {
  msps,
  notificationChannels,
  notificationDeliveries,
  notificationEvents,
  practices,
} from "@/db/schema";
import type { NotificationEvent } from "@/server/contracts/notifications";
import {
  emailMessage,
  smsText,
  teamsPayload,
  type NotificationMessage,
} from "@/server/domain/notification-messages";
import { enqueueInTransaction } from "@/server/jobs/enqueue";
import { isPracticeScoped, type Role } from "@/server/permissions";
import type { ServiceContext } from "@/server/services/context";
import { recipientsOf } from "./channels";
import { publicAppUrl } from "./config";

export const DELIVERY_QUEUE = "notification-delivery";

export type NotificationEventInput = {
  kind: NotificationEvent;
  practiceId: string | null;
  /** What happened, in a line, from fields that never hold patient data (a title, a status). */
  headline: string;
  status: string | null;
  /** The page in Standby, e.g. /practices/…/incidents/…. */
  linkPath: string;
  /** The same key twice is one event (a retried request, a due-date check run again). */
  dedupeKey: string;
  /** An iCalendar invitation to attach to the email (a maintenance window's notices). */
  calendarIcs?: string | null;
};

type EventRow = typeof notificationEvents.$inferSelect;

export function messageOf(
  event: EventRow,
  names: { mspName: string; practiceName: string | null },
  deliveryId: string,
): NotificationMessage {
  return {
    event: event.kind as NotificationEvent,
    deliveryId,
    mspName: names.mspName,
    practiceName: names.practiceName,
    headline: event.headline,
    status: event.status,
    link: `${publicAppUrl()}${event.linkPath}`,
    occurredAt: event.occurredAt,
    calendarIcs: event.calendarIcs,
  };
}

export async function namesOf(
  ctx: Pick<ServiceContext, "tx" | "mspId">,
  practiceId: string | null,
) {
  const [msp] = await ctx.tx.select({ name: msps.name }).from(msps).where(eq(msps.id, ctx.mspId));
  const [practice] = practiceId
    ? await ctx.tx
        .select({ name: practices.name })
        .from(practices)
        .where(and(eq(practices.mspId, ctx.mspId), eq(practices.id, practiceId)))
    : [];
  return { mspName: msp?.name ?? "", practiceName: practice?.name ?? null };
}

/**
 * Records an event and one delivery per destination, in the caller's transaction, and enqueues each
 * delivery there too: a change that rolls back sends nothing, and a committed one is never lost.
 * Destinations: the practice's own channels that take this event, or else the MSP-wide ones. With no
 * channel configured at all, the message goes to the outbox (read in Standby, marked not sent).
 */
export async function recordNotificationEvent(
  ctx: ServiceContext,
  input: NotificationEventInput,
): Promise<{ eventId: string | null; deliveries: number }> {
  const [event] = await ctx.tx
    .insert(notificationEvents)
    .values({
      mspId: ctx.mspId,
      practiceId: input.practiceId,
      kind: input.kind,
      headline: input.headline,
      status: input.status,
      linkPath: input.linkPath,
      dedupeKey: input.dedupeKey,
      calendarIcs: input.calendarIcs ?? null,
    })
    .onConflictDoNothing({ target: [notificationEvents.mspId, notificationEvents.dedupeKey] })
    .returning();
  if (!event) return { eventId: null, deliveries: 0 };

  const toChannels = await recordChannelDeliveries(ctx, input, event);
  const toMembers = await recordMemberDeliveries(ctx, input, event);
  return { eventId: event.id, deliveries: toChannels + toMembers };
}

async function recordChannelDeliveries(
  ctx: ServiceContext,
  input: NotificationEventInput,
  event: EventRow,
): Promise<number> {
  const channels = await ctx.tx
    .select()
    .from(notificationChannels)
    .where(and(eq(notificationChannels.mspId, ctx.mspId), isNull(notificationChannels.removedAt)));
  if (channels.length === 0) {
    const id = crypto.randomUUID();
    const message = messageOf(event, await namesOf(ctx, input.practiceId), id);
    const mail = emailMessage(message);
    await ctx.tx.insert(notificationDeliveries).values({
      id,
      mspId: ctx.mspId,
      practiceId: input.practiceId,
      eventId: event.id,
      channelId: null,
      channelKind: "email",
      channelName: "Outbox",
      status: "outbox",
      lastDetail: "Not sent: no channel configured",
      preview: {
        email: { subject: mail.subject, text: mail.text },
        sms: smsText(message),
        teams: teamsPayload(message),
      },
    });
    return 1;
  }

  const taking = channels.filter((channel) => channel.events.includes(input.kind));
  const own = input.practiceId
    ? taking.filter((channel) => channel.practiceId === input.practiceId)
    : [];
  const chosen = own.length > 0 ? own : taking.filter((channel) => channel.practiceId === null);
  const rows = chosen.flatMap((channel) =>
    recipientsOf(channel).map((recipient) => ({
      id: crypto.randomUUID(),
      mspId: ctx.mspId,
      practiceId: input.practiceId,
      eventId: event.id,
      channelId: channel.id,
      channelKind: channel.kind,
      channelName: channel.name,
      recipient,
      ...(channel.pausedAt
        ? {
            status: "failed" as const,
            lastDetail: "Not sent: the channel is paused after repeated failures.",
          }
        : {}),
    })),
  );
  if (rows.length === 0) return 0;
  await ctx.tx.insert(notificationDeliveries).values(rows);
  for (const row of rows)
    if (!("status" in row))
      await enqueueInTransaction(ctx.tx, DELIVERY_QUEUE, { mspId: ctx.mspId, deliveryId: row.id });
  return rows.length;
}

/** A member who chose some of their own notifications (standby_notification_members, migration 0036). */
export type NotificationMember = {
  user_id: string;
  email: string;
  name: string;
  role: Role;
  all_practices: boolean;
  practice_ids: string[];
  outage_email: boolean;
  outage_sms: boolean;
  mobile: string | null;
  daily_digest: boolean;
  digest_time_zone: string | null;
  digest_hour: number;
};

/** The MSP's members (not removed) who turned on any of their own notifications. */
export async function notificationMembers(
  ctx: Pick<ServiceContext, "tx">,
): Promise<NotificationMember[]> {
  return ctx.tx.execute<NotificationMember>(
    sql`select * from standby_notification_members()`,
  ) as unknown as Promise<NotificationMember[]>;
}

export const memberSees = (member: NotificationMember, practiceId: string) =>
  !isPracticeScoped(member.role, member.all_practices) || member.practice_ids.includes(practiceId);

/**
 * Outage events also go to each member who chose them (email and/or text) and who sees the practice,
 * whatever the channels: one delivery per member and kind, to their own address or mobile.
 */
async function recordMemberDeliveries(
  ctx: ServiceContext,
  input: NotificationEventInput,
  event: EventRow,
): Promise<number> {
  const practiceId = input.practiceId;
  if (!input.kind.startsWith("incident.") || !practiceId) return 0;
  const members = (await notificationMembers(ctx)).filter(
    (member) => (member.outage_email || member.outage_sms) && memberSees(member, practiceId),
  );
  const rows = members.flatMap((member) => [
    ...(member.outage_email ? [{ kind: "email" as const, recipient: member.email, member }] : []),
    ...(member.outage_sms && member.mobile
      ? [{ kind: "sms" as const, recipient: member.mobile, member }]
      : []),
  ]);
  if (rows.length === 0) return 0;
  const values = rows.map(({ kind, recipient, member }) => ({
    id: crypto.randomUUID(),
    mspId: ctx.mspId,
    practiceId,
    eventId: event.id,
    channelId: null,
    userId: member.user_id,
    channelKind: kind,
    channelName: `Own outage alerts: ${member.name}`,
    recipient,
  }));
  await ctx.tx.insert(notificationDeliveries).values(values);
  for (const row of values)
    await enqueueInTransaction(ctx.tx, DELIVERY_QUEUE, { mspId: ctx.mspId, deliveryId: row.id });
  return values.length;
}
