import "server-only";
import { createCallerFactory, router } from "@/server/trpc";
import { accountRouter, mspSettingsRouter } from "./account";
import { auditRouter } from "./audit";
import { backupsRouter } from "./backups";
import { calendarFeedRouter } from "./calendar-feed";
import { notificationPreferencesRouter } from "./notification-preferences";
import { dependenciesRouter } from "./dependencies";
import { drillsRouter } from "./drills";
import { emergencyAccessRouter } from "./emergency-access";
import { downtimeLogRouter, incidentsRouter } from "./incidents";
import { maintenanceRouter } from "./maintenance";
import { invitationsRouter, membersRouter } from "./members";
import { notificationsRouter } from "./notifications";
import { passwordResetRouter } from "./password-reset";
import { outreachTemplatesRouter } from "./outreach-templates";
import { outreachRepliesRouter } from "./outreach-replies";
import { outreachRouter } from "./outreach";
import { metricsRouter } from "./metrics";
import { monitorsRouter } from "./monitors";
import { suspectedOutagesRouter } from "./suspected-outages";
import { planTemplateRouter, plansRouter } from "./plans";
import { practicesRouter } from "./practices";
import { reviewsRouter } from "./reviews";
import { risksRouter } from "./risks";
import { scheduleRouter } from "./schedule";
import { searchRouter } from "./search";
import { scheduleSettingsRouter } from "./schedule-settings";
import { sessionRouter } from "./session";
import { vendorsRouter } from "./vendors";

export const appRouter = router({
  session: sessionRouter,
  account: accountRouter,
  mspSettings: mspSettingsRouter,
  practices: practicesRouter,
  members: membersRouter,
  notifications: notificationsRouter,
  invitations: invitationsRouter,
  passwordReset: passwordResetRouter,
  audit: auditRouter,
  plans: plansRouter,
  planTemplate: planTemplateRouter,
  dependencies: dependenciesRouter,
  monitors: monitorsRouter,
  suspectedOutages: suspectedOutagesRouter,
  vendors: vendorsRouter,
  backups: backupsRouter,
  risks: risksRouter,
  reviews: reviewsRouter,
  drills: drillsRouter,
  incidents: incidentsRouter,
  downtimeLog: downtimeLogRouter,
  emergencyAccess: emergencyAccessRouter,
  schedule: scheduleRouter,
  metrics: metricsRouter,
  calendarFeed: calendarFeedRouter,
  notificationPreferences: notificationPreferencesRouter,
  scheduleSettings: scheduleSettingsRouter,
  outreachTemplates: outreachTemplatesRouter,
  outreachReplies: outreachRepliesRouter,
  outreach: outreachRouter,
  maintenance: maintenanceRouter,
  search: searchRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
