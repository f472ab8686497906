import "server-only";
import {
  mayWorkPatientData,
  patientDataNotYetMessage,
  worksPatientData,
} from "@/server/domain/patient-data-access";
import {
  addWalkInSchema,
  incidentMarksSchema,
  markAppointmentSchema,
  markEnteredSchema,
  markRefSchema,
  scheduleDaySchema,
  schedulePracticeSchema,
} from "@/server/contracts/schedule";
import { ForbiddenError } from "@/server/errors";
import { can } from "@/server/permissions";
import { once } from "@/server/services/idempotency";
import {
  addWalkIn,
  clearMark,
  listIncidentMarks,
  markAppointment,
  readScheduleDay,
  scheduleStatus,
  setMarkEntered,
} from "@/server/services/schedule/continuity";
import { practiceProcedure, router } from "@/server/trpc";

const leadershipMessage =
  "Leadership does not see patient data. The schedule copy holds patients' names, phone numbers and birth dates: the practice's managers and the MSP's technicians work it.";
const adminMarksMessage =
  "The front desk marks the schedule and enters the marks into the EHR: the practice's managers and the MSP's technicians. As an MSP admin you see how many there are in the incident's recovery.";

/**
 * The copy's patients: the roles that work patient data once their routine access has begun, and an
 * MSP admin (whose live emergency grant the service checks). Leadership is refused in words. Row-level
 * security checks the same again.
 */
const scheduleReadProcedure = practiceProcedure("practices.read").use(({ ctx, next }) => {
  const { user } = ctx;
  if (!can(user.role, "schedule.read")) throw new ForbiddenError(leadershipMessage);
  if (worksPatientData(user.role) && !mayWorkPatientData(user, new Date()))
    throw new ForbiddenError(patientDataNotYetMessage(user.patientDataAccessFrom));
  return next();
});

/** Marking the schedule and reconciling the marks: routine patient-data work only. */
const scheduleWorkProcedure = practiceProcedure("practices.read").use(({ ctx, next }) => {
  const { user } = ctx;
  if (!can(user.role, "schedule.mark"))
    throw new ForbiddenError(user.role === "admin" ? adminMarksMessage : leadershipMessage);
  if (!mayWorkPatientData(user, new Date()))
    throw new ForbiddenError(patientDataNotYetMessage(user.patientDataAccessFrom));
  return next();
});

/** The continuity schedule: the practice's schedule copy for the front desk, during an outage and on paper. */
export const scheduleRouter = router({
  /** Whether the practice keeps a copy and how old it is: no patient data. */
  status: practiceProcedure("practices.read")
    .input(schedulePracticeSchema)
    .query(({ ctx, input }) => ctx.run((s) => scheduleStatus(s, input))),
  day: scheduleReadProcedure
    .input(scheduleDaySchema)
    .query(({ ctx, input }) => ctx.run((s) => readScheduleDay(s, input))),
  mark: scheduleWorkProcedure
    .input(markAppointmentSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => markAppointment(s, input))),
  clearMark: scheduleWorkProcedure
    .input(markRefSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => clearMark(s, input))),
  addWalkIn: scheduleWorkProcedure
    .input(addWalkInSchema)
    .mutation(({ ctx, input: { idempotencyKey, ...input } }) =>
      ctx.run((s) => once(s, idempotencyKey, "schedule.walk_in", () => addWalkIn(s, input))),
    ),
  /** The incident's marks with the patients' names, for the recovery reconciliation. */
  reconciliationMarks: scheduleWorkProcedure
    .input(incidentMarksSchema)
    .query(({ ctx, input }) => ctx.run((s) => listIncidentMarks(s, input))),
  markEntered: scheduleWorkProcedure
    .input(markEnteredSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => setMarkEntered(s, input))),
});
