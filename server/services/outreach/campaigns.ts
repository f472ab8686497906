/**
 * Patient outreach campaigns: the preview of who gets what, the send (one message per appointment
 * and kind, however often it is asked), stop all sending, and the practice's settings.
 *
 * Patient data (names, numbers, texts) is worked as the schedule copy is: technicians and the
 * practice's managers whose routine access has begun (the router checks; row-level security checks
 * again). Leadership and admins read campaigns' counts only. Every read that returns patient data
 * is audited with counts; audit rows never carry a name, number or text.
 */
import "server-only";
import { and, asc, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { z } from "zod";
import {
  outreachCampaigns,
  outreachMessages,
  outreachSettings,
  scheduleAppointments,
  schedulePatients,
} from "@/db/schema";
import {
  SECOND_CONFIRMATION_ABOVE,
  urgentKinds,
  type outreachCampaignRefSchema,
  type outreachPracticeSchema,
  type outreachPreviewSchema,
  type outreachSendSchema,
  type saveOutreachSettingsSchema,
} from "@/server/contracts/outreach";
import { outreachKindLabels, type OutreachKind } from "@/server/contracts/outreach-kinds";
import {
  firstNameOf,
  heldUntilWords,
  maskedAddress,
  skipReasonLabels,
  skipReasons,
  type MessageStatus,
  type SkipReason,
} from "@/server/domain/outreach";
import { ConflictError, InvalidError, NotFoundError } from "@/server/errors";
import { enqueueInTransaction } from "@/server/jobs/enqueue";
import { practiceInScope, recordAudit, type ServiceContext } from "@/server/services/context";
import { addressHashOf, openPatient, sealPatient } from "@/server/services/schedule/patient-data";
import { outreachProviders } from "./provider";
import { lockedSettingsOf, refreshCampaignCounts, settingsOf } from "./records";
import { evaluateSelection, planSelection, type Evaluation, type Recipient } from "./selection";

export const OUTREACH_SEND_QUEUE = "outreach-send";

/** An email keeps its subject with its text, on the first line. */
export const sealedText = (channel: "sms" | "email", text: { subject: string; body: string }) =>
  channel === "email" ? `${text.subject}\n\n${text.body}` : text.body;
export function openedText(channel: "sms" | "email", stored: string) {
  if (channel !== "email") return { subject: "", body: stored };
  const split = stored.indexOf("\n\n");
  return split < 0
    ? { subject: "", body: stored }
    : { subject: stored.slice(0, split), body: stored.slice(split + 2) };
}

/** Asks a worker to send the practice's due messages (at most one waiting job per practice). */
export async function enqueueSending(
  ctx: Pick<ServiceContext, "tx" | "mspId">,
  practiceId: string,
) {
  await enqueueInTransaction(
    ctx.tx,
    OUTREACH_SEND_QUEUE,
    { mspId: ctx.mspId, practiceId },
    { singletonKey: practiceId },
  );
}

function countByReason(skipped: readonly { reason: SkipReason }[]) {
  const counts = Object.fromEntries(skipReasons.map((reason) => [reason, 0])) as Record<
    SkipReason,
    number
  >;
  for (const each of skipped) counts[each.reason] += 1;
  return counts;
}

function refuseUrgentFor(kind: string, urgentReason: string | undefined) {
  if (urgentReason && !(urgentKinds as readonly string[]).includes(kind))
    throw new InvalidError(
      `Only ${urgentKinds.map((each) => outreachKindLabels[each].toLowerCase()).join(", ")} messages can go out during quiet hours.`,
      "urgentReason",
    );
}

/** Recipients (and skipped appointments) per page of the preview: their texts are rendered for these only. */
export const PREVIEW_PAGE_SIZE = 50;

/**
 * Exactly who gets what: the counts for the whole selection (who gets a text, an email, the outbox;
 * who is skipped, by reason), and for one page of it (`cursor`: the position of its first row) each
 * recipient's first name, time, channel (a masked address) and text, and each appointment skipped
 * with its reason. The send evaluates the same selection the same way (planSelection). Audited as a
 * read of patient data (counts only).
 */
export async function previewCampaign(
  ctx: ServiceContext,
  input: z.infer<typeof outreachPreviewSchema>,
  now = new Date(),
) {
  refuseUrgentFor(input.kind, input.urgentReason);
  // Asked together (one round trip); a practice out of scope still refuses before anything is shown.
  const [practice, settings] = await Promise.all([
    practiceInScope(ctx, input.practiceId),
    settingsOf(ctx, input.practiceId),
  ]);
  const plan = await planSelection(
    ctx,
    {
      practice,
      kind: input.kind,
      selection: input.selection,
      incidentId: input.incidentId,
      urgent: Boolean(input.urgentReason),
      settings,
    },
    now,
  );
  const { heldUntil } = plan;
  const all = { recipients: plan.recipients, skipped: plan.skipped };
  const cursor = input.cursor ?? 0;
  const end = cursor + PREVIEW_PAGE_SIZE;
  const [recipients, skipped] = [
    await plan.render(all.recipients.slice(cursor, end)),
    plan.describe(all.skipped.slice(cursor, end)),
  ];
  if (all.recipients.length + all.skipped.length > 0)
    await recordAudit(ctx, {
      action: "outreach.preview",
      entityType: "practice",
      entityId: practice.id,
      practiceId: practice.id,
      summary: {
        kind: input.kind,
        date: plan.window.date,
        recipients: all.recipients.length,
        skipped: all.skipped.length,
        ...(cursor > 0 ? { from: cursor } : {}),
      },
    });
  const countOf = (test: (recipient: (typeof all.recipients)[number]) => boolean) =>
    all.recipients.reduce((total, recipient) => total + (test(recipient) ? 1 : 0), 0);
  return {
    practice: { id: practice.id, name: practice.name, timezone: practice.timezone },
    kind: input.kind,
    window: plan.window,
    incidentId: plan.incidentId,
    providers: plan.providers,
    available: plan.available,
    stopped: settings.stoppedAt ? { at: settings.stoppedAt, byName: settings.stoppedByName } : null,
    heldUntil: heldUntil
      ? { at: heldUntil, words: heldUntilWords(heldUntil, now, practice.timezone) }
      : null,
    recipients: recipients.map((recipient) => ({
      appointmentId: recipient.appointmentId,
      firstName: recipient.firstName,
      startsAt: recipient.startsAt,
      providerName: recipient.providerName,
      site: recipient.site,
      visitType: recipient.visitType,
      channel: recipient.channel,
      to: maskedAddress(recipient.channel, recipient.address),
      language: recipient.language,
      subject: recipient.channel === "email" ? recipient.text.subject : null,
      body: recipient.text.body,
      outbox: recipient.outbox,
    })),
    skipped: skipped.map((each) => ({ ...each, reasonLabel: skipReasonLabels[each.reason] })),
    /** This page: where it starts, and where the next one does (null: nothing more to show). */
    page: {
      cursor,
      size: PREVIEW_PAGE_SIZE,
      next: end < Math.max(all.recipients.length, all.skipped.length) ? end : null,
    },
    counts: {
      recipients: all.recipients.length,
      sms: countOf((recipient) => recipient.channel === "sms" && !recipient.outbox),
      email: countOf((recipient) => recipient.channel === "email" && !recipient.outbox),
      outbox: countOf((recipient) => recipient.outbox),
      held: heldUntil ? countOf((recipient) => !recipient.outbox) : 0,
      skipped: all.skipped.length,
      byReason: countByReason(all.skipped),
    },
    needsSecondConfirmation: all.recipients.length > SECOND_CONFIRMATION_ABOVE,
  };
}
export type CampaignPreview = Awaited<ReturnType<typeof previewCampaign>>;

const stoppedMessage = (byName: string | null) =>
  `Sending is stopped for this practice${byName ? ` (by ${byName})` : ""}. Resume sending first, then send again.`;

/**
 * Writes one campaign and its messages in one transaction, with the job that sends them. Used for a
 * person's campaign and for the automatic reminders; the caller has evaluated the appointments.
 */
export async function writeCampaign(
  ctx: ServiceContext,
  input: {
    practiceId: string;
    kind: OutreachKind;
    selection: Record<string, unknown>;
    evaluation: Evaluation;
    urgentReason: string | null;
    automatic: boolean;
    hoursBefore?: number;
  },
  now: Date,
) {
  const { evaluation } = input;
  const [campaign] = await ctx.tx
    .insert(outreachCampaigns)
    .values({
      mspId: ctx.mspId,
      practiceId: input.practiceId,
      incidentId: evaluation.incidentId,
      kind: input.kind,
      selection: input.selection,
      automatic: input.automatic,
      urgentReason: input.urgentReason,
      recipients: evaluation.recipients.length,
      skipped: evaluation.skipped.length,
      createdByUserId: ctx.actor.userId,
      createdByName: ctx.actor.name,
      createdAt: now,
    })
    .returning({ id: outreachCampaigns.id });
  const campaignId = campaign!.id;
  const statusOf = (recipient: Recipient): { status: MessageStatus; sendAfter: Date } =>
    recipient.outbox
      ? { status: "outbox", sendAfter: now }
      : evaluation.heldUntil
        ? { status: "held", sendAfter: evaluation.heldUntil }
        : { status: "queued", sendAfter: now };
  let written = 0;
  let queued = 0;
  const chunk = 400;
  for (let start = 0; start < evaluation.recipients.length; start += chunk) {
    const rows = evaluation.recipients.slice(start, start + chunk).map((recipient) => ({
      mspId: ctx.mspId,
      practiceId: input.practiceId,
      campaignId,
      appointmentId: recipient.appointmentId,
      patientId: recipient.patientId,
      kind: input.kind,
      hoursBefore: input.hoursBefore ?? 0,
      language: recipient.language,
      channel: recipient.channel,
      toSealed: sealPatient(input.practiceId, "outreachTo", recipient.address),
      toHash: addressHashOf(recipient.address),
      bodySealed: sealPatient(
        input.practiceId,
        "outreachBody",
        sealedText(recipient.channel, recipient.text),
      ),
      ...statusOf(recipient),
      queuedAt: now,
      updatedAt: now,
    }));
    // Exactly once per appointment and kind: a message another campaign wrote meanwhile stays its.
    const inserted = await ctx.tx
      .insert(outreachMessages)
      .values(rows)
      .onConflictDoNothing({
        target: [
          outreachMessages.mspId,
          outreachMessages.practiceId,
          outreachMessages.appointmentId,
          outreachMessages.kind,
          outreachMessages.hoursBefore,
        ],
      })
      .returning({ status: outreachMessages.status });
    written += inserted.length;
    queued += inserted.filter((row) => row.status === "queued").length;
  }
  if (written === 0)
    throw new ConflictError(
      "These patients were sent this message a moment ago (another campaign). Nothing more was sent.",
    );
  const lost = evaluation.recipients.length - written;
  if (lost > 0)
    await ctx.tx
      .update(outreachCampaigns)
      .set({ skipped: sql`${outreachCampaigns.skipped} + ${lost}` })
      .where(and(eq(outreachCampaigns.mspId, ctx.mspId), eq(outreachCampaigns.id, campaignId)));
  await refreshCampaignCounts(ctx, [campaignId], now);
  if (queued > 0) await enqueueSending(ctx, input.practiceId);
  const held = evaluation.heldUntil
    ? evaluation.recipients.filter((recipient) => !recipient.outbox).length
    : 0;
  await recordAudit(ctx, {
    action: "outreach.send",
    entityType: "outreach_campaign",
    entityId: campaignId,
    practiceId: input.practiceId,
    summary: {
      kind: input.kind,
      recipients: written,
      skipped: evaluation.skipped.length + lost,
      held: Math.min(held, written),
      outbox: evaluation.recipients.filter((recipient) => recipient.outbox).length,
      automatic: input.automatic,
      urgent: Boolean(input.urgentReason),
      ...(input.hoursBefore ? { hoursBefore: input.hoursBefore } : {}),
      ...(evaluation.incidentId ? { incidentId: evaluation.incidentId } : {}),
    },
  });
  return { campaignId, recipients: written, skipped: evaluation.skipped.length + lost };
}

/**
 * Sends a campaign: the selection evaluated again now (an opt-out or a cancellation since the preview
 * counts), refused without confirmation, and above 100 recipients unless the number typed is the
 * number there are now. The campaign, its messages and the sending job are written together.
 */
export async function sendCampaign(
  ctx: ServiceContext,
  input: Omit<z.infer<typeof outreachSendSchema>, "idempotencyKey">,
  now = new Date(),
) {
  const practice = await practiceInScope(ctx, input.practiceId, "change");
  if (!input.confirm)
    throw new InvalidError(
      "Check the preview, then confirm that these messages should go out.",
      "confirm",
    );
  refuseUrgentFor(input.kind, input.urgentReason);
  // Locked: a stop-all at the same moment waits for this send, then stops what it wrote.
  const settings = await lockedSettingsOf(ctx, practice.id);
  if (settings.stoppedAt) throw new InvalidError(stoppedMessage(settings.stoppedByName));
  const evaluation = await evaluateSelection(
    ctx,
    {
      practice,
      kind: input.kind,
      selection: input.selection,
      incidentId: input.incidentId,
      urgent: Boolean(input.urgentReason),
      settings,
    },
    now,
  );
  const count = evaluation.recipients.length;
  if (count === 0)
    throw new InvalidError(
      "Nobody in this selection can be sent this message now (see the reasons in the preview).",
    );
  if (count > SECOND_CONFIRMATION_ABOVE && input.confirmCount !== count)
    throw new ConflictError(
      input.confirmCount === undefined
        ? `This sends ${count} messages: type ${count} to confirm.`
        : `The number of recipients is now ${count}, not ${input.confirmCount} (the schedule or the opt-outs changed). Check the preview again and type ${count} to confirm.`,
    );
  const written = await writeCampaign(
    ctx,
    {
      practiceId: practice.id,
      kind: input.kind,
      selection: { ...input.selection, date: evaluation.window.date },
      evaluation,
      urgentReason: input.urgentReason ?? null,
      automatic: false,
    },
    now,
  );
  return {
    ...written,
    held: evaluation.heldUntil
      ? {
          at: evaluation.heldUntil,
          words: heldUntilWords(evaluation.heldUntil, now, practice.timezone),
        }
      : null,
  };
}

const campaignColumns = {
  id: outreachCampaigns.id,
  incidentId: outreachCampaigns.incidentId,
  kind: outreachCampaigns.kind,
  selection: outreachCampaigns.selection,
  automatic: outreachCampaigns.automatic,
  urgentReason: outreachCampaigns.urgentReason,
  recipients: outreachCampaigns.recipients,
  skipped: outreachCampaigns.skipped,
  sent: outreachCampaigns.sent,
  delivered: outreachCampaigns.delivered,
  failed: outreachCampaigns.failed,
  outbox: outreachCampaigns.outbox,
  stopped: outreachCampaigns.stopped,
  withheld: outreachCampaigns.withheld,
  status: outreachCampaigns.status,
  createdByName: outreachCampaigns.createdByName,
  createdAt: outreachCampaigns.createdAt,
  finishedAt: outreachCampaigns.finishedAt,
};

type CampaignRow = {
  [K in keyof typeof campaignColumns]: (typeof campaignColumns)[K]["_"]["notNull"] extends true
    ? (typeof campaignColumns)[K]["_"]["data"]
    : (typeof campaignColumns)[K]["_"]["data"] | null;
};

function campaignView(row: CampaignRow) {
  const waiting =
    row.recipients -
    row.sent -
    row.delivered -
    row.failed -
    row.outbox -
    row.stopped -
    row.withheld;
  const selection = row.selection as { date?: unknown };
  return {
    id: row.id,
    incidentId: row.incidentId,
    kind: row.kind,
    date: typeof selection.date === "string" ? selection.date : null,
    automatic: row.automatic,
    urgent: row.urgentReason !== null,
    status: row.status,
    counts: {
      recipients: row.recipients,
      skipped: row.skipped,
      waiting: Math.max(0, waiting),
      sent: row.sent,
      delivered: row.delivered,
      failed: row.failed,
      outbox: row.outbox,
      stopped: row.stopped,
      withheld: row.withheld,
    },
    createdByName: row.createdByName,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}

/**
 * The practice's campaigns with their counts, the settings and what sends: no patient data (the
 * urgent reason is typed by staff, so only whether there was one). For every role in scope.
 */
export async function listCampaigns(
  ctx: ServiceContext,
  input: z.infer<typeof outreachPracticeSchema>,
) {
  const practice = await practiceInScope(ctx, input.practiceId);
  const [rows, settings, providers] = await Promise.all([
    ctx.tx
      .select(campaignColumns)
      .from(outreachCampaigns)
      .where(
        and(eq(outreachCampaigns.mspId, ctx.mspId), eq(outreachCampaigns.practiceId, practice.id)),
      )
      .orderBy(desc(outreachCampaigns.createdAt), desc(outreachCampaigns.id))
      .limit(50),
    settingsOf(ctx, practice.id),
    outreachProviders(ctx, practice.id),
  ]);
  return {
    practice: { id: practice.id, name: practice.name, timezone: practice.timezone },
    campaigns: rows.map(campaignView),
    settings,
    providers,
  };
}

/** The campaign a request names, at a practice the caller sees; NOT_FOUND otherwise. */
async function campaignInScope(
  ctx: ServiceContext,
  input: z.infer<typeof outreachCampaignRefSchema>,
) {
  const practice = await practiceInScope(ctx, input.practiceId);
  const [campaign] = await ctx.tx
    .select(campaignColumns)
    .from(outreachCampaigns)
    .where(
      and(
        eq(outreachCampaigns.mspId, ctx.mspId),
        eq(outreachCampaigns.practiceId, practice.id),
        eq(outreachCampaigns.id, input.campaignId),
      ),
    );
  if (!campaign) throw new NotFoundError("Campaign");
  return { practice, campaign };
}

/**
 * One campaign's messages, per patient: first name, appointment time, channel, status, and the
 * text. Patient data: audited with counts.
 */
export async function listCampaignMessages(
  ctx: ServiceContext,
  input: z.infer<typeof outreachCampaignRefSchema>,
) {
  const { practice, campaign } = await campaignInScope(ctx, input);
  const rows = await ctx.tx
    .select({
      id: outreachMessages.id,
      appointmentId: outreachMessages.appointmentId,
      channel: outreachMessages.channel,
      language: outreachMessages.language,
      status: outreachMessages.status,
      toSealed: outreachMessages.toSealed,
      bodySealed: outreachMessages.bodySealed,
      sendAfter: outreachMessages.sendAfter,
      sentAt: outreachMessages.sentAt,
      deliveredAt: outreachMessages.deliveredAt,
      error: outreachMessages.error,
      updatedAt: outreachMessages.updatedAt,
      startsAt: scheduleAppointments.startsAt,
      providerName: scheduleAppointments.providerName,
      nameSealed: schedulePatients.nameSealed,
    })
    .from(outreachMessages)
    .innerJoin(
      scheduleAppointments,
      and(
        eq(scheduleAppointments.mspId, outreachMessages.mspId),
        eq(scheduleAppointments.id, outreachMessages.appointmentId),
      ),
    )
    .leftJoin(
      schedulePatients,
      and(
        eq(schedulePatients.mspId, outreachMessages.mspId),
        eq(schedulePatients.id, outreachMessages.patientId),
      ),
    )
    .where(and(eq(outreachMessages.mspId, ctx.mspId), eq(outreachMessages.campaignId, campaign.id)))
    .orderBy(asc(scheduleAppointments.startsAt), asc(outreachMessages.id))
    .limit(5_000);
  const messages = rows.map((row) => {
    const channel = row.channel as "sms" | "email";
    const name = openPatient(practice.id, "name", row.nameSealed);
    const text = openedText(
      channel,
      openPatient(practice.id, "outreachBody", row.bodySealed) ?? "",
    );
    return {
      id: row.id,
      appointmentId: row.appointmentId,
      firstName: name ? firstNameOf(name) : "",
      startsAt: row.startsAt,
      providerName: row.providerName,
      channel,
      to: maskedAddress(channel, openPatient(practice.id, "outreachTo", row.toSealed) ?? ""),
      language: row.language,
      status: row.status as MessageStatus,
      subject: text.subject || null,
      body: text.body,
      sendAfter: row.sendAfter,
      sentAt: row.sentAt,
      deliveredAt: row.deliveredAt,
      error: row.error,
      updatedAt: row.updatedAt,
    };
  });
  if (messages.length > 0)
    await recordAudit(ctx, {
      action: "outreach.messages_read",
      entityType: "outreach_campaign",
      entityId: campaign.id,
      practiceId: practice.id,
      summary: { messages: messages.length },
    });
  return {
    practice: { id: practice.id, name: practice.name, timezone: practice.timezone },
    campaign: { ...campaignView(campaign), urgentReason: campaign.urgentReason },
    messages,
  };
}

/**
 * One campaign's counts and each message's status and times, without names, numbers or texts: what
 * the page polls while a campaign is sending (the audited read of the messages is made once).
 */
export async function campaignStatuses(
  ctx: ServiceContext,
  input: z.infer<typeof outreachCampaignRefSchema>,
) {
  const { campaign } = await campaignInScope(ctx, input);
  const messages = await ctx.tx
    .select({
      id: outreachMessages.id,
      status: outreachMessages.status,
      sendAfter: outreachMessages.sendAfter,
      sentAt: outreachMessages.sentAt,
      deliveredAt: outreachMessages.deliveredAt,
      error: outreachMessages.error,
      updatedAt: outreachMessages.updatedAt,
    })
    .from(outreachMessages)
    .where(and(eq(outreachMessages.mspId, ctx.mspId), eq(outreachMessages.campaignId, campaign.id)))
    .limit(5_000);
  return {
    campaign: campaignView(campaign),
    messages: messages.map((message) => ({ ...message, status: message.status as MessageStatus })),
  };
}

/** Messages not yet begun: stop-all stops them at once (one already with the provider is not called back). */
const notYetBegun = or(
  inArray(outreachMessages.status, ["queued", "held"]),
  and(eq(outreachMessages.status, "sending"), isNull(outreachMessages.attemptStartedAt)),
);

/**
 * Stop all sending for the practice, at once: nothing more goes out until someone resumes, and every
 * message not yet handed to the provider is marked stopped (workers check before every send).
 */
export async function stopAllSending(
  ctx: ServiceContext,
  input: z.infer<typeof outreachPracticeSchema>,
  now = new Date(),
) {
  const practice = await practiceInScope(ctx, input.practiceId);
  const settings = await lockedSettingsOf(ctx, practice.id);
  if (!settings.stoppedAt)
    await ctx.tx
      .update(outreachSettings)
      .set({
        stoppedAt: now,
        stoppedByName: ctx.actor.name,
        version: sql`${outreachSettings.version} + 1`,
        updatedAt: now,
      })
      .where(
        and(eq(outreachSettings.mspId, ctx.mspId), eq(outreachSettings.practiceId, practice.id)),
      );
  const stopped = await ctx.tx
    .update(outreachMessages)
    .set({ status: "stopped", claimedUntil: null, updatedAt: now })
    .where(
      and(
        eq(outreachMessages.mspId, ctx.mspId),
        eq(outreachMessages.practiceId, practice.id),
        notYetBegun,
      ),
    )
    .returning({ campaignId: outreachMessages.campaignId });
  const campaigns = await ctx.tx
    .update(outreachCampaigns)
    .set({ status: "stopped" })
    .where(
      and(
        eq(outreachCampaigns.mspId, ctx.mspId),
        eq(outreachCampaigns.practiceId, practice.id),
        eq(outreachCampaigns.status, "sending"),
      ),
    )
    .returning({ id: outreachCampaigns.id });
  await refreshCampaignCounts(
    ctx,
    [...stopped.map((row) => row.campaignId), ...campaigns.map((row) => row.id)],
    now,
  );
  await recordAudit(ctx, {
    action: "outreach.stop_all",
    entityType: "practice",
    entityId: practice.id,
    practiceId: practice.id,
    summary: { stoppedMessages: stopped.length, campaigns: campaigns.length },
  });
  return { stoppedMessages: stopped.length, stoppedAt: settings.stoppedAt ?? now };
}

/** Allows sending again. Stopped messages stay stopped unless their campaign is resumed. */
export async function resumeSending(
  ctx: ServiceContext,
  input: z.infer<typeof outreachPracticeSchema>,
  now = new Date(),
) {
  const practice = await practiceInScope(ctx, input.practiceId, "change");
  const settings = await lockedSettingsOf(ctx, practice.id);
  if (!settings.stoppedAt) return { resumed: false };
  await ctx.tx
    .update(outreachSettings)
    .set({
      stoppedAt: null,
      stoppedByName: null,
      version: sql`${outreachSettings.version} + 1`,
      updatedAt: now,
    })
    .where(
      and(eq(outreachSettings.mspId, ctx.mspId), eq(outreachSettings.practiceId, practice.id)),
    );
  await recordAudit(ctx, {
    action: "outreach.resume",
    entityType: "practice",
    entityId: practice.id,
    practiceId: practice.id,
    summary: { stoppedFor: Math.round((now.getTime() - settings.stoppedAt.getTime()) / 1000) },
  });
  return { resumed: true };
}

/**
 * Sends a campaign's stopped messages, and its outbox once a provider is configured. Each is checked
 * again when its turn comes (opt-out, cancellation, quiet hours, the appointment's time).
 */
export async function resumeCampaign(
  ctx: ServiceContext,
  input: z.infer<typeof outreachCampaignRefSchema>,
  now = new Date(),
) {
  const practice = await practiceInScope(ctx, input.practiceId, "change");
  const settings = await lockedSettingsOf(ctx, practice.id);
  if (settings.stoppedAt) throw new InvalidError(stoppedMessage(settings.stoppedByName));
  const [campaign] = await ctx.tx
    .select({ id: outreachCampaigns.id, kind: outreachCampaigns.kind })
    .from(outreachCampaigns)
    .where(
      and(
        eq(outreachCampaigns.mspId, ctx.mspId),
        eq(outreachCampaigns.practiceId, practice.id),
        eq(outreachCampaigns.id, input.campaignId),
      ),
    );
  if (!campaign) throw new NotFoundError("Campaign");
  const providers = await outreachProviders(ctx, practice.id);
  const sendable: ("sms" | "email")[] = [
    ...(providers.sms ? (["sms"] as const) : []),
    ...(providers.email ? (["email"] as const) : []),
  ];
  const requeued = await ctx.tx
    .update(outreachMessages)
    .set({ status: "queued", sendAfter: now, claimedUntil: null, error: null, updatedAt: now })
    .where(
      and(
        eq(outreachMessages.mspId, ctx.mspId),
        eq(outreachMessages.campaignId, campaign.id),
        or(
          eq(outreachMessages.status, "stopped"),
          and(
            eq(outreachMessages.status, "outbox"),
            sendable.length ? inArray(outreachMessages.channel, sendable) : sql`false`,
          ),
        ),
      ),
    )
    .returning({ id: outreachMessages.id });
  if (requeued.length > 0) {
    await ctx.tx
      .update(outreachCampaigns)
      .set({ status: "sending", finishedAt: null })
      .where(and(eq(outreachCampaigns.mspId, ctx.mspId), eq(outreachCampaigns.id, campaign.id)));
    await refreshCampaignCounts(ctx, [campaign.id], now);
    await enqueueSending(ctx, practice.id);
  }
  await recordAudit(ctx, {
    action: "outreach.resume_campaign",
    entityType: "outreach_campaign",
    entityId: campaign.id,
    practiceId: practice.id,
    summary: { kind: campaign.kind, requeued: requeued.length },
  });
  return { requeued: requeued.length };
}

/** The practice's settings (the defaults until saved), for every role in scope: no patient data. */
export async function readOutreachSettings(
  ctx: ServiceContext,
  input: z.infer<typeof outreachPracticeSchema>,
) {
  const practice = await practiceInScope(ctx, input.practiceId);
  return settingsOf(ctx, practice.id);
}

/** Saves quiet hours, pace and automatic continuation; someone else's change since is a conflict. */
export async function saveOutreachSettings(
  ctx: ServiceContext,
  input: z.infer<typeof saveOutreachSettingsSchema>,
  now = new Date(),
) {
  const practice = await practiceInScope(ctx, input.practiceId, "change");
  const current = await settingsOf(ctx, practice.id, true);
  if (current.version !== input.version)
    throw new ConflictError(
      "Someone changed these settings meanwhile. The page shows theirs now; make your change again.",
    );
  const fields = {
    quietStart: input.quietStart,
    quietEnd: input.quietEnd,
    messagesPerMinute: input.messagesPerMinute,
    autoContinue: input.autoContinue,
    reminderHours: [...input.reminderHours].sort((a, b) => b - a),
  };
  const [saved] =
    input.version === 0
      ? await ctx.tx
          .insert(outreachSettings)
          .values({ mspId: ctx.mspId, practiceId: practice.id, ...fields, updatedAt: now })
          .onConflictDoNothing()
          .returning({ version: outreachSettings.version })
      : await ctx.tx
          .update(outreachSettings)
          .set({ ...fields, version: sql`${outreachSettings.version} + 1`, updatedAt: now })
          .where(
            and(
              eq(outreachSettings.mspId, ctx.mspId),
              eq(outreachSettings.practiceId, practice.id),
              eq(outreachSettings.version, input.version),
            ),
          )
          .returning({ version: outreachSettings.version });
  if (!saved)
    throw new ConflictError(
      "Someone changed these settings meanwhile. The page shows theirs now; make your change again.",
    );
  await recordAudit(ctx, {
    action: "outreach.settings",
    entityType: "practice",
    entityId: practice.id,
    practiceId: practice.id,
    summary: {
      ...fields,
      before: {
        quietStart: current.quietStart,
        quietEnd: current.quietEnd,
        messagesPerMinute: current.messagesPerMinute,
        autoContinue: current.autoContinue,
        reminderHours: current.reminderHours,
      },
    },
  });
  return { version: saved.version };
}
