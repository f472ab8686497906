/**
 * Patient outreach (issue 20, items 2–4 and 8): the preview of who gets what and who is skipped
 * why, the send (confirmed, re-evaluated, once per appointment and kind), stop all sending, the
 * settings, and who may do which: patient data for technicians and the practice's managers only,
 * counts for leadership and admins, nothing for another practice or MSP.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as schema from "@/db/schema";
import { previewCampaign, sendCampaign } from "@/server/services/outreach/campaigns";
import { expectTRPCError } from "@/server/test/assertions";
import { startFakeSmsProvider, type FakeSmsProvider } from "@/server/test/fake-sms-provider";
import {
  asTenant,
  auditRows,
  callerFor,
  createMsp,
  insertPractice,
  insertUser,
  ownerSql,
  sessionUserFor,
  type Caller,
  type TestMsp,
} from "@/server/test/fixtures";
import {
  campaignRow,
  messagesOf,
  optOut,
  outreachSettings,
  patientSmsChannel,
} from "@/server/test/outreach-fixtures";
import { plantSchedule } from "@/server/test/schedule-fixtures";
import { runAs } from "@/server/trpc";

process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";

let msp: TestMsp;
let other: TestMsp;
let provider: FakeSmsProvider;
let admin: Caller;
let technician: Caller;
let manager: Caller;
let leadership: Caller;
let otherPracticeManager: Caller;
let otherAdmin: Caller;
let otherTechnician: Caller;

/** A Tuesday, far enough ahead that nothing of it has passed; America/Chicago is UTC−6 then. */
const DAY = "2030-03-05";
const at = (time: string) => new Date(`${DAY}T${time}:00-06:00`);

const names = {
  rosalind: "Rosalind Quillfeather",
  mateo: "Mateo Larkspur",
  nobody: "Cornelius Unreachable",
  stopped: "Philippa Stoptext",
  rotated: "Ambrose Oldkey",
  email: "Ignatius Mailonly",
  cancelled: "Cordelia Cancelled",
  removed: "Thaddeus Removed",
  afternoon: "Wilhelmina Afternoon",
  late: "Percival Latecomer",
};

let practiceId: string;
let ids: Record<keyof typeof names, string>;

beforeAll(async () => {
  provider = await startFakeSmsProvider({ silent: true });
  [msp, other] = await Promise.all([createMsp("Outreach"), createMsp("Other outreach")]);
  practiceId = msp.practices[0].id;
  const otherManager = await insertUser(msp.id, {
    role: "practice_manager",
    practiceIds: [msp.practices[1].id],
  });
  [admin, technician, manager, leadership, otherPracticeManager, otherAdmin, otherTechnician] =
    await Promise.all([
      callerFor(msp.admin),
      callerFor(msp.technician),
      callerFor(msp.manager),
      callerFor(msp.leadership),
      callerFor(otherManager),
      callerFor(other.admin),
      callerFor(other.technician),
    ]);
  await patientSmsChannel(admin, provider, null);
  await outreachSettings(manager, practiceId);
  const planted = await plantSchedule(msp.id, practiceId, [
    {
      startsAt: at("10:00"),
      providerName: "Dr. Ada Moss",
      patient: { name: names.rosalind, phone: "(608) 555-0101" },
    },
    {
      startsAt: at("10:20"),
      providerName: "Dr. Ada Moss",
      locationName: "North clinic",
      patient: { name: `Larkspur, Mateo`, phone: "608-555-0102", preferredLanguage: "es-MX" },
    },
    { startsAt: at("10:40"), patient: { name: names.nobody } },
    { startsAt: at("11:00"), patient: { name: names.stopped, phone: "(608) 555-0104" } },
    { startsAt: at("11:20"), patient: { name: names.rotated, phone: "(608) 555-0105" } },
    { startsAt: at("11:40"), patient: { name: names.email, email: "Ignatius@Example.TEST" } },
    {
      startsAt: at("13:00"),
      status: "cancelled",
      patient: { name: names.cancelled, phone: "(608) 555-0107" },
    },
    { startsAt: at("13:20"), patient: { name: names.removed, phone: "(608) 555-0108" } },
    {
      startsAt: at("14:00"),
      providerName: "Dr. Theo Adler",
      visitType: "New patient",
      patient: { name: names.afternoon, phone: "(608) 555-0109" },
    },
    {
      startsAt: at("16:00"),
      providerName: "Dr. Theo Adler",
      patient: { name: names.late, phone: "(608) 555-0110" },
    },
  ]);
  ids = Object.fromEntries(
    (Object.keys(names) as (keyof typeof names)[]).map((key, index) => [key, planted[index]!]),
  ) as typeof ids;
  await asTenant(msp.id, (tx) =>
    tx
      .update(schema.scheduleAppointments)
      .set({ removedAt: new Date() })
      .where(sql`${schema.scheduleAppointments.id} = ${ids.removed}`),
  );
  await optOut(msp.id, practiceId, "+16085550104");
});

afterAll(async () => {
  await provider?.close();
});

const morning = { day: DAY, from: "10:00", to: "12:00" };

async function previewAt(now: Date, input: Parameters<typeof previewCampaign>[1]) {
  const user = await sessionUserFor(msp.manager);
  return runAs(user, (s) => previewCampaign(s, input, now));
}

describe("the preview", () => {
  test("says exactly who gets what, on which channel, in which language, and who is skipped why", async () => {
    const preview = await manager.outreach.preview({
      practiceId,
      kind: "delay",
      selection: { day: DAY },
    });
    expect(preview.recipients.map((recipient) => recipient.firstName)).toEqual([
      "Rosalind",
      "Mateo",
      "Ambrose",
      "Ignatius",
      "Wilhelmina",
      "Percival",
    ]);
    const [rosalind, mateo] = preview.recipients;
    expect(rosalind).toMatchObject({
      appointmentId: ids.rosalind,
      channel: "sms",
      to: "••• 0101",
      language: "en",
      outbox: false,
    });
    expect(rosalind!.body).toMatch(
      /^Hi Rosalind, a computer outage is slowing us down\. Your visit on Tue, Mar 5, 10:00 AM/,
    );
    expect(rosalind!.body).toContain("(608) 555-0142"); // the practice's main site's phone
    expect(mateo).toMatchObject({ language: "es", channel: "sms" });
    expect(mateo!.body).toMatch(/^Hola Mateo, vamos con retraso por una falla de sistemas\./);
    // No mail server in the tests: the email-only patient's message would go to the outbox.
    expect(preview.recipients[3]).toMatchObject({
      firstName: "Ignatius",
      channel: "email",
      to: "i•••@example.test",
      outbox: true,
    });
    expect(preview.recipients[3]!.subject).toBe("We are running late today");
    expect(preview.skipped.map((each) => [each.firstName, each.reason])).toEqual([
      ["Cornelius", "no_address"],
      ["Philippa", "opted_out"],
      ["Cordelia", "cancelled"],
      ["Thaddeus", "removed"],
    ]);
    expect(preview.skipped[1]!.reasonLabel).toBe("Opted out (texted STOP)");
    expect(preview.counts).toMatchObject({
      recipients: 6,
      sms: 5,
      email: 0,
      outbox: 1,
      held: 0,
      skipped: 4,
    });
    expect(preview.available).toEqual({
      providers: ["Dr. Ada Moss", "Dr. Theo Adler"],
      sites: ["Main office", "North clinic"],
      visitTypes: ["Follow-up", "New patient"],
    });
    expect(preview.providers.sms).toMatchObject({ name: "Patient texts" });
    expect(preview.needsSecondConfirmation).toBe(false);
    // Audited as a read of patient data, with counts only.
    const [audit] = (await auditRows(msp.id, { action: "outreach.preview" })).slice(-1);
    expect(audit!.summary).toEqual({ kind: "delay", date: DAY, recipients: 6, skipped: 4 });
  });

  test("a time range, providers and visit types narrow it; today's remaining starts now", async () => {
    const afternoon = await manager.outreach.preview({
      practiceId,
      kind: "reminder",
      selection: { day: DAY, from: "12:00", providers: ["dr. theo adler"] },
    });
    expect(afternoon.recipients.map((recipient) => recipient.firstName)).toEqual([
      "Wilhelmina",
      "Percival",
    ]);
    const newPatients = await manager.outreach.preview({
      practiceId,
      kind: "reminder",
      selection: { day: DAY, visitTypes: ["New patient"] },
    });
    expect(newPatients.recipients.map((recipient) => recipient.firstName)).toEqual(["Wilhelmina"]);

    const remaining = await previewAt(at("14:30"), {
      practiceId,
      kind: "delay",
      selection: { day: "today", remainingOnly: true },
    });
    expect(remaining.window.date).toBe(DAY);
    expect(remaining.recipients.map((recipient) => recipient.firstName)).toEqual(["Percival"]);
    // Without "remaining only", what has passed is listed as skipped.
    const whole = await previewAt(at("14:30"), {
      practiceId,
      kind: "delay",
      selection: { day: "today" },
    });
    expect(whole.skipped.filter((each) => each.reason === "passed")).toHaveLength(7);
  });

  test("an opt-out kept under a previous patient-data key still counts", async () => {
    const previousKey = "standby-test-previous-patient-data-key-0123456789";
    process.env.PATIENT_DATA_PREVIOUS_KEYS = previousKey;
    const hash = await optOut(msp.id, practiceId, "+16085550105", previousKey);
    try {
      const preview = await manager.outreach.preview({
        practiceId,
        kind: "delay",
        selection: morning,
      });
      expect(preview.skipped.find((each) => each.appointmentId === ids.rotated)?.reason).toBe(
        "opted_out",
      );
    } finally {
      delete process.env.PATIENT_DATA_PREVIOUS_KEYS;
      await ownerSql()`delete from outreach_opt_outs where msp_id = ${msp.id} and address_hash = ${hash}`;
    }
  });

  test("inside quiet hours the messages are held until they end, unless urgent", async () => {
    await outreachSettings(manager, practiceId, { quietStart: "21:00", quietEnd: "08:00" });
    try {
      const evening = new Date(`2030-03-04T22:15:00-06:00`);
      const held = await previewAt(evening, { practiceId, kind: "reminder", selection: morning });
      expect(held.heldUntil?.words).toBe("Tue 08:00");
      expect(held.counts.held).toBe(held.counts.recipients - held.counts.outbox);
      const user = await sessionUserFor(msp.manager);
      const urgent = await runAs(user, (s) =>
        previewCampaign(
          s,
          {
            practiceId,
            kind: "cancellation",
            selection: morning,
            urgentReason: "Clinic closed: burst pipe",
          },
          evening,
        ),
      );
      expect(urgent.heldUntil).toBeNull();
      await expect(
        runAs(user, (s) =>
          previewCampaign(
            s,
            { practiceId, kind: "reminder", selection: morning, urgentReason: "Because I can" },
            evening,
          ),
        ),
      ).rejects.toThrow(/can go out during quiet hours/);
    } finally {
      await outreachSettings(manager, practiceId);
    }
  });
});

describe("sending", () => {
  test("needs a confirmation, then writes one message per recipient and the job; the preview's STOP that came later is honoured", async () => {
    const input = { practiceId, kind: "paper_day" as const, selection: morning };
    const preview = await technician.outreach.preview(input);
    expect(preview.recipients.map((recipient) => recipient.firstName)).toEqual([
      "Rosalind",
      "Mateo",
      "Ambrose",
      "Ignatius",
    ]);
    await expectTRPCError(
      technician.outreach.send({ ...input, confirm: false }),
      "BAD_REQUEST",
      /confirm/,
    );
    // Mateo texts STOP between the preview and the send.
    await optOut(msp.id, practiceId, "+16085550102");
    const sent = await technician.outreach.send({
      ...input,
      confirm: true,
      idempotencyKey: randomUUID(),
    });
    expect(sent).toMatchObject({ recipients: 3, skipped: 3, held: null });
    const order = Object.values(ids);
    const messages = (await messagesOf(msp.id, sent.campaignId)).sort(
      (a, b) => order.indexOf(a.appointmentId) - order.indexOf(b.appointmentId),
    );
    expect(
      messages.map((message) => [message.appointmentId, message.status, message.channel]),
    ).toEqual([
      [ids.rosalind, "queued", "sms"],
      [ids.rotated, "queued", "sms"],
      [ids.email, "outbox", "email"],
    ]);
    // The address and the text are sealed, never in the clear.
    const stored = JSON.stringify(messages);
    expect(stored).not.toContain("555-0101");
    expect(stored).not.toContain("+16085550101");
    expect(stored).not.toContain("Rosalind");
    expect(await campaignRow(msp.id, sent.campaignId)).toMatchObject({
      kind: "paper_day",
      recipients: 3,
      skipped: 3,
      outbox: 1,
      status: "sending",
      createdByName: msp.technician.name,
    });
    const jobs = await ownerSql()<{ data: { mspId: string; practiceId: string } }[]>`
      select data from pgboss.job where name = 'outreach-send' and data->>'practiceId' = ${practiceId}`;
    expect(jobs.length).toBeGreaterThanOrEqual(1);
    const [audit] = await auditRows(msp.id, { action: "outreach.send", entityId: sent.campaignId });
    expect(audit!.summary).toEqual({
      kind: "paper_day",
      recipients: 3,
      skipped: 3,
      held: 0,
      outbox: 1,
      automatic: false,
      urgent: false,
    });
  });

  test("once per appointment and kind: sending the same again sends nobody; two at the same moment write each message once", async () => {
    await expectTRPCError(
      technician.outreach.send({
        practiceId,
        kind: "paper_day",
        selection: morning,
        confirm: true,
      }),
      "BAD_REQUEST",
      /Nobody in this selection/,
    );
    const again = await technician.outreach.preview({
      practiceId,
      kind: "paper_day",
      selection: morning,
    });
    expect(again.skipped.filter((each) => each.reason === "already")).toHaveLength(3);

    const afternoon = {
      practiceId,
      kind: "delay" as const,
      selection: { day: DAY, from: "13:00" },
    };
    const results = await Promise.allSettled([
      technician.outreach.send({ ...afternoon, confirm: true }),
      manager.outreach.send({ ...afternoon, confirm: true }),
    ]);
    const written = await asTenant(msp.id, (tx) =>
      tx
        .select({ appointmentId: schema.outreachMessages.appointmentId })
        .from(schema.outreachMessages)
        .where(
          sql`${schema.outreachMessages.kind} = 'delay' and ${schema.outreachMessages.practiceId} = ${practiceId}`,
        ),
    );
    expect(written.map((row) => row.appointmentId).sort()).toEqual(
      [ids.afternoon, ids.late].sort(),
    );
    expect(results.some((result) => result.status === "fulfilled")).toBe(true);
  });

  test("a retried request (same key) sends once and answers the same", async () => {
    const key = randomUUID();
    const input = {
      practiceId,
      kind: "systems_back" as const,
      selection: morning,
      confirm: true,
      idempotencyKey: key,
    };
    const first = await manager.outreach.send(input);
    const second = await manager.outreach.send(input);
    expect(second).toEqual(first);
  });

  test("above 100 recipients the number must be typed again, and must still be the number", async () => {
    const big = await insertPractice(msp.id, { name: `Big clinic ${msp.tag}` });
    await outreachSettings(technician, big.id);
    await plantSchedule(
      msp.id,
      big.id,
      Array.from({ length: 102 }, (_, index) => ({
        startsAt: new Date(at("08:00").getTime() + index * 5 * 60_000),
        patient: { name: `Patient Number${index}`, phone: `(608) 555-${String(1000 + index)}` },
      })),
    );
    const input = { practiceId: big.id, kind: "delay" as const, selection: { day: DAY } };
    const preview = await technician.outreach.preview(input);
    expect(preview.counts.recipients).toBe(102);
    expect(preview.needsSecondConfirmation).toBe(true);
    // The counts cover all 102; the texts come a page of 50 at a time, each recipient once.
    expect(preview.recipients).toHaveLength(50);
    expect(preview.page).toEqual({ cursor: 0, size: 50, next: 50 });
    const second = await technician.outreach.preview({ ...input, cursor: 50 });
    const third = await technician.outreach.preview({ ...input, cursor: 100 });
    expect(second.counts).toEqual(preview.counts);
    expect(second.page.next).toBe(100);
    expect(third.page.next).toBeNull();
    expect(third.recipients.map((recipient) => recipient.firstName)).toEqual([
      "Patient",
      "Patient",
    ]);
    const shown = [...preview.recipients, ...second.recipients, ...third.recipients];
    expect(new Set(shown.map((recipient) => recipient.appointmentId)).size).toBe(102);
    expect(shown.every((recipient) => recipient.body.includes("Patient"))).toBe(true);
    expect(shown.map((recipient) => recipient.startsAt.getTime())).toEqual(
      [...shown.map((recipient) => recipient.startsAt.getTime())].sort((a, b) => a - b),
    );
    await expectTRPCError(
      technician.outreach.send({ ...input, confirm: true }),
      "CONFLICT",
      "This sends 102 messages: type 102 to confirm.",
    );
    // A STOP after the preview: the number typed is no longer the number.
    await optOut(msp.id, big.id, "+16085551000");
    await expectTRPCError(
      technician.outreach.send({ ...input, confirm: true, confirmCount: 102 }),
      "CONFLICT",
      /now 101, not 102/,
    );
    const sent = await technician.outreach.send({ ...input, confirm: true, confirmCount: 101 });
    expect(sent.recipients).toBe(101);
  });
});

describe("stop all sending", () => {
  test("stops every waiting message at once, refuses new sends until resumed, and is audited", async () => {
    const practice = await insertPractice(msp.id, { name: `Stop clinic ${msp.tag}` });
    await outreachSettings(technician, practice.id);
    await plantSchedule(
      msp.id,
      practice.id,
      Array.from({ length: 5 }, (_, index) => ({
        startsAt: new Date(at("10:00").getTime() + index * 20 * 60_000),
        patient: { name: `Stopper Number${index}`, phone: `(608) 555-${String(2000 + index)}` },
      })),
    );
    const input = { practiceId: practice.id, kind: "delay" as const, selection: { day: DAY } };
    const sent = await technician.outreach.send({ ...input, confirm: true });
    const result = await technician.outreach.stopAll({ practiceId: practice.id });
    expect(result.stoppedMessages).toBe(5);
    expect((await messagesOf(msp.id, sent.campaignId)).map((message) => message.status)).toEqual(
      Array(5).fill("stopped"),
    );
    expect(await campaignRow(msp.id, sent.campaignId)).toMatchObject({
      status: "stopped",
      stopped: 5,
    });
    await expectTRPCError(
      technician.outreach.send({ ...input, kind: "reminder", confirm: true }),
      "BAD_REQUEST",
      /Sending is stopped for this practice \(by Sam Tech/,
    );
    await technician.outreach.resume({ practiceId: practice.id });
    const resumed = await technician.outreach.resumeCampaign({
      practiceId: practice.id,
      campaignId: sent.campaignId,
    });
    expect(resumed.requeued).toBe(5);
    expect(await campaignRow(msp.id, sent.campaignId)).toMatchObject({
      status: "sending",
      stopped: 0,
    });
    const actions = (await auditRows(msp.id)).map((row) => row.action);
    expect(actions).toEqual(
      expect.arrayContaining(["outreach.stop_all", "outreach.resume", "outreach.resume_campaign"]),
    );
    const [stopAudit] = await auditRows(msp.id, { action: "outreach.stop_all" });
    expect(stopAudit!.summary).toEqual({ stoppedMessages: 5, campaigns: 1 });
  });
});

describe("settings", () => {
  test("saved with their version; a stale version is a conflict; leadership reads but cannot change them", async () => {
    const practice = msp.practices[1].id;
    expect((await leadership.outreach.getSettings({ practiceId })).quietStart).toBe("00:00");
    const before = await admin.outreach.getSettings({ practiceId: practice });
    expect(before).toMatchObject({
      version: 0,
      quietStart: "21:00",
      quietEnd: "08:00",
      messagesPerMinute: 60,
    });
    const saved = await admin.outreach.saveSettings({
      practiceId: practice,
      version: 0,
      quietStart: "20:30",
      quietEnd: "07:30",
      messagesPerMinute: 30,
      autoContinue: true,
      reminderHours: [2, 48],
    });
    expect(saved.version).toBe(1);
    expect(await admin.outreach.getSettings({ practiceId: practice })).toMatchObject({
      quietStart: "20:30",
      reminderHours: [48, 2],
      autoContinue: true,
    });
    await expectTRPCError(
      technician.outreach.saveSettings({
        practiceId: practice,
        version: 0,
        quietStart: "21:00",
        quietEnd: "08:00",
        messagesPerMinute: 60,
        autoContinue: false,
        reminderHours: [24],
      }),
      "CONFLICT",
    );
    await expectTRPCError(
      leadership.outreach.saveSettings({
        practiceId,
        version: 1,
        quietStart: "21:00",
        quietEnd: "08:00",
        messagesPerMinute: 60,
        autoContinue: false,
        reminderHours: [24],
      }),
      "FORBIDDEN",
    );
  });
});

describe("who may see and do what", () => {
  test("leadership and admins see campaigns' counts only; patient data and sending are refused in words", async () => {
    const listed = await leadership.outreach.campaigns({ practiceId });
    expect(listed.campaigns.length).toBeGreaterThan(0);
    expect(listed.campaigns[0]!.counts).toEqual(
      expect.objectContaining({ recipients: expect.any(Number), delivered: expect.any(Number) }),
    );
    const serialized =
      JSON.stringify(listed) + JSON.stringify(await admin.outreach.campaigns({ practiceId }));
    for (const name of Object.values(names)) expect(serialized).not.toContain(name.split(" ")[0]!);
    expect(serialized).not.toContain("555-01");

    const campaignId = listed.campaigns[0]!.id;
    for (const caller of [leadership, admin]) {
      await expectTRPCError(
        caller.outreach.preview({ practiceId, kind: "delay", selection: morning }),
        "FORBIDDEN",
      );
      await expectTRPCError(caller.outreach.messages({ practiceId, campaignId }), "FORBIDDEN");
      await expectTRPCError(
        caller.outreach.send({ practiceId, kind: "delay", selection: morning, confirm: true }),
        "FORBIDDEN",
      );
      await expectTRPCError(caller.outreach.stopAll({ practiceId }), "FORBIDDEN");
    }
    await expectTRPCError(
      leadership.outreach.messages({ practiceId, campaignId }),
      "FORBIDDEN",
      /Leadership sees how many patients were told, not who/,
    );
  });

  test("the practice's people read a campaign's messages per patient, audited", async () => {
    const { campaigns } = await manager.outreach.campaigns({ practiceId });
    const paperDay = campaigns.find((campaign) => campaign.kind === "paper_day")!;
    const read = await manager.outreach.messages({ practiceId, campaignId: paperDay.id });
    expect(read.messages.map((message) => [message.firstName, message.status])).toEqual([
      ["Rosalind", "queued"],
      ["Ambrose", "queued"],
      ["Ignatius", "outbox"],
    ]);
    expect(read.messages[2]!.body).toMatch(/^Hi Ignatius, we are working on paper today/);
    expect(read.messages[2]!.subject).toMatch(
      /^Your visit on .*: please bring your medication list$/,
    );
    const [audit] = (await auditRows(msp.id, { action: "outreach.messages_read" })).slice(-1);
    expect(audit!.summary).toEqual({ messages: 3 });
  });

  test("another practice's manager and another MSP get NOT_FOUND, never a hint", async () => {
    const { campaigns } = await manager.outreach.campaigns({ practiceId });
    const campaignId = campaigns[0]!.id;
    for (const caller of [otherPracticeManager, otherAdmin, otherTechnician]) {
      await expectTRPCError(caller.outreach.campaigns({ practiceId }), "NOT_FOUND");
      await expectTRPCError(caller.outreach.getSettings({ practiceId }), "NOT_FOUND");
    }
    for (const caller of [otherPracticeManager, otherTechnician]) {
      await expectTRPCError(
        caller.outreach.preview({ practiceId, kind: "delay", selection: morning }),
        "NOT_FOUND",
      );
      await expectTRPCError(caller.outreach.messages({ practiceId, campaignId }), "NOT_FOUND");
      await expectTRPCError(
        caller.outreach.send({ practiceId, kind: "delay", selection: morning, confirm: true }),
        "NOT_FOUND",
      );
      await expectTRPCError(caller.outreach.stopAll({ practiceId }), "NOT_FOUND");
    }
    // Their own practice, someone else's campaign id: not found either.
    await expectTRPCError(
      otherTechnician.outreach.messages({ practiceId: other.practices[0].id, campaignId }),
      "NOT_FOUND",
    );
  });

  test("a technician whose routine access has not begun is told when it does", async () => {
    const newcomer = await insertUser(msp.id, {
      role: "technician",
      patientDataAccessFrom: new Date(Date.now() + 6 * 60 * 60_000),
    });
    const caller = await callerFor(newcomer);
    await expectTRPCError(
      caller.outreach.preview({ practiceId, kind: "delay", selection: morning }),
      "FORBIDDEN",
      /Your access to patient records starts/,
    );
    expect((await caller.outreach.campaigns({ practiceId })).campaigns.length).toBeGreaterThan(0);
  });

  test("malformed input is refused with words", async () => {
    await expectTRPCError(
      manager.outreach.preview({
        practiceId,
        kind: "delay",
        selection: { day: DAY, from: "14:00", to: "13:00" },
      }),
      "BAD_REQUEST",
      /end of the time range must be after its start/,
    );
    await expectTRPCError(
      manager.outreach.preview({ practiceId, kind: "gossip" as never, selection: morning }),
      "BAD_REQUEST",
    );
  });
});

describe("send at an injected moment", () => {
  test("held messages keep the end of quiet hours (a day the clocks change) as their time", async () => {
    const practice = await insertPractice(msp.id, { name: `DST clinic ${msp.tag}` });
    await outreachSettings(technician, practice.id, { quietStart: "21:00", quietEnd: "08:00" });
    await plantSchedule(msp.id, practice.id, [
      {
        startsAt: new Date("2026-11-01T16:00:00Z"),
        patient: { name: "Leopold Fallback", phone: "(608) 555-3001" },
      },
    ]);
    const user = await sessionUserFor(msp.technician);
    // 22:00 CDT on October 31st: the clocks go back at 02:00.
    const evening = new Date("2026-11-01T03:00:00Z");
    const sent = await runAs(user, (s) =>
      sendCampaign(
        s,
        {
          practiceId: practice.id,
          kind: "reminder",
          selection: { day: "2026-11-01" },
          confirm: true,
        },
        evening,
      ),
    );
    expect(sent.held).toEqual({ at: new Date("2026-11-01T14:00:00Z"), words: "Sun 08:00" });
    const [message] = await messagesOf(msp.id, sent.campaignId);
    expect(message).toMatchObject({ status: "held", sendAfter: new Date("2026-11-01T14:00:00Z") });
  });
});
