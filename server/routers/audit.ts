import "server-only";
import { listAuditEvents, listAuditEventsSchema } from "@/server/services/audit";
import { mspProcedure, router } from "@/server/trpc";

export const auditRouter = router({
  list: mspProcedure("audit.read")
    .input(listAuditEventsSchema)
    .query(({ ctx, input }) => ctx.run((s) => listAuditEvents(s, input))),
});
