import "server-only";
import { findSchema } from "@/server/contracts/search";
import { findEverything } from "@/server/services/search";
import { mspProcedure, router } from "@/server/trpc";

export const searchRouter = router({
  /** The command menu: practices, systems, vendors and contacts, incidents, pages and actions in the caller's scope. */
  find: mspProcedure("practices.read")
    .input(findSchema)
    .query(({ ctx, input }) => ctx.run((s) => findEverything(s, input, ctx.user.role))),
});
