/**
 * Patients' texts back (issue 20, item 7): the provider's signed webhook, what each word does (STOP,
 * START, HELP, "C" during an outage and without one, "Y", anything else), the replies inbox and its
 * answers, the demo's "Reply as the patient" on the outbox, and who may read any of it. Real
 * PostgreSQL, the app role under row-level security; the provider is a loopback receiver.
 */
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { POST } from "@/app/api/outreach/sms/[channelId]/inbound/route";
import * as schema from "@/db/schema";
import { normalisePhone } from "@/server/domain/phone-number";
import { listReplies } from "@/server/services/outreach/replies";
import { addressHashesOf } from "@/server/services/schedule/patient-data";
import { expectTRPCError } from "@/server/test/assertions";
import {
  asTenant,
  auditRows,
  callerFor,
  createMsp,
  insertPractice,
  insertUser,
  sessionUserFor,
  type Caller,
  type TestMsp,
} from "@/server/test/fixtures";
import { startHttpReceiver, type HttpReceiver } from "@/server/test/http-receiver";
import { plantOutreachMessage } from "@/server/test/outreach-fixtures";
import { plantSchedule } from "@/server/test/schedule-fixtures";
import { postInboundSms, type InboundSigning } from "@/server/test/sms-inbound";
import { runAs } from "@/server/trpc";

const PUBLIC_URL = "https://standby.example";
process.env.AUTH_URL = PUBLIC_URL;
process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";

const practiceToken = "practice-channel-auth-token";
const mspWideToken = "msp-wide-channel-auth-token";
/** Words and a number that must never reach an audit row or a log line. */
const sentinelText = "SENTINEL-REPLY-7Q2 can I come at 3 instead";
const sentinelPhone = "(608) 555-0177";

let msp: TestMsp;
let other: TestMsp;
let technician: Caller;
let manager: Caller;
let leadership: Caller;
let admin: Caller;
let otherPracticeManager: Caller;
let otherAdmin: Caller;
let provider: HttpReceiver;
let app: postgres.Sql;
let practiceId: string;
let practiceChannel: string;
let mspWideChannel: string;
let otherChannel: string;
let logged: string[];

let messageSequence = 0;
const messageSid = () => `SM${Date.now().toString(36)}${(messageSequence += 1)}`;
const addressOf = (channelId: string) => `${PUBLIC_URL}/api/outreach/sms/${channelId}/inbound`;
const deliverTo = (channelId: string) => (request: Request) =>
  POST(request, { params: Promise.resolve({ channelId }) });

/** A patient's text on a channel, signed with its token unless the test says otherwise. */
function text(
  channelId: string,
  from: string,
  body: string,
  signing: InboundSigning = {
    authToken: channelId === mspWideChannel ? mspWideToken : practiceToken,
  },
  sid = messageSid(),
) {
  return postInboundSms(
    addressOf(channelId),
    {
      From: normalisePhone(from)!,
      To: "+16085550001",
      Body: body,
      MessageSid: sid,
      AccountSid: "AC-test",
    },
    signing,
    deliverTo(channelId),
  );
}

async function repliesRows(mspId: string) {
  return asTenant(mspId, (tx) =>
    tx
      .select()
      .from(schema.outreachReplies)
      .where(sql`${schema.outreachReplies.mspId} = ${mspId}`),
  );
}

async function optOuts(mspId: string, phone: string) {
  const hashes = addressHashesOf(normalisePhone(phone)!);
  return asTenant(mspId, (tx) =>
    tx
      .select()
      .from(schema.outreachOptOuts)
      .where(
        sql`${schema.outreachOptOuts.mspId} = ${mspId} and ${schema.outreachOptOuts.addressHash} in ${hashes}`,
      ),
  );
}

const declaration = (id: string) => ({
  practiceId: id,
  title: "EHR down",
  systemIds: [],
  severity: "critical" as const,
  patientCareInterrupted: true,
  startedAt: new Date(Date.now() - 10 * 60_000),
  ownerName: "",
  updateEveryMinutes: 15,
});

async function resolve(id: string, incidentId: string) {
  const { incident } = await technician.incidents.get({ practiceId: id, incidentId });
  await technician.incidents.changeStatus({
    practiceId: id,
    incidentId,
    status: "resolved",
    note: "Back",
    version: incident.version,
  });
}

let phoneSequence = 0;
/** A patient of today with a number of their own, texted about their appointment. */
async function textedPatient(
  options: { name?: string; status?: "sent" | "outbox"; atPractice?: string } = {},
) {
  phoneSequence += 1;
  const phone = `(608) 555-${String(1000 + phoneSequence).slice(-4)}`;
  const where = options.atPractice ?? practiceId;
  const name = options.name ?? `Texted Patient ${phoneSequence}`;
  const [appointmentId] = await plantSchedule(msp.id, where, [
    {
      startsAt: new Date(Date.now() + 2 * 3_600_000),
      providerName: "Dr. Okafor",
      patient: { name, phone },
    },
  ]);
  const messageId = await plantOutreachMessage(msp.id, where, {
    appointmentId: appointmentId!,
    phone,
    status: options.status ?? "sent",
  });
  return { phone, name, appointmentId: appointmentId!, messageId };
}

beforeAll(async () => {
  const url = process.env.APP_DATABASE_URL;
  if (!url) throw new Error("APP_DATABASE_URL is not set");
  app = postgres(url, { max: 2, onnotice: () => {} });
  provider = await startHttpReceiver(() => ({
    status: 201,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ sid: "SManswer", status: "queued" }),
  }));
  [msp, other] = await Promise.all([createMsp("Replies"), createMsp("Other replies")]);
  practiceId = msp.practices[0].id;
  const outsider = await insertUser(msp.id, {
    role: "practice_manager",
    practiceIds: [msp.practices[1].id],
  });
  [technician, manager, leadership, admin, otherPracticeManager, otherAdmin] = await Promise.all([
    callerFor(msp.technician),
    callerFor(msp.manager),
    callerFor(msp.leadership),
    callerFor(msp.admin),
    callerFor(outsider),
    callerFor(other.admin),
  ]);
  const smsChannel = (caller: Caller, channelPracticeId: string | null, authToken: string) =>
    caller.notifications.createChannel({
      kind: "sms",
      name: `Texts ${authToken.slice(0, 6)}`,
      practiceId: channelPracticeId,
      events: ["incident.declared"],
      recipients: ["+16085550100"],
      from: "+16085550001",
      accountSid: "AC-test",
      authToken,
      apiBaseUrl: provider.url,
    });
  practiceChannel = (await smsChannel(admin, practiceId, practiceToken)).id;
  mspWideChannel = (await smsChannel(admin, null, mspWideToken)).id;
  otherChannel = (await smsChannel(otherAdmin, null, practiceToken)).id;
});

beforeEach(() => {
  logged = [];
  const capture = (...args: unknown[]) => {
    logged.push(args.map((arg) => (typeof arg === "string" ? arg : JSON.stringify(arg))).join(" "));
  };
  vi.spyOn(console, "warn").mockImplementation(capture);
  vi.spyOn(console, "error").mockImplementation(capture);
  vi.spyOn(console, "log").mockImplementation(capture);
});

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(async () => {
  await provider?.close();
  await app?.end({ timeout: 5 });
});

describe("the provider's webhook", () => {
  test("refuses unsigned, forged, wrongly keyed and misaddressed texts with 403, records nothing, and logs the channel and the reason only", async () => {
    const patient = await textedPatient();
    const before = (await repliesRows(msp.id)).length;
    const attempts: [string, Promise<Response>][] = [
      ["no signature", text(practiceChannel, patient.phone, "STOP", { authToken: null })],
      ["another token", text(practiceChannel, patient.phone, "STOP", { authToken: "guessed" })],
      [
        "another address",
        text(practiceChannel, patient.phone, "STOP", {
          authToken: practiceToken,
          signedUrl: `http://localhost:3000/api/outreach/sms/${practiceChannel}/inbound`,
        }),
      ],
      [
        "a changed text",
        text(practiceChannel, patient.phone, "STOP", {
          authToken: practiceToken,
          tamper: { Body: "C" },
        }),
      ],
      // Signed for one channel, replayed on another (the MSP-wide one, another token).
      [
        "another channel",
        text(mspWideChannel, patient.phone, "STOP", {
          authToken: practiceToken,
          signedUrl: addressOf(practiceChannel),
        }),
      ],
      // Another MSP's channel, signed with that channel's own token: it knows nothing of this number.
      ["unknown id", text(crypto.randomUUID(), patient.phone, "STOP")],
    ];
    for (const [why, attempt] of attempts) expect((await attempt).status, why).toBe(403);
    expect((await repliesRows(msp.id)).length).toBe(before);
    expect(await optOuts(msp.id, patient.phone)).toEqual([]);
    expect(
      logged.filter((line) => line.includes(`channel ${practiceChannel} refused`)).sort(),
    ).toEqual(
      [
        `[outreach] inbound text on channel ${practiceChannel} refused: no signature`,
        `[outreach] inbound text on channel ${practiceChannel} refused: the signature does not match`,
        `[outreach] inbound text on channel ${practiceChannel} refused: the signature does not match`,
        `[outreach] inbound text on channel ${practiceChannel} refused: the signature does not match`,
      ].sort(),
    );
    // Channel ids are random and may well contain "555": look for the number itself.
    const everything = logged.join("\n");
    expect(everything).not.toContain(patient.phone);
    expect(everything).not.toContain(patient.phone.replace(/\D/g, "").slice(-7));
    expect(everything).not.toContain("STOP");

    // Not a form, too large, or an address that names no channel.
    const notForm = await deliverTo(practiceChannel)(
      new Request(addressOf(practiceChannel), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      }),
    );
    expect(notForm.status).toBe(415);
    const huge = await text(practiceChannel, patient.phone, "x".repeat(70 * 1024));
    expect(huge.status).toBe(413);
    expect(
      (await deliverTo("../../trpc")(new Request(addressOf("x"), { method: "POST" }))).status,
    ).toBe(403);
    expect((await repliesRows(msp.id)).length).toBe(before);
  });

  test("without AUTH_URL, the signed address is the one the trusted proxy says the provider called", async () => {
    const patient = await textedPatient();
    const internal = `http://10.0.0.5:3000/api/outreach/sms/${practiceChannel}/inbound`;
    const publicAddress = `https://texts.clinic.example/api/outreach/sms/${practiceChannel}/inbound`;
    const viaProxy = (hops: string) => {
      process.env.TRUST_PROXY_HOPS = hops;
      return postInboundSms(
        internal,
        { From: normalisePhone(patient.phone)!, Body: "On my way", MessageSid: messageSid() },
        {
          authToken: practiceToken,
          signedUrl: publicAddress,
          headers: {
            host: "10.0.0.5:3000",
            "x-forwarded-host": "texts.clinic.example",
            "x-forwarded-proto": "https",
          },
        },
        deliverTo(practiceChannel),
      );
    };
    delete process.env.AUTH_URL;
    try {
      // No proxy trusted: its forwarded host is not believed, so the signature covers another address.
      expect((await viaProxy("0")).status).toBe(403);
      expect((await viaProxy("1")).status).toBe(200);
    } finally {
      process.env.AUTH_URL = PUBLIC_URL;
      delete process.env.TRUST_PROXY_HOPS;
    }
  });

  test("another MSP's channel is refused for this MSP's patients' texts, and records nothing there or here", async () => {
    const patient = await textedPatient();
    const response = await text(otherChannel, patient.phone, "STOP", { authToken: practiceToken });
    // Signed rightly for the other MSP's channel: that MSP never texted this number, so nothing is placed.
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("cannot match your text to a practice");
    expect(await optOuts(msp.id, patient.phone)).toEqual([]);
    expect(await repliesRows(other.id)).toEqual([]);
    expect(logged.join("\n")).toContain(`channel ${otherChannel} not placed`);
  });

  test("STOP opts the number out of the practice's texts, START opts it back in; both answer empty TwiML", async () => {
    const patient = await textedPatient();
    const stop = await text(practiceChannel, patient.phone, "Stop!");
    expect(stop.status).toBe(200);
    expect(stop.headers.get("content-type")).toMatch(/^text\/xml/);
    expect(await stop.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    const [optOut] = await optOuts(msp.id, patient.phone);
    expect(optOut).toMatchObject({ practiceId });

    // The front desk cannot text a number that said STOP.
    const [stopped] = (await technician.outreachReplies.inbox({ practiceId, status: "handled" }))
      .items;
    expect(stopped).toMatchObject({ action: "stop", handledByName: "Standby", text: "Stop!" });
    await expectTRPCError(
      technician.outreachReplies.answer({ practiceId, replyId: stopped!.id, text: "Sorry!" }),
      "BAD_REQUEST",
      /texted STOP/,
    );

    const start = await text(practiceChannel, patient.phone, "START");
    expect(await start.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect(await optOuts(msp.id, patient.phone)).toEqual([]);
  });

  test("HELP is answered with the practice's name and phone", async () => {
    const patient = await textedPatient();
    const response = await text(practiceChannel, patient.phone, "help");
    expect(await response.text()).toBe(
      `<?xml version="1.0" encoding="UTF-8"?><Response><Message>${msp.practices[0].name}: appointment messages. For help call (608) 555-0142. Reply STOP to stop these texts, START to get them again.</Message></Response>`,
    );
  });

  test("the same text delivered twice is taken in once", async () => {
    const patient = await textedPatient();
    const sid = messageSid();
    const signing = { authToken: practiceToken };
    for (let time = 0; time < 2; time++)
      expect((await text(practiceChannel, patient.phone, "STOP", signing, sid)).status).toBe(200);
    const rows = (await repliesRows(msp.id)).filter((row) => row.providerMessageId === sid);
    expect(rows).toHaveLength(1);
    expect(await optOuts(msp.id, patient.phone)).toHaveLength(1);
    expect(await auditRows(msp.id, { entityId: rows[0]!.id })).toHaveLength(1);
  });

  test("a number never texted: on the MSP-wide channel it is refused politely and logged; on a practice's channel it reaches that practice's inbox", async () => {
    const stranger = "(608) 555-0999";
    const before = (await repliesRows(msp.id)).length;
    const refused = await text(mspWideChannel, stranger, "C");
    expect(await refused.text()).toContain("cannot match your text to a practice");
    expect((await repliesRows(msp.id)).length).toBe(before);
    expect(logged.join("\n")).toContain(
      `[outreach] inbound text on channel ${mspWideChannel} not placed: the number was never texted through this channel`,
    );
    expect(logged.join("\n")).not.toContain("555-0999");

    await text(practiceChannel, stranger, "C");
    const { items } = await technician.outreachReplies.inbox({ practiceId });
    expect(items[0]).toMatchObject({
      action: "cancel",
      from: "+16085550999",
      patientName: null,
      appointment: null,
      handledAt: null,
      note: expect.stringMatching(/could not tell which appointment this cancels/),
    });
  });
});

describe("what a reply does", () => {
  test("'C' during an open outage marks the appointment cancelled on the continuity schedule and lists it in the reconciliation", async () => {
    const at = (await insertPractice(msp.id, { name: "Cancelling practice" })).id;
    const patient = await textedPatient({ atPractice: at, name: "Cancelling Patient" });
    const { id: incidentId } = await technician.incidents.declare(declaration(at));
    // Through the MSP-wide channel: the practice has no channel of its own.
    const response = await text(mspWideChannel, patient.phone, " c. ");
    expect(await response.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');

    const today = new Date(Date.now() + 2 * 3_600_000).toLocaleDateString("en-CA", {
      timeZone: "America/Chicago",
    });
    const day = await technician.schedule.day({ practiceId: at, date: today, incidentId });
    const card = day.sites[0]!.providers[0]!.appointments.find(
      (appointment) => appointment.id === patient.appointmentId,
    );
    expect(card?.mark).toMatchObject({
      kind: "cancelled",
      markedByName: "Patient, by text reply",
      note: "The patient replied C to the text message to cancel.",
    });
    const { marks } = await technician.schedule.reconciliationMarks({ practiceId: at, incidentId });
    expect(marks).toEqual([
      expect.objectContaining({ kind: "cancelled", patientName: "Cancelling Patient" }),
    ]);
    await resolve(at, incidentId);
    const view = await technician.incidents.get({ practiceId: at, incidentId });
    expect(view.scheduleMarks.line).toBe("Enter 1 cancellation into the EHR");

    const { items } = await technician.outreachReplies.inbox({ practiceId: at, status: "handled" });
    expect(items[0]).toMatchObject({
      action: "cancel",
      handledByName: "Standby",
      patientName: "Cancelling Patient",
      note: expect.stringMatching(/^Marked cancelled on the continuity schedule/),
    });
  });

  test("'C' with no outage open waits in the inbox with a note for the front desk", async () => {
    const at = (await insertPractice(msp.id, { name: "No outage practice" })).id;
    const patient = await textedPatient({ atPractice: at, name: "Calm Day Patient" });
    await text(mspWideChannel, patient.phone, "CANCEL");
    const inbox = await technician.outreachReplies.inbox({ practiceId: at });
    expect(inbox.openCount).toBe(1);
    expect(inbox.items[0]).toMatchObject({
      action: "cancel",
      handledAt: null,
      patientName: "Calm Day Patient",
      appointment: { id: patient.appointmentId, providerName: "Dr. Okafor" },
      note: expect.stringMatching(/no outage was open/),
    });
    const marks = await asTenant(msp.id, (tx) =>
      tx
        .select()
        .from(schema.scheduleMarks)
        .where(sql`${schema.scheduleMarks.practiceId} = ${at}`),
    );
    expect(marks).toEqual([]);
  });

  test("'Y' confirms: the continuity schedule shows it next to the appointment", async () => {
    const patient = await textedPatient({ name: "Confirming Patient" });
    await text(practiceChannel, patient.phone, "Yes");
    const date = new Date(Date.now() + 2 * 3_600_000).toLocaleDateString("en-CA", {
      timeZone: "America/Chicago",
    });
    const day = await technician.schedule.day({ practiceId, date });
    const card = day.sites
      .flatMap((site) => site.providers.flatMap((provider) => provider.appointments))
      .find((appointment) => appointment.id === patient.appointmentId);
    expect(card?.confirmedByTextAt).toBeInstanceOf(Date);
    const unconfirmed = day.sites
      .flatMap((site) => site.providers.flatMap((provider) => provider.appointments))
      .filter((appointment) => appointment.id !== patient.appointmentId);
    expect(unconfirmed.every((appointment) => appointment.confirmedByTextAt === null)).toBe(true);
    const { items } = await technician.outreachReplies.inbox({ practiceId, status: "handled" });
    expect(items.find((item) => item.appointment?.id === patient.appointmentId)).toMatchObject({
      action: "confirm",
      handledByName: "Standby",
    });
  });
});

describe("the replies inbox", () => {
  test("anything else waits for the front desk, who answer it by text and can toggle it handled", async () => {
    const patient = await textedPatient({ name: "Asking Patient" });
    await text(practiceChannel, patient.phone, "Can I come at 3 instead?");
    const inbox = await manager.outreachReplies.inbox({ practiceId });
    const item = inbox.items.find((reply) => reply.text === "Can I come at 3 instead?")!;
    expect(item).toMatchObject({
      action: "inbox",
      from: normalisePhone(patient.phone),
      patientName: "Asking Patient",
      handledAt: null,
      viaProvider: true,
      answers: [],
    });
    expect(inbox.answersAreSent).toBe(true);
    expect(await manager.outreachReplies.openCount({ practiceId })).toEqual({
      open: inbox.openCount,
    });

    const answered = await manager.outreachReplies.answer({
      practiceId,
      replyId: item.id,
      text: "Yes, 3 pm works. See you then.",
      idempotencyKey: crypto.randomUUID(),
    });
    expect(answered.outcome).toBe("sent");
    const sent = provider.received.at(-1)!;
    expect(sent.path).toBe("/2010-04-01/Accounts/AC-test/Messages.json");
    expect(Object.fromEntries(new URLSearchParams(sent.body))).toEqual({
      To: normalisePhone(patient.phone),
      From: "+16085550001",
      Body: "Yes, 3 pm works. See you then.",
    });
    expect(sent.headers.authorization).toBe(
      `Basic ${Buffer.from(`AC-test:${practiceToken}`).toString("base64")}`,
    );

    const handled = await manager.outreachReplies.inbox({ practiceId, status: "handled" });
    expect(handled.items.find((reply) => reply.id === item.id)).toMatchObject({
      handledByName: msp.manager.name,
      answers: [
        { text: "Yes, 3 pm works. See you then.", byName: msp.manager.name, outcome: "sent" },
      ],
    });
    expect(
      await manager.outreachReplies.markHandled({ practiceId, replyId: item.id, handled: false }),
    ).toEqual({ handled: false });
    expect(
      (await manager.outreachReplies.inbox({ practiceId })).items.map((reply) => reply.id),
    ).toContain(item.id);
    await manager.outreachReplies.markHandled({ practiceId, replyId: item.id, handled: true });
    expect(
      (await manager.outreachReplies.inbox({ practiceId })).items.map((reply) => reply.id),
    ).not.toContain(item.id);

    // Reads are audited with counts; answers and toggles with what was done, never the words.
    const reads = await auditRows(msp.id, { action: "outreach.replies_read" });
    expect(reads.at(-1)).toMatchObject({
      entityId: practiceId,
      summary: { status: "open", replies: expect.any(Number) },
    });
    const [answerAudit] = await auditRows(msp.id, {
      action: "outreach.reply_answer",
      entityId: item.id,
    });
    expect(answerAudit).toMatchObject({
      actorUserId: msp.manager.id,
      summary: { outcome: "sent" },
    });
  });

  test("pages through the inbox newest first", async () => {
    const at = (await insertPractice(msp.id, { name: "Busy inbox practice" })).id;
    const patient = await textedPatient({ atPractice: at });
    for (let index = 0; index < 27; index++)
      await text(mspWideChannel, patient.phone, `Question ${index}`);
    const first = await technician.outreachReplies.inbox({ practiceId: at });
    expect(first.items).toHaveLength(25);
    expect(first.openCount).toBe(27);
    expect(first.items[0]!.text).toBe("Question 26");
    const second = await technician.outreachReplies.inbox({
      practiceId: at,
      cursor: first.nextCursor!,
    });
    expect(second.items.map((item) => item.text)).toEqual(["Question 1", "Question 0"]);
    expect(second.nextCursor).toBeNull();
  });
});

describe("the demo: replies from the outbox", () => {
  test("an answer goes back through the number the patient wrote to, though the practice has its own", async () => {
    const patient = await textedPatient({ name: "Wrote To The MSP" });
    await text(mspWideChannel, patient.phone, "Is parking free?");
    const item = (await manager.outreachReplies.inbox({ practiceId })).items.find(
      (reply) => reply.text === "Is parking free?",
    )!;
    const answered = await manager.outreachReplies.answer({
      practiceId,
      replyId: item.id,
      text: "Yes, behind the clinic.",
      idempotencyKey: crypto.randomUUID(),
    });
    expect(answered.outcome).toBe("sent");
    // The MSP-wide channel's credentials, not the practice channel's (which is ranked first otherwise).
    expect(provider.received.at(-1)!.headers.authorization).toBe(
      `Basic ${Buffer.from(`AC-test:${mspWideToken}`).toString("base64")}`,
    );
  });

  test("a message in the outbox is answered as its patient; 'C' during an outage cancels as the provider's text would, and an answer is kept as not sent", async () => {
    const at = (await insertPractice(msp.id, { name: "Demo practice" })).id;
    const patient = await textedPatient({ atPractice: at, status: "outbox", name: "Demo Patient" });
    const question = await technician.outreachReplies.simulateReply({
      practiceId: at,
      messageId: patient.messageId,
      text: "Is parking free?",
    });
    expect(question).toMatchObject({ action: "inbox", handled: false, answer: null });
    const { id: incidentId } = await technician.incidents.declare(declaration(at));
    const cancel = await technician.outreachReplies.simulateReply({
      practiceId: at,
      messageId: patient.messageId,
      text: "C",
      idempotencyKey: crypto.randomUUID(),
    });
    expect(cancel).toMatchObject({ action: "cancel", handled: true });
    const { marks } = await technician.schedule.reconciliationMarks({ practiceId: at, incidentId });
    expect(marks).toEqual([
      expect.objectContaining({ kind: "cancelled", patientName: "Demo Patient" }),
    ]);
    const help = await technician.outreachReplies.simulateReply({
      practiceId: at,
      messageId: patient.messageId,
      text: "HELP",
    });
    expect(help.answer).toMatch(/^Demo practice: appointment messages/);

    const sentBefore = provider.received.length;
    const { items } = await technician.outreachReplies.inbox({ practiceId: at });
    const answer = await technician.outreachReplies.answer({
      practiceId: at,
      replyId: items.find((item) => item.text === "Is parking free?")!.id,
      text: "Yes, behind the building.",
    });
    expect(answer).toEqual({
      outcome: "not_sent",
      detail:
        "Not sent: the patient's reply was made in Standby (demo), so the answer is kept here.",
    });
    expect(provider.received.length).toBe(sentBefore);
    const [simulated] = await auditRows(msp.id, {
      action: "outreach.reply_simulated",
      entityId: patient.messageId,
    });
    expect(simulated).toMatchObject({
      actorUserId: msp.technician.id,
      summary: { action: "inbox" },
    });
    await resolve(at, incidentId);
  });

  test("only a message in the outbox can be answered in Standby", async () => {
    const patient = await textedPatient({ status: "sent" });
    await expectTRPCError(
      technician.outreachReplies.simulateReply({
        practiceId,
        messageId: patient.messageId,
        text: "C",
      }),
      "BAD_REQUEST",
      /Only a message in the outbox/,
    );
    await expectTRPCError(
      technician.outreachReplies.simulateReply({
        practiceId,
        messageId: crypto.randomUUID(),
        text: "C",
      }),
      "NOT_FOUND",
    );
    for (const bad of ["", "   ", "x".repeat(481)])
      await expectTRPCError(
        technician.outreachReplies.simulateReply({
          practiceId,
          messageId: patient.messageId,
          text: bad,
        }),
        "BAD_REQUEST",
      );
  });
});

describe("who reads the replies", () => {
  test("leadership and admins are refused in words; another practice's manager and another MSP's technician find nothing", async () => {
    const patient = await textedPatient({ status: "outbox" });
    await text(practiceChannel, patient.phone, "Running 5 minutes late");
    await expectTRPCError(
      leadership.outreachReplies.inbox({ practiceId }),
      "FORBIDDEN",
      /Leadership does not see patient data/,
    );
    await expectTRPCError(
      admin.outreachReplies.inbox({ practiceId }),
      "FORBIDDEN",
      /not MSP admins/,
    );
    await expectTRPCError(otherPracticeManager.outreachReplies.inbox({ practiceId }), "NOT_FOUND");
    // Another MSP: its admin is refused as any admin is (whatever the id), its technician finds nothing.
    await expectTRPCError(otherAdmin.outreachReplies.inbox({ practiceId }), "FORBIDDEN");
    const otherTechnician = await callerFor(other.technician);
    await expectTRPCError(otherTechnician.outreachReplies.inbox({ practiceId }), "NOT_FOUND");
    await expectTRPCError(
      otherTechnician.outreachReplies.simulateReply({
        practiceId: other.practices[0].id,
        messageId: patient.messageId,
        text: "C",
      }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      otherPracticeManager.outreachReplies.simulateReply({
        practiceId,
        messageId: patient.messageId,
        text: "C",
      }),
      "NOT_FOUND",
    );
    // Naming their own practice with this practice's message: not found either.
    await expectTRPCError(
      otherPracticeManager.outreachReplies.simulateReply({
        practiceId: msp.practices[1].id,
        messageId: patient.messageId,
        text: "C",
      }),
      "NOT_FOUND",
    );
    const { items } = await technician.outreachReplies.inbox({ practiceId });
    await expectTRPCError(
      otherPracticeManager.outreachReplies.markHandled({
        practiceId: msp.practices[1].id,
        replyId: items[0]!.id,
        handled: true,
      }),
      "NOT_FOUND",
    );
  });

  test("row-level security alone: with the procedures' checks bypassed, leadership, an admin without a grant and another practice's manager get no reply and cannot write one", async () => {
    const counted = (user: { id: string; role: string }, practiceIds = "*") =>
      app.begin(async (tx) => {
        await tx`select set_config('app.msp_id', ${msp.id}, true), set_config('app.user_id', ${user.id}, true),
                        set_config('app.role', ${user.role}, true), set_config('app.practice_ids', ${practiceIds}, true)`;
        const [row] = await tx<{ replies: number; optOuts: number }[]>`
          select (select count(*)::int from outreach_replies) as replies,
                 (select count(*)::int from outreach_opt_outs) as "optOuts"`;
        return row!;
      });
    const nothing = { replies: 0, optOuts: 0 };
    expect(await counted(msp.leadership, practiceId)).toEqual(nothing);
    expect(await counted(msp.admin)).toEqual(nothing);
    const outsideManager = await insertUser(msp.id, {
      role: "practice_manager",
      practiceIds: [msp.practices[1].id],
    });
    expect(await counted(outsideManager, msp.practices[1].id)).toEqual(nothing);
    expect((await counted(msp.technician)).replies).toBeGreaterThan(0);

    // The service itself, as leadership, with the router's refusal bypassed: nothing comes back.
    const inbox = await runAs(await sessionUserFor(msp.leadership), (ctx) =>
      listReplies(ctx, { practiceId, status: "open" }),
    );
    expect(inbox.items).toEqual([]);
    await expect(
      app.begin(async (tx) => {
        await tx`select set_config('app.msp_id', ${msp.id}, true), set_config('app.role', 'leadership', true), set_config('app.practice_ids', ${practiceId}, true)`;
        await tx`insert into outreach_replies (msp_id, practice_id, from_hash, from_sealed, body_sealed, action)
                 values (${msp.id}, ${practiceId}, 'h', 's', 's', 'inbox')`;
      }),
    ).rejects.toThrow();
  });

  test("the sentinel: a patient's words and number never reach an audit row or a log line", async () => {
    const patient = await textedPatient({ name: "Sentinel Patient" });
    for (const words of [sentinelText, "HELP", "C", "Y"])
      await text(practiceChannel, sentinelPhone, words);
    await text(practiceChannel, patient.phone, sentinelText);
    await text(mspWideChannel, sentinelPhone, sentinelText);
    await text(practiceChannel, sentinelPhone, sentinelText, { authToken: "forged" });
    const { items } = await technician.outreachReplies.inbox({ practiceId });
    const mine = items.find(
      (item) => item.text === sentinelText && item.from === normalisePhone(sentinelPhone),
    )!;
    await technician.outreachReplies.answer({
      practiceId,
      replyId: mine.id,
      text: `Answer to ${sentinelText}`,
    });
    await text(practiceChannel, sentinelPhone, "STOP");
    const everything = JSON.stringify(await auditRows(msp.id)) + logged.join("\n");
    for (const secret of [
      "SENTINEL-REPLY-7Q2",
      "555-0177",
      "5550177",
      "Sentinel Patient",
      "(608) 555-1",
    ])
      expect(everything).not.toContain(secret);
    // Stored sealed, not as written.
    const stored = JSON.stringify(await repliesRows(msp.id));
    expect(stored).not.toContain("SENTINEL-REPLY-7Q2");
    expect(stored).not.toContain("5550177");
  });
});
