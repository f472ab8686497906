/**
 * What every part of outreach shares: a practice's settings (or the defaults), and a campaign's
 * counts, recounted from its messages whenever one changes.
 */
import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { outreachCampaigns, outreachMessages, outreachSettings } from "@/db/schema";
import { defaultOutreachSettings } from "@/server/contracts/outreach";
import { campaignCounts, type MessageStatus } from "@/server/domain/outreach";

type Scope = { tx: Transaction; mspId: string };

export type OutreachSettingsView = typeof defaultOutreachSettings & {
  stoppedAt: Date | null;
  stoppedByName: string | null;
  /** 0: never saved (the defaults apply). */
  version: number;
};

/** The practice's settings, or the defaults when none were saved. */
export async function settingsOf(
  ctx: Scope,
  practiceId: string,
  lock = false,
): Promise<OutreachSettingsView> {
  const query = ctx.tx
    .select()
    .from(outreachSettings)
    .where(and(eq(outreachSettings.mspId, ctx.mspId), eq(outreachSettings.practiceId, practiceId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) return { ...defaultOutreachSettings, stoppedAt: null, stoppedByName: null, version: 0 };
  return {
    quietStart: row.quietStart,
    quietEnd: row.quietEnd,
    messagesPerMinute: row.messagesPerMinute,
    autoContinue: row.autoContinue,
    reminderHours: row.reminderHours,
    stoppedAt: row.stoppedAt,
    stoppedByName: row.stoppedByName,
    version: row.version,
  };
}

/**
 * The practice's settings row, created with the defaults when there is none, and locked until the
 * transaction ends: sending for one practice is claimed (and stopped) one transaction at a time.
 */
export async function lockedSettingsOf(ctx: Scope, practiceId: string) {
  await ctx.tx
    .insert(outreachSettings)
    .values({ mspId: ctx.mspId, practiceId })
    .onConflictDoNothing();
  return settingsOf(ctx, practiceId, true);
}

/**
 * Recounts campaigns from their messages. Each campaign's row is locked first, so the count is read
 * after every earlier change to it has committed (two workers recording at once never leave a stale
 * count). A campaign with nothing left waiting is done; one given messages again is sending.
 */
export async function refreshCampaignCounts(ctx: Scope, campaignIds: Iterable<string>, now: Date) {
  const ids = [...new Set(campaignIds)].sort();
  if (ids.length === 0) return;
  await ctx.tx
    .select({ id: outreachCampaigns.id })
    .from(outreachCampaigns)
    .where(and(eq(outreachCampaigns.mspId, ctx.mspId), inArray(outreachCampaigns.id, ids)))
    .orderBy(asc(outreachCampaigns.id))
    .for("update");
  const rows = await ctx.tx
    .select({
      campaignId: outreachMessages.campaignId,
      status: outreachMessages.status,
      count: sql<number>`count(*)::int`,
    })
    .from(outreachMessages)
    .where(and(eq(outreachMessages.mspId, ctx.mspId), inArray(outreachMessages.campaignId, ids)))
    .groupBy(outreachMessages.campaignId, outreachMessages.status);
  for (const id of ids) {
    const statuses: Partial<Record<MessageStatus, number>> = {};
    for (const row of rows)
      if (row.campaignId === id) statuses[row.status as MessageStatus] = row.count;
    const counts = campaignCounts(statuses);
    await ctx.tx
      .update(outreachCampaigns)
      .set({
        recipients: counts.recipients,
        sent: counts.sent,
        delivered: counts.delivered,
        failed: counts.failed,
        outbox: counts.outbox,
        stopped: counts.stopped,
        withheld: counts.withheld,
        status:
          counts.waiting === 0
            ? sql`case when ${outreachCampaigns.status} = 'sending' then 'done' else ${outreachCampaigns.status} end`
            : sql`case when ${outreachCampaigns.status} = 'done' then 'sending' else ${outreachCampaigns.status} end`,
        finishedAt:
          counts.waiting === 0
            ? sql`coalesce(${outreachCampaigns.finishedAt}, ${now.toISOString()}::timestamptz)`
            : sql`null`,
      })
      .where(and(eq(outreachCampaigns.mspId, ctx.mspId), eq(outreachCampaigns.id, id)));
  }
}
