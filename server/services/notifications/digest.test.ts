import { TZDate } from "@date-fns/tz";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { withTenant } from "@/db/tenant";
import { localDate } from "@/server/domain/local-date";
import {
  callerFor,
  createMsp,
  insertPractice,
  insertUser,
  ownerSql,
  type TestMsp,
  type TestUser,
} from "@/server/test/fixtures";
import { startSmtpSink, type SmtpSink } from "@/server/test/smtp-sink";
import { deliverNotification } from "./deliver";
import { digestTimeZone, recordDailyDigests } from "./digest";

let msp: TestMsp;
let other: TestMsp;
let smtp: SmtpSink;
let emptied: TestUser;
/** The manager of the MSP's one practice in Denver: their digest follows Denver's morning. */
let denverManager: TestUser;
const DENVER = "America/Denver";
const SENTINEL = "Zebulon Quintavious-Marsh";

/** The MSP's practices are mostly in Tokyo (no daylight saving): its digest goes at 07:00 there. */
const TOKYO = "Asia/Tokyo";
const day = (offsetDays = 0) => localDate(new Date(Date.now() + offsetDays * 86_400_000), TOKYO);
const at = (date: string, hour: number) =>
  new Date(`${date}T${String(hour).padStart(2, "0")}:30:00+09:00`);

const systemCtx = (mspId: string) => ({
  mspId,
  actor: { userId: null, name: "Standby" },
  practiceIds: "*" as const,
});

const runDigests = (mspId: string, now: Date) =>
  withTenant({ mspId, userId: null, role: "system", practiceIds: "*" }, (tx) =>
    recordDailyDigests({ tx, ...systemCtx(mspId) }, now),
  );

async function digestDeliveries(mspId: string) {
  return ownerSql()<
    { id: string; msp_id: string; user_id: string; recipient: string; dedupe_key: string }[]
  >`select d.id, d.msp_id, d.user_id, d.recipient, e.dedupe_key
      from notification_deliveries d join notification_events e on e.id = d.event_id
     where d.msp_id = ${mspId} and e.kind = 'digest.daily' order by e.dedupe_key`;
}

const choose = async (user: Pick<TestUser, "email" | "password">, dailyDigest: boolean) =>
  (await callerFor(user)).notificationPreferences.update({
    version: 0,
    preferences: {
      outageEmail: false,
      outageSms: false,
      mobile: "",
      dailyDigest,
      digestTimeZone: "",
      digestHour: 7,
    },
  });

beforeAll(async () => {
  [msp, other] = await Promise.all([createMsp("Digest"), createMsp("Digest other")]);
  await ownerSql()`update practices set timezone = ${TOKYO} where msp_id = ${msp.id}`;
  const denver = await insertPractice(msp.id, {
    name: `Denver Dental ${msp.tag}`,
    timezone: DENVER,
  });
  denverManager = await insertUser(msp.id, { role: "practice_manager", practiceIds: [denver.id] });
  smtp = await startSmtpSink();
  process.env.SMTP_URL = smtp.url;
  // A drill in 3 days is in the digest; one in 30 days is not.
  const admin = await callerFor(msp.admin);
  for (const days of [3, 30])
    await admin.drills.schedule({
      practiceId: msp.practices[0].id,
      kind: "tabletop",
      scenario: `Drill in ${days} days`,
      scheduledFor: new Date(Date.now() + days * 86_400_000),
    });
  await admin.drills.schedule({
    practiceId: denver.id,
    kind: "live",
    scenario: "Denver drill",
    scheduledFor: new Date(Date.now() + 2 * 86_400_000),
  });
  await admin.drills.schedule({
    practiceId: msp.practices[1].id,
    kind: "live",
    scenario: "Live drill at the second practice",
    scheduledFor: new Date(Date.now() + 2 * 86_400_000),
  });
  // A paper record with a patient's name: it must reach no digest.
  const technician = await callerFor(msp.technician);
  const { id: incidentId } = await technician.incidents.declare({
    practiceId: msp.practices[0].id,
    title: "EHR down",
    systemIds: [],
    severity: "critical",
    patientCareInterrupted: true,
    startedAt: new Date(Date.now() - 5 * 60_000),
    ownerName: "",
    updateEveryMinutes: 15,
  });
  await technician.downtimeLog.add({
    practiceId: msp.practices[0].id,
    incidentId,
    patient: SENTINEL,
    visitDate: day(),
    provider: "Dr. A",
    reason: SENTINEL,
    orders: "",
    followUp: "",
  });
  await choose(msp.admin, true);
  await choose(msp.manager, true);
  await choose(msp.technician, false);
  // Leadership whose practice list was emptied: nothing in scope, so nothing due.
  emptied = await insertUser(msp.id, { role: "leadership", practiceIds: [], allPractices: false });
  await choose(emptied, true);
  await choose(denverManager, true);
  await choose(other.admin, true);
});

afterAll(async () => {
  await smtp.close();
  delete process.env.SMTP_URL;
});

describe("the daily digest", () => {
  test("goes at 07:00 in the time zone most of the member's practices are in", async () => {
    expect(digestTimeZone([TOKYO, TOKYO, DENVER])).toBe(TOKYO);
    expect(digestTimeZone([DENVER, TOKYO])).toBe(DENVER); // a tie: the alphabetically first
    expect(digestTimeZone([])).toBe("UTC");
    // 06:30 in Tokyo is the afternoon before in Denver: only the Denver manager's digest goes.
    expect(await runDigests(msp.id, at(day(), 6))).toBe(1);
    const denverDay = localDate(at(day(), 6), DENVER);
    expect((await digestDeliveries(msp.id)).map((row) => row.dedupe_key)).toEqual([
      `digest:${denverManager.id}:${denverDay}`,
    ]);
  });

  test("is one email per member per day listing their due work by practice, and nothing when nothing is due", async () => {
    const today = day();
    expect(await runDigests(msp.id, at(today, 7))).toBe(2);
    // Again the same day (another hourly run, a retried job): nothing more.
    expect(await runDigests(msp.id, at(today, 9))).toBe(0);
    const rows = (await digestDeliveries(msp.id)).filter((row) => row.user_id !== denverManager.id);
    expect(rows.map((row) => [row.recipient, row.dedupe_key]).sort()).toEqual(
      [
        [msp.admin.email, `digest:${msp.admin.id}:${today}`],
        [msp.manager.email, `digest:${msp.manager.id}:${today}`],
      ].sort(),
    );
    for (const row of rows) await deliverNotification(row.msp_id, row.id);

    const [adminMail, ...moreAdmin] = smtp.to(msp.admin.email);
    expect(moreAdmin).toEqual([]);
    expect(adminMail!.subject).toMatch(
      new RegExp(`^\\[Standby\\] Due work for ${today}: \\d+ items?$`),
    );
    expect(adminMail!.text).toContain(msp.practices[0].name);
    expect(adminMail!.text).toContain(msp.practices[1].name);
    expect(adminMail!.text).toContain(`/practices/${msp.practices[0].id}/drills`);
    expect(adminMail!.text).toContain("Tabletop drill");
    expect(adminMail!.text.match(/Tabletop drill/g)).toHaveLength(1);
    expect(adminMail!.text).toContain(`/practices/${msp.practices[1].id}/drills`);
    expect(adminMail!.text).toContain("Live drill");
    expect(adminMail!.html).toContain(`href="http`);

    const [managerMail, ...moreManager] = smtp.to(msp.manager.email);
    expect(moreManager).toEqual([]);
    expect(managerMail!.text).toContain(msp.practices[0].name);
    expect(managerMail!.text).not.toContain(msp.practices[1].name);
    expect(managerMail!.text).not.toContain("Live drill");

    expect(smtp.to(emptied.email)).toEqual([]);
    expect(smtp.to(msp.technician.email)).toEqual([]);
    // Another MSP's member is never part of this MSP's digest run.
    expect(smtp.to(other.admin.email)).toEqual([]);
    expect(await digestDeliveries(other.id)).toEqual([]);
    for (const mail of smtp.mail) expect(mail.raw).not.toContain(SENTINEL);
    // It is in the delivery log.
    const log = await (await callerFor(msp.admin)).notifications.deliveries({});
    // Theirs and the Denver manager's.
    expect(log.items.filter((item) => item.event === "digest.daily")).toHaveLength(3);
  });

  test("the next day brings the next digest", async () => {
    // Tokyo's next morning is Denver's next afternoon: all three.
    expect(await runDigests(msp.id, at(day(1), 7))).toBe(3);
    expect(await digestDeliveries(msp.id)).toHaveLength(6);
  });
});

describe("a member's own digest time", () => {
  test("goes at the hour they chose in the zone they chose, once that day", async () => {
    const own = await createMsp("Digest own time");
    const admin = await callerFor(own.admin);
    expect(await admin.notificationPreferences.get()).toMatchObject({
      automaticDigestTimeZone: expect.any(String),
      digestTimeZone: "",
      digestHour: 7,
    });
    await admin.drills.schedule({
      practiceId: own.practices[0].id,
      kind: "tabletop",
      scenario: "Drill in 2 days",
      scheduledFor: new Date(Date.now() + 2 * 86_400_000),
    });
    await admin.notificationPreferences.update({
      version: 0,
      preferences: {
        outageEmail: false,
        outageSms: false,
        mobile: "",
        dailyDigest: true,
        digestTimeZone: "Europe/Berlin",
        digestHour: 18,
      },
    });
    const berlinDay = localDate(new Date(), "Europe/Berlin");
    const [year, month, date] = berlinDay.split("-").map(Number);
    const berlin = (hour: number) =>
      new Date(new TZDate(year!, month! - 1, date!, hour, 30, "Europe/Berlin").getTime());
    expect(await runDigests(own.id, berlin(17))).toBe(0);
    expect(await runDigests(own.id, berlin(18))).toBe(1);
    expect(await runDigests(own.id, berlin(20))).toBe(0);
    expect((await digestDeliveries(own.id)).map((row) => row.dedupe_key)).toEqual([
      `digest:${own.admin.id}:${berlinDay}`,
    ]);
  });

  test("a zone that does not exist or an hour past 23 is refused and nothing changes", async () => {
    const member = await callerFor(other.technician);
    const base = {
      outageEmail: false,
      outageSms: false,
      mobile: "",
      dailyDigest: true,
      digestTimeZone: "",
      digestHour: 7,
    };
    for (const wrong of [
      { digestTimeZone: "Mars/Olympus" },
      { digestHour: 24 },
      { digestHour: 6.5 },
    ])
      await expect(
        member.notificationPreferences.update({ version: 0, preferences: { ...base, ...wrong } }),
      ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await member.notificationPreferences.get()).toMatchObject({ version: 0 });
  });
});
