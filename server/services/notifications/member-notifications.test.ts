import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  callerFor,
  createMsp,
  insertUser,
  ownerSql,
  type Caller,
  type TestMsp,
  type TestUser,
} from "@/server/test/fixtures";
import { startHttpReceiver, type HttpReceiver } from "@/server/test/http-receiver";
import { startSmtpSink, type SmtpSink } from "@/server/test/smtp-sink";
import { deliverNotification } from "./deliver";

/** Receivers on loopback: only the allowlist lets deliveries reach them. */
process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";

let msp: TestMsp;
let other: TestMsp;
let noSms: TestMsp;
let sms: HttpReceiver;
let smtp: SmtpSink;
let removed: TestUser;

const choose = async (
  user: Pick<TestUser, "email" | "password">,
  preferences: Partial<{
    outageEmail: boolean;
    outageSms: boolean;
    mobile: string;
    dailyDigest: boolean;
  }>,
) =>
  (await callerFor(user)).notificationPreferences.update({
    version: 0,
    preferences: {
      outageEmail: false,
      outageSms: false,
      mobile: "",
      dailyDigest: false,
      digestTimeZone: "",
      digestHour: 7,
      ...preferences,
    },
  });

const declaration = (practiceId: string, title: string) => ({
  idempotencyKey: randomUUID(),
  practiceId,
  title,
  systemIds: [],
  severity: "critical" as const,
  patientCareInterrupted: true,
  startedAt: new Date(Date.now() - 5 * 60_000),
  ownerName: "",
  updateEveryMinutes: 15,
  // Several outages at one practice across the tests: each a separate one, knowingly.
  confirmDuplicate: true,
});

type MemberDelivery = {
  id: string;
  msp_id: string;
  user_id: string;
  channel_kind: string;
  recipient: string;
  status: string;
  last_detail: string | null;
  headline: string;
};

async function memberDeliveries(mspId: string, title: string) {
  return ownerSql()<MemberDelivery[]>`
    select d.id, d.msp_id, d.user_id, d.channel_kind::text, d.recipient, d.status::text, d.last_detail, e.headline
      from notification_deliveries d join notification_events e on e.id = d.event_id
     where d.msp_id = ${mspId} and d.user_id is not null and e.headline like ${`%${title}%`}
     order by d.recipient`;
}

async function deliverAll(rows: MemberDelivery[]) {
  for (const row of rows) await deliverNotification(row.msp_id, row.id);
}

beforeAll(async () => {
  [msp, other, noSms] = await Promise.all([
    createMsp("Members"),
    createMsp("Members other"),
    createMsp("Members no SMS"),
  ]);
  sms = await startHttpReceiver(() => ({ status: 201, body: '{"sid":"SM1"}' }));
  smtp = await startSmtpSink();
  process.env.SMTP_URL = smtp.url;
  const admin: Caller = await callerFor(msp.admin);
  await admin.notifications.createChannel({
    kind: "sms",
    name: "On-call texts",
    practiceId: null,
    events: ["incident.resolved"],
    recipients: ["+16085550100"],
    from: "+16085550001",
    accountSid: "AC123",
    authToken: "token-123",
    apiBaseUrl: sms.url,
  });
  // The practice manager sees the first practice only; the technician sees both.
  await choose(msp.manager, { outageEmail: true, outageSms: true, mobile: "+16085550177" });
  await choose(msp.technician, { outageEmail: true });
  await choose(msp.leadership, { outageEmail: true });
  await choose(msp.admin, { dailyDigest: true });
  removed = await insertUser(msp.id, { role: "technician" });
  await choose(removed, { outageEmail: true });
  await ownerSql()`update users set removed_at = now() where id = ${removed.id}`;
  await choose(other.admin, { outageEmail: true, outageSms: true, mobile: "+16085550188" });
  await choose(noSms.technician, { outageSms: true, mobile: "+16085550166" });
});

afterAll(async () => {
  await Promise.all([sms.close(), smtp.close()]);
  delete process.env.SMTP_URL;
});

describe("a member's own outage alerts", () => {
  test("go by email and text to members who chose them and see the practice, and to nobody else", async () => {
    const technician = await callerFor(msp.technician);
    await technician.incidents.declare(declaration(msp.practices[0].id, "Phones down"));
    const rows = await memberDeliveries(msp.id, "Phones down");
    expect(rows.map((row) => [row.channel_kind, row.recipient]).sort()).toEqual(
      [
        ["email", msp.manager.email],
        ["sms", "+16085550177"],
        ["email", msp.technician.email],
        ["email", msp.leadership.email],
      ].sort(),
    );
    await deliverAll(rows);
    expect((await memberDeliveries(msp.id, "Phones down")).map((row) => row.status)).toEqual([
      "delivered",
      "delivered",
      "delivered",
      "delivered",
    ]);
    const mail = smtp.to(msp.manager.email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe(
      `[Standby] ${msp.practices[0].name}: Outage declared: Phones down`,
    );
    expect(mail[0]!.text).toContain("you chose it in your Standby account");
    const text = sms.received.find((request) => request.body.includes("Phones+down"));
    expect(text?.path).toBe("/2010-04-01/Accounts/AC123/Messages.json");
    const form = new URLSearchParams(text!.body);
    expect(form.get("To")).toBe("+16085550177");
    expect(form.get("From")).toBe("+16085550001");
    expect(form.get("Body")).toContain("Outage declared: Phones down");
    // The removed member and the admin (digest only) get nothing.
    expect(smtp.to(removed.email)).toHaveLength(0);
    expect(smtp.to(msp.admin.email)).toHaveLength(0);
  });

  test("a practice outside a member's scope sends them nothing", async () => {
    const technician = await callerFor(msp.technician);
    await technician.incidents.declare(declaration(msp.practices[1].id, "Fax down"));
    const rows = await memberDeliveries(msp.id, "Fax down");
    expect(rows.map((row) => row.recipient)).toEqual([msp.technician.email]);
  });

  test("another MSP's members never get anything; theirs get their own MSP's outages", async () => {
    const otherTech = await callerFor(other.technician);
    await otherTech.incidents.declare(declaration(other.practices[0].id, "Router down"));
    const mine = await memberDeliveries(msp.id, "Router down");
    expect(mine).toEqual([]);
    const theirs = await memberDeliveries(other.id, "Router down");
    expect(theirs.map((row) => row.recipient).sort()).toEqual(
      [other.admin.email, "+16085550188"].sort(),
    );
    const all = await ownerSql()<{ n: number }[]>`
      select count(*)::int as n from notification_deliveries
       where msp_id <> ${other.id} and recipient in (${other.admin.email}, '+16085550188')`;
    expect(all[0]!.n).toBe(0);
  });

  test("a text goes through a working SMS channel when the first one made is paused", async () => {
    const [first] = await ownerSql()<{ id: string }[]>`
      select id from notification_channels where msp_id = ${msp.id} and kind = 'sms'`;
    const second = startHttpReceiver(() => ({ status: 201, body: '{"sid":"SM2"}' }));
    const backup = await second;
    try {
      const admin = await callerFor(msp.admin);
      await admin.notifications.createChannel({
        kind: "sms",
        name: "Backup texts",
        practiceId: null,
        events: ["incident.closed"],
        recipients: ["+16085550101"],
        from: "+16085550002",
        accountSid: "AC456",
        authToken: "token-456",
        apiBaseUrl: backup.url,
      });
      await ownerSql()`update notification_channels set paused_at = now(), paused_reason = 'test' where id = ${first!.id}`;
      const technician = await callerFor(msp.technician);
      await technician.incidents.declare(declaration(msp.practices[0].id, "Fax down"));
      const rows = (await memberDeliveries(msp.id, "Fax down")).filter(
        (row) => row.channel_kind === "sms",
      );
      await deliverAll(rows);
      expect(backup.received.map((request) => request.path)).toEqual([
        "/2010-04-01/Accounts/AC456/Messages.json",
      ]);
      expect(sms.received.some((request) => request.body.includes("Fax+down"))).toBe(false);
    } finally {
      await ownerSql()`update notification_channels set paused_at = null, paused_reason = null where id = ${first!.id}`;
      await backup.close();
    }
  });

  test("a text with no SMS channel in the MSP fails with a clear reason, and the outbox still takes the event", async () => {
    const technician = await callerFor(noSms.technician);
    await technician.incidents.declare(declaration(noSms.practices[0].id, "Wi-Fi down"));
    const rows = await memberDeliveries(noSms.id, "Wi-Fi down");
    expect(rows).toHaveLength(1);
    await deliverAll(rows);
    const [after] = await memberDeliveries(noSms.id, "Wi-Fi down");
    expect(after).toMatchObject({ status: "failed", recipient: "+16085550166" });
    expect(after!.last_detail).toMatch(/no SMS provider configured/);
    const outbox = await ownerSql()<{ n: number }[]>`
      select count(*)::int as n from notification_deliveries
       where msp_id = ${noSms.id} and status = 'outbox' and user_id is null`;
    expect(outbox[0]!.n).toBe(1);
  });
});
