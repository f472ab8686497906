import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>;

export type ReportPreview = Outputs["scheduleSettings"]["previewReport"];
export type ScheduleConnection = NonNullable<Outputs["scheduleSettings"]["get"]>;
