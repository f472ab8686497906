import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { withTenant } from "@/db/tenant";
import { startWorker, type RunningWorker } from "@/server/worker/worker";
import { expectTRPCError } from "@/server/test/assertions";
import {
  auditRows,
  callerFor,
  createMsp,
  insertPractice,
  ownerSql,
  type Caller,
  type TestMsp,
} from "@/server/test/fixtures";
import { startHttpReceiver, type HttpReceiver } from "@/server/test/http-receiver";
import { startSmtpSink, type SmtpSink } from "@/server/test/smtp-sink";
import { InvalidError } from "@/server/errors";
import { deliverNotification, PAUSE_AFTER_FAILURES } from "./deliver";
import { recordNotificationEvent } from "./events";

/** Receivers on loopback: only the allowlist lets deliveries reach them. */
process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";

let msp: TestMsp;
let other: TestMsp;
let quiet: TestMsp;
let admin: Caller;
let technician: Caller;
let otherAdmin: Caller;
let teams: HttpReceiver;
let hooks: HttpReceiver;
let flaky: HttpReceiver;
let flakyAnswers: number[] = [];
let smtp: SmtpSink;
const workers: RunningWorker[] = [];

const SENTINEL = "Zebulon Quintavious-Marsh";

beforeAll(async () => {
  [msp, other, quiet] = await Promise.all([
    createMsp("Notify"),
    createMsp("Notify other"),
    createMsp("Notify quiet"),
  ]);
  [admin, technician, otherAdmin] = await Promise.all([
    callerFor(msp.admin),
    callerFor(msp.technician),
    callerFor(other.admin),
  ]);
  teams = await startHttpReceiver(() => ({ status: 202 }));
  hooks = await startHttpReceiver(() => ({ status: 200, body: "ok" }));
  flaky = await startHttpReceiver(() => ({ status: flakyAnswers.shift() ?? 200 }));
  smtp = await startSmtpSink();
  process.env.SMTP_URL = smtp.url;
});

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop({ timeoutMs: 2_000 })));
  await Promise.all([teams.close(), hooks.close(), flaky.close(), smtp.close()]);
  delete process.env.SMTP_URL;
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

async function deliveriesOf(mspId: string) {
  return ownerSql()<
    {
      id: string;
      status: string;
      channel_name: string;
      recipient: string;
      attempts: number;
      kind: string;
      last_detail: string | null;
      preview: Record<string, unknown> | null;
    }[]
  >`select d.id, d.status, d.channel_name, d.recipient, d.attempts, e.kind, d.last_detail, d.preview
    from notification_deliveries d join notification_events e on e.id = d.event_id
    where d.msp_id = ${mspId} order by d.created_at, d.id`;
}

const jobsFor = async (deliveryIds: string[]) =>
  (
    await ownerSql()<{ n: number }[]>`
      select count(*)::int as n from pgboss.job
      where name = 'notification-delivery' and data->>'deliveryId' = any(${deliveryIds})`
  )[0]!.n;

describe("with nothing configured", () => {
  test("an outage goes to the outbox, shown as it would have been sent and marked not sent", async () => {
    const quietTech = await callerFor(quiet.technician);
    await quietTech.incidents.declare(declaration(quiet.practices[0].id, "EHR down"));
    const [delivery] = await deliveriesOf(quiet.id);
    expect(delivery).toMatchObject({
      status: "outbox",
      kind: "incident.declared",
      last_detail: "Not sent: no channel configured",
    });
    const preview = delivery!.preview as { email: { subject: string }; sms: string };
    expect(preview.email.subject).toBe(
      `[Standby] ${quiet.practices[0].name}: Outage declared: EHR down`,
    );
    expect(preview.sms).toContain("/incidents/");
    expect(await jobsFor([delivery!.id])).toBe(0);
    const quietAdmin = await callerFor(quiet.admin);
    const log = await quietAdmin.notifications.deliveries({ status: "outbox" });
    expect(log.items.map((item) => item.headline)).toEqual(["Outage declared: EHR down"]);
  });
});

describe("channels", () => {
  test("an admin adds channels; secrets are sealed, never shown again, and other roles and MSPs cannot touch them", async () => {
    const teamsUrl = `${teams.url}/workflows/abc?sig=SECRETSIG123`;
    await admin.notifications.createChannel({
      kind: "teams",
      name: "On-call Teams",
      practiceId: null,
      events: ["incident.declared", "incident.status_changed", "incident.update_posted"],
      url: teamsUrl,
    });
    const created = await admin.notifications.createChannel({
      kind: "webhook",
      name: "PSA webhook",
      practiceId: null,
      events: ["incident.declared", "incident.update_posted"],
      url: `${hooks.url}/psa`,
    });
    expect(created.webhookSecret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    await admin.notifications.createChannel({
      kind: "email",
      name: "Service desk mailbox",
      practiceId: null,
      events: ["incident.declared"],
      recipients: ["desk@notify.example"],
    });

    const listed = await admin.notifications.channels();
    expect(listed.map((channel) => channel.name)).toEqual([
      "On-call Teams",
      "PSA webhook",
      "Service desk mailbox",
    ]);
    const serialized = JSON.stringify(listed);
    expect(serialized).not.toContain("SECRETSIG123");
    expect(serialized).not.toContain(created.webhookSecret!.slice(6));
    const stored = await ownerSql()<{ secret_sealed: string | null }[]>`
      select secret_sealed from notification_channels where msp_id = ${msp.id}`;
    for (const row of stored) {
      expect(row.secret_sealed ?? "").not.toContain("SECRETSIG123");
      expect(row.secret_sealed ?? "").not.toContain(created.webhookSecret!.slice(6));
    }

    await expectTRPCError(
      technician.notifications.createChannel({
        kind: "slack",
        name: "x",
        practiceId: null,
        events: ["incident.declared"],
        url: `${hooks.url}/x`,
      }),
      "FORBIDDEN",
    );
    expect(await otherAdmin.notifications.channels()).toEqual([]);
    await expectTRPCError(
      otherAdmin.notifications.sendTest({ channelId: listed[0]!.id }),
      "NOT_FOUND",
    );
    expect((await otherAdmin.notifications.deliveries({})).items).toEqual([]);
  });

  test("addresses on loopback, private or metadata networks are refused unless allowlisted", async () => {
    await expectTRPCError(
      admin.notifications.createChannel({
        kind: "slack",
        name: "Metadata",
        practiceId: null,
        events: ["incident.declared"],
        url: "http://169.254.169.254/latest/meta-data",
      }),
      "BAD_REQUEST",
      /not a public internet address/,
    );
  });

  test("send test shows the receiver's answer in place and lands in the delivery log", async () => {
    const [teamsChannel] = await admin.notifications.channels();
    const before = teams.received.length;
    const result = await admin.notifications.sendTest({ channelId: teamsChannel!.id });
    expect(result).toMatchObject({
      result: "accepted",
      httpStatus: 202,
      detail: "Accepted by Teams — delivery can't be confirmed",
    });
    expect(teams.received.length).toBe(before + 1);
    expect(teams.received.at(-1)!.path).toBe("/workflows/abc?sig=SECRETSIG123");
    const log = await admin.notifications.deliveries({ channelId: teamsChannel!.id });
    expect(log.items[0]).toMatchObject({ event: "channel.test", status: "accepted" });
  });
});

describe("delivering", () => {
  test("a declared outage is delivered by the worker to every routed channel; a rolled-back change sends nothing", async () => {
    // Rolled back: the event, its deliveries and their jobs go with it.
    await expect(
      withTenant(
        { mspId: msp.id, userId: msp.technician.id, role: "technician", practiceIds: "*" },
        async (tx) => {
          await recordNotificationEvent(
            { tx, mspId: msp.id, actor: { userId: null, name: "t" }, practiceIds: "*" },
            {
              kind: "incident.declared",
              practiceId: msp.practices[0].id,
              headline: "Never sent",
              status: null,
              linkPath: "/",
              dedupeKey: "rolled-back",
            },
          );
          throw new Error("roll back");
        },
      ),
    ).rejects.toThrow("roll back");
    expect((await deliveriesOf(msp.id)).some((row) => row.kind === "incident.declared")).toBe(
      false,
    );

    workers.push(
      await startWorker({ schedules: null, pollingIntervalSeconds: 0.5, log: () => {} }),
    );
    const teamsBefore = teams.received.length;
    const started = Date.now();
    await technician.incidents.declare(declaration(msp.practices[0].id, "EHR down at Lakeside"));
    await expect
      .poll(
        async () =>
          (await deliveriesOf(msp.id))
            .filter((row) => row.kind === "incident.declared")
            .map((row) => `${row.channel_name}:${row.status}`)
            .sort(),
        { timeout: 10_000, interval: 100 },
      )
      .toEqual([
        "On-call Teams:accepted",
        "PSA webhook:delivered",
        "Service desk mailbox:delivered",
      ]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(teams.received.length).toBe(teamsBefore + 1);
    expect(teams.received.at(-1)!.body).toContain("Outage declared: EHR down at Lakeside");
    const [mail] = smtp.to("desk@notify.example");
    expect(mail!.subject).toContain("Outage declared: EHR down at Lakeside");
  });

  test("the signed webhook verifies, and its webhook-id is the delivery's id", async () => {
    const hook = hooks.received.at(-1)!;
    const [webhookDelivery] = (await deliveriesOf(msp.id)).filter(
      (row) => row.channel_name === "PSA webhook" && row.kind === "incident.declared",
    );
    expect(hook.headers["webhook-id"]).toBe(webhookDelivery!.id);
  });

  test("patient data never reaches a channel: not the downtime log, not an update's text", async () => {
    const { id: incidentId } = await technician.incidents.declare(
      declaration(msp.practices[0].id, "Phones down"),
    );
    const ref = { practiceId: msp.practices[0].id, incidentId };
    await technician.incidents.postUpdate({
      ...ref,
      idempotencyKey: randomUUID(),
      body: `Called back ${SENTINEL} about the 10:00 visit`,
    });
    await technician.downtimeLog.add({
      ...ref,
      idempotencyKey: randomUUID(),
      patient: `${SENTINEL}, MRN 555-0199`,
      visitDate: new Date().toISOString().slice(0, 10),
      provider: "Dr. Ng",
      reason: "Follow-up",
      orders: "",
      followUp: "",
    });
    await expect
      .poll(
        async () =>
          (await deliveriesOf(msp.id)).filter(
            (row) =>
              row.kind === "incident.update_posted" &&
              ["delivered", "accepted"].includes(row.status),
          ).length,
        { timeout: 10_000, interval: 100 },
      )
      .toBe(2);
    const everything = [
      ...teams.received.map((request) => request.body),
      ...hooks.received.map((request) => request.body),
      ...smtp.mail.map((mail) => mail.raw),
      JSON.stringify(await deliveriesOf(msp.id)),
    ].join("\n");
    expect(everything).toContain("Update posted on the outage: Phones down");
    expect(everything).not.toContain(SENTINEL);
  });
});

describe("failures", () => {
  async function flakyChannel(name: string) {
    await admin.notifications.createChannel({
      kind: "slack",
      name,
      practiceId: msp.practices[1].id,
      events: ["review.overdue"],
      url: `${flaky.url}/${name}`,
    });
    return (await admin.notifications.channels()).find((channel) => channel.name === name)!;
  }
  async function eventFor(dedupeKey: string) {
    return withTenant(
      { mspId: msp.id, userId: null, role: "system", practiceIds: "*" },
      async (tx) => {
        await recordNotificationEvent(
          { tx, mspId: msp.id, actor: { userId: null, name: "Standby" }, practiceIds: "*" },
          {
            kind: "review.overdue",
            practiceId: msp.practices[1].id,
            headline: "Review overdue",
            status: null,
            linkPath: "/",
            dedupeKey,
          },
        );
      },
    );
  }
  const deliveryOf = async (channelName: string, dedupeKey: string) =>
    (
      await ownerSql()<
        { id: string; status: string; attempts: number; last_http_status: number }[]
      >`
        select d.id, d.status, d.attempts, d.last_http_status from notification_deliveries d
        join notification_events e on e.id = d.event_id
        where d.msp_id = ${msp.id} and d.channel_name = ${channelName} and e.dedupe_key = ${dedupeKey}`
    )[0]!;

  test("a 5xx is retried later with the same delivery; the second attempt delivers it", async () => {
    // Stop the background worker: this test runs the attempts itself, at the moments it chooses.
    await Promise.all(workers.splice(0).map((worker) => worker.stop({ timeoutMs: 2_000 })));
    await flakyChannel("Retry channel");
    await eventFor("retry-1");
    const first = await deliveryOf("Retry channel", "retry-1");
    flakyAnswers = [503];
    await deliverNotification(msp.id, first.id);
    expect(await deliveryOf("Retry channel", "retry-1")).toMatchObject({
      status: "pending",
      attempts: 1,
      last_http_status: 503,
    });
    // Its next attempt is a job for later (30 s, less jitter), written with the result.
    const [job] = await ownerSql()<{ start_after: Date }[]>`
      select start_after from pgboss.job where name = 'notification-delivery'
      and data->>'deliveryId' = ${first.id} order by created_on desc limit 1`;
    expect(new Date(job!.start_after).getTime() - Date.now()).toBeGreaterThan(20_000);
    // Not due yet: a second worker taking it early does nothing.
    expect(await deliverNotification(msp.id, first.id)).toBeNull();
    await ownerSql()`update notification_deliveries set next_attempt_at = now() where id = ${first.id}`;
    await deliverNotification(msp.id, first.id);
    expect(await deliveryOf("Retry channel", "retry-1")).toMatchObject({
      status: "delivered",
      attempts: 2,
    });
  });

  test("a delivery left mid-send by a dead worker is sent again with the same id", async () => {
    await eventFor("crash-1");
    const delivery = await deliveryOf("Retry channel", "crash-1");
    // As a worker killed while sending leaves it: claimed, and the claim since lapsed.
    await ownerSql()`update notification_deliveries set status = 'sending', attempts = 1,
      first_attempt_at = now(), claimed_until = now() - interval '1 second' where id = ${delivery.id}`;
    await deliverNotification(msp.id, delivery.id);
    expect(await deliveryOf("Retry channel", "crash-1")).toMatchObject({
      status: "delivered",
      attempts: 2,
    });
  });

  test(`a channel failing ${PAUSE_AFTER_FAILURES} times in a row is paused and the admins are emailed`, async () => {
    const channel = await flakyChannel("Broken channel");
    // The retry channel takes the same events: drop it, so only the broken one is counted.
    const retry = (await admin.notifications.channels()).find((c) => c.name === "Retry channel")!;
    await admin.notifications.removeChannel({ channelId: retry.id, version: retry.version });
    flakyAnswers = Array(PAUSE_AFTER_FAILURES).fill(404);
    for (let i = 0; i < PAUSE_AFTER_FAILURES; i++) {
      await eventFor(`broken-${i}`);
      await deliverNotification(msp.id, (await deliveryOf("Broken channel", `broken-${i}`)).id);
    }
    const paused = (await admin.notifications.channels()).find((c) => c.id === channel.id)!;
    expect(paused.paused?.reason).toMatch(/^Paused after 10 failed deliveries in a row/);
    expect(smtp.to(msp.admin.email).map((mail) => mail.subject)).toContain(
      "[Standby] Notification channel paused: Broken channel",
    );
    // Further events are logged as not sent, and nothing is queued for them.
    await eventFor("broken-after");
    expect(await deliveryOf("Broken channel", "broken-after")).toMatchObject({ status: "failed" });
    await admin.notifications.resumeChannel({ channelId: channel.id });
    expect(
      (await admin.notifications.channels()).find((c) => c.id === channel.id)!.paused,
    ).toBeNull();
  });
});

describe("an email channel with its own mail server", () => {
  const PASSWORD = "Harbour-Lights-7731!";
  const account = { username: "alerts@own-mail.example", password: PASSWORD };
  let mailMsp: TestMsp;
  let mailAdmin: Caller;
  let own: SmtpSink;
  let deferNext = 0;
  let channelId: string;
  let version: number;

  beforeAll(async () => {
    mailMsp = await createMsp("Notify own mail");
    mailAdmin = await callerFor(mailMsp.admin);
    own = await startSmtpSink(0, {
      auth: account,
      answerRecipient: () =>
        deferNext-- > 0 ? { code: 451, message: "Greylisted, try again later" } : null,
    });
  });
  afterAll(() => own.close());

  const fields = (
    smtp: Record<string, unknown> | null,
    recipients = ["desk@own-mail.example"],
  ) => ({
    kind: "email" as const,
    name: "Own mail desk",
    practiceId: null,
    events: ["review.overdue" as const],
    recipients,
    smtp: smtp as never,
  });
  const server = (changes: Record<string, unknown> = {}) => ({
    host: "127.0.0.1",
    port: own.port,
    security: "none",
    username: account.username,
    from: "Own Mail Alerts <alerts@own-mail.example>",
    ...changes,
  });
  async function deliverEvent(dedupeKey: string) {
    await withTenant({ mspId: mailMsp.id, userId: null, role: "system", practiceIds: "*" }, (tx) =>
      recordNotificationEvent(
        { tx, mspId: mailMsp.id, actor: { userId: null, name: "Standby" }, practiceIds: "*" },
        {
          kind: "review.overdue",
          practiceId: mailMsp.practices[0].id,
          headline: "Review overdue",
          status: null,
          linkPath: "/",
          dedupeKey,
        },
      ),
    );
    const [delivery] = await ownerSql()<{ id: string }[]>`
      select d.id from notification_deliveries d join notification_events e on e.id = d.event_id
      where d.msp_id = ${mailMsp.id} and e.dedupe_key = ${dedupeKey}`;
    await deliverNotification(mailMsp.id, delivery!.id);
    return delivery!.id;
  }
  const deliveryRow = async (id: string) =>
    (
      await ownerSql()<{ status: string; attempts: number; last_detail: string }[]>`
        select status, attempts, last_detail from notification_deliveries where id = ${id}`
    )[0]!;
  const everythingSaid: unknown[] = [];

  test("an admin adds it with a password; its settings show, the password never does", async () => {
    const created = await mailAdmin.notifications.createChannel(
      fields(server({ password: PASSWORD })),
    );
    channelId = created.id;
    const [listed] = await mailAdmin.notifications.channels();
    version = listed!.version;
    expect(listed).toMatchObject({
      kind: "email",
      secretHint: "••••••••",
      settings: {
        recipients: ["desk@own-mail.example"],
        smtp: {
          host: "127.0.0.1",
          port: own.port,
          security: "none",
          username: account.username,
          from: "Own Mail Alerts <alerts@own-mail.example>",
        },
      },
    });
    everythingSaid.push(created, listed);
    const [stored] = await ownerSql()<{ settings: unknown; secret_sealed: string }[]>`
      select settings, secret_sealed from notification_channels where id = ${channelId}`;
    expect(JSON.stringify(stored)).not.toContain(PASSWORD);
    expect(stored!.secret_sealed).toMatch(/^v1\./);
  });

  test("send test and deliveries go through it, signed in, and not through SMTP_URL", async () => {
    const globalBefore = smtp.mail.length;
    const tested = await mailAdmin.notifications.sendTest({ channelId });
    expect(tested).toMatchObject({ result: "delivered", recipient: "desk@own-mail.example" });
    expect(tested.detail).toMatch(/^Accepted by the mail server: 250 /);
    const deliveryId = await deliverEvent("own-mail-1");
    expect(await deliveryRow(deliveryId)).toMatchObject({ status: "delivered", attempts: 1 });
    expect(own.to("desk@own-mail.example").map((mail) => mail.subject)).toEqual([
      expect.stringContaining("Test message for “Own mail desk”"),
      expect.stringContaining("Review overdue"),
    ]);
    expect(own.logins).toEqual([account.username, account.username]);
    expect(own.mail.every((mail) => mail.from === "alerts@own-mail.example")).toBe(true);
    expect(smtp.mail.length).toBe(globalBefore);
    everythingSaid.push(tested, await mailAdmin.notifications.deliveries({}));
  });

  test("a change that leaves the password blank keeps it; a 4xx reply is retried", async () => {
    const updated = await mailAdmin.notifications.updateChannel({
      channelId,
      version,
      fields: fields(server({ password: "" }), ["later@own-mail.example"]),
    });
    version = updated.version;
    everythingSaid.push(updated);
    deferNext = 1;
    const deliveryId = await deliverEvent("own-mail-deferred");
    const deferred = await deliveryRow(deliveryId);
    expect(deferred).toMatchObject({
      status: "pending",
      attempts: 1,
      last_detail: "The mail server asked to try later: SMTP 451 Greylisted, try again later",
    });
    expect(await jobsFor([deliveryId])).toBe(2); // the first attempt's, and the retry's
    await ownerSql()`update notification_deliveries set next_attempt_at = now() where id = ${deliveryId}`;
    await deliverNotification(mailMsp.id, deliveryId);
    expect(await deliveryRow(deliveryId)).toMatchObject({ status: "delivered", attempts: 2 });
    expect(own.to("later@own-mail.example")).toHaveLength(1);
  });

  test("a wrong password fails for good, with the server's reply in the log", async () => {
    const updated = await mailAdmin.notifications.updateChannel({
      channelId,
      version,
      fields: fields(server({ password: "not-the-password" })),
    });
    version = updated.version;
    const deliveryId = await deliverEvent("own-mail-wrong-password");
    expect(await deliveryRow(deliveryId)).toMatchObject({
      status: "failed",
      attempts: 1,
      last_detail: "The mail server refused it: SMTP 535 Authentication credentials invalid",
    });
    const tested = await mailAdmin.notifications.sendTest({ channelId });
    expect(tested).toMatchObject({
      result: "failed",
      detail: "The mail server refused it: SMTP 535 Authentication credentials invalid",
    });
    ({ version } = await mailAdmin.notifications.updateChannel({
      channelId,
      version,
      fields: fields(server({ password: PASSWORD })),
    }));
  });

  test("a saved password goes to no other server: changing host, port or security needs it again", async () => {
    for (const changes of [
      { host: "mail.own-mail.example" },
      { port: own.port + 1 },
      { security: "starttls" },
    ]) {
      const error = await expectTRPCError(
        mailAdmin.notifications.updateChannel({
          channelId,
          version,
          fields: fields(server({ ...changes, password: "" })),
        }),
        "BAD_REQUEST",
        "Enter the password again: a saved password is only sent to the mail server it was saved for.",
      );
      expect((error.cause as InvalidError).field).toBe("smtp.password");
    }
  });

  test("the outbound guard: a loopback mail server is refused without the allowlist, when saved and when sending", async () => {
    const error = await expectTRPCError(
      mailAdmin.notifications.createChannel({
        ...fields(server({ host: "localhost", password: PASSWORD })),
        name: "Sneaky mail",
      }),
      "BAD_REQUEST",
      /^localhost is not a public internet address/,
    );
    expect((error.cause as InvalidError).field).toBe("smtp.host");
    const mailBefore = own.mail.length;
    const loginsBefore = own.logins.length;
    process.env.OUTBOUND_ALLOWLIST = "";
    try {
      const tested = await mailAdmin.notifications.sendTest({ channelId });
      expect(tested).toMatchObject({ result: "failed" });
      expect(tested.detail).toMatch(/^127\.0\.0\.1 is not a public internet address/);
      const deliveryId = await deliverEvent("own-mail-guarded");
      expect(await deliveryRow(deliveryId)).toMatchObject({ status: "failed", attempts: 1 });
    } finally {
      process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
    }
    expect(own.mail.length).toBe(mailBefore);
    expect(own.logins.length).toBe(loginsBefore);
  });

  test("another MSP can neither see, change, test nor remove it", async () => {
    expect((await otherAdmin.notifications.channels()).map((channel) => channel.id)).not.toContain(
      channelId,
    );
    // Pointing it at a server of theirs, hoping the saved password goes along.
    await expectTRPCError(
      otherAdmin.notifications.updateChannel({
        channelId,
        version,
        fields: fields(server({ port: own.port + 1, password: "" })),
      }),
      "NOT_FOUND",
    );
    await expectTRPCError(otherAdmin.notifications.sendTest({ channelId }), "NOT_FOUND");
    await expectTRPCError(
      otherAdmin.notifications.removeChannel({ channelId, version }),
      "NOT_FOUND",
    );
    expect((await otherAdmin.notifications.deliveries({ channelId })).items).toEqual([]);
    const [after] = await mailAdmin.notifications.channels();
    expect(after).toMatchObject({ id: channelId, version });
  });

  test("the password appears in no answer, no log and no audit entry", async () => {
    everythingSaid.push(
      await mailAdmin.notifications.channels(),
      await mailAdmin.notifications.deliveries({}),
      await auditRows(mailMsp.id),
    );
    const said = JSON.stringify(everythingSaid);
    expect(said).toContain("127.0.0.1");
    expect(said).not.toContain(PASSWORD);
  });
});

describe("exactly once", () => {
  test("two workers deliver many deliveries once each", async () => {
    const practice = await insertPractice(msp.id, { name: "Exactly once practice" });
    const before = hooks.received.length;
    const receiverBefore = new Set(hooks.received.map((request) => request.headers["webhook-id"]));
    workers.push(
      await startWorker({ schedules: null, pollingIntervalSeconds: 0.5, log: () => {} }),
      await startWorker({ schedules: null, pollingIntervalSeconds: 0.5, log: () => {} }),
    );
    for (let i = 0; i < 15; i++)
      await technician.incidents.declare(declaration(practice.id, `Outage ${i}`));
    await expect
      .poll(() => hooks.received.length - before, { timeout: 15_000, interval: 100 })
      .toBe(15);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const ids = hooks.received
      .slice(before)
      .map((request) => String(request.headers["webhook-id"]));
    expect(new Set(ids).size).toBe(15);
    expect(ids.some((id) => receiverBefore.has(id))).toBe(false);
    // Each verifies with the channel's secret (the receiver would check it too).
    expect(() =>
      new Webhook(
        `whsec_${Buffer.from("not-the-channel-secret-012345678").toString("base64")}`,
      ).verify(hooks.received.at(-1)!.body, {
        "webhook-id": String(hooks.received.at(-1)!.headers["webhook-id"]),
        "webhook-timestamp": String(hooks.received.at(-1)!.headers["webhook-timestamp"]),
        "webhook-signature": String(hooks.received.at(-1)!.headers["webhook-signature"]),
      }),
    ).toThrow();
  });
});

describe("the delivery log", () => {
  test("filters by practice and by day (UTC), newest first", async () => {
    const all = await admin.notifications.deliveries({});
    expect(all.items.length).toBeGreaterThan(0);
    const practiceId = msp.practices[0].id;
    const ofPractice = await admin.notifications.deliveries({ practiceId });
    expect(ofPractice.items.length).toBeGreaterThan(0);
    expect(ofPractice.items.every((item) => item.practiceName === msp.practices[0].name)).toBe(
      true,
    );
    const today = new Date().toISOString().slice(0, 10);
    expect((await admin.notifications.deliveries({ from: today, to: today })).items.length).toBe(
      all.items.length,
    );
    expect((await admin.notifications.deliveries({ to: "2026-01-01" })).items).toEqual([]);
    const times = all.items.map((item) => item.createdAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    await expectTRPCError(
      admin.notifications.deliveries({ from: "yesterday" }),
      "BAD_REQUEST",
      /Enter a date/,
    );
  });
});
