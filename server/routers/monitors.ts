import "server-only";
import {
  createMonitorSchema,
  listMonitorsSchema,
  listMspMonitorsSchema,
  monitorHistorySchema,
  monitorRefSchema,
  pauseMonitorSchema,
  updateMonitorSchema,
  versionedMonitorRefSchema,
} from "@/server/contracts/monitors";
import {
  createMonitor,
  deleteMonitor,
  getMonitor,
  listMonitors,
  listMspMonitors,
  monitorableSystems,
  pauseMonitor,
  replacePushUrl,
  resumeMonitor,
  updateMonitor,
} from "@/server/services/monitors/manage";
import { monitorHistory } from "@/server/services/monitors/history";
import { mspProcedure, practiceProcedure, router } from "@/server/trpc";

/** Monitors on the systems of each practice's dependency map (checks run in the worker). */
export const monitorsRouter = router({
  list: practiceProcedure("monitors.read")
    .input(listMonitorsSchema)
    .query(({ ctx, input }) => ctx.run((s) => listMonitors(s, input))),
  /** Every monitor of the MSP the caller may see, down first. */
  listAll: mspProcedure("monitors.read")
    .input(listMspMonitorsSchema)
    .query(({ ctx, input }) => ctx.run((s) => listMspMonitors(s, input))),
  get: practiceProcedure("monitors.read")
    .input(monitorRefSchema)
    .query(({ ctx, input }) => ctx.run((s) => getMonitor(s, input))),
  /** Response time and availability: 24 hours in half-hours, 30 days in days. */
  history: practiceProcedure("monitors.read")
    .input(monitorHistorySchema)
    .query(({ ctx, input }) => ctx.run((s) => monitorHistory(s, input))),
  systems: practiceProcedure("monitors.read").query(({ ctx, input }) =>
    ctx.run((s) => monitorableSystems(s, input.practiceId)),
  ),
  create: practiceProcedure("monitors.write")
    .input(createMonitorSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => createMonitor(s, input, ctx.appUrl))),
  update: practiceProcedure("monitors.write")
    .input(updateMonitorSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => updateMonitor(s, input, ctx.appUrl))),
  pause: practiceProcedure("monitors.write")
    .input(pauseMonitorSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => pauseMonitor(s, input))),
  resume: practiceProcedure("monitors.write")
    .input(versionedMonitorRefSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => resumeMonitor(s, input))),
  delete: practiceProcedure("monitors.write")
    .input(versionedMonitorRefSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => deleteMonitor(s, input))),
  replacePushUrl: practiceProcedure("monitors.write")
    .input(versionedMonitorRefSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => replacePushUrl(s, input, ctx.appUrl))),
});
