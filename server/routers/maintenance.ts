import "server-only";
import {
  cancelMaintenanceSchema,
  createMaintenanceSchema,
  endMaintenanceNowSchema,
  maintenanceRefSchema,
  postponeMaintenanceSchema,
  prepItemDoneSchema,
  prepItemOwnerSchema,
  startMaintenanceNowSchema,
  updateMaintenanceSchema,
  vendorNightSchema,
} from "@/server/contracts/maintenance";
import {
  getMaintenance,
  listMaintenance,
  setPrepItemDone,
  setPrepItemOwner,
  upcomingMaintenance,
} from "@/server/services/maintenance/read";
import {
  cancelMaintenance,
  createMaintenance,
  createVendorNight,
  endMaintenanceNow,
  postponeMaintenance,
  startMaintenanceNow,
  updateMaintenance,
} from "@/server/services/maintenance/windows";
import { mspProcedure, practiceProcedure, router } from "@/server/trpc";

export const maintenanceRouter = router({
  list: practiceProcedure("maintenance.read").query(({ ctx, input }) =>
    ctx.run((s) => listMaintenance(s, input.practiceId)),
  ),
  get: practiceProcedure("maintenance.read")
    .input(maintenanceRefSchema)
    .query(({ ctx, input }) => ctx.run((s) => getMaintenance(s, input))),
  /** In progress or starting in the next 24 hours, at every practice in the caller's scope. */
  upcoming: mspProcedure("maintenance.read").query(({ ctx }) =>
    ctx.run((s) => upcomingMaintenance(s)),
  ),
  /** The practice's windows in progress or starting in the next 7 days (its overview). */
  upcomingAtPractice: practiceProcedure("maintenance.read").query(({ ctx, input }) =>
    ctx.run((s) =>
      upcomingMaintenance(s, new Date(), { practiceId: input.practiceId, hours: 7 * 24 }),
    ),
  ),
  create: practiceProcedure("maintenance.write")
    .input(createMaintenanceSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => createMaintenance(s, input))),
  update: practiceProcedure("maintenance.write")
    .input(updateMaintenanceSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => updateMaintenance(s, input))),
  postpone: practiceProcedure("maintenance.write")
    .input(postponeMaintenanceSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => postponeMaintenance(s, input))),
  cancel: practiceProcedure("maintenance.write")
    .input(cancelMaintenanceSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => cancelMaintenance(s, input))),
  startNow: practiceProcedure("maintenance.write")
    .input(startMaintenanceNowSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => startMaintenanceNow(s, input))),
  end: practiceProcedure("maintenance.write")
    .input(endMaintenanceNowSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => endMaintenanceNow(s, input))),
  setPrepDone: practiceProcedure("maintenance.write")
    .input(prepItemDoneSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => setPrepItemDone(s, input))),
  setPrepOwner: practiceProcedure("maintenance.write")
    .input(prepItemOwnerSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => setPrepItemOwner(s, input))),
  planVendorNight: mspProcedure("maintenance.vendorNight")
    .input(vendorNightSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => createVendorNight(s, input))),
});
