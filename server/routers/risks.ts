import "server-only";
import {
  changeRiskStatus,
  createRisk,
  getRisk,
  listRisks,
  updateRisk,
} from "@/server/services/risks";
import {
  changeRiskStatusSchema,
  createRiskSchema,
  listRisksSchema,
  riskRefSchema,
  updateRiskSchema,
} from "@/server/contracts/risks";
import { practiceProcedure, router } from "@/server/trpc";

export const risksRouter = router({
  list: practiceProcedure("risks.read")
    .input(listRisksSchema)
    .query(({ ctx, input }) => ctx.run((s) => listRisks(s, input))),
  get: practiceProcedure("risks.read")
    .input(riskRefSchema)
    .query(({ ctx, input }) => ctx.run((s) => getRisk(s, input))),
  create: practiceProcedure("risks.write")
    .input(createRiskSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => createRisk(s, input))),
  update: practiceProcedure("risks.write")
    .input(updateRiskSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => updateRisk(s, input))),
  changeStatus: practiceProcedure("risks.write")
    .input(changeRiskStatusSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => changeRiskStatus(s, input))),
});
