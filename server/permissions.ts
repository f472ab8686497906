/** Who may do what: the one table of roles and permissions. */
import { memberRoleValues, type MemberRole } from "@/db/schema/values";

/** The roles are the database enum member_role's values. */
export const roles = memberRoleValues;
export type Role = MemberRole;

export const roleLabels: Record<Role, string> = {
  admin: "MSP admin",
  technician: "MSP technician",
  practice_manager: "Practice manager",
  leadership: "Leadership (read-only)",
};

const permissionTable = {
  "practices.read": ["admin", "technician", "practice_manager", "leadership"],
  "practices.write": ["admin"],
  "members.manage": ["admin"],
  "msp.security": ["admin"],
  /** The MSP's help desk line: every member sees it (header, Who to call, packet); admins set it. */
  "msp.supportLine.read": ["admin", "technician", "practice_manager", "leadership"],
  "msp.supportLine.write": ["admin"],
  "audit.read": ["admin"],
  "notifications.manage": ["admin"],
  "plans.read": ["admin", "technician", "practice_manager", "leadership"],
  "plans.write": ["admin", "technician", "practice_manager"],
  "plans.template": ["admin"],
  "systems.read": ["admin", "technician", "practice_manager", "leadership"],
  "systems.write": ["admin", "technician"],
  "vendors.read": ["admin", "technician", "practice_manager", "leadership"],
  "vendors.write": ["admin", "technician"],
  "backups.read": ["admin", "technician", "practice_manager", "leadership"],
  "backups.write": ["admin", "technician"],
  "reviews.read": ["admin", "technician", "practice_manager", "leadership"],
  "reviews.write": ["admin", "technician", "practice_manager"],
  "risks.read": ["admin", "technician", "practice_manager", "leadership"],
  "risks.write": ["admin", "technician", "practice_manager"],
  "drills.read": ["admin", "technician", "practice_manager", "leadership"],
  "drills.write": ["admin", "technician", "practice_manager"],
  "incidents.read": ["admin", "technician", "practice_manager", "leadership"],
  "incidents.write": ["admin", "technician", "practice_manager"],
  "incidents.link": ["admin", "technician"],
  "downtimeLog.access": ["technician", "practice_manager"],
  "downtimeLog.emergency": ["admin"],
  "emergencyAccess.read": ["admin", "practice_manager"],
  /** The continuity schedule (the schedule copy's patients): an admin only on a live emergency grant. */
  "schedule.read": ["admin", "technician", "practice_manager"],
  "schedule.mark": ["technician", "practice_manager"],
  /** Patients' texts back (the replies inbox): patient data, worked as the schedule is. */
  "outreach.replies": ["technician", "practice_manager"],
  /** Monitors on the systems of a practice's map: seen by all, set up by the MSP's staff. */
  "monitors.read": ["admin", "technician", "practice_manager", "leadership"],
  "monitors.write": ["admin", "technician"],
  /** Planned maintenance windows: their time, prep list and notices. A vendor's night spans practices. */
  "maintenance.read": ["admin", "technician", "practice_manager", "leadership"],
  "maintenance.write": ["admin", "technician", "practice_manager"],
  "maintenance.vendorNight": ["admin", "technician"],
  "metrics.read": ["admin", "technician", "practice_manager", "leadership"],
  "scheduleSettings.read": ["admin", "technician", "practice_manager", "leadership"],
  "scheduleSettings.connect": ["admin", "technician"],
  /** Patient outreach's message texts: a practice's own are written by its managers too; the MSP-wide ones by MSP staff. */
  "outreachTemplates.read": ["admin", "technician", "practice_manager", "leadership"],
  "outreachTemplates.write": ["admin", "technician", "practice_manager"],
  "outreachTemplates.mspWide": ["admin", "technician"],
  /** Patient outreach: sending, stopping and the messages themselves are patient-data work. */
  "outreach.send": ["technician", "practice_manager"],
  /** Quiet hours, pace, automatic continuation: no patient data. */
  "outreach.settings": ["admin", "technician", "practice_manager"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissionTable;

export function can(role: Role, permission: Permission): boolean {
  return (permissionTable[permission] as readonly Role[]).includes(role);
}

/**
 * Practice managers always, and leadership unless given "all practices", see only the practices listed
 * for them — none when the list is empty: clearing someone's practices never widens their access.
 */
export function isPracticeScoped(role: Role, allPractices: boolean): boolean {
  return role === "practice_manager" || (role === "leadership" && !allPractices);
}
