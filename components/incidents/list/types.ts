import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>;

export type IncidentPage = Outputs["incidents"]["list"];
export type IncidentListItem = IncidentPage["items"][number];
export type ActiveIncident = Outputs["incidents"]["active"][number];
export type VendorWideSuggestion = Outputs["incidents"]["vendorWide"][number];

/** The incident's own page (its room), under its practice. */
export const incidentHref = (incident: { practiceId: string; id: string }) =>
  `/practices/${incident.practiceId}/incidents/${incident.id}`;
