import "server-only";
import { createCallerFactory, router } from "@/server/trpc";
import { auditRouter } from "./audit";
import { invitationsRouter, membersRouter } from "./members";
import { planTemplateRouter, plansRouter } from "./plans";
import { practicesRouter } from "./practices";
import { sessionRouter } from "./session";

export const appRouter = router({
  session: sessionRouter,
  practices: practicesRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  audit: auditRouter,
  plans: plansRouter,
  planTemplate: planTemplateRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
