import "server-only";
import { tracked } from "@trpc/server";
import { z } from "zod";
import { mayWorkPatientData, patientDataNotYetMessage } from "@/server/domain/patient-data-access";
import { readDowntimeLogInEmergency } from "@/server/services/emergency-access";
import { tooManyStreamsMessage } from "@/server/domain/request-limits";
import { incidentFeed, liveStreamSlots } from "@/server/services/incident-feed";
import {
  addLogEntrySchema,
  changeStatusSchema,
  checkItemSchema,
  closeIncidentSchema,
  declareIncidentSchema,
  escalateTicketSchema,
  incidentRefSchema,
  incidentSettingsSchema,
  linkIncidentsSchema,
  listIncidentsSchema,
  logEntryRefSchema,
  markDuplicateSchema,
  openTicketSchema,
  postIncidentReviewSchema,
  postUpdateSchema,
  practiceRefSchema,
  setEtaSchema,
  triageSchema,
} from "@/server/contracts/incidents";
import {
  checkReconciliationItem,
  closeIncident,
  savePostIncidentReview,
} from "@/server/services/incidents/close";
import { declareIncident, openOutagesAtPractice } from "@/server/services/incidents/declare";
import { duplicateCandidates, markDuplicate } from "@/server/services/incidents/duplicates";
import {
  addLogEntry,
  listDowntimeLog,
  markLogEntryEntered,
  markLogEntryVerified,
  removeLogEntry,
} from "@/server/services/incidents/downtime-log";
import { linkIncidents, vendorWideCandidates } from "@/server/services/incidents/link";
import { activeIncidents, listIncidents } from "@/server/services/incidents/list";
import { getIncident, listTimeline } from "@/server/services/incidents/read";
import {
  changeIncidentStatus,
  postUpdate,
  saveTriage,
  updateIncidentSettings,
} from "@/server/services/incidents/run";
import { escalateTicket, openTicket, setTicketEta } from "@/server/services/incidents/tickets";
import type { SessionUser } from "@/server/services/auth";
import { once } from "@/server/services/idempotency";
import { ForbiddenError, TooManyRequestsError } from "@/server/errors";
import {
  mappedStream,
  mspProcedure,
  practiceProcedure,
  readWhileStreaming,
  router,
} from "@/server/trpc";

const TIMELINE_PAGE = 500;

const timelineInput = incidentRefSchema.extend({
  /** Sent back by the client when it reconnects: the last entry it has. */
  lastEventId: z
    .string()
    .regex(/^\d{1,9}$/, "Unknown timeline position.")
    .nullish(),
});

/**
 * The live timeline from after the viewer's last entry. An idle stream is woken by a change, and
 * when the feed's LISTEN connection is back after an outage.
 */
async function* liveTimeline(
  viewer: SessionUser,
  input: z.infer<typeof timelineInput>,
  signal?: AbortSignal,
) {
  // A bounded number of open streams per person (per app server); the slot is given back when the stream ends.
  const release = liveStreamSlots().take(viewer.userId);
  if (!release) throw new TooManyRequestsError(tooManyStreamsMessage);
  try {
    let after = Number(input.lastEventId ?? 0);
    const access = { permission: "incidents.read", practiceId: input.practiceId, signal } as const;
    for await (const _ of incidentFeed().changes(input.incidentId, signal)) {
      // Read until caught up: a burst larger than one page must not wait for the next change.
      for (let caughtUp = false; !caughtUp;) {
        const entries = await readWhileStreaming(viewer, access, (s) =>
          listTimeline(s, { ...input, after }, TIMELINE_PAGE),
        );
        if (!entries) return;
        caughtUp = entries.length < TIMELINE_PAGE;
        for (const entry of entries) {
          after = entry.seq;
          yield tracked(String(entry.seq), entry);
        }
      }
    }
  } finally {
    release();
  }
}

export const incidentsRouter = router({
  list: mspProcedure("incidents.read")
    .input(listIncidentsSchema)
    .query(({ ctx, input }) => ctx.run((s) => listIncidents(s, input))),
  active: mspProcedure("incidents.read").query(({ ctx }) => ctx.run((s) => activeIncidents(s))),
  get: practiceProcedure("incidents.read")
    .input(incidentRefSchema)
    .query(({ ctx, input }) => ctx.run((s) => getIncident(s, input))),
  timeline: practiceProcedure("incidents.read")
    .input(incidentRefSchema)
    .query(({ ctx, input }) => ctx.run((s) => listTimeline(s, { ...input, after: 0 }))),
  /**
   * The live timeline (server-sent events). Every entry carries its sequence number as the event
   * id; a reconnecting client sends the last one back and gets everything after it. The session is
   * checked again before every read, so a signed-out or removed member's stream stops at once.
   */
  onTimeline: practiceProcedure("incidents.read")
    .input(timelineInput)
    .subscription(({ ctx, input, signal }) => mappedStream(liveTimeline(ctx.user, input, signal))),
  /** The practice's open outages: the declare form and the practice page offer to join them. */
  openAtPractice: practiceProcedure("incidents.read")
    .input(practiceRefSchema)
    .query(({ ctx, input }) => ctx.run((s) => openOutagesAtPractice(s, input))),
  /**
   * Refused with CONFLICT (data.detail.openOutage) while the practice has an open outage, unless
   * confirmDuplicate says the person chose to declare a separate one.
   */
  declare: practiceProcedure("incidents.write")
    .input(declareIncidentSchema)
    .mutation(({ ctx, input: { idempotencyKey, ...input } }) =>
      ctx.run((s) => once(s, idempotencyKey, "incident.declare", () => declareIncident(s, input))),
    ),
  changeStatus: practiceProcedure("incidents.write")
    .input(changeStatusSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => changeIncidentStatus(s, input))),
  postUpdate: practiceProcedure("incidents.write")
    .input(postUpdateSchema)
    .mutation(({ ctx, input: { idempotencyKey, ...input } }) =>
      ctx.run((s) => once(s, idempotencyKey, "incident.update", () => postUpdate(s, input))),
    ),
  saveTriage: practiceProcedure("incidents.write")
    .input(triageSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => saveTriage(s, input))),
  updateSettings: practiceProcedure("incidents.write")
    .input(incidentSettingsSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => updateIncidentSettings(s, input))),
  openTicket: practiceProcedure("incidents.write")
    .input(openTicketSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => openTicket(s, input))),
  escalateTicket: practiceProcedure("incidents.write")
    .input(escalateTicketSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => escalateTicket(s, input))),
  setTicketEta: practiceProcedure("incidents.write")
    .input(setEtaSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => setTicketEta(s, input))),
  checkItem: practiceProcedure("incidents.write")
    .input(checkItemSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => checkReconciliationItem(s, input))),
  close: practiceProcedure("incidents.write")
    .input(closeIncidentSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => closeIncident(s, input))),
  /** The outages this one may be marked a duplicate of (those who may close incidents). */
  duplicateCandidates: practiceProcedure("incidents.write")
    .input(incidentRefSchema)
    .query(({ ctx, input }) => ctx.run((s) => duplicateCandidates(s, input))),
  markDuplicate: practiceProcedure("incidents.write")
    .input(markDuplicateSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => markDuplicate(s, input))),
  saveReview: practiceProcedure("incidents.write")
    .input(postIncidentReviewSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => savePostIncidentReview(s, input))),
  vendorWide: mspProcedure("incidents.link").query(({ ctx }) =>
    ctx.run((s) => vendorWideCandidates(s)),
  ),
  link: mspProcedure("incidents.link")
    .input(linkIncidentsSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => linkIncidents(s, input))),
});

/**
 * Routine work on the log: a role that works it, and patient-data access that has begun (a role change
 * or invitation that gives it takes effect a day later). Both are read from the database with the
 * session on every request, so a demotion cuts the next read; the log's RLS policy checks the same.
 */
const routineLogProcedure = practiceProcedure("downtimeLog.access").use(({ ctx, next }) => {
  if (!mayWorkPatientData(ctx.user, new Date()))
    throw new ForbiddenError(patientDataNotYetMessage(ctx.user.patientDataAccessFrom));
  return next();
});

/** The downtime documentation log: patient data, for the practice's scope only; every read is audited. */
export const downtimeLogRouter = router({
  list: routineLogProcedure
    .input(incidentRefSchema)
    .query(({ ctx, input }) => ctx.run((s) => listDowntimeLog(s, input))),
  /** An MSP admin's read on a live emergency grant (emergencyAccess.request): read only, audited with the grant. */
  emergencyList: practiceProcedure("downtimeLog.emergency")
    .input(incidentRefSchema)
    .query(({ ctx, input }) => ctx.run((s) => readDowntimeLogInEmergency(s, input))),
  add: routineLogProcedure
    .input(addLogEntrySchema)
    .mutation(({ ctx, input: { idempotencyKey, ...input } }) =>
      ctx.run((s) => once(s, idempotencyKey, "downtime_log.add", () => addLogEntry(s, input))),
    ),
  markEntered: routineLogProcedure
    .input(logEntryRefSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => markLogEntryEntered(s, input))),
  markVerified: routineLogProcedure
    .input(logEntryRefSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => markLogEntryVerified(s, input))),
  remove: routineLogProcedure
    .input(logEntryRefSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => removeLogEntry(s, input))),
});
