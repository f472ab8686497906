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
