import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import {
  backupTargets,
  calendarFeedEvents,
  calendarFeeds,
  maintenanceWindows,
  practices,
} from "@/db/schema";
import { setTenant, withoutTenant } from "@/db/tenant";
import {
  dueItemHash,
  etagOf,
  feedTokenOf,
  feedUrls,
  matchesEtag,
  renderCalendar,
  type DueItem,
} from "@/server/domain/calendar-feed";
import { localDate } from "@/server/domain/local-date";
import { localText } from "@/server/domain/maintenance";
import { ConflictError, ForbiddenError, NotFoundError } from "@/server/errors";
import { isPracticeScoped, type Role } from "@/server/permissions";
import { getBackupOverview } from "./backups";
import { recordAudit, type ServiceContext } from "./context";
import { listDrills } from "./drills";
import { planSummaries } from "./plans/draft";
import { reviewSchedule } from "./review-schedule";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

type Self = ServiceContext & { actor: { userId: string; name: string } };

function self(ctx: ServiceContext): Self {
  if (!ctx.actor.userId) throw new ForbiddenError("Sign in first.");
  return ctx as Self;
}

async function ownFeed(ctx: Self) {
  const [feed] = await ctx.tx
    .select({
      id: calendarFeeds.id,
      createdAt: calendarFeeds.createdAt,
      lastFetchedAt: calendarFeeds.lastFetchedAt,
    })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.mspId, ctx.mspId), eq(calendarFeeds.userId, ctx.actor.userId)));
  return feed ?? null;
}

/** Whether the member has a calendar address, and when it was made and last read (never the address itself). */
export async function getCalendarFeed(serviceContext: ServiceContext) {
  const feed = await ownFeed(self(serviceContext));
  return feed ? { createdAt: feed.createdAt, lastFetchedAt: feed.lastFetchedAt } : null;
}

/**
 * Makes the member's calendar address: 256 random bits, of which only a SHA-256 is kept, so the
 * address is returned this once. "regenerate" replaces an existing one (the old address stops
 * working at once); "create" refuses when one exists, so two tabs cannot silently replace each other.
 */
export async function issueCalendarFeed(
  serviceContext: ServiceContext,
  mode: "create" | "regenerate",
  appUrl: string,
  now = new Date(),
) {
  const ctx = self(serviceContext);
  const existing = await ownFeed(ctx);
  if (mode === "create" && existing)
    throw new ConflictError(
      "You already have a calendar address. Regenerate it to get a new one (the old one stops working).",
    );
  if (mode === "regenerate" && !existing) throw new NotFoundError("Calendar feed");
  const token = randomBytes(32).toString("base64url");
  if (existing) await ctx.tx.delete(calendarFeeds).where(eq(calendarFeeds.id, existing.id));
  const [feed] = await ctx.tx
    .insert(calendarFeeds)
    .values({
      mspId: ctx.mspId,
      userId: ctx.actor.userId,
      tokenHash: hashToken(token),
      createdAt: now,
    })
    .returning({ id: calendarFeeds.id, createdAt: calendarFeeds.createdAt });
  await recordAudit(ctx, {
    action: existing ? "calendar_feed.regenerated" : "calendar_feed.created",
    entityType: "user",
    entityId: ctx.actor.userId,
    summary: { feedId: feed!.id },
  });
  return { ...feedUrls(appUrl, token), createdAt: feed!.createdAt };
}

/** Deletes the member's calendar address: calendars subscribed to it get 404 from now on. */
export async function revokeCalendarFeed(serviceContext: ServiceContext) {
  const ctx = self(serviceContext);
  const existing = await ownFeed(ctx);
  if (!existing) throw new NotFoundError("Calendar feed");
  await ctx.tx.delete(calendarFeeds).where(eq(calendarFeeds.id, existing.id));
  await recordAudit(ctx, {
    action: "calendar_feed.revoked",
    entityType: "user",
    entityId: ctx.actor.userId,
    summary: { feedId: existing.id },
  });
}

const drillKindLabel: Record<string, string> = {
  tabletop: "Tabletop drill",
  live: "Live drill",
};

/**
 * The due work of every (unarchived) practice in the caller's scope, as all-day items: restore tests,
 * the next review, scheduled drills, the plan's review date. Dates come from the same services the
 * practice pages use; nothing here is patient data (no downtime log, no incident notes).
 */
export async function dueWork(ctx: ServiceContext, appUrl: string, now = new Date()) {
  const base = appUrl.replace(/\/$/, "");
  const rows = await ctx.tx
    .select({ id: practices.id, name: practices.name, timezone: practices.timezone })
    .from(practices)
    .where(
      and(
        eq(practices.mspId, ctx.mspId),
        isNull(practices.archivedAt),
        ctx.practiceIds === "*"
          ? undefined
          : ctx.practiceIds.length
            ? inArray(practices.id, [...ctx.practiceIds])
            : sql`false`,
      ),
    )
    .orderBy(asc(practices.name), asc(practices.id));
  const plans = await planSummaries(
    ctx,
    rows.map((row) => row.id),
  );
  const items: DueItem[] = [];
  const maintenance = await ctx.tx
    .select({
      id: maintenanceWindows.id,
      practiceId: maintenanceWindows.practiceId,
      title: maintenanceWindows.title,
      startsAt: maintenanceWindows.startsAt,
      endsAt: maintenanceWindows.endsAt,
    })
    .from(maintenanceWindows)
    .where(
      and(
        eq(maintenanceWindows.mspId, ctx.mspId),
        inArray(maintenanceWindows.status, ["scheduled", "in_progress"]),
      ),
    )
    .orderBy(asc(maintenanceWindows.startsAt));
  for (const practice of rows) {
    const page = (tab: string) => `${base}/practices/${practice.id}/${tab}`;
    const [backups, review, drills, targetsSetOn] = await Promise.all([
      getBackupOverview(ctx, practice.id, now),
      reviewSchedule(ctx, practice.id, now),
      listDrills(ctx, practice.id),
      ctx.tx
        .select({ systemId: backupTargets.systemId, createdAt: backupTargets.createdAt })
        .from(backupTargets)
        .where(and(eq(backupTargets.mspId, ctx.mspId), eq(backupTargets.practiceId, practice.id))),
    ]);
    const setOn = new Map(targetsSetOn.map((row) => [row.systemId, row.createdAt]));
    for (const system of backups.systems) {
      if (!system.status) continue;
      // Never tested: due since the target was set.
      const dueAt = system.status.nextDueAt ?? setOn.get(system.systemId) ?? now;
      items.push({
        uid: `restore-test-${system.systemId}@standby`,
        dueOn: localDate(dueAt, practice.timezone),
        summary: `Restore test due: ${system.name} — ${practice.name}`,
        description: `${practice.name}: restore test of ${system.name} due (every ${system.target!.cadenceDays} days${system.lastTest ? "" : "; never tested"}).\n${page("backups")}`,
        url: page("backups"),
      });
    }
    items.push({
      uid: `review-${practice.id}@standby`,
      dueOn: review.dueOn,
      summary: `Review due — ${practice.name}`,
      description: `${practice.name}: readiness review due (every ${review.cadence.months === 1 ? "month" : "quarter"}${review.cadence.reasons.length ? `: ${review.cadence.reasons.join(", ")}` : ""}).\n${page("reviews")}`,
      url: page("reviews"),
    });
    for (const drill of drills) {
      if (drill.heldAt) continue;
      items.push({
        uid: `drill-${drill.id}@standby`,
        dueOn: localDate(drill.scheduledFor, practice.timezone),
        summary: `${drillKindLabel[drill.kind] ?? "Drill"} — ${practice.name}`,
        description: `${practice.name}: ${drillKindLabel[drill.kind] ?? "drill"} scheduled. Scenario: ${drill.scenario}\n${page("drills")}`,
        url: page("drills"),
      });
    }
    // Planned maintenance: each window scheduled or in progress, on the day it starts (the time in the text).
    for (const window of maintenance.filter((row) => row.practiceId === practice.id)) {
      const from = localText(window.startsAt, practice.timezone).replace("T", " ");
      const to = localText(window.endsAt, practice.timezone).replace("T", " ");
      const link = `${base}/practices/${practice.id}/maintenance/${window.id}`;
      items.push({
        uid: `maintenance-${window.id}@standby`,
        dueOn: localDate(window.startsAt, practice.timezone),
        summary: `Planned maintenance: ${window.title} — ${practice.name}`,
        description: `${practice.name}: ${window.title}, ${from} to ${to} (${practice.timezone}). Prep list and notices in Standby.\n${link}`,
        url: link,
      });
    }
    const plan = plans.get(practice.id);
    if (plan?.nextReviewOn)
      items.push({
        uid: `plan-review-${practice.id}@standby`,
        dueOn: plan.nextReviewOn,
        summary: `Downtime plan review date — ${practice.name}`,
        description: `${practice.name}: the published downtime plan (version ${plan.publishedVersion}) is due for review.\n${page("plan")}`,
        url: page("plan"),
      });
  }
  return items;
}

/** Remembers what each event said; an event whose text or date changed gets the next SEQUENCE. */
async function withSequences(
  ctx: ServiceContext,
  feedId: string,
  userId: string,
  items: DueItem[],
  now: Date,
) {
  const known = new Map(
    (
      await ctx.tx
        .select({
          uid: calendarFeedEvents.uid,
          contentHash: calendarFeedEvents.contentHash,
        })
        .from(calendarFeedEvents)
        .where(and(eq(calendarFeedEvents.mspId, ctx.mspId), eq(calendarFeedEvents.feedId, feedId)))
    ).map((row) => [row.uid, row.contentHash]),
  );
  const changed = items
    .map((item) => ({ item, hash: dueItemHash(item) }))
    .filter(({ item, hash }) => known.get(item.uid) !== hash);
  if (changed.length > 0)
    await ctx.tx
      .insert(calendarFeedEvents)
      .values(
        changed.map(({ item, hash }) => ({
          mspId: ctx.mspId,
          feedId,
          userId,
          uid: item.uid,
          contentHash: hash,
          changedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: [calendarFeedEvents.mspId, calendarFeedEvents.feedId, calendarFeedEvents.uid],
        set: {
          sequence: sql`${calendarFeedEvents.sequence} + 1`,
          contentHash: sql`excluded.content_hash`,
          changedAt: sql`excluded.changed_at`,
        },
        setWhere: sql`${calendarFeedEvents.contentHash} <> excluded.content_hash`,
      });
  const rows = await ctx.tx
    .select({
      uid: calendarFeedEvents.uid,
      sequence: calendarFeedEvents.sequence,
      changedAt: calendarFeedEvents.changedAt,
    })
    .from(calendarFeedEvents)
    .where(and(eq(calendarFeedEvents.mspId, ctx.mspId), eq(calendarFeedEvents.feedId, feedId)));
  const state = new Map(rows.map((row) => [row.uid, row]));
  return items.map((item) => ({
    ...item,
    sequence: state.get(item.uid)?.sequence ?? 0,
    changedAt: state.get(item.uid)?.changedAt ?? now,
  }));
}

export type CalendarFeedResult =
  { status: 404 } | { status: 200 | 304; etag: string; body: string };

/**
 * What GET /api/calendar/<token>.ics answers. The token's hash finds the feed's member before the
 * tenant is known (a SECURITY DEFINER lookup, like an invitation link); everything else runs as the
 * app role in the member's tenant and current scope, read afresh on every fetch, so a removed
 * member's address or a practice taken out of their scope disappears at the next poll.
 */
export async function readCalendarFeed(
  segment: string,
  appUrl: string,
  ifNoneMatch: string | null,
  now = new Date(),
): Promise<CalendarFeedResult> {
  const token = feedTokenOf(segment);
  if (!token) return { status: 404 };
  return withoutTenant(async (tx: Transaction) => {
    const [feed] = await tx.execute<{ feed_id: string; msp_id: string; user_id: string }>(
      sql`select feed_id, msp_id, user_id from standby_calendar_feed_lookup(${hashToken(token)})`,
    );
    if (!feed) return { status: 404 as const };
    await setTenant(tx, {
      mspId: feed.msp_id,
      userId: feed.user_id,
      role: "system",
      practiceIds: [],
    });
    const [member] = await tx.execute<{
      name: string;
      role: Role;
      all_practices: boolean;
      msp_name: string;
      practice_ids: string[];
    }>(sql`
      select u.name, u.role, u.all_practices, m.name as msp_name,
             array(select a.practice_id from user_practice_access a where a.msp_id = u.msp_id and a.user_id = u.id) as practice_ids
        from users u join msps m on m.id = u.msp_id
       where u.msp_id = ${feed.msp_id} and u.id = ${feed.user_id} and u.removed_at is null`);
    if (!member) return { status: 404 as const };
    const practiceIds = isPracticeScoped(member.role, member.all_practices)
      ? member.practice_ids
      : ("*" as const);
    await setTenant(tx, {
      mspId: feed.msp_id,
      userId: feed.user_id,
      role: member.role,
      practiceIds,
    });
    const ctx: ServiceContext = {
      tx,
      mspId: feed.msp_id,
      actor: { userId: feed.user_id, name: member.name, role: member.role },
      practiceIds,
    };
    const items = await dueWork(ctx, appUrl, now);
    const events = await withSequences(ctx, feed.feed_id, feed.user_id, items, now);
    await tx
      .update(calendarFeeds)
      .set({ lastFetchedAt: now })
      .where(and(eq(calendarFeeds.mspId, feed.msp_id), eq(calendarFeeds.id, feed.feed_id)));
    const body = renderCalendar(`Standby due work — ${member.msp_name}`, events);
    const etag = etagOf(body);
    return { status: matchesEtag(ifNoneMatch, etag) ? (304 as const) : (200 as const), etag, body };
  });
}

/** The HTTP answer: text/calendar, private, with an ETag; 404 with no detail for any address that is not a live feed. */
export async function calendarFeedResponse(
  segment: string,
  appUrl: string,
  headers: Headers,
  now = new Date(),
): Promise<Response> {
  const result = await readCalendarFeed(segment, appUrl, headers.get("if-none-match"), now);
  const common = { "Cache-Control": "private, no-cache", "X-Robots-Tag": "noindex" };
  if (result.status === 404)
    return new Response("Not found\n", {
      status: 404,
      headers: { ...common, "Content-Type": "text/plain; charset=utf-8" },
    });
  if (result.status === 304)
    return new Response(null, { status: 304, headers: { ...common, ETag: result.etag } });
  return new Response(result.body, {
    status: 200,
    headers: {
      ...common,
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="standby.ics"',
      ETag: result.etag,
    },
  });
}
