import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { withTenant } from "@/db/tenant";
import { expectTRPCError } from "@/server/test/assertions";
import { auditRows, callerFor, createMsp, ownerSql, type TestMsp } from "@/server/test/fixtures";

let msp: TestMsp;
let other: TestMsp;

beforeAll(async () => {
  [msp, other] = await Promise.all([createMsp("Prefs"), createMsp("Prefs other")]);
});

const choices = {
  outageEmail: true,
  outageSms: true,
  mobile: "+16085550199",
  dailyDigest: true,
  digestTimeZone: "America/Denver",
  digestHour: 6,
};

describe("a member's own notification choices", () => {
  test("start all off, are saved with a version, audited without the number, and a stale version is a conflict", async () => {
    const manager = await callerFor(msp.manager);
    expect(await manager.notificationPreferences.get()).toEqual({
      outageEmail: false,
      outageSms: false,
      mobile: "",
      dailyDigest: false,
      digestTimeZone: "",
      digestHour: 7,
      version: 0,
      automaticDigestTimeZone: expect.any(String),
    });
    const saved = await manager.notificationPreferences.update({
      version: 0,
      preferences: choices,
    });
    expect(saved).toEqual({ ...choices, version: 1, automaticDigestTimeZone: expect.any(String) });
    await expectTRPCError(
      manager.notificationPreferences.update({ version: 0, preferences: choices }),
      "CONFLICT",
    );
    const changed = await manager.notificationPreferences.update({
      version: 1,
      preferences: { ...choices, outageSms: false, mobile: "" },
    });
    expect(changed).toMatchObject({ outageSms: false, mobile: "", version: 2 });
    const audit = await auditRows(msp.id, { action: "notification_preferences.updated" });
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actorUserId: msp.manager.id, entityId: msp.manager.id });
    expect(JSON.stringify(audit)).not.toContain("5550199");
  });

  test("texts need a mobile number in international form; the message says so", async () => {
    const technician = await callerFor(msp.technician);
    for (const mobile of ["", "608-555-0199", "+0123456789", "+1608555019912345"]) {
      const error = await expectTRPCError(
        technician.notificationPreferences.update({
          version: 0,
          preferences: { ...choices, mobile },
        }),
        "BAD_REQUEST",
      );
      expect(error.message).toMatch(/mobile number|country code/);
    }
    expect((await technician.notificationPreferences.get()).version).toBe(0);
  });

  test("each member reads and changes only their own row, even in SQL as the app role", async () => {
    const admin = await callerFor(msp.admin);
    await admin.notificationPreferences.update({ version: 0, preferences: choices });
    const leadership = await callerFor(msp.leadership);
    expect(await leadership.notificationPreferences.get()).toMatchObject({ version: 0 });
    const otherAdmin = await callerFor(other.admin);
    expect(await otherAdmin.notificationPreferences.get()).toMatchObject({ version: 0 });

    // As another member of the same MSP (even an admin), the database shows and changes no one else's row.
    const seen = await withTenant(
      { mspId: msp.id, userId: msp.technician.id, role: "admin", practiceIds: "*" },
      async (tx) => {
        const rows = await tx.execute(sql`select user_id from notification_preferences`);
        const updated = await tx.execute(
          sql`update notification_preferences set daily_digest = false returning user_id`,
        );
        return { rows: rows.length, updated: updated.length };
      },
    );
    expect(seen).toEqual({ rows: 0, updated: 0 });
    await expect(
      withTenant(
        { mspId: msp.id, userId: msp.technician.id, role: "admin", practiceIds: "*" },
        (tx) =>
          tx.execute(
            sql`insert into notification_preferences (msp_id, user_id, outage_email) values (${msp.id}, ${msp.admin.id}, true)`,
          ),
      ),
    ).rejects.toThrow();
    const [row] = await ownerSql()<
      { daily_digest: boolean }[]
    >`select daily_digest from notification_preferences where user_id = ${msp.admin.id}`;
    expect(row!.daily_digest).toBe(true);
  });
});
