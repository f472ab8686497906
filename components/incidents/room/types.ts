import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>;

export type IncidentView = Outputs["incidents"]["get"];
export type Incident = IncidentView["incident"];
export type Ticket = IncidentView["tickets"][number];
export type LadderLevel = Ticket["ladder"][number];
export type TimelineEntry = Outputs["incidents"]["timeline"][number];
export type LogEntry = Outputs["downtimeLog"]["list"][number];

/** What the signed-in person may do in the room; decided by the page from the permission table. */
export type RoomAccess = {
  /** Change the incident: status, triage, tickets, updates, recovery, review. False for leadership and on archived practices. */
  canWrite: boolean;
  /** See the downtime documentation log (patient data). Never leadership. */
  canSeeLog: boolean;
  /** An MSP admin reads the log only through emergency access (a reason, a time limit, audited). */
  canBreakGlass: boolean;
  /** Mark the continuity schedule during the outage and tick its marks as entered (patient data, as the log). */
  canWorkSchedule: boolean;
  /** An MSP admin may close over open items with a written reason. */
  isAdmin: boolean;
  /** Raise a review's action as a risk in the register. */
  canRaiseRisk: boolean;
};

export type RoomRef = { practiceId: string; incidentId: string };
