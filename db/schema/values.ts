/**
 * The values of the database's enums that the rest of Standby lists too, as plain tuples. This file
 * imports nothing: the pgEnums are built from these tuples, and server/permissions.ts and
 * server/domain/incident-status.ts take their lists from here, so there is one source of truth and
 * the browser can read the lists without loading drizzle or anything else from db/.
 */

/** member_role, in the order the app lists roles. */
export const memberRoleValues = ["admin", "technician", "practice_manager", "leadership"] as const;
export type MemberRole = (typeof memberRoleValues)[number];

/** incident_status, in the order an incident moves through them. */
export const incidentStatusValues = [
  "investigating",
  "identified",
  "monitoring",
  "resolved",
  "closed",
] as const;

/** monitor_kind: what a monitor checks. */
export const monitorKindValues = ["http", "tcp", "dns", "tls", "heartbeat"] as const;
export type MonitorKind = (typeof monitorKindValues)[number];

/** monitor_status: a monitor's state (unknown until its first check). */
export const monitorStatusValues = [
  "unknown",
  "up",
  "pending",
  "down",
  "degraded",
  "paused",
] as const;
export type MonitorStatus = (typeof monitorStatusValues)[number];

/** monitor_outcome: what one check found. */
export const monitorOutcomeValues = ["up", "degraded", "down"] as const;
export type MonitorOutcome = (typeof monitorOutcomeValues)[number];
