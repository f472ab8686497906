/**
 * Automatic continuation (a practice setting, off by default): while an outage of the practice's EHR
 * is open, Standby sends the practice's usual reminders (24 and 2 hours before, unless set
 * otherwise) from the schedule copy by itself, as automatic campaigns; when the outage is resolved,
 * what has not gone yet is stopped.
 *
 * Each reminder goes once per appointment and number of hours (the messages' unique key includes
 * the hours). An appointment gets the reminder whose time has come — the fewest hours at least as
 * far ahead as it is — so an outage declared an hour before a visit sends the 2-hour reminder only,
 * not the 24-hour one too.
 */
import "server-only";
import { and, asc, eq, gt, inArray, isNull, lte, notInArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import {
  incidents,
  incidentSystems,
  outreachCampaigns,
  outreachMessages,
  outreachSettings,
  practices,
  scheduleAppointments,
} from "@/db/schema";
import { stoppedBy } from "@/server/domain/dependency-graph";
import { ConflictError } from "@/server/errors";
import { enqueueInTransaction } from "@/server/jobs/enqueue";
import { recordAudit, type ServiceContext } from "@/server/services/context";
import { loadGraph } from "@/server/services/dependencies";
import { writeCampaign } from "./campaigns";
import { refreshCampaignCounts, settingsOf } from "./records";
import { evaluateSelection } from "./selection";

/** Appointments nearer than this get no automatic reminder: there is no time left to act on it. */
export const REMINDER_MIN_LEAD_MS = 30 * 60_000;

/**
 * The practice's open outage that involves its EHR: a system of category "ehr" is down, or stops
 * because what it depends on is down (the dependency map). The newest such outage, or null.
 */
export async function ehrOutageOf(ctx: ServiceContext, practiceId: string) {
  const open = await ctx.tx
    .select({ id: incidents.id })
    .from(incidents)
    .where(
      and(
        eq(incidents.mspId, ctx.mspId),
        eq(incidents.practiceId, practiceId),
        notInArray(incidents.status, ["resolved", "closed"]),
      ),
    )
    .orderBy(sql`${incidents.startedAt} desc`, sql`${incidents.id} desc`);
  if (open.length === 0) return null;
  const down = await ctx.tx
    .select({ incidentId: incidentSystems.incidentId, systemId: incidentSystems.systemId })
    .from(incidentSystems)
    .where(
      and(
        eq(incidentSystems.mspId, ctx.mspId),
        inArray(
          incidentSystems.incidentId,
          open.map((incident) => incident.id),
        ),
      ),
    );
  const { systems, graph } = await loadGraph(ctx, practiceId);
  const ehr = new Set(
    systems.filter((system) => system.category === "ehr").map((system) => system.id),
  );
  if (ehr.size === 0) return null;
  for (const incident of open) {
    const failed = down
      .filter((row) => row.incidentId === incident.id && row.systemId)
      .map((row) => row.systemId!);
    if ([...stoppedBy(graph, failed)].some((id) => ehr.has(id))) return incident;
  }
  return null;
}

/** The reminder an appointment `leadMs` away is due for: the fewest hours at least that far ahead. */
export function reminderDue(leadMs: number, hours: readonly number[]): number | null {
  if (leadMs < REMINDER_MIN_LEAD_MS) return null;
  const due = [...hours].sort((a, b) => a - b).find((each) => leadMs <= each * 60 * 60_000);
  return due ?? null;
}

/**
 * One MSP's automatic reminders (the outreach-auto job, as the MSP's role "system"): for each practice
 * that continues them and has an EHR outage open, the reminders now due; then the automatic campaigns
 * whose outage is over are stopped.
 */
export async function continueReminders(ctx: ServiceContext, now: Date) {
  const practiceRows = await ctx.tx
    .select({ id: practices.id, name: practices.name, timezone: practices.timezone })
    .from(outreachSettings)
    .innerJoin(
      practices,
      and(
        eq(practices.mspId, outreachSettings.mspId),
        eq(practices.id, outreachSettings.practiceId),
      ),
    )
    .where(
      and(
        eq(outreachSettings.mspId, ctx.mspId),
        eq(outreachSettings.autoContinue, true),
        isNull(outreachSettings.stoppedAt),
        isNull(practices.archivedAt),
      ),
    )
    .orderBy(asc(practices.id));
  let queued = 0;
  for (const practice of practiceRows) {
    const outage = await ehrOutageOf(ctx, practice.id);
    if (!outage) continue;
    const settings = await settingsOf(ctx, practice.id);
    const longest = Math.max(...settings.reminderHours);
    const upcoming = await ctx.tx
      .select({ id: scheduleAppointments.id, startsAt: scheduleAppointments.startsAt })
      .from(scheduleAppointments)
      .where(
        and(
          eq(scheduleAppointments.mspId, ctx.mspId),
          eq(scheduleAppointments.practiceId, practice.id),
          isNull(scheduleAppointments.removedAt),
          gt(scheduleAppointments.startsAt, new Date(now.getTime() + REMINDER_MIN_LEAD_MS)),
          lte(scheduleAppointments.startsAt, new Date(now.getTime() + longest * 60 * 60_000)),
        ),
      )
      .limit(5_000);
    const byHours = new Map<number, string[]>();
    for (const appointment of upcoming) {
      const hours = reminderDue(
        appointment.startsAt.getTime() - now.getTime(),
        settings.reminderHours,
      );
      if (hours !== null) byHours.set(hours, [...(byHours.get(hours) ?? []), appointment.id]);
    }
    for (const [hoursBefore, appointmentIds] of [...byHours.entries()].sort(([a], [b]) => b - a)) {
      const evaluation = await evaluateSelection(
        ctx,
        {
          practice,
          kind: "reminder",
          selection: { day: "today" },
          incidentId: outage.id,
          urgent: false,
          settings,
          hoursBefore,
          appointmentIds,
        },
        now,
      );
      if (evaluation.recipients.length === 0) continue;
      try {
        // A savepoint: one practice's campaign overtaken by a person's send leaves the others.
        const written = await ctx.tx.transaction((tx) =>
          writeCampaign(
            { ...ctx, tx },
            {
              practiceId: practice.id,
              kind: "reminder",
              selection: { hoursBefore },
              evaluation,
              urgentReason: null,
              automatic: true,
              hoursBefore,
            },
            now,
          ),
        );
        queued += written.recipients;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
  }
  const stopped = await stopFinishedOutages(ctx, now);
  return { queued, stopped };
}

/** Automatic campaigns whose outage is resolved (or closed): what has not gone yet is stopped. */
export async function stopFinishedOutages(ctx: ServiceContext, now: Date) {
  const finished = await ctx.tx
    .select({ id: outreachCampaigns.id, practiceId: outreachCampaigns.practiceId })
    .from(outreachCampaigns)
    .where(
      and(
        eq(outreachCampaigns.mspId, ctx.mspId),
        eq(outreachCampaigns.automatic, true),
        eq(outreachCampaigns.status, "sending"),
        sql`not exists (select 1 from ${incidents} where ${incidents.mspId} = ${outreachCampaigns.mspId}
              and ${incidents.id} = ${outreachCampaigns.incidentId}
              and ${incidents.status} not in ('resolved', 'closed'))`,
      ),
    );
  if (finished.length === 0) return 0;
  const ids = finished.map((campaign) => campaign.id);
  const stopped = await ctx.tx
    .update(outreachMessages)
    .set({ status: "stopped", error: "The outage is over.", claimedUntil: null, updatedAt: now })
    .where(
      and(
        eq(outreachMessages.mspId, ctx.mspId),
        inArray(outreachMessages.campaignId, ids),
        inArray(outreachMessages.status, ["queued", "held"]),
      ),
    )
    .returning({ campaignId: outreachMessages.campaignId });
  await ctx.tx
    .update(outreachCampaigns)
    .set({ status: "stopped" })
    .where(and(eq(outreachCampaigns.mspId, ctx.mspId), inArray(outreachCampaigns.id, ids)));
  await refreshCampaignCounts(ctx, ids, now);
  for (const campaign of finished)
    await recordAudit(ctx, {
      action: "outreach.auto_stop",
      entityType: "outreach_campaign",
      entityId: campaign.id,
      practiceId: campaign.practiceId,
      summary: {
        reason: "outage resolved",
        stoppedMessages: stopped.filter((row) => row.campaignId === campaign.id).length,
      },
    });
  return stopped.length;
}

/** The 15 minutes' scan: one outreach-auto job per MSP with something to continue or to stop. */
export async function enqueueAutoContinuation(now: Date) {
  const rows = await getDb().execute<{ msp_id: string }>(
    sql`select standby_outreach_auto_msps() as msp_id`,
  );
  const mspIds = [...new Set(rows.map((row) => row.msp_id))];
  if (mspIds.length === 0) return 0;
  await getDb().transaction(async (tx) => {
    for (const mspId of mspIds)
      await enqueueInTransaction(
        tx,
        "outreach-auto",
        { mspId, at: now.toISOString() },
        { singletonKey: mspId, singletonSeconds: 15 * 60 },
      );
  });
  return mspIds.length;
}
