import "server-only";
import { incidentStatusLabels } from "@/server/contracts/incidents";
import type { IncidentStatus } from "@/server/contracts/incidents";
import type { ServiceContext } from "@/server/services/context";
import { recordNotificationEvent } from "./events";

type IncidentNotice =
  | { kind: "incident.declared" }
  | { kind: "incident.status_changed" | "incident.resolved"; version: number }
  | { kind: "incident.update_posted"; seq: number }
  | { kind: "incident.closed"; duplicateOfTitle?: string };

const headlines: Record<IncidentNotice["kind"], (title: string) => string> = {
  "incident.declared": (title) => `Outage declared: ${title}`,
  "incident.status_changed": (title) => `Outage status changed: ${title}`,
  "incident.resolved": (title) => `Outage resolved: ${title}`,
  "incident.update_posted": (title) => `Update posted on the outage: ${title}`,
  "incident.closed": (title) => `Outage closed: ${title}`,
};

/**
 * Tells the people routed to this kind of outage event, in the incident's transaction. The message
 * carries the incident's title and status only — never an update's text or anything from the
 * downtime log, which may name patients; people open the link to read more.
 */
export function notifyIncident(
  ctx: ServiceContext,
  incident: { id: string; practiceId: string; title: string; status: IncidentStatus },
  notice: IncidentNotice,
) {
  const occurrence =
    "version" in notice ? `:${notice.version}` : "seq" in notice ? `:${notice.seq}` : "";
  return recordNotificationEvent(ctx, {
    kind: notice.kind,
    practiceId: incident.practiceId,
    headline:
      "duplicateOfTitle" in notice && notice.duplicateOfTitle
        ? `Outage closed as a duplicate: ${incident.title} (it is run as “${notice.duplicateOfTitle}”)`
        : headlines[notice.kind](incident.title),
    status: incidentStatusLabels[incident.status],
    linkPath: `/practices/${incident.practiceId}/incidents/${incident.id}`,
    dedupeKey: `${notice.kind}:${incident.id}${occurrence}`,
  });
}
