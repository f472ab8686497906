/**
 * Sending patient messages (issue 20, item 4): through the fake provider on loopback, each message
 * at most once however many workers (or a worker killed mid-campaign), at the practice's pace,
 * held through quiet hours in its time zone, stopped at once by stop-all, and its delivery reported
 * back through signed status callbacks that only move it forward. And the sentinel: a patient's name
 * never reaches audit rows, notifications, logs or error messages.
 */
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import * as schema from "@/db/schema";
import { installJobQueue, JOB_QUEUES } from "@/db/job-queue";
import { withTenant } from "@/db/tenant";
import { spawnWorker } from "@/server/cli/worker-process";
import { enqueueAnyQueue } from "@/server/jobs/enqueue";
import { smsRequestSignature } from "@/server/domain/sms-signature";
import { sendCampaign } from "@/server/services/outreach/campaigns";
import { statusCallbackUrl } from "@/server/services/outreach/provider";
import {
  CLAIM_MS,
  claimDueMessages,
  enqueueDueSending,
  sendDueMessages,
  UNCERTAIN_SEND,
} from "@/server/services/outreach/sending";
import { statusReportResponse } from "@/server/services/outreach/status-reports";
import {
  startFakeSmsProvider,
  type FakeSmsProvider,
  type StatusReport,
} from "@/server/test/fake-sms-provider";
import {
  asTenant,
  callerFor,
  createMsp,
  insertPractice,
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
import { startWorker, type RunningWorker } from "@/server/worker/worker";
import { jobs } from "@/server/worker/jobs";

process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";

let msp: TestMsp;
let admin: Caller;
let technician: Caller;
const providers: FakeSmsProvider[] = [];
const workers: RunningWorker[] = [];

/** The route's work for a report the fake provider sends, called in-process at the address it was given. */
async function deliverInProcess(report: StatusReport): Promise<number> {
  const channelId = /\/api\/outreach\/sms\/([^/]+)\/status$/.exec(
    new URL(report.url).pathname,
  )![1]!;
  const response = await statusReportResponse(
    channelId,
    new Request(report.url, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": report.signature,
      },
      body: new URLSearchParams(report.params).toString(),
    }),
    report.url,
  );
  return response.status;
}

async function provider(options: Parameters<typeof startFakeSmsProvider>[0] = {}) {
  const started = await startFakeSmsProvider({ deliverReport: deliverInProcess, ...options });
  providers.push(started);
  return started;
}

/** A practice of its own with `count` patients (phones 555-4xxx) on one day, its own patient SMS channel, no quiet hours and no pace unless given. */
async function practiceWith(
  count: number,
  sms: FakeSmsProvider,
  settings: Parameters<typeof outreachSettings>[2] = {},
  day = "2030-04-02",
) {
  const practice = await insertPractice(msp.id, {
    name: `Outreach send ${randomUUID().slice(0, 8)}`,
  });
  await patientSmsChannel(admin, sms, practice.id);
  await outreachSettings(technician, practice.id, settings);
  const base = new Date(`${day}T08:00:00-05:00`).getTime();
  await plantSchedule(
    msp.id,
    practice.id,
    Array.from({ length: count }, (_, index) => ({
      startsAt: new Date(base + index * 60_000),
      patient: {
        name: `Patient Sender${index}`,
        phone: `+1608555${String(4000 + index)}`,
      },
    })),
  );
  return practice.id;
}

async function send(
  practiceId: string,
  now: Date,
  kind: "delay" | "reminder" = "delay",
  day = "2030-04-02",
) {
  const user = await sessionUserFor(msp.technician);
  return runAs(user, (s) =>
    sendCampaign(
      s,
      { practiceId, kind, selection: { day }, confirm: true, confirmCount: undefined },
      now,
    ),
  );
}

const statuses = async (campaignId: string) =>
  (await messagesOf(msp.id, campaignId)).map((message) => message.status);

const until = (what: () => Promise<boolean> | boolean, timeout = 15_000) =>
  expect.poll(what, { timeout, interval: 100 }).toBe(true);

function noDuplicates(sms: FakeSmsProvider) {
  const numbers = sms.messages.map((message) => message.to);
  expect(new Set(numbers).size).toBe(numbers.length);
}

/**
 * The workers of this file take Standby's outreach-send job from a queue of their own (the same
 * options), so they never send another test file's messages.
 */
const TEST_QUEUE = "test_outreach_send";
const askWorker = (practiceId: string) =>
  withTenant({ mspId: msp.id, userId: null, role: "system", practiceIds: "*" }, (tx) =>
    enqueueAnyQueue(tx, TEST_QUEUE, { mspId: msp.id, practiceId }, { singletonKey: practiceId }),
  );

beforeAll(async () => {
  await installJobQueue(process.env.DATABASE_URL!, { [TEST_QUEUE]: JOB_QUEUES["outreach-send"] });
  msp = await createMsp("Sending");
  [admin, technician] = await Promise.all([callerFor(msp.admin), callerFor(msp.technician)]);
});

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop({ timeoutMs: 1_000 })));
  await Promise.all(providers.map((each) => each.close()));
});

describe("sending through the provider", () => {
  test("each message goes once with its status callback; reports bring it to delivered, and the counts follow", async () => {
    const sms = await provider();
    sms.undeliverable.add("+16085554002");
    const practiceId = await practiceWith(3, sms);
    const { campaignId } = await send(practiceId, new Date());
    const result = await sendDueMessages(msp.id, practiceId);
    expect(result).toEqual({ sent: 3, failed: 0, notSent: 0 });
    expect(sms.messages.map((message) => message.to).sort()).toEqual([
      "+16085554000",
      "+16085554001",
      "+16085554002",
    ]);
    const first = sms.messages.find((message) => message.to === "+16085554000");
    expect(first!.body).toMatch(/^Hi Patient, a computer outage is slowing us down\./);
    expect(first!.from).toBe("+15005550006");
    const channels = await asTenant(msp.id, (tx) =>
      tx
        .select({ id: schema.notificationChannels.id })
        .from(schema.notificationChannels)
        .where(sql`${schema.notificationChannels.practiceId} = ${practiceId}`),
    );
    expect(first!.statusCallback).toBe(statusCallbackUrl(channels[0]!.id));
    expect(first!.statusCallback).toMatch(/\/api\/outreach\/sms\/[0-9a-f-]{36}\/status$/);

    await sms.settled();
    expect(sms.reports.every((report) => report.answered === 200)).toBe(true);
    expect(await statuses(campaignId)).toEqual(["delivered", "delivered", "undeliverable"]);
    const messages = await messagesOf(msp.id, campaignId);
    expect(messages[0]!.providerMessageId).toBe(first!.sid);
    expect(messages[0]!.deliveredAt).toBeInstanceOf(Date);
    expect(messages[2]!.error).toBe("The provider reported it undelivered (error 30003).");
    expect(await campaignRow(msp.id, campaignId)).toMatchObject({
      recipients: 3,
      sent: 0,
      delivered: 2,
      failed: 1,
      status: "done",
    });
  });

  test("a 500 and a 429 are tried again (after Retry-After); a 400 fails with the provider's words, not the number", async () => {
    const sms = await provider({ silent: true });
    const practiceId = await practiceWith(3, sms);
    const start = new Date();
    let now = start;
    const clock = () => now;
    const { campaignId } = await send(practiceId, start);
    sms.failNext(1, 429, 7);
    await sendDueMessages(msp.id, practiceId, { clock });
    let messages = await messagesOf(msp.id, campaignId);
    const retried = messages.find((message) => message.status === "queued")!;
    expect(retried.sendAfter).toEqual(new Date(start.getTime() + 7_000));
    expect(retried.error).toBe("HTTP 429 — error 20429: Too Many Requests");
    expect(messages.filter((message) => message.status === "sent")).toHaveLength(2);

    now = new Date(start.getTime() + 7_000);
    sms.failNext(1, 500);
    await sendDueMessages(msp.id, practiceId, { clock });
    messages = await messagesOf(msp.id, campaignId);
    const again = messages.find((message) => message.status === "queued")!;
    expect(again.attempts).toBe(2);
    expect(again.sendAfter.getTime()).toBeGreaterThan(now.getTime() + 20_000);

    now = new Date(again.sendAfter.getTime());
    sms.failNext(1, 400);
    await sendDueMessages(msp.id, practiceId, { clock });
    messages = await messagesOf(msp.id, campaignId);
    const failed = messages.find((message) => message.status === "failed")!;
    expect(failed.error).toBe(
      "HTTP 400 — error 21211: The 'To' number [number] is not a valid phone number.",
    );
    expect(sms.messages).toHaveLength(2);
    expect(await campaignRow(msp.id, campaignId)).toMatchObject({
      sent: 2,
      failed: 1,
      status: "done",
    });
  });

  test("without a provider for patient texts the messages wait in the outbox, never sent", async () => {
    const practice = await insertPractice(msp.id, {
      name: `No provider ${randomUUID().slice(0, 8)}`,
    });
    await outreachSettings(technician, practice.id);
    await plantSchedule(msp.id, practice.id, [
      {
        startsAt: new Date("2030-04-02T15:00:00Z"),
        patient: { name: "Outbox Patient", phone: "(608) 555-0199" },
      },
    ]);
    const { campaignId } = await send(practice.id, new Date());
    expect(await statuses(campaignId)).toEqual(["outbox"]);
    expect(await sendDueMessages(msp.id, practice.id)).toEqual({ sent: 0, failed: 0, notSent: 0 });
    expect(await campaignRow(msp.id, campaignId)).toMatchObject({ outbox: 1, status: "done" });
  });
});

describe("at most once", () => {
  test("two workers racing on one practice send each message once", async () => {
    const sms = await provider({ silent: true, answerAfterMs: 20 });
    const practiceId = await practiceWith(60, sms);
    const { campaignId } = await send(practiceId, new Date());
    const [a, b] = await Promise.all([
      sendDueMessages(msp.id, practiceId),
      sendDueMessages(msp.id, practiceId),
    ]);
    expect(a.sent + b.sent).toBe(60);
    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);
    noDuplicates(sms);
    expect(sms.messages).toHaveLength(60);
    expect(new Set(await statuses(campaignId))).toEqual(new Set(["sent"]));
  });

  test("two running workers share the campaigns of two practices: each message once", async () => {
    const sms = await provider({ silent: true });
    const [first, second] = [await practiceWith(20, sms), await practiceWith(20, sms)];
    for (const name of ["one", "two"])
      workers.push(
        await startWorker({
          jobs: { [TEST_QUEUE]: jobs["outreach-send"] },
          schedules: null,
          pollingIntervalSeconds: 0.5,
          log: (line) => console.log(`[worker ${name}] ${line}`),
        }),
      );
    const campaigns = [await send(first, new Date()), await send(second, new Date())];
    await askWorker(first);
    await askWorker(second);
    await until(() => sms.messages.length === 40);
    await until(async () =>
      (
        await Promise.all(campaigns.map((campaign) => campaignRow(msp.id, campaign.campaignId)))
      ).every((row) => row.status === "done"),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sms.messages).toHaveLength(40);
    // The same numbers at both practices: once per practice each.
    const perNumber = new Map<string, number>();
    for (const message of sms.messages)
      perNumber.set(message.to, (perNumber.get(message.to) ?? 0) + 1);
    expect([...perNumber.values()].every((count) => count === 2)).toBe(true);
    await Promise.all(workers.splice(0).map((worker) => worker.stop({ timeoutMs: 1_000 })));
  });

  test("a worker killed mid-campaign: the rest is sent by another, nothing twice; one it may have sent is not sent again", async () => {
    const sms = await provider({ silent: true, answerAfterMs: 150 });
    const practiceId = await practiceWith(40, sms);
    const child = spawnWorker({
      env: process.env,
      stdio: ["ignore", "pipe", "inherit"],
      script: "server/test/outreach-worker-child.ts",
      args: [TEST_QUEUE],
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    let campaignId = "";
    try {
      let output = "";
      child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
      await until(() => output.includes("ready"), 20_000);
      ({ campaignId } = await send(practiceId, new Date()));
      await askWorker(practiceId);
      await until(() => sms.requests >= 12, 20_000);
    } finally {
      child.kill("SIGKILL");
      await exited;
    }
    const atKill = await statuses(campaignId);
    expect(atKill.filter((status) => status === "sending").length).toBeGreaterThan(0);
    expect(atKill.filter((status) => status === "queued").length).toBeGreaterThan(0);

    // Another worker, once the dead one's claims have lapsed.
    const later = new Date(Date.now() + CLAIM_MS + 5_000);
    await sendDueMessages(msp.id, practiceId, { clock: () => later });
    noDuplicates(sms);
    const messages = await messagesOf(msp.id, campaignId);
    const reached = new Set(sms.messages.map((message) => message.to));
    const sent = messages.filter((message) => message.status === "sent");
    const uncertain = messages.filter((message) => message.status === "failed");
    expect(sent.length + uncertain.length).toBe(40);
    expect(uncertain.every((message) => message.error === UNCERTAIN_SEND)).toBe(true);
    // Only a message the dead worker had begun handing over is left uncertain; it is never sent twice.
    expect(uncertain.length).toBeLessThanOrEqual(10);
    // The provider got every sent message, and at most the uncertain ones besides: each once.
    expect(reached.size).toBe(sms.messages.length);
    expect(sms.messages.length).toBeGreaterThanOrEqual(sent.length);
    expect(sms.messages.length).toBeLessThanOrEqual(sent.length + uncertain.length);
    expect(await campaignRow(msp.id, campaignId)).toMatchObject({ status: "done" });
  }, 60_000);
});

describe("stop all sending", () => {
  test("stops at once: what was not yet handed to the provider is stopped, the worker sends nothing more", async () => {
    const sms = await provider({ silent: true, answerAfterMs: 200 });
    const practiceId = await practiceWith(40, sms);
    const { campaignId } = await send(practiceId, new Date());
    const sending = sendDueMessages(msp.id, practiceId);
    await until(() => sms.requests >= 3);
    const stopped = await technician.outreach.stopAll({ practiceId });
    const reachedAtStop = sms.requests;
    const result = await sending;
    // Only the sends already under way (at most one batch in parallel) finish.
    expect(sms.requests).toBeLessThanOrEqual(10);
    expect(sms.requests - reachedAtStop).toBeLessThanOrEqual(10);
    const after = await statuses(campaignId);
    expect(after.filter((status) => status === "sent")).toHaveLength(sms.messages.length);
    expect(after.filter((status) => status === "stopped")).toHaveLength(40 - sms.messages.length);
    expect(stopped.stoppedMessages + result.notSent).toBeGreaterThanOrEqual(
      40 - sms.messages.length,
    );
    expect(await campaignRow(msp.id, campaignId)).toMatchObject({
      status: "stopped",
      stopped: 40 - sms.messages.length,
    });
    // Nothing more, however often a worker looks.
    expect((await claimDueMessages(msp.id, practiceId, new Date())).stopped).toBe(true);
    expect(await sendDueMessages(msp.id, practiceId)).toEqual({ sent: 0, failed: 0, notSent: 0 });
  });
});

describe("pace", () => {
  test("6 a minute: never more than 6 begun in any minute, spread over it (injected clock)", async () => {
    const sms = await provider({ silent: true });
    const practiceId = await practiceWith(14, sms, { messagesPerMinute: 6 });
    const start = new Date();
    let now = start.getTime();
    const { campaignId } = await send(practiceId, start);
    const result = await sendDueMessages(msp.id, practiceId, {
      clock: () => new Date(now),
      sleep: async (ms) => {
        now += ms;
      },
      budgetMs: 10 * 60_000,
    });
    expect(result.sent).toBe(14);
    const begun = (await messagesOf(msp.id, campaignId))
      .map((message) => message.lastAttemptAt!.getTime())
      .sort((a, b) => a - b);
    for (const moment of begun)
      expect(
        begun.filter((other) => other >= moment && other < moment + 60_000).length,
      ).toBeLessThanOrEqual(6);
    // 14 at 6 a minute, one every 10 seconds: 130 seconds from the first to the last.
    expect(begun.at(-1)! - begun[0]!).toBe(130_000);
  });
});

describe("quiet hours in the practice's zone", () => {
  test("a message due inside them is held until they end, across the night the clocks go back", async () => {
    const sms = await provider({ silent: true });
    const practiceId = await practiceWith(
      1,
      sms,
      { quietStart: "21:00", quietEnd: "08:00" },
      "2026-11-02",
    );
    // Sent at 20:30 CDT on October 31st (before quiet hours): queued.
    const { campaignId } = await send(
      practiceId,
      new Date("2026-11-01T01:30:00Z"),
      "reminder",
      "2026-11-02",
    );
    expect(await statuses(campaignId)).toEqual(["queued"]);
    // A worker first looks at 22:00 CDT: held until 08:00 CST, which is 14:00Z (25-hour night).
    await sendDueMessages(msp.id, practiceId, { clock: () => new Date("2026-11-01T03:00:00Z") });
    let [message] = await messagesOf(msp.id, campaignId);
    expect(message).toMatchObject({ status: "held", sendAfter: new Date("2026-11-01T14:00:00Z") });
    await sendDueMessages(msp.id, practiceId, { clock: () => new Date("2026-11-01T13:59:00Z") });
    expect(sms.messages).toHaveLength(0);
    await sendDueMessages(msp.id, practiceId, { clock: () => new Date("2026-11-01T14:00:00Z") });
    [message] = await messagesOf(msp.id, campaignId);
    expect(message!.status).toBe("sent");
    expect(sms.messages).toHaveLength(1);
  });
});

describe("checked again before each send", () => {
  test("a STOP or a cancellation after the message was queued withholds it", async () => {
    const sms = await provider({ silent: true });
    const practiceId = await practiceWith(3, sms);
    const { campaignId } = await send(practiceId, new Date());
    await optOut(msp.id, practiceId, "+16085554000");
    await asTenant(msp.id, (tx) =>
      tx
        .update(schema.scheduleAppointments)
        .set({ status: "cancelled" })
        .where(
          and(
            eq(schema.scheduleAppointments.practiceId, practiceId),
            eq(schema.scheduleAppointments.startsAt, new Date("2030-04-02T13:01:00Z")),
          ),
        ),
    );
    await sendDueMessages(msp.id, practiceId);
    const messages = await messagesOf(msp.id, campaignId);
    expect(messages.map((message) => [message.status, message.error])).toEqual([
      ["withheld", "Not sent: the patient opted out (STOP) before its turn came."],
      ["withheld", "Not sent: appointment cancelled before its turn came."],
      ["sent", null],
    ]);
    expect(sms.messages.map((message) => message.to)).toEqual(["+16085554002"]);
    expect(await campaignRow(msp.id, campaignId)).toMatchObject({ withheld: 2, sent: 1 });
  });

  test("the minute's scan asks for a sending job for each practice with messages due", async () => {
    const sms = await provider({ silent: true });
    const practiceId = await practiceWith(1, sms);
    await send(practiceId, new Date());
    await ownerSql()`delete from pgboss.job where name = 'outreach-send' and data->>'practiceId' = ${practiceId}`;
    expect(await enqueueDueSending(new Date())).toBeGreaterThanOrEqual(1);
    const [job] = await ownerSql()<
      { data: { mspId: string; practiceId: string }; singleton_key: string }[]
    >`
      select data, singleton_key from pgboss.job where name = 'outreach-send' and data->>'practiceId' = ${practiceId}`;
    expect(job).toMatchObject({ data: { mspId: msp.id, practiceId }, singleton_key: practiceId });
  });
});

describe("status callbacks", () => {
  async function sentMessage() {
    const sms = await provider({ silent: true });
    const practiceId = await practiceWith(1, sms);
    const { campaignId } = await send(practiceId, new Date());
    await sendDueMessages(msp.id, practiceId);
    const [message] = await messagesOf(msp.id, campaignId);
    const [channel] = await asTenant(msp.id, (tx) =>
      tx
        .select({ id: schema.notificationChannels.id })
        .from(schema.notificationChannels)
        .where(sql`${schema.notificationChannels.practiceId} = ${practiceId}`),
    );
    return { sms, campaignId, message: message!, channelId: channel!.id };
  }

  const report = (url: string, params: Record<string, string>, signature: string | null) =>
    new Request(url, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        ...(signature === null ? {} : { "x-twilio-signature": signature }),
      },
      body: new URLSearchParams(params).toString(),
    });

  test("forged, unsigned and unknown-channel callbacks are refused (and logged without their body); the message is untouched", async () => {
    const { sms, message, channelId } = await sentMessage();
    const url = statusCallbackUrl(channelId);
    const params = {
      MessageSid: message.providerMessageId!,
      MessageStatus: "delivered",
      To: "+16085554000",
    };
    const warnings = vi.spyOn(console, "warn").mockImplementation(() => {});
    const forged = await statusReportResponse(
      channelId,
      report(url, params, smsRequestSignature("not-the-token", url, params)),
      url,
    );
    expect(forged.status).toBe(403);
    const unsigned = await statusReportResponse(channelId, report(url, params, null), url);
    expect(unsigned.status).toBe(403);
    // Signed for another address (a replay against another channel's callback).
    const elsewhere = await statusReportResponse(
      channelId,
      report(url, params, smsRequestSignature(sms.authToken, `${url}x`, params)),
      url,
    );
    expect(elsewhere.status).toBe(403);
    const unknown = await statusReportResponse(
      randomUUID(),
      report(url, params, smsRequestSignature(sms.authToken, url, params)),
      url,
    );
    expect(unknown.status).toBe(404);
    expect(warnings).toHaveBeenCalledTimes(4);
    expect(JSON.stringify(warnings.mock.calls)).not.toContain("+16085554000");
    expect(JSON.stringify(warnings.mock.calls)).not.toContain(message.providerMessageId!);
    const [after] = await messagesOf(msp.id, message.campaignId);
    expect(after!.status).toBe("sent");
  });

  test("reports move the message forward only, any number of times, and the counts follow", async () => {
    const { sms, campaignId, message, channelId } = await sentMessage();
    const url = statusCallbackUrl(channelId);
    const signed = async (status: string, extra: Record<string, string> = {}) => {
      const params = { MessageSid: message.providerMessageId!, MessageStatus: status, ...extra };
      const response = await statusReportResponse(
        channelId,
        report(url, params, smsRequestSignature(sms.authToken, url, params)),
        url,
      );
      return response.status;
    };
    expect(await signed("delivered")).toBe(200);
    expect(await signed("delivered")).toBe(200);
    expect(await signed("sent")).toBe(200);
    expect(await signed("undelivered", { ErrorCode: "30003" })).toBe(200);
    const [after] = await messagesOf(msp.id, campaignId);
    expect(after!.status).toBe("delivered");
    expect(await campaignRow(msp.id, campaignId)).toMatchObject({
      sent: 0,
      delivered: 1,
      failed: 0,
    });
  });
});

describe("the sentinel", () => {
  test("a patient's name and number never reach audit rows, notifications, job payloads, logs or errors", async () => {
    const sentinel = "Zebediah Sentinelworth";
    const sentinelPhone = "+16085559871";
    const logged: unknown[] = [];
    for (const level of ["log", "info", "warn", "error", "debug"] as const)
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args);
      });
    const sms = await provider();
    const practice = await insertPractice(msp.id, { name: `Sentinel ${randomUUID().slice(0, 8)}` });
    await patientSmsChannel(admin, sms, practice.id);
    await outreachSettings(technician, practice.id);
    await plantSchedule(msp.id, practice.id, [
      {
        startsAt: new Date("2030-04-02T15:00:00Z"),
        patient: { name: sentinel, phone: sentinelPhone, email: "zebediah@sentinel.example" },
      },
      {
        startsAt: new Date("2030-04-02T15:20:00Z"),
        patient: { name: `${sentinel} Junior`, phone: "+16085559872" },
      },
    ]);
    const errors: string[] = [];
    const input = {
      practiceId: practice.id,
      kind: "delay" as const,
      selection: { day: "2030-04-02" },
    };
    const preview = await technician.outreach.preview(input);
    expect(preview.recipients[0]!.body).toContain("Zebediah");
    await technician.outreach.send({ ...input, confirm: true }).catch((error: Error) => {
      errors.push(error.message);
    });
    await technician.outreach.send({ ...input, confirm: true }).catch((error: Error) => {
      errors.push(error.message);
    });
    sms.failNext(1, 400);
    await sendDueMessages(msp.id, practice.id);
    await sms.settled();
    await technician.outreach.stopAll({ practiceId: practice.id });
    const { campaigns } = await technician.outreach.campaigns({ practiceId: practice.id });
    await technician.outreach.messages({ practiceId: practice.id, campaignId: campaigns[0]!.id });
    expect(errors.length).toBeGreaterThan(0);

    const owner = ownerSql();
    const [audit, events, deliveries, jobRows, messageErrors, campaignRows] = await Promise.all([
      owner`select action, summary::text as summary from audit_events where msp_id = ${msp.id}`,
      owner`select row_to_json(e)::text as row from notification_events e where msp_id = ${msp.id}`,
      owner`select row_to_json(d)::text as row from notification_deliveries d where msp_id = ${msp.id}`,
      owner`select data::text as data from pgboss.job where name like 'outreach%'`,
      owner`select error from outreach_messages where msp_id = ${msp.id} and error is not null`,
      owner`select row_to_json(c)::text as row from outreach_campaigns c where msp_id = ${msp.id}`,
    ]);
    const everything = JSON.stringify({
      audit,
      events,
      deliveries,
      jobRows,
      messageErrors,
      campaignRows,
      logged,
      errors,
    });
    expect(audit.some((row) => row.action === "outreach.send")).toBe(true);
    expect(messageErrors.length).toBeGreaterThan(0);
    for (const secret of ["Zebediah", "Sentinelworth", "5559871", "555-9871", "sentinel.example"])
      expect(everything).not.toContain(secret);
  });
});
