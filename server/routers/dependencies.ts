import "server-only";
import {
  addDependency,
  addRedundancy,
  applyStarterMap,
  createSystem,
  deleteSystem,
  getMap,
  removeDependency,
  removeRedundancy,
  systemImpact,
  updateSystem,
} from "@/server/services/dependencies";
import {
  createSystemSchema,
  dependencySchema,
  redundancySchema,
  systemRefSchema,
  updateSystemSchema,
} from "@/server/contracts/dependencies";
import { practiceProcedure, router } from "@/server/trpc";

export const dependenciesRouter = router({
  map: practiceProcedure("systems.read").query(({ ctx, input }) =>
    ctx.run((s) => getMap(s, input.practiceId)),
  ),
  impact: practiceProcedure("systems.read")
    .input(systemRefSchema)
    .query(({ ctx, input }) => ctx.run((s) => systemImpact(s, input))),
  createSystem: practiceProcedure("systems.write")
    .input(createSystemSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => createSystem(s, input))),
  updateSystem: practiceProcedure("systems.write")
    .input(updateSystemSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => updateSystem(s, input))),
  deleteSystem: practiceProcedure("systems.write")
    .input(systemRefSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => deleteSystem(s, input))),
  addDependency: practiceProcedure("systems.write")
    .input(dependencySchema)
    .mutation(({ ctx, input }) => ctx.run((s) => addDependency(s, input))),
  removeDependency: practiceProcedure("systems.write")
    .input(dependencySchema)
    .mutation(({ ctx, input }) => ctx.run((s) => removeDependency(s, input))),
  addRedundancy: practiceProcedure("systems.write")
    .input(redundancySchema)
    .mutation(({ ctx, input }) => ctx.run((s) => addRedundancy(s, input))),
  removeRedundancy: practiceProcedure("systems.write")
    .input(redundancySchema)
    .mutation(({ ctx, input }) => ctx.run((s) => removeRedundancy(s, input))),
  applyStarterMap: practiceProcedure("systems.write").mutation(({ ctx, input }) =>
    ctx.run((s) => applyStarterMap(s, input.practiceId)),
  ),
});
