/**
 * Patients' texts back to the practice (issue 20, item 7). A reply is placed with the practice and
 * appointment of the last message Standby texted to that number; STOP, START and HELP are always
 * honoured, "C" cancels the appointment on the continuity schedule during an open outage (so it is a
 * line of the incident's recovery reconciliation), "Y" confirms it, and anything else waits in the
 * practice's replies inbox, where the front desk answers it.
 *
 * The same handling serves the provider's signed webhook (server/services/outreach/inbound-sms.ts)
 * and the demo's "Reply as the patient" on a message left in the outbox (no provider configured).
 *
 * Patient data, worked as the schedule copy is: technicians and the practice's managers whose
 * routine access has begun, never leadership; the number and the text are sealed; audit rows and
 * logs carry the action taken, never the number or the words.
 */
import "server-only";
import {
  and,
  asc,
  count,
  desc,
  eq,
  inArray,
  isNotNull,
  isNull,
  lt,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import type { z } from "zod";
import {
  notificationChannels,
  outreachMessages,
  outreachOptOuts,
  outreachReplies,
  practiceSites,
  scheduleAppointments,
  scheduleMarks,
  schedulePatients,
} from "@/db/schema";
import type {
  answerReplySchema,
  markReplyHandledSchema,
  ReplyAction,
  replyInboxSchema,
  simulateReplySchema,
} from "@/server/contracts/outreach-replies";
import { scheduleMarkLabels } from "@/server/contracts/schedule";
import { normalisePhone } from "@/server/domain/phone-number";
import { helpAnswer, replyActionOf } from "@/server/domain/reply-words";
import { DomainError, InvalidError, NotFoundError } from "@/server/errors";
import {
  practiceInScope,
  recordAudit,
  type Actor,
  type ServiceContext,
} from "@/server/services/context";
import { destinationOf } from "@/server/services/notifications/channels";
import { outboundRules } from "@/server/services/notifications/config";
import { sendSmsText, type SmsDestination } from "@/server/services/notifications/send";
import { markAppointment, openOutages } from "@/server/services/schedule/continuity";
import { addressHashesOf, openPatient, sealPatient } from "@/server/services/schedule/patient-data";

/** Who a patient's text acts as: the marks it makes and its audit rows name the patient's text, never a member. */
export const patientTextActor: Actor = { userId: null, name: "Patient, by text reply" };

/** handledByName of a reply Standby acted on by itself. */
export const STANDBY_HANDLED = "Standby";

/** The note a "C" leaves on the appointment's mark. */
const cancelledByTextNote = "The patient replied C to the text message to cancel.";

const INBOX_PAGE_SIZE = 25;

/** Where a text belongs: its practice, and the message and appointment it answers when known. */
export type ReplyPlace = {
  practiceId: string;
  messageId: string | null;
  appointmentId: string | null;
};

/**
 * The practice and appointment a text from this number answers, on this SMS channel: those of the
 * last message Standby texted to the number (its keyed hash under any configured key) at the
 * channel's practice (any practice of the MSP for an MSP-wide channel); else, for a channel of one
 * practice, that practice without an appointment; else nowhere (null).
 */
export async function placeInboundText(
  ctx: ServiceContext,
  channel: { practiceId: string | null },
  fromHashes: readonly string[],
): Promise<ReplyPlace | null> {
  const [message] = await ctx.tx
    .select({
      id: outreachMessages.id,
      practiceId: outreachMessages.practiceId,
      appointmentId: outreachMessages.appointmentId,
    })
    .from(outreachMessages)
    .where(
      and(
        eq(outreachMessages.mspId, ctx.mspId),
        inArray(outreachMessages.toHash, [...fromHashes]),
        eq(outreachMessages.channel, "sms"),
        isNotNull(outreachMessages.sentAt),
        channel.practiceId ? eq(outreachMessages.practiceId, channel.practiceId) : undefined,
      ),
    )
    .orderBy(desc(outreachMessages.sentAt), desc(outreachMessages.id))
    .limit(1);
  if (message)
    return {
      practiceId: message.practiceId,
      messageId: message.id,
      appointmentId: message.appointmentId,
    };
  return channel.practiceId
    ? { practiceId: channel.practiceId, messageId: null, appointmentId: null }
    : null;
}

/** The practice's name and its main site's phone, for the HELP answer. */
async function practiceContact(ctx: ServiceContext, practiceId: string) {
  const practice = await practiceInScope(ctx, practiceId);
  const [site] = await ctx.tx
    .select({ phone: practiceSites.phone })
    .from(practiceSites)
    .where(and(eq(practiceSites.mspId, ctx.mspId), eq(practiceSites.practiceId, practiceId)))
    .orderBy(asc(practiceSites.position))
    .limit(1);
  return { name: practice.name, phone: site?.phone ?? null };
}

/**
 * Marks the appointment cancelled on the continuity schedule of the practice's latest open outage, as
 * the front desk would (markAppointment: the same mark, the same reconciliation line). Returns the
 * outage, or null when none is open or the mark cannot be made (the appointment is gone from the
 * copy, or the front desk marked it otherwise meanwhile): the reply then waits in the inbox.
 */
async function cancelOnSchedule(
  ctx: ServiceContext,
  place: ReplyPlace & { appointmentId: string },
  now: Date,
): Promise<string | null> {
  const [outage] = await openOutages(ctx, place.practiceId);
  if (!outage) return null;
  try {
    await markAppointment(
      { ...ctx, actor: patientTextActor },
      {
        practiceId: place.practiceId,
        incidentId: outage.id,
        appointmentId: place.appointmentId,
        kind: "cancelled",
        note: cancelledByTextNote,
      },
      now,
    );
    return outage.id;
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}

export type ReplyOutcome = {
  replyId: string | null;
  action: ReplyAction;
  /** Standby did what the text asked; false: it waits in the inbox. */
  handled: boolean;
  /** What to text back at once (HELP), or null. */
  answer: string | null;
  /** The provider sent this text before: nothing was done again. */
  duplicate: boolean;
};

/**
 * Takes one text in: records it (sealed), does what it asks, and audits the action (never the
 * number or the words). The provider's message id makes it happen once: the same text delivered
 * twice finds its first record and changes nothing.
 */
export async function takeReply(
  ctx: ServiceContext,
  reply: {
    place: ReplyPlace;
    /** The SMS channel it arrived on; null for a reply made in Standby (the demo's outbox). */
    channelId: string | null;
    from: string;
    text: string;
    providerMessageId: string | null;
  },
  now = new Date(),
): Promise<ReplyOutcome> {
  const { place } = reply;
  const action = replyActionOf(reply.text);
  const hashes = addressHashesOf(reply.from);
  const [inserted] = await ctx.tx
    .insert(outreachReplies)
    .values({
      mspId: ctx.mspId,
      practiceId: place.practiceId,
      messageId: place.messageId,
      appointmentId: place.appointmentId,
      fromHash: hashes[0]!,
      fromSealed: sealPatient(place.practiceId, "replyFrom", reply.from),
      bodySealed: sealPatient(place.practiceId, "replyText", reply.text),
      action,
      providerMessageId: reply.providerMessageId,
      channelId: reply.channelId,
      receivedAt: now,
    })
    .onConflictDoNothing({
      target: outreachReplies.providerMessageId,
      where: sql`${outreachReplies.providerMessageId} is not null`,
    })
    .returning({ id: outreachReplies.id });
  if (!inserted) {
    const [earlier] = await ctx.tx
      .select({ id: outreachReplies.id, practiceId: outreachReplies.practiceId })
      .from(outreachReplies)
      .where(
        and(
          eq(outreachReplies.mspId, ctx.mspId),
          eq(outreachReplies.providerMessageId, reply.providerMessageId!),
        ),
      );
    let answer: string | null = null;
    if (earlier && action === "help") {
      const contact = await practiceContact(ctx, earlier.practiceId);
      answer = helpAnswer(contact.name, contact.phone);
    }
    return { replyId: earlier?.id ?? null, action, handled: false, answer, duplicate: true };
  }

  let handled = false;
  let answer: string | null = null;
  let incidentId: string | null = null;
  switch (action) {
    case "stop":
      await ctx.tx
        .insert(outreachOptOuts)
        .values({
          mspId: ctx.mspId,
          practiceId: place.practiceId,
          addressHash: hashes[0]!,
          optedOutAt: now,
        })
        .onConflictDoNothing();
      handled = true;
      break;
    case "start":
      await ctx.tx
        .delete(outreachOptOuts)
        .where(
          and(
            eq(outreachOptOuts.mspId, ctx.mspId),
            eq(outreachOptOuts.practiceId, place.practiceId),
            inArray(outreachOptOuts.addressHash, hashes),
          ),
        );
      handled = true;
      break;
    case "help": {
      const contact = await practiceContact(ctx, place.practiceId);
      answer = helpAnswer(contact.name, contact.phone);
      handled = true;
      break;
    }
    case "confirm":
      handled = place.appointmentId !== null;
      break;
    case "cancel":
      if (place.appointmentId)
        incidentId = await cancelOnSchedule(
          ctx,
          { ...place, appointmentId: place.appointmentId },
          now,
        );
      handled = incidentId !== null;
      break;
    case "inbox":
      break;
  }
  if (handled)
    await ctx.tx
      .update(outreachReplies)
      .set({ handledAt: now, handledByName: STANDBY_HANDLED })
      .where(and(eq(outreachReplies.mspId, ctx.mspId), eq(outreachReplies.id, inserted.id)));
  await recordAudit(
    { ...ctx, actor: patientTextActor },
    {
      action: "outreach.reply_received",
      entityType: "outreach_reply",
      entityId: inserted.id,
      practiceId: place.practiceId,
      summary: {
        action,
        handled,
        via: reply.providerMessageId ? "provider" : "demo",
        ...(place.messageId ? { messageId: place.messageId } : {}),
        ...(incidentId ? { incidentId } : {}),
      },
    },
  );
  return { replyId: inserted.id, action, handled, answer, duplicate: false };
}

// ---------------------------------------------------------------------------------------------
// The demo: a patient's reply to a message in the outbox

/**
 * "Reply as the patient": with no SMS provider, messages wait in the outbox, and whoever works the
 * practice's patient data may answer one as its patient would, to try the whole path. Only a message
 * in the outbox (never one really sent, whose patient answers from their phone); the text is handled
 * exactly as the provider's would be. The signed webhook never comes here.
 */
export async function simulateReply(
  ctx: ServiceContext,
  input: Omit<z.infer<typeof simulateReplySchema>, "idempotencyKey">,
  now = new Date(),
) {
  await practiceInScope(ctx, input.practiceId, "change");
  const [message] = await ctx.tx
    .select({
      id: outreachMessages.id,
      status: outreachMessages.status,
      channel: outreachMessages.channel,
      appointmentId: outreachMessages.appointmentId,
      phoneSealed: schedulePatients.phoneSealed,
    })
    .from(outreachMessages)
    .leftJoin(
      schedulePatients,
      and(
        eq(schedulePatients.mspId, outreachMessages.mspId),
        eq(schedulePatients.id, outreachMessages.patientId),
      ),
    )
    .where(
      and(
        eq(outreachMessages.mspId, ctx.mspId),
        eq(outreachMessages.practiceId, input.practiceId),
        eq(outreachMessages.id, input.messageId),
      ),
    );
  if (!message) throw new NotFoundError("Message");
  if (message.status !== "outbox")
    throw new InvalidError(
      "Only a message in the outbox (not sent: no SMS provider configured) can be answered here. A message that was sent is answered from the patient's phone.",
    );
  if (message.channel !== "sms")
    throw new InvalidError("Only a text message can be answered by text.");
  const from = normalisePhone(openPatient(input.practiceId, "phone", message.phoneSealed) ?? "");
  if (!from)
    throw new InvalidError("The schedule copy has no mobile number for this patient any more.");
  const outcome = await takeReply(
    ctx,
    {
      place: {
        practiceId: input.practiceId,
        messageId: message.id,
        appointmentId: message.appointmentId,
      },
      channelId: null,
      from,
      text: input.text,
      providerMessageId: null,
    },
    now,
  );
  await recordAudit(ctx, {
    action: "outreach.reply_simulated",
    entityType: "outreach_message",
    entityId: message.id,
    practiceId: input.practiceId,
    summary: { action: outcome.action, replyId: outcome.replyId },
  });
  return {
    replyId: outcome.replyId,
    action: outcome.action,
    handled: outcome.handled,
    answer: outcome.answer,
  };
}

// ---------------------------------------------------------------------------------------------
// The replies inbox

/** One answer the front desk wrote, kept sealed with the reply (a list: a conversation may go on). */
export type ReplyAnswer = {
  text: string;
  at: Date;
  byName: string;
  /** sent: the provider took it; not_sent: kept here only (no provider, or a demo reply); failed: the provider refused it. */
  outcome: "sent" | "not_sent" | "failed";
  detail: string;
};

function answersOf(practiceId: string, sealed: string | null): ReplyAnswer[] {
  const opened = openPatient(practiceId, "replyAnswers", sealed);
  if (!opened) return [];
  try {
    return (JSON.parse(opened) as (ReplyAnswer & { at: string })[]).map((answer) => ({
      ...answer,
      at: new Date(answer.at),
    }));
  } catch {
    return []; // unreadable (the key changed): nothing to show
  }
}

/**
 * The SMS channel that answers a patient's text: the one it arrived on, so the answer comes from the
 * number the patient wrote to, while that channel is still set up; else the practice's own before the
 * MSP's, one set up for patient outreach before another, the oldest first. Null: no provider is
 * configured.
 */
async function answeringChannel(ctx: ServiceContext, practiceId: string, arrivedOn: string | null) {
  const channels = await ctx.tx
    .select()
    .from(notificationChannels)
    .where(
      and(
        eq(notificationChannels.mspId, ctx.mspId),
        eq(notificationChannels.kind, "sms"),
        isNull(notificationChannels.removedAt),
        or(
          eq(notificationChannels.practiceId, practiceId),
          isNull(notificationChannels.practiceId),
        ),
      ),
    )
    .orderBy(asc(notificationChannels.createdAt), asc(notificationChannels.id));
  const rank = (channel: (typeof channels)[number]) =>
    (channel.id === arrivedOn ? -4 : 0) +
    (channel.practiceId ? 0 : 2) +
    ((channel.settings as { patientOutreach?: boolean }).patientOutreach ? 0 : 1);
  return [...channels].sort((a, b) => rank(a) - rank(b))[0] ?? null;
}

/** What the front desk should know about a reply Standby could not act on by itself. */
function noteOf(
  reply: { action: ReplyAction; handledAt: Date | null; appointmentId: string | null },
  appointment: { removed: boolean } | null,
  mark: { kind: keyof typeof scheduleMarkLabels; markedByName: string } | null,
): string | null {
  if (reply.action !== "cancel" && reply.action !== "confirm") return null;
  if (!reply.appointmentId)
    return `Standby could not tell which appointment this ${reply.action === "cancel" ? "cancels" : "confirms"}: the number was not texted about one. Find the patient's appointment, then mark this handled.`;
  if (reply.action === "confirm") return null;
  if (mark?.kind === "cancelled")
    return "Marked cancelled on the continuity schedule: it is a line of the outage's recovery reconciliation.";
  if (mark)
    return `Not marked: ${mark.markedByName} had marked this appointment ${scheduleMarkLabels[mark.kind].toLowerCase()} during the outage. Check with the patient, then mark this handled.`;
  if (appointment?.removed)
    return "Not marked: the appointment is no longer in the schedule copy. Check the EHR, then mark this handled.";
  return "Not marked: no outage was open when the patient asked, so the continuity schedule was not changed. Cancel the appointment in the EHR, then mark this handled.";
}

async function openReplyCount(ctx: ServiceContext, practiceId: string): Promise<number> {
  const [row] = await ctx.tx
    .select({ open: count() })
    .from(outreachReplies)
    .where(
      and(
        eq(outreachReplies.mspId, ctx.mspId),
        eq(outreachReplies.practiceId, practiceId),
        isNull(outreachReplies.handledAt),
      ),
    );
  return row?.open ?? 0;
}

/** How many replies wait for the front desk (no patient data: for the Schedule page's link). */
export async function countOpenReplies(
  ctx: ServiceContext,
  input: { practiceId: string },
): Promise<{ open: number }> {
  await practiceInScope(ctx, input.practiceId);
  return { open: await openReplyCount(ctx, input.practiceId) };
}

/**
 * One page of the practice's replies, newest first: open ones (waiting for the front desk) or those
 * handled. Each with the number and the text, the patient's name from the copy when the number is
 * that of the appointment's patient, what Standby did, and the answers sent. Audited with counts.
 */
export async function listReplies(ctx: ServiceContext, input: z.infer<typeof replyInboxSchema>) {
  const practice = await practiceInScope(ctx, input.practiceId);
  const conditions: (SQL | undefined)[] = [
    eq(outreachReplies.mspId, ctx.mspId),
    eq(outreachReplies.practiceId, practice.id),
    input.status === "open"
      ? isNull(outreachReplies.handledAt)
      : isNotNull(outreachReplies.handledAt),
  ];
  if (input.cursor) {
    // Compared as timestamptz text: a JavaScript Date would drop PostgreSQL's microseconds.
    const at = sql`${input.cursor.receivedAt}::timestamptz`;
    conditions.push(
      or(
        sql`${outreachReplies.receivedAt} < ${at}`,
        and(sql`${outreachReplies.receivedAt} = ${at}`, lt(outreachReplies.id, input.cursor.id)),
      ),
    );
  }
  const rows = await ctx.tx
    .select({
      id: outreachReplies.id,
      action: outreachReplies.action,
      fromSealed: outreachReplies.fromSealed,
      bodySealed: outreachReplies.bodySealed,
      answerSealed: outreachReplies.answerSealed,
      appointmentId: outreachReplies.appointmentId,
      messageId: outreachReplies.messageId,
      viaProvider: sql<boolean>`${outreachReplies.providerMessageId} is not null`,
      receivedAt: outreachReplies.receivedAt,
      cursorAt: sql<string>`to_char(${outreachReplies.receivedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      handledAt: outreachReplies.handledAt,
      handledByName: outreachReplies.handledByName,
      startsAt: scheduleAppointments.startsAt,
      providerName: scheduleAppointments.providerName,
      locationName: scheduleAppointments.locationName,
      removedAt: scheduleAppointments.removedAt,
      nameSealed: schedulePatients.nameSealed,
      phoneSealed: schedulePatients.phoneSealed,
    })
    .from(outreachReplies)
    .leftJoin(
      scheduleAppointments,
      and(
        eq(scheduleAppointments.mspId, outreachReplies.mspId),
        eq(scheduleAppointments.id, outreachReplies.appointmentId),
      ),
    )
    .leftJoin(
      schedulePatients,
      and(
        eq(schedulePatients.mspId, scheduleAppointments.mspId),
        eq(schedulePatients.id, scheduleAppointments.patientId),
      ),
    )
    .where(and(...conditions))
    .orderBy(desc(outreachReplies.receivedAt), desc(outreachReplies.id))
    .limit(INBOX_PAGE_SIZE + 1);
  const page = rows.slice(0, INBOX_PAGE_SIZE);

  // The latest mark on each appointment asked to be cancelled, for the note on what was done.
  const cancelled = [
    ...new Set(
      page
        .filter((row) => row.action === "cancel" && row.appointmentId)
        .map((row) => row.appointmentId!),
    ),
  ];
  const marks = cancelled.length
    ? await ctx.tx
        .selectDistinctOn([scheduleMarks.appointmentId], {
          appointmentId: scheduleMarks.appointmentId,
          kind: scheduleMarks.kind,
          markedByName: scheduleMarks.markedByName,
        })
        .from(scheduleMarks)
        .where(
          and(
            eq(scheduleMarks.mspId, ctx.mspId),
            eq(scheduleMarks.practiceId, practice.id),
            inArray(scheduleMarks.appointmentId, cancelled),
          ),
        )
        .orderBy(scheduleMarks.appointmentId, desc(scheduleMarks.markedAt))
    : [];
  const markOf = new Map(marks.map((mark) => [mark.appointmentId!, mark]));

  const items = page.map((row) => {
    const from = openPatient(practice.id, "replyFrom", row.fromSealed)!;
    const patientPhone = normalisePhone(openPatient(practice.id, "phone", row.phoneSealed) ?? "");
    const action = row.action;
    const appointment =
      row.appointmentId && row.startsAt
        ? {
            id: row.appointmentId,
            startsAt: row.startsAt,
            providerName: row.providerName ?? "",
            locationName: row.locationName ?? "",
            removed: row.removedAt !== null,
          }
        : null;
    return {
      id: row.id,
      receivedAt: row.receivedAt,
      action,
      from,
      text: openPatient(practice.id, "replyText", row.bodySealed)!,
      patientName:
        patientPhone && patientPhone === from
          ? openPatient(practice.id, "name", row.nameSealed)
          : null,
      appointment,
      /** The message it answers; a demo reply's patient may reply again from the outbox. */
      messageId: row.messageId,
      viaProvider: row.viaProvider,
      handledAt: row.handledAt,
      handledByName: row.handledByName,
      note: noteOf(row, appointment, markOf.get(row.appointmentId ?? "") ?? null),
      answers: answersOf(practice.id, row.answerSealed),
    };
  });
  const last = page.at(-1);
  const openCount = await openReplyCount(ctx, practice.id);
  if (items.length > 0)
    await recordAudit(ctx, {
      action: "outreach.replies_read",
      entityType: "practice",
      entityId: practice.id,
      practiceId: practice.id,
      summary: { status: input.status, replies: items.length },
    });
  return {
    practice: { id: practice.id, name: practice.name, timezone: practice.timezone },
    status: input.status,
    items,
    nextCursor:
      rows.length > INBOX_PAGE_SIZE && last ? { receivedAt: last.cursorAt, id: last.id } : null,
    openCount,
    /** Whether an answer goes out by text (an SMS provider is configured) or is kept here as not sent. */
    answersAreSent: (await answeringChannel(ctx, practice.id, null)) !== null,
  };
}

export type ReplyInbox = Awaited<ReturnType<typeof listReplies>>;

async function replyOf(ctx: ServiceContext, practiceId: string, replyId: string) {
  const [reply] = await ctx.tx
    .select()
    .from(outreachReplies)
    .where(
      and(
        eq(outreachReplies.mspId, ctx.mspId),
        eq(outreachReplies.practiceId, practiceId),
        eq(outreachReplies.id, replyId),
      ),
    )
    .for("update");
  if (!reply) throw new NotFoundError("Reply");
  return reply;
}

/**
 * The front desk's answer to a reply, texted to the number it came from through the practice's SMS
 * provider. A reply made in the demo (no provider), or a practice without a provider, keeps the
 * answer here marked not sent. Answering handles the reply. A number that texted STOP is not texted.
 */
export async function answerReply(
  ctx: ServiceContext,
  input: Omit<z.infer<typeof answerReplySchema>, "idempotencyKey">,
  now = new Date(),
) {
  await practiceInScope(ctx, input.practiceId, "change");
  const reply = await replyOf(ctx, input.practiceId, input.replyId);
  const [optedOut] = await ctx.tx
    .select({ at: outreachOptOuts.optedOutAt })
    .from(outreachOptOuts)
    .where(
      and(
        eq(outreachOptOuts.mspId, ctx.mspId),
        eq(outreachOptOuts.practiceId, input.practiceId),
        eq(outreachOptOuts.addressHash, reply.fromHash),
      ),
    );
  if (optedOut)
    throw new InvalidError(
      "This number texted STOP: the practice sends it nothing more until it texts START. Call the patient instead.",
    );

  const to = normalisePhone(openPatient(input.practiceId, "replyFrom", reply.fromSealed) ?? "");
  const channel = reply.providerMessageId
    ? await answeringChannel(ctx, input.practiceId, reply.channelId)
    : null;
  let sent: Pick<ReplyAnswer, "outcome" | "detail">;
  if (!reply.providerMessageId)
    sent = {
      outcome: "not_sent",
      detail:
        "Not sent: the patient's reply was made in Standby (demo), so the answer is kept here.",
    };
  else if (!channel)
    sent = {
      outcome: "not_sent",
      detail: "Not sent: no SMS provider is configured, so the answer is kept here.",
    };
  else if (!to)
    sent = { outcome: "failed", detail: "The number this reply came from cannot be read." };
  else {
    const destination = destinationOf(channel, to, undefined, "") as SmsDestination;
    const result = await sendSmsText(destination, input.text, outboundRules());
    sent =
      result.result === "failed"
        ? { outcome: "failed", detail: `Not sent: ${result.detail}` }
        : { outcome: "sent", detail: `Sent through ${channel.name}.` };
  }
  const answers: ReplyAnswer[] = [
    ...answersOf(input.practiceId, reply.answerSealed),
    { text: input.text, at: now, byName: ctx.actor.name, ...sent },
  ];
  await ctx.tx
    .update(outreachReplies)
    .set({
      answerSealed: sealPatient(input.practiceId, "replyAnswers", JSON.stringify(answers)),
      handledAt: reply.handledAt ?? now,
      handledByName: reply.handledAt ? reply.handledByName : ctx.actor.name,
    })
    .where(and(eq(outreachReplies.mspId, ctx.mspId), eq(outreachReplies.id, reply.id)));
  await recordAudit(ctx, {
    action: "outreach.reply_answer",
    entityType: "outreach_reply",
    entityId: reply.id,
    practiceId: input.practiceId,
    summary: { outcome: sent.outcome },
  });
  return sent;
}

/** Marks a reply handled (or open again, when marked by mistake). */
export async function markReplyHandled(
  ctx: ServiceContext,
  input: z.infer<typeof markReplyHandledSchema>,
  now = new Date(),
) {
  await practiceInScope(ctx, input.practiceId, "change");
  const reply = await replyOf(ctx, input.practiceId, input.replyId);
  if ((reply.handledAt !== null) === input.handled) return { handled: input.handled };
  await ctx.tx
    .update(outreachReplies)
    .set(
      input.handled
        ? { handledAt: now, handledByName: ctx.actor.name }
        : { handledAt: null, handledByName: null },
    )
    .where(and(eq(outreachReplies.mspId, ctx.mspId), eq(outreachReplies.id, reply.id)));
  await recordAudit(ctx, {
    action: input.handled ? "outreach.reply_handled" : "outreach.reply_reopened",
    entityType: "outreach_reply",
    entityId: reply.id,
    practiceId: input.practiceId,
    summary: { action: reply.action },
  });
  return { handled: input.handled };
}
