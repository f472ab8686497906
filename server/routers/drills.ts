import "server-only";
import { cancelDrill, listDrills, scheduleDrill, updateDrill } from "@/server/services/drills";
import { drillRefSchema, scheduleDrillSchema, updateDrillSchema } from "@/server/contracts/drills";
import { practiceProcedure, router } from "@/server/trpc";

export const drillsRouter = router({
  list: practiceProcedure("drills.read").query(({ ctx, input }) =>
    ctx.run((s) => listDrills(s, input.practiceId)),
  ),
  schedule: practiceProcedure("drills.write")
    .input(scheduleDrillSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => scheduleDrill(s, input))),
  update: practiceProcedure("drills.write")
    .input(updateDrillSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => updateDrill(s, input))),
  cancel: practiceProcedure("drills.write")
    .input(drillRefSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => cancelDrill(s, input))),
});
