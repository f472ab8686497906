import "server-only";
import {
  archivePracticeSchema,
  createPractice,
  getPractice,
  listPracticeChoices,
  listPractices,
  listPracticesSchema,
  setPracticeArchived,
  updatePractice,
  updatePracticeSchema,
} from "@/server/services/practices";
import { practiceChoicesSchema, practiceFieldsSchema } from "@/server/contracts/practices";
import { listPortfolio } from "@/server/services/portfolio";
import { portfolioSchema } from "@/server/contracts/portfolio";
import { whoToCall } from "@/server/services/support-line";
import { mspProcedure, practiceProcedure, router } from "@/server/trpc";

export const practicesRouter = router({
  list: mspProcedure("practices.read")
    .input(listPracticesSchema)
    .query(({ ctx, input }) => ctx.run((s) => listPractices(s, input))),
  /** A picker's options: active practices in scope by name. */
  choices: mspProcedure("practices.read")
    .input(practiceChoicesSchema)
    .query(({ ctx, input }) => ctx.run((s) => listPracticeChoices(s, input))),
  /** The portfolio: every practice in scope with its readiness score and parts. */
  portfolio: mspProcedure("practices.read")
    .input(portfolioSchema)
    .query(({ ctx, input }) => ctx.run((s) => listPortfolio(s, input))),
  get: practiceProcedure("practices.read").query(({ ctx, input }) =>
    ctx.run((s) => getPractice(s, input.practiceId)),
  ),
  /** The overview's Who to call: outage owner, the MSP's help desk, the EHR vendor's level 1. */
  whoToCall: practiceProcedure("practices.read").query(({ ctx, input }) =>
    ctx.run((s) => whoToCall(s, input.practiceId)),
  ),
  create: mspProcedure("practices.write")
    .input(practiceFieldsSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => createPractice(s, input))),
  update: practiceProcedure("practices.write")
    .input(updatePracticeSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => updatePractice(s, input))),
  archive: practiceProcedure("practices.write")
    .input(archivePracticeSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => setPracticeArchived(s, input, true))),
  restore: practiceProcedure("practices.write")
    .input(archivePracticeSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => setPracticeArchived(s, input, false))),
});
