import { describe, expect, test } from "vitest";
import {
  can,
  isPracticeScoped,
  roleLabels,
  roles,
  type Permission,
  type Role,
} from "./permissions";

/** The whole table, spelled out: adding a permission without deciding who has it fails to compile here. */
const expected: Record<Permission, readonly Role[]> = {
  "practices.read": ["admin", "technician", "practice_manager", "leadership"],
  "practices.write": ["admin"],
  "members.manage": ["admin"],
  "msp.security": ["admin"],
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
  "schedule.read": ["admin", "technician", "practice_manager"],
  "schedule.mark": ["technician", "practice_manager"],
  "outreach.replies": ["technician", "practice_manager"],
  "monitors.read": ["admin", "technician", "practice_manager", "leadership"],
  "monitors.write": ["admin", "technician"],
  "maintenance.read": ["admin", "technician", "practice_manager", "leadership"],
  "maintenance.write": ["admin", "technician", "practice_manager"],
  "maintenance.vendorNight": ["admin", "technician"],
  "metrics.read": ["admin", "technician", "practice_manager", "leadership"],
  "scheduleSettings.read": ["admin", "technician", "practice_manager", "leadership"],
  "scheduleSettings.connect": ["admin", "technician"],
  "outreachTemplates.read": ["admin", "technician", "practice_manager", "leadership"],
  "outreachTemplates.write": ["admin", "technician", "practice_manager"],
  "outreachTemplates.mspWide": ["admin", "technician"],
  "outreach.send": ["technician", "practice_manager"],
  "outreach.settings": ["admin", "technician", "practice_manager"],
};
const permissions = Object.keys(expected) as Permission[];

describe("permission table", () => {
  test.each(roles.flatMap((role) => permissions.map((permission) => [role, permission] as const)))(
    "%s / %s",
    (role, permission) => {
      expect(can(role, permission)).toBe(expected[permission].includes(role));
    },
  );

  test("leadership can do no write of any kind", () => {
    for (const permission of permissions.filter((name) => !name.endsWith(".read")))
      expect(can("leadership", permission)).toBe(false);
  });

  test("only admins manage members and read the audit log", () => {
    expect(roles.filter((role) => can(role, "members.manage"))).toEqual(["admin"]);
    expect(roles.filter((role) => can(role, "audit.read"))).toEqual(["admin"]);
    expect(roles.filter((role) => can(role, "msp.security"))).toEqual(["admin"]);
  });

  test("patient data: technicians and practice managers work the downtime log; an admin only through emergency access", () => {
    expect(roles.filter((role) => can(role, "downtimeLog.access"))).toEqual([
      "technician",
      "practice_manager",
    ]);
    expect(roles.filter((role) => can(role, "downtimeLog.emergency"))).toEqual(["admin"]);
    expect(roles.filter((role) => can(role, "emergencyAccess.read"))).toEqual([
      "admin",
      "practice_manager",
    ]);
  });

  test("every role can read practices (within its scope)", () => {
    expect(roles.every((role) => can(role, "practices.read"))).toBe(true);
  });

  test("every role has a label", () => {
    expect(Object.keys(roleLabels).sort()).toEqual([...roles].sort());
  });
});

describe("isPracticeScoped", () => {
  test("practice managers are always limited to their practices", () => {
    expect(isPracticeScoped("practice_manager", false)).toBe(true);
    expect(isPracticeScoped("practice_manager", true)).toBe(true);
  });

  test("leadership sees every practice only when given all practices explicitly; an empty list is no practice, never all", () => {
    expect(isPracticeScoped("leadership", false)).toBe(true);
    expect(isPracticeScoped("leadership", true)).toBe(false);
  });

  test("admins and technicians see every practice", () => {
    expect(isPracticeScoped("admin", false)).toBe(false);
    expect(isPracticeScoped("technician", false)).toBe(false);
  });
});
