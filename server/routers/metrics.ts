import "server-only";
import { quarterlyMetrics } from "@/server/services/metrics";
import { metricsScopeSchema } from "@/server/contracts/metrics";
import { mspProcedure, router } from "@/server/trpc";

export const metricsRouter = router({
  quarterly: mspProcedure("metrics.read")
    .input(metricsScopeSchema)
    .query(({ ctx, input }) => ctx.run((s) => quarterlyMetrics(s, input))),
});
