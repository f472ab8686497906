import "server-only";
import { addDays } from "date-fns";
import { and, asc, eq, isNull } from "drizzle-orm";
import { notificationDeliveries, notificationEvents, practices } from "@/db/schema";
import { setTenant } from "@/db/tenant";
import type { NotificationMessage } from "@/server/domain/notification-messages";
import { localDate } from "@/server/domain/local-date";
import { dateTimeFormat } from "@/server/domain/intl-formats";
import { enqueueInTransaction } from "@/server/jobs/enqueue";
import { isPracticeScoped } from "@/server/permissions";
import { dueWork } from "@/server/services/calendar-feed";
import type { ServiceContext } from "@/server/services/context";
import { publicAppUrl } from "./config";
import { DELIVERY_QUEUE, notificationMembers, type NotificationMember } from "./events";

/**
 * The daily digest: one email per member who turned it on, listing the due work in their scope that
 * is overdue or due within DIGEST_DAYS days, grouped by practice, with links — the calendar feed's
 * items (server/services/calendar-feed.ts dueWork), never patient data. Nothing is sent when nothing
 * is due.
 *
 * When: the hourly run sends it at the first run at or after the member's digest hour (07:00 unless
 * they chose another) in their digest time zone — the one they chose, or else the time zone most of
 * the practices they see are in (a practice manager's practices; every practice of the MSP for those
 * who see them all; ties: the alphabetically first; no practice: UTC) — once per member per local
 * date (dedupe key digest:<userId>:<date>). A member who turns the digest on later in the day gets
 * that day's digest at the next hourly run.
 */
/** The hour the digest goes at unless the member chose another. */
export const DIGEST_HOUR = 7;
export const DIGEST_DAYS = 7;

/** The most common time zone of these practices (ties: the alphabetically first; none: UTC). */
export function digestTimeZone(practiceZones: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const zone of practiceZones) counts.set(zone, (counts.get(zone) ?? 0) + 1);
  return (
    [...counts].sort(([a, m], [b, n]) => n - m || a.localeCompare(b)).map(([zone]) => zone)[0] ??
    "UTC"
  );
}

function unarchivedPracticeZones(ctx: Pick<ServiceContext, "tx" | "mspId">) {
  return ctx.tx
    .select({ id: practices.id, timezone: practices.timezone })
    .from(practices)
    .where(and(eq(practices.mspId, ctx.mspId), isNull(practices.archivedAt)));
}

/** Each member's digest time zone: the one they chose, else from the (unarchived) practices they see. */
async function memberTimeZones(ctx: ServiceContext, members: readonly NotificationMember[]) {
  const rows = await unarchivedPracticeZones(ctx);
  const everyPractice = digestTimeZone(rows.map((row) => row.timezone));
  return new Map(
    members.map((member) => {
      if (member.digest_time_zone) return [member.user_id, member.digest_time_zone];
      if (!isPracticeScoped(member.role, member.all_practices))
        return [member.user_id, everyPractice];
      const theirs = new Set(member.practice_ids);
      return [
        member.user_id,
        digestTimeZone(rows.filter((row) => theirs.has(row.id)).map((row) => row.timezone)),
      ];
    }),
  );
}

/** The signed-in member's digest time zone when they choose none (their request's scope applies). */
export async function automaticDigestTimeZone(ctx: ServiceContext): Promise<string> {
  const rows = await unarchivedPracticeZones(ctx);
  const seen =
    ctx.practiceIds === "*" ? rows : rows.filter((row) => ctx.practiceIds.includes(row.id));
  return digestTimeZone(seen.map((row) => row.timezone));
}

function localHour(now: Date, timeZone: string): number {
  return Number(
    dateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" }).format(now),
  );
}

type Section = NonNullable<NotificationMessage["sections"]>[number];

/** A member's due work, as digest sections (one per practice), computed in their own scope. */
async function memberDigest(
  ctx: ServiceContext,
  member: NotificationMember,
  today: string,
  now: Date,
): Promise<Section[]> {
  const practiceIds = isPracticeScoped(member.role, member.all_practices)
    ? member.practice_ids
    : ("*" as const);
  const scope = { mspId: ctx.mspId, userId: member.user_id, role: member.role, practiceIds };
  await setTenant(ctx.tx, scope);
  try {
    const memberCtx: ServiceContext = {
      tx: ctx.tx,
      mspId: ctx.mspId,
      actor: { userId: member.user_id, name: member.name, role: member.role },
      practiceIds,
    };
    const until = localDate(addDays(new Date(`${today}T12:00:00Z`), DIGEST_DAYS), "UTC");
    const items = (await dueWork(memberCtx, publicAppUrl(), now))
      .filter((item) => item.dueOn <= until)
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.summary.localeCompare(b.summary));
    if (items.length === 0) return [];
    const names = await ctx.tx
      .select({ id: practices.id, name: practices.name })
      .from(practices)
      .where(eq(practices.mspId, ctx.mspId))
      .orderBy(asc(practices.name));
    const sections: Section[] = [];
    for (const practice of names) {
      const mine = items.filter((item) => item.url.includes(`/practices/${practice.id}/`));
      if (mine.length === 0) continue;
      sections.push({
        title: practice.name,
        lines: mine.map((item) => ({
          text: `${item.dueOn < today ? `Overdue since ${item.dueOn}` : `Due ${item.dueOn}`}: ${item.summary.replace(` — ${practice.name}`, "")}`,
          link: item.url,
        })),
      });
    }
    return sections;
  } finally {
    await setTenant(ctx.tx, {
      mspId: ctx.mspId,
      userId: ctx.actor.userId,
      role: ctx.actor.role ?? "system",
      practiceIds: ctx.practiceIds,
    });
  }
}

/**
 * One MSP's digests for the moment `now` (the daily-digest job, role "system"): records, for each
 * member due one, an event and one email delivery to them (written before any sending, like every
 * delivery, and shown in the delivery log), and enqueues it. Returns how many were recorded.
 */
export async function recordDailyDigests(ctx: ServiceContext, now: Date): Promise<number> {
  const members = (await notificationMembers(ctx)).filter((member) => member.daily_digest);
  if (members.length === 0) return 0;
  const timeZones = await memberTimeZones(ctx, members);
  let recorded = 0;
  for (const member of members) {
    const timeZone = timeZones.get(member.user_id)!;
    if (localHour(now, timeZone) < member.digest_hour) continue;
    const today = localDate(now, timeZone);
    const dedupeKey = `digest:${member.user_id}:${today}`;
    const [seen] = await ctx.tx
      .select({ id: notificationEvents.id })
      .from(notificationEvents)
      .where(
        and(eq(notificationEvents.mspId, ctx.mspId), eq(notificationEvents.dedupeKey, dedupeKey)),
      );
    if (seen) continue;
    const sections = await memberDigest(ctx, member, today, now);
    if (sections.length === 0) continue;
    const count = sections.reduce((sum, section) => sum + section.lines.length, 0);
    const [event] = await ctx.tx
      .insert(notificationEvents)
      .values({
        mspId: ctx.mspId,
        practiceId: null,
        kind: "digest.daily",
        headline: `Due work for ${today}: ${count} ${count === 1 ? "item" : "items"}`,
        status: null,
        linkPath: "/portfolio",
        dedupeKey,
        occurredAt: now,
      })
      .onConflictDoNothing({ target: [notificationEvents.mspId, notificationEvents.dedupeKey] })
      .returning({ id: notificationEvents.id });
    if (!event) continue;
    const id = crypto.randomUUID();
    await ctx.tx.insert(notificationDeliveries).values({
      id,
      mspId: ctx.mspId,
      practiceId: null,
      eventId: event.id,
      channelId: null,
      userId: member.user_id,
      channelKind: "email",
      channelName: `Own daily digest: ${member.name}`,
      recipient: member.email,
      preview: { sections },
    });
    await enqueueInTransaction(ctx.tx, DELIVERY_QUEUE, { mspId: ctx.mspId, deliveryId: id });
    recorded += 1;
  }
  return recorded;
}
