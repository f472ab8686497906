import "server-only";
import {
  declareVendorWideSchema,
  dismissSuspectedSchema,
  dismissVendorWideSchema,
  incidentMonitorsSchema,
  practiceSuspectedSchema,
  suspectedOutageRefSchema,
} from "@/server/contracts/suspected-outages";
import { once } from "@/server/services/idempotency";
import {
  declareVendorWide,
  dismissSuspected,
  dismissVendorWide,
  getSuspected,
  incidentMonitors,
  listOpenSuspected,
  listPracticeSuspected,
} from "@/server/services/monitors/suspected";
import { mspProcedure, practiceProcedure, router } from "@/server/trpc";

/** Outages the monitors saw before anyone declared them; declared through incidents.declare. */
export const suspectedOutagesRouter = router({
  /** Open ones the caller may see (the portfolio asks again every few seconds). */
  open: mspProcedure("incidents.read").query(({ ctx }) => ctx.run((s) => listOpenSuspected(s))),
  forPractice: practiceProcedure("incidents.read")
    .input(practiceSuspectedSchema)
    .query(({ ctx, input }) => ctx.run((s) => listPracticeSuspected(s, input.practiceId))),
  get: practiceProcedure("incidents.read")
    .input(suspectedOutageRefSchema)
    .query(({ ctx, input }) => ctx.run((s) => getSuspected(s, input))),
  dismiss: practiceProcedure("incidents.write")
    .input(dismissSuspectedSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => dismissSuspected(s, input))),
  declareVendorWide: mspProcedure("incidents.link")
    .input(declareVendorWideSchema)
    .mutation(({ ctx, input: { idempotencyKey, ...input } }) =>
      ctx.run((s) =>
        once(s, idempotencyKey, "suspected_outage.declare_vendor_wide", () =>
          declareVendorWide(s, input),
        ),
      ),
    ),
  dismissVendorWide: mspProcedure("incidents.link")
    .input(dismissVendorWideSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => dismissVendorWide(s, input))),
  /** The monitors of an incident's systems, live, and whether their recovery suggests resolving. */
  incidentMonitors: practiceProcedure("incidents.read")
    .input(incidentMonitorsSchema)
    .query(({ ctx, input }) => ctx.run((s) => incidentMonitors(s, input))),
});
