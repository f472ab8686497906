import "server-only";
import {
  listEmergencyAccess,
  listPatientDataAccessChanges,
  myEmergencyAccess,
  requestEmergencyAccess,
} from "@/server/services/emergency-access";
import {
  emergencyAccessPracticeSchema,
  requestEmergencyAccessSchema,
} from "@/server/contracts/emergency-access";
import { practiceProcedure, router } from "@/server/trpc";

/** Emergency ("break glass") access to a practice's downtime documentation log. */
export const emergencyAccessRouter = router({
  request: practiceProcedure("downtimeLog.emergency")
    .input(requestEmergencyAccessSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => requestEmergencyAccess(s, input))),
  mine: practiceProcedure("downtimeLog.emergency")
    .input(emergencyAccessPracticeSchema)
    .query(({ ctx, input }) => ctx.run((s) => myEmergencyAccess(s, input))),
  list: practiceProcedure("emergencyAccess.read")
    .input(emergencyAccessPracticeSchema)
    .query(({ ctx, input }) => ctx.run((s) => listEmergencyAccess(s, input))),
  /** Role changes and invitations that gave routine access to the practice's patient data, shown beside the grants. */
  routineAccessChanges: practiceProcedure("emergencyAccess.read")
    .input(emergencyAccessPracticeSchema)
    .query(({ ctx, input }) => ctx.run((s) => listPatientDataAccessChanges(s, input))),
});
