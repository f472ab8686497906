/**
 * The worker's side of patient outreach: sends a practice's due messages, each at most once.
 *
 * For each small batch: claim (one transaction, the practice's settings row locked: stop-all and the
 * pace are checked there, and quiet hours hold what may not go yet), then per message a last check
 * just before the provider is called (stop-all, the patient's opt-out, the appointment still on),
 * the provider call with no transaction open, and the record of its answer with the campaign's
 * counts. A message whose provider call may have begun is never sent again: a claim that lapses
 * while one was under way (a worker that died) ends the message "failed", not twice sent.
 */
import "server-only";
import { and, asc, eq, gt, inArray, isNotNull, lt, lte, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import {
  incidents,
  outreachCampaigns,
  outreachMessages,
  outreachOptOuts,
  outreachSettings,
  practices,
  scheduleAppointments,
  scheduleMarks,
} from "@/db/schema";
import { withTenant, type TenantScope } from "@/db/tenant";
import type { OutreachKind } from "@/server/contracts/outreach-kinds";
import { nextAttempt } from "@/server/domain/delivery-retry";
import {
  appointmentSkip,
  PACE_WINDOW_MS,
  paceAllowance,
  paceInterval,
  quietHoursEnd,
  skipReasonLabels,
} from "@/server/domain/outreach";
import type { ServiceContext } from "@/server/services/context";
import { addressHashesOf, openPatient } from "@/server/services/schedule/patient-data";
import { enqueueSending, openedText } from "./campaigns";
import {
  patientSmsAccount,
  sendPatientEmail,
  sendPatientSms,
  type ProviderResult,
} from "./provider";
import type { SmsAccount } from "@/server/services/notifications/channels";
import { lockedSettingsOf, refreshCampaignCounts } from "./records";
import { env } from "@/server/env";

/** How long a worker holds a claimed message; past that, another worker recovers it. */
export const CLAIM_MS = 90_000;
/** Messages sent at the same time by one worker (each to the provider on its own). */
const PARALLEL_SENDS = 10;
/** How long one job sends before it hands over to the next (a job expires after 2 minutes). */
const JOB_BUDGET_MS = 50_000;

export const UNCERTAIN_SEND =
  "Standby stopped while handing this message to the provider: it may or may not have gone, so it is not sent again.";

const systemScope = (mspId: string): TenantScope => ({
  mspId,
  userId: null,
  role: "system",
  practiceIds: "*",
});

const systemContext = (tx: ServiceContext["tx"], mspId: string): ServiceContext => ({
  tx,
  mspId,
  actor: { userId: null, name: "Standby" },
  practiceIds: "*",
});

type Claimed = {
  id: string;
  campaignId: string;
  appointmentId: string;
  kind: OutreachKind;
  channel: "sms" | "email";
  toSealed: string;
  bodySealed: string;
  attempts: number;
  firstAttemptAt: Date | null;
  claimedUntil: Date;
};

type ClaimResult = {
  messages: Claimed[];
  /** No message to take now, but the pace allows more at this moment. */
  nextAt: Date | null;
  /** Messages left due after this batch (another look is worth it). */
  more: boolean;
  stopped: boolean;
  perMinute: number;
  /** The SMS account texts go through (its token opened), when there is one. */
  account: SmsAccount | null;
};

/**
 * Claims the practice's next batch of due messages. Held for quiet hours: non-urgent messages whose
 * time falls inside them (until they end). Stopped: an automatic campaign's, once its outage is over.
 * Outbox: a message whose channel has no provider any more.
 */
export async function claimDueMessages(
  mspId: string,
  practiceId: string,
  now: Date,
): Promise<ClaimResult> {
  return withTenant(systemScope(mspId), async (tx) => {
    const ctx = systemContext(tx, mspId);
    const settings = await lockedSettingsOf(ctx, practiceId);
    const samePractice = and(
      eq(outreachMessages.mspId, mspId),
      eq(outreachMessages.practiceId, practiceId),
    );
    const changed = new Set<string>();

    // Claims that lapsed: a message whose provider call had begun ends here (at most once); one that
    // was only claimed waits again.
    const lapsed = await tx
      .update(outreachMessages)
      .set({
        status: sql`case when ${outreachMessages.attemptStartedAt} is null then 'queued' else 'failed' end`,
        error: sql`case when ${outreachMessages.attemptStartedAt} is null then ${outreachMessages.error} else ${UNCERTAIN_SEND} end`,
        claimedUntil: null,
        attemptStartedAt: null,
        updatedAt: now,
      })
      .where(
        and(
          samePractice,
          eq(outreachMessages.status, "sending"),
          lt(outreachMessages.claimedUntil, now),
        ),
      )
      .returning({ campaignId: outreachMessages.campaignId });
    for (const row of lapsed) changed.add(row.campaignId);

    if (settings.stoppedAt) {
      await refreshCampaignCounts(ctx, changed, now);
      return {
        messages: [],
        nextAt: null,
        more: false,
        stopped: true,
        perMinute: 0,
        account: null,
      };
    }

    const [recent] = await tx
      .select({
        count: sql<number>`count(*)::int`,
        oldest: sql<Date | null>`min(${outreachMessages.lastAttemptAt})`,
      })
      .from(outreachMessages)
      .where(
        and(
          samePractice,
          or(
            gt(outreachMessages.lastAttemptAt, new Date(now.getTime() - PACE_WINDOW_MS)),
            eq(outreachMessages.status, "sending"),
          ),
        ),
      );
    const oldest = recent?.oldest ? new Date(recent.oldest) : null;
    const pace = paceAllowance(
      settings.messagesPerMinute,
      { count: recent?.count ?? 0, oldest },
      now,
    );

    const [practice] = await tx
      .select({ timezone: practices.timezone })
      .from(practices)
      .where(and(eq(practices.mspId, mspId), eq(practices.id, practiceId)));
    const quietUntil = quietHoursEnd(now, practice!.timezone, {
      start: settings.quietStart,
      end: settings.quietEnd,
    });
    const account = await patientSmsAccount(ctx, practiceId);
    const emailReady = Boolean(env().SMTP_URL);

    const claimed: Claimed[] = [];
    // Room for the ones set aside (held, stopped, outbox) without using up the pace.
    let room = pace.take;
    let more = false;
    while (room > 0) {
      const due = await tx
        .select({
          id: outreachMessages.id,
          campaignId: outreachMessages.campaignId,
          appointmentId: outreachMessages.appointmentId,
          kind: outreachMessages.kind,
          channel: outreachMessages.channel,
          toSealed: outreachMessages.toSealed,
          bodySealed: outreachMessages.bodySealed,
          attempts: outreachMessages.attempts,
          firstAttemptAt: outreachMessages.firstAttemptAt,
          urgent: sql<boolean>`${outreachCampaigns.urgentReason} is not null`,
          automatic: outreachCampaigns.automatic,
          outageOver: sql<boolean>`${outreachCampaigns.automatic} and not exists (
            select 1 from ${incidents} where ${incidents.mspId} = ${outreachCampaigns.mspId}
              and ${incidents.id} = ${outreachCampaigns.incidentId}
              and ${incidents.status} not in ('resolved', 'closed'))`,
        })
        .from(outreachMessages)
        .innerJoin(
          outreachCampaigns,
          and(
            eq(outreachCampaigns.mspId, outreachMessages.mspId),
            eq(outreachCampaigns.id, outreachMessages.campaignId),
          ),
        )
        .where(
          and(
            samePractice,
            inArray(outreachMessages.status, ["queued", "held"]),
            lte(outreachMessages.sendAfter, now),
          ),
        )
        .orderBy(
          asc(outreachMessages.sendAfter),
          asc(outreachMessages.queuedAt),
          asc(outreachMessages.id),
        )
        .limit(room + 1)
        .for("update", { of: outreachMessages, skipLocked: true });
      if (due.length === 0) break;
      more = due.length > room;
      const batch = due.slice(0, room);
      const set = {
        held: [] as string[],
        stopped: [] as string[],
        outbox: [] as string[],
        claim: [] as typeof batch,
      };
      for (const message of batch) {
        changed.add(message.campaignId);
        if (message.outageOver) set.stopped.push(message.id);
        else if (quietUntil && !message.urgent) set.held.push(message.id);
        else if (message.channel === "sms" ? !account : !emailReady) set.outbox.push(message.id);
        else set.claim.push(message);
      }
      const claimedUntil = new Date(now.getTime() + CLAIM_MS);
      const update = async (
        ids: string[],
        values: Partial<typeof outreachMessages.$inferInsert>,
      ) => {
        if (ids.length)
          await tx
            .update(outreachMessages)
            .set({ ...values, updatedAt: now })
            .where(and(samePractice, inArray(outreachMessages.id, ids)));
      };
      await update(set.held, { status: "held", sendAfter: quietUntil ?? now });
      await update(set.stopped, { status: "stopped", error: "The outage is over." });
      await update(set.outbox, { status: "outbox" });
      await update(
        set.claim.map((message) => message.id),
        { status: "sending", claimedUntil },
      );
      for (const message of set.claim)
        claimed.push({
          id: message.id,
          campaignId: message.campaignId,
          appointmentId: message.appointmentId,
          kind: message.kind as OutreachKind,
          channel: message.channel,
          toSealed: message.toSealed,
          bodySealed: message.bodySealed,
          attempts: message.attempts,
          firstAttemptAt: message.firstAttemptAt,
          claimedUntil,
        });
      room -= set.claim.length;
      if (!more) break;
    }
    await refreshCampaignCounts(ctx, changed, now);
    return {
      messages: claimed,
      nextAt: claimed.length === 0 ? pace.nextAt : null,
      more,
      stopped: false,
      perMinute: settings.messagesPerMinute,
      account,
    };
  });
}

/**
 * The last word before the provider is called, in its own transaction: the claim still holds,
 * sending is not stopped, the patient has not opted out, the appointment is still on. The attempt
 * is marked begun (from here on, the message is never sent again by another worker). Returns the
 * moment it began, or null when the message is not to be sent (withheld or no longer claimed).
 */
async function beginAttempt(
  mspId: string,
  practiceId: string,
  message: Claimed,
  address: string,
  now: Date,
): Promise<Date | null> {
  return withTenant(systemScope(mspId), async (tx) => {
    const ctx = systemContext(tx, mspId);
    const [settings] = await tx
      .select({ stoppedAt: outreachSettings.stoppedAt })
      .from(outreachSettings)
      .where(and(eq(outreachSettings.mspId, mspId), eq(outreachSettings.practiceId, practiceId)));
    const [optOut] = await tx
      .select({ hash: outreachOptOuts.addressHash })
      .from(outreachOptOuts)
      .where(
        and(
          eq(outreachOptOuts.mspId, mspId),
          eq(outreachOptOuts.practiceId, practiceId),
          inArray(outreachOptOuts.addressHash, addressHashesOf(address)),
        ),
      )
      .limit(1);
    const [appointment] = await tx
      .select({
        removedAt: scheduleAppointments.removedAt,
        status: scheduleAppointments.status,
        startsAt: scheduleAppointments.startsAt,
        patientId: scheduleAppointments.patientId,
        mark: sql<string | null>`(select ${scheduleMarks.kind} from ${scheduleMarks}
          where ${scheduleMarks.mspId} = ${scheduleAppointments.mspId}
            and ${scheduleMarks.appointmentId} = ${scheduleAppointments.id}
          order by ${scheduleMarks.markedAt} desc limit 1)`,
      })
      .from(scheduleAppointments)
      .where(
        and(
          eq(scheduleAppointments.mspId, mspId),
          eq(scheduleAppointments.id, message.appointmentId),
        ),
      );
    const facts = { stopped: Boolean(settings?.stoppedAt) };
    const skip = appointment
      ? appointmentSkip(
          {
            removed: appointment.removedAt !== null,
            status: appointment.status,
            mark: appointment.mark,
            startsAt: appointment.startsAt,
            hasPatient: appointment.patientId !== null,
          },
          message.kind,
          now,
        )
      : "removed";
    const withheld = optOut
      ? "Not sent: the patient opted out (STOP) before its turn came."
      : skip
        ? `Not sent: ${skipReasonLabels[skip].toLowerCase()} before its turn came.`
        : null;
    if (facts?.stopped) {
      const stopped = await tx
        .update(outreachMessages)
        .set({ status: "stopped", claimedUntil: null, updatedAt: now })
        .where(
          and(
            eq(outreachMessages.mspId, mspId),
            eq(outreachMessages.id, message.id),
            eq(outreachMessages.status, "sending"),
            isNotNull(outreachMessages.claimedUntil),
          ),
        )
        .returning({ id: outreachMessages.id });
      if (stopped.length) await refreshCampaignCounts(ctx, [message.campaignId], now);
      return null;
    }
    if (withheld) {
      const done = await tx
        .update(outreachMessages)
        .set({ status: "withheld", error: withheld, claimedUntil: null, updatedAt: now })
        .where(
          and(
            eq(outreachMessages.mspId, mspId),
            eq(outreachMessages.id, message.id),
            eq(outreachMessages.status, "sending"),
            eq(outreachMessages.claimedUntil, message.claimedUntil),
          ),
        )
        .returning({ id: outreachMessages.id });
      if (done.length) await refreshCampaignCounts(ctx, [message.campaignId], now);
      return null;
    }
    const [begun] = await tx
      .update(outreachMessages)
      .set({
        attemptStartedAt: now,
        attempts: sql`${outreachMessages.attempts} + 1`,
        firstAttemptAt: sql`coalesce(${outreachMessages.firstAttemptAt}, ${now.toISOString()}::timestamptz)`,
        lastAttemptAt: now,
        updatedAt: now,
      })
      .where(
        and(
          eq(outreachMessages.mspId, mspId),
          eq(outreachMessages.id, message.id),
          eq(outreachMessages.status, "sending"),
          eq(outreachMessages.claimedUntil, message.claimedUntil),
        ),
      )
      .returning({ id: outreachMessages.id });
    return begun ? now : null;
  });
}

/** Records the provider's answer: sent (with its id), failed (its words), or waiting for a retry. */
async function recordAttempt(
  mspId: string,
  message: Claimed,
  startedAt: Date,
  result: ProviderResult,
  now: Date,
) {
  await withTenant(systemScope(mspId), async (tx) => {
    const ctx = systemContext(tx, mspId);
    const ours = and(
      eq(outreachMessages.mspId, mspId),
      eq(outreachMessages.id, message.id),
      eq(outreachMessages.attemptStartedAt, startedAt),
    );
    if (result.ok) {
      await tx
        .update(outreachMessages)
        .set({
          status: "sent",
          providerMessageId: result.providerMessageId,
          sentAt: now,
          error: null,
          claimedUntil: null,
          attemptStartedAt: null,
          updatedAt: now,
        })
        .where(ours);
    } else {
      const decision = nextAttempt(
        {
          attempt: message.attempts + 1,
          firstAttemptAt: message.firstAttemptAt ?? startedAt,
          outcome: result.outcome,
        },
        now,
      );
      await tx
        .update(outreachMessages)
        .set({
          ...(decision.retry ? { status: "queued", sendAfter: decision.at } : { status: "failed" }),
          error:
            !decision.retry && decision.reason === "gave up after 24 hours"
              ? `${result.detail} — gave up after 24 hours of retries.`
              : result.detail,
          claimedUntil: null,
          attemptStartedAt: null,
          updatedAt: now,
        })
        .where(ours);
    }
    await refreshCampaignCounts(ctx, [message.campaignId], now);
  });
}

/** One message: the last check, the provider, the record. */
async function sendOne(
  mspId: string,
  practiceId: string,
  message: Claimed,
  account: SmsAccount | null,
  clock: () => Date,
) {
  const address = openPatient(practiceId, "outreachTo", message.toSealed) ?? "";
  const startedAt = await beginAttempt(mspId, practiceId, message, address, clock());
  if (!startedAt) return "not sent" as const;
  const text = openedText(
    message.channel,
    openPatient(practiceId, "outreachBody", message.bodySealed) ?? "",
  );
  let result: ProviderResult;
  if (message.channel === "sms") {
    result = account
      ? await sendPatientSms(account, { to: address, body: text.body })
      : {
          ok: false,
          outcome: { kind: "refused" },
          detail: "No SMS provider is configured for patient messages any more.",
        };
  } else
    result = (await sendPatientEmail({
      to: address,
      subject: text.subject,
      body: text.body,
      messageId: message.id,
    })) ?? {
      ok: false,
      outcome: { kind: "refused" },
      detail: "No mail server is configured (SMTP_URL).",
    };
  await recordAttempt(mspId, message, startedAt, result, clock());
  return result.ok ? ("sent" as const) : ("failed" as const);
}

export type SendingOptions = {
  clock?: () => Date;
  /** Waits between batches (the pace); tests pass one that moves their clock instead. */
  sleep?: (ms: number) => Promise<void>;
  budgetMs?: number;
};

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends the practice's due messages for up to a job's budget, batch by batch at the practice's
 * pace. Returns what happened; when messages are still due at the end, asks for another job.
 */
export async function sendDueMessages(
  mspId: string,
  practiceId: string,
  options: SendingOptions = {},
) {
  const clock = options.clock ?? (() => new Date());
  const sleep = options.sleep ?? realSleep;
  const budget = options.budgetMs ?? JOB_BUDGET_MS;
  const started = clock().getTime();
  const tally = { sent: 0, failed: 0, notSent: 0 };
  let handOver = false;
  for (;;) {
    const batch = await claimDueMessages(mspId, practiceId, clock());
    if (batch.stopped) break;
    if (batch.messages.length === 0) {
      if (!batch.nextAt) break;
      // The pace allows more within the minute: wait for it, or leave it to the next minute's scan.
      const wait = Math.max(0, batch.nextAt.getTime() - clock().getTime());
      if (clock().getTime() + wait - started > budget) break;
      await sleep(wait);
      continue;
    }
    const queue = [...batch.messages];
    await Promise.all(
      Array.from({ length: Math.min(PARALLEL_SENDS, queue.length) }, async () => {
        for (let message = queue.shift(); message; message = queue.shift()) {
          const outcome = await sendOne(mspId, practiceId, message, batch.account, clock);
          if (outcome === "sent") tally.sent += 1;
          else if (outcome === "failed") tally.failed += 1;
          else tally.notSent += 1;
        }
      }),
    );
    if (clock().getTime() - started > budget) {
      handOver = batch.more;
      break;
    }
    const pause = paceInterval(batch.perMinute, batch.messages.length);
    if (pause > 0) await sleep(pause);
  }
  if (handOver)
    await withTenant(systemScope(mspId), (tx) => enqueueSending({ tx, mspId }, practiceId));
  return tally;
}

/** The minute's scan: one sending job per practice with messages due (or a claim to recover). */
export async function enqueueDueSending(now: Date) {
  const due = await getDb().execute<{ msp_id: string; practice_id: string }>(
    sql`select msp_id, practice_id from standby_outreach_due(${now.toISOString()}::timestamptz, 500)`,
  );
  for (const row of due)
    await withTenant(systemScope(row.msp_id), (tx) =>
      enqueueSending({ tx, mspId: row.msp_id }, row.practice_id),
    );
  return due.length;
}
