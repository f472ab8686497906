/**
 * Audit completeness: every mutation of the router (walked, not listed) called with a valid input
 * by an MSP admin (or, for the downtime log and the schedule admins do not work, a technician) leaves an audit event naming the actor and the entity it changed; and every read
 * whose result carries patient data (the downtime log, the schedule copy) leaves an audit event of that read.
 *
 * The input is built from the procedure's schema with the ids of one tenant's real objects. Where a
 * valid call needs more than that (an object in a given state, a real invitation token), a scenario
 * below prepares it; a mutation that still cannot be called validly fails the test by name.
 */
import { sql } from "drizzle-orm";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as schema from "@/db/schema";
import { createCaller } from "@/server/routers/_app";
import { vendorCsvColumns } from "@/server/contracts/vendors";
import type { Context } from "@/server/trpc";
import {
  APP_URL,
  asTenant,
  callerFor,
  createMsp,
  insertUser,
  sessionUserFor,
  unique,
  type Caller,
  type TestMsp,
} from "@/server/test/fixtures";
import { writeSecuritySection } from "@/server/test/security/report";
import {
  buildValidInput,
  callProcedure,
  listProcedures,
  uuidsIn,
  type ProcedureInfo,
  type TenantIds,
} from "@/server/test/security/router-walk";
import { changedTables, snapshotTenant, tenantRowIds } from "@/server/test/security/snapshot";
import { plantSchedule } from "@/server/test/schedule-fixtures";
import {
  buildTenantWorld,
  plantSuspectedOutages,
  schedulePatientName,
} from "@/server/test/security/tenant-world";
import { startSmtpSink, type SmtpSink } from "@/server/test/smtp-sink";

type Tools = { admin: Caller; technician: Caller; manager: Caller; ids: TenantIds; msp: TestMsp };
/** Prepares what a valid call needs and returns the fields to set on the built input. */
type Scenario = (tools: Tools) => Promise<Record<string, unknown>>;

// The world's practice already has an open outage: each new one is declared as a separate outage.
const outage = {
  confirmDuplicate: true,
  title: "Internet down",
  severity: "major" as const,
  patientCareInterrupted: false,
  startedAt: new Date(),
  ownerName: "",
  updateEveryMinutes: 30,
};
const freshSystem = async ({ admin, ids }: Tools) =>
  (
    await admin.dependencies.createSystem({
      practiceId: ids.practiceId,
      name: `System ${unique()}`,
      category: "other",
      criticality: "minor",
      owner: "",
      vendorId: null,
      siteId: null,
      notes: "",
    })
  ).id;
const freshMonitor = async ({ admin, ids }: Tools) =>
  (
    await admin.monitors.create({
      practiceId: ids.practiceId,
      systemId: ids.systemId,
      name: `Monitor ${unique()}`,
      kind: "heartbeat",
    })
  ).id;
const freshVendor = async ({ admin }: Tools) =>
  (
    await admin.vendors.create({
      name: `Vendor ${unique()}`,
      category: "other",
      supportPhone: "",
      portalUrl: "",
      supportHours: "",
      baaOnFile: false,
      contractNotes: "",
    })
  ).id;

/** A vendor-wide suspected outage over both practices, on fresh systems of a fresh vendor. */
async function freshSuspected(tools: Tools) {
  const otherPractice = tools.msp.practices.find(
    (practice) => practice.id !== tools.ids.practiceId,
  )!.id;
  const otherSystem = (
    await tools.admin.dependencies.createSystem({
      practiceId: otherPractice,
      name: `System ${unique()}`,
      category: "other",
      criticality: "minor",
      owner: "",
      vendorId: null,
      siteId: null,
      notes: "",
    })
  ).id;
  return plantSuspectedOutages(tools.msp.id, await freshVendor(tools), [
    { practiceId: tools.ids.practiceId, systemId: await freshSystem(tools) },
    { practiceId: otherPractice, systemId: otherSystem },
  ]);
}

/** Turns two-factor on for the user of `caller` (a fresh sign-in counts as re-authenticated). */
async function enrolTwoFactor(caller: Caller) {
  const { secret } = await caller.account.startTwoFactor();
  await caller.account.confirmTwoFactor({ code: await generate({ secret }) });
}

/** Mail goes to a loopback SMTP server: an email change needs outgoing mail, and its confirmation the link mailed. */
let sink: SmtpSink;

/** A signed webhook channel (with its version), optionally already between two secrets. */
async function webhookChannel({ admin }: Tools, rotated: boolean) {
  const { id: channelId } = await admin.notifications.createChannel({
    kind: "webhook",
    name: `Webhook ${unique()}`,
    practiceId: null,
    events: ["incident.declared"],
    url: "https://hooks.example.com/standby",
  });
  let version = 1;
  if (rotated)
    version = (await admin.notifications.rotateWebhookSecret({ channelId, version })).version;
  return { channelId, version };
}

/** A practice without an EHR connection (the world's reads its EHR), and a one-appointment report for it. */
async function scheduleReport({ admin }: Tools) {
  return {
    practiceId: (await admin.practices.create(newPractice())).id,
    csv: `Date,Time,Patient,Provider\n${new Date().toISOString().slice(0, 10)},9:00 AM,Sample Patient,Dr. Sample\n`,
    mapping: { date: "Date", time: "Time", patientName: "Patient", provider: "Provider" },
  };
}

/** A fresh maintenance window of the world's practice (in 30 days), started when asked: each state-changing call gets its own. */
async function freshWindow({ admin, ids }: Tools, started = false) {
  const day = (offset: number) =>
    new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const {
    ids: [windowId],
  } = await admin.maintenance.create({
    practiceId: ids.practiceId,
    title: "Firewall firmware",
    reason: "",
    startsLocal: `${day(30)}T22:00`,
    endsLocal: `${day(31)}T01:00`,
    systemIds: [ids.systemId],
    reminderMinutes: [60],
    recurrence: null,
  });
  if (started)
    await admin.maintenance.startNow({
      practiceId: ids.practiceId,
      windowId: windowId!,
      version: 1,
      minutes: 30,
    });
  return { windowId: windowId! };
}

const scenarios: Record<string, Scenario> = {
  "maintenance.update": (tools) => freshWindow(tools),
  "maintenance.postpone": (tools) => freshWindow(tools),
  "maintenance.cancel": (tools) => freshWindow(tools),
  "maintenance.startNow": (tools) => freshWindow(tools),
  "maintenance.end": (tools) => freshWindow(tools, true),
  "notifications.rotateWebhookSecret": (tools) => webhookChannel(tools, false),
  "notifications.retirePreviousWebhookSecret": (tools) => webhookChannel(tools, true),
  "account.confirmEmail": async ({ msp }) => {
    const email = `confirmed.${unique()}@example.test`;
    // In the session the walk calls with (changing the password earlier ended the admin's others).
    await createCaller(ctx).account.changeEmail({ email });
    const link = /\/account\/confirm-email\/([A-Za-z0-9_-]+)/.exec(
      sink.to(email).at(-1)?.text ?? "",
    )?.[1];
    if (!link) throw new Error(`no confirmation link was mailed to ${email} (${msp.admin.email})`);
    return { token: link };
  },
  "account.reauthenticate": async ({ msp }) => ({ password: msp.admin.password }),
  "account.confirmTwoFactor": async ({ admin }) => {
    const { secret } = await admin.account.startTwoFactor();
    return { code: await generate({ secret }) };
  },
  "account.regenerateRecoveryCodes": async ({ admin }) => {
    await enrolTwoFactor(admin);
    return {};
  },
  "members.resetTwoFactor": async ({ msp }) => {
    const member = await insertUser(msp.id, { role: "technician" });
    await enrolTwoFactor(await callerFor(member));
    return { userId: member.id };
  },
  "invitations.accept": async ({ admin, ids }) => {
    const { url } = await admin.members.invite({
      email: `joiner.${unique()}@example.test`,
      role: "practice_manager",
      practiceIds: [ids.practiceId],
    });
    return { token: url.split("/").at(-1) };
  },
  "members.signOutEverywhere": async ({ msp }) => ({ userId: msp.technician.id }),
  "members.resetPassword": async ({ msp }) => ({
    userId: (await insertUser(msp.id, { role: "technician" })).id,
  }),
  "passwordReset.request": async ({ msp }) => ({
    email: (await insertUser(msp.id, { role: "technician" })).email,
  }),
  "passwordReset.complete": async ({ admin, msp }) => {
    const member = await insertUser(msp.id, { role: "technician" });
    await admin.members.resetPassword({ userId: member.id });
    const token = /\/reset-password\/([A-Za-z0-9_-]+)/.exec(
      sink.to(member.email).at(-1)?.text ?? "",
    )?.[1];
    if (!token) throw new Error(`no reset link was mailed to ${member.email}`);
    return { token, password: "quiet harbour lantern 64 violet" };
  },
  // Saving the packet on a device names the version the page showed: the latest published one.
  "plans.recordDeviceCopy": async ({ admin, ids }) => ({
    versionNumber: (await admin.plans.get({ practiceId: ids.practiceId })).published?.number,
  }),
  "plans.applyTemplate": async ({ admin, ids }) => {
    // The practice's own triage, then a template change it has not taken yet.
    const own = { steps: [{ text: "Check the internet first" }] };
    await admin.plans.saveSection({
      practiceId: ids.practiceId,
      section: "triage",
      version: await sectionVersion(ids.practiceId, "triage"),
      content: own,
    });
    const template = await admin.planTemplate.get();
    const steps = [...template.content.triage.steps, { text: `Check the status page ${unique()}` }];
    await admin.planTemplate.update({
      version: template.version,
      content: { ...template.content, triage: { steps } },
    });
    const { sections } = await admin.plans.templateChanges({ practiceId: ids.practiceId });
    return {
      sections: sections.map(({ section, version }) => ({ section, version, decision: "apply" })),
    };
  },
  "dependencies.deleteSystem": async (tools) => ({ systemId: await freshSystem(tools) }),
  "dependencies.addDependency": async (tools) => ({
    systemId: await freshSystem(tools),
    dependsOnId: await freshSystem(tools),
  }),
  "dependencies.removeDependency": async (tools) => {
    const [systemId, dependsOnId] = [await freshSystem(tools), await freshSystem(tools)];
    await tools.admin.dependencies.addDependency({
      practiceId: tools.ids.practiceId,
      systemId,
      dependsOnId,
    });
    return { systemId, dependsOnId };
  },
  "dependencies.addRedundancy": async (tools) => ({
    systemId: await freshSystem(tools),
    otherId: await freshSystem(tools),
  }),
  "dependencies.removeRedundancy": async (tools) => {
    const [systemId, otherId] = [await freshSystem(tools), await freshSystem(tools)];
    await tools.admin.dependencies.addRedundancy({
      practiceId: tools.ids.practiceId,
      systemId,
      otherId,
    });
    return { systemId, otherId };
  },
  "dependencies.applyStarterMap": async ({ admin }) => ({
    practiceId: (await admin.practices.create(newPractice())).id,
  }),
  // Monitors: each call on a heartbeat monitor of its own (one resumed is paused first).
  "monitors.delete": async (tools) => ({ monitorId: await freshMonitor(tools) }),
  "monitors.replacePushUrl": async (tools) => ({ monitorId: await freshMonitor(tools) }),
  "monitors.pause": async (tools) => ({ monitorId: await freshMonitor(tools) }),
  "monitors.resume": async (tools) => {
    const monitorId = await freshMonitor(tools);
    await tools.admin.monitors.pause({
      practiceId: tools.ids.practiceId,
      monitorId,
      version: 1,
      reason: "Server moved",
    });
    return { monitorId };
  },
  // Suspected outages: each call on fresh ones (a system and a vendor of their own); declaring
  // names one still open.
  "incidents.declare": async (tools) => ({
    confirmDuplicate: true,
    suspectedOutageId: (await freshSuspected(tools)).suspectedOutageId,
  }),
  "suspectedOutages.dismiss": async (tools) => ({
    suspectedOutageId: (await freshSuspected(tools)).suspectedOutageId,
  }),
  "suspectedOutages.dismissVendorWide": async (tools) => ({
    vendorWideId: (await freshSuspected(tools)).vendorWideId,
  }),
  "suspectedOutages.declareVendorWide": async (tools) => ({
    vendorWideId: (await freshSuspected(tools)).vendorWideId,
  }),
  "vendors.delete": async (tools) => ({ vendorId: await freshVendor(tools) }),
  "vendors.link": async (tools) => ({ vendorId: await freshVendor(tools) }),
  "vendors.commitImport": async () => ({
    csv: `${vendorCsvColumns.join(",")}\nImported Vendor ${unique()},isp,(608) 555-0199,,24/7,no,ACC-9,,,,,,\n`,
  }),
  "risks.create": async () => ({ fromDrillId: undefined, fromIncidentId: undefined }),
  // The world's practice reads its EHR; a report is uploaded to a practice without a connection.
  "scheduleSettings.previewReport": (tools) => scheduleReport(tools),
  "scheduleSettings.uploadReport": (tools) => scheduleReport(tools),
  // The key that signs cannot be retired: a rotation first makes the world's first key retirable.
  "scheduleSettings.retireKey": async ({ admin, ids }) => {
    const rotated = await admin.scheduleSettings.rotateKey({ practiceId: ids.practiceId });
    return { kid: rotated!.keys.find((key) => !key.signs && !key.retiredAt)!.kid };
  },
  // A practice with no open review yet (both tenant worlds started one).
  "reviews.start": async ({ admin }) => ({
    practiceId: (await admin.practices.create(newPractice())).id,
  }),
  "reviews.signOff": async ({ admin, ids }) => {
    const { review } = await admin.reviews.get({
      practiceId: ids.practiceId,
      reviewId: ids.reviewId,
    });
    const safer = Object.fromEntries(
      [
        "paper_forms",
        "independent_communication",
        "read_only_copy",
        "redundancy",
        "testing_and_reporting",
        "clinicians_on_team",
        "continuing_review",
      ].map((key) => [key, { rating: "partly", note: "" }]),
    );
    await admin.reviews.save({
      practiceId: ids.practiceId,
      reviewId: ids.reviewId,
      version: review.version,
      checklist: {},
      safer,
      findings: "",
      attendees: ["Alex Admin"],
    });
    return {};
  },
  "incidents.checkItem": async () => ({ checked: true }),
  "incidents.saveReview": async (tools) => resolved(tools),
  "incidents.close": async (tools) => ({
    ...(await resolved(tools)),
    overrideReason: "Paper records were reconciled by phone with the practice",
  }),
  "incidents.link": async ({ admin, ids, msp }) => {
    const systemOf = async (practiceId: string) =>
      (await admin.dependencies.map({ practiceId })).systems[0]!.id;
    const first = await admin.incidents.declare({
      practiceId: ids.practiceId,
      systemIds: [await systemOf(ids.practiceId)],
      ...outage,
    });
    const second = await admin.incidents.declare({
      practiceId: msp.practices[1].id,
      systemIds: [await systemOf(msp.practices[1].id)],
      ...outage,
    });
    return { incidentIds: [first.id, second.id] };
  },
  "incidents.markDuplicate": async (tools) => {
    const main = await openOutage(tools);
    return { incidentId: await openOutage(tools), duplicateOfIncidentId: main, version: 1 };
  },
  "schedule.mark": async (tools) => ({ incidentId: await openOutage(tools) }),
  "schedule.addWalkIn": async (tools) => ({ incidentId: await openOutage(tools) }),
  "schedule.clearMark": async (tools) => {
    const incidentId = await openOutage(tools);
    const { id: markId } = await tools.technician.schedule.mark({
      practiceId: tools.ids.practiceId,
      incidentId,
      appointmentId: tools.ids.appointmentId,
      kind: "arrived",
    });
    return { incidentId, markId };
  },
  // Sending needs someone to send to (tomorrow's appointment of a patient with a mobile number) and
  // sending not stopped (stop all sending may have been called before).
  "outreach.send": async ({ technician, ids, msp }) => {
    await technician.outreach.resume({ practiceId: ids.practiceId });
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await plantSchedule(msp.id, ids.practiceId, [
      {
        startsAt: new Date(`${tomorrow}T18:00:00Z`),
        patient: { name: "Patient O-4004", phone: "(608) 555-0144" },
      },
    ]);
    return { kind: "reminder", selection: { day: tomorrow }, confirm: true };
  },
  "outreach.resumeCampaign": async ({ technician, ids }) => {
    await technician.outreach.resume({ practiceId: ids.practiceId });
    return {};
  },
  "downtimeLog.remove": async ({ technician, ids }) => {
    const ref = { practiceId: ids.practiceId, incidentId: ids.incidentId };
    const { id: entryId } = await technician.downtimeLog.add({
      ...ref,
      patient: "Patient P-3003",
      visitDate: "2026-11-29",
      provider: "Dr. Rivera",
      reason: "",
      orders: "",
      followUp: "",
    });
    return { entryId };
  },
  "downtimeLog.markVerified": async ({ manager, ids }) => {
    const ref = { practiceId: ids.practiceId, incidentId: ids.incidentId };
    // Entered by the practice's manager, so the technician (who calls it) verifies someone else's entry.
    const { id: entryId } = await manager.downtimeLog.add({
      ...ref,
      patient: "Patient P-2002",
      visitDate: "2026-11-29",
      provider: "Dr. Rivera",
      reason: "",
      orders: "",
      followUp: "",
    });
    await manager.downtimeLog.markEntered({ ...ref, entryId, version: 1 });
    return { entryId };
  },
};

/** A new outage at the world's practice, open: the front desk marks the schedule only during one. */
async function openOutage({ admin, ids }: Tools) {
  const [system] = (await admin.dependencies.map({ practiceId: ids.practiceId })).systems;
  const { id } = await admin.incidents.declare({
    practiceId: ids.practiceId,
    systemIds: [system!.id],
    ...outage,
  });
  return id;
}

/** The world's incident, resolved again if an earlier call reopened it. */
async function resolved({ admin, ids }: Tools) {
  const ref = { practiceId: ids.practiceId, incidentId: ids.incidentId };
  const { incident } = await admin.incidents.get(ref);
  if (incident.status !== "resolved")
    await admin.incidents.changeStatus({
      ...ref,
      status: "resolved",
      note: "",
      version: incident.version,
    });
  return {};
}

function newPractice() {
  return {
    name: `New Practice ${unique()}`,
    timezone: "America/Chicago",
    ehrProduct: "athenaOne",
    downtimeCostPerMinuteCents: 1000,
    isNewOffice: false,
    isMigrating: false,
    sites: [{ name: "Main office", address: "1 Main St", phone: "(608) 555-0142" }],
  };
}

let msp: TestMsp;
let ids: TenantIds;
let readWorld: TenantIds;
let ctx: Context;
/** For what admins may not do (working the downtime log): the technician. */
let technicianCtx: Context;
let tools: Tools;

async function ownerRead<T>(query: ReturnType<typeof sql>): Promise<T | undefined> {
  return asTenant(msp.id, async (tx) => (await tx.execute<{ value: T }>(query))[0]?.value);
}
const versionOf = async (table: string, id: string) =>
  (await ownerRead<number>(
    sql`select version as value from ${sql.identifier(table)} where id = ${id}`,
  )) ?? 0;
const sectionVersion = async (practiceId: string, section: string) =>
  (await ownerRead<number>(
    sql`select version as value from plan_sections where practice_id = ${practiceId} and section = ${section}`,
  )) ?? 0;

/** The current version of the record a mutation names: the most specific id in its input decides. */
async function currentVersion(path: string, input: Record<string, unknown>): Promise<number> {
  if (path === "backups.setTarget")
    return (
      (await ownerRead<number>(
        sql`select version as value from backup_targets where system_id = ${input.systemId as string}`,
      )) ?? 0
    );
  if (path === "planTemplate.update")
    return (
      (await ownerRead<number>(
        sql`select version as value from plan_templates where msp_id = ${msp.id}`,
      )) ?? 0
    );
  if (path === "notificationPreferences.update")
    return (
      (await ownerRead<number>(
        sql`select version as value from notification_preferences where user_id = ${msp.admin.id}`,
      )) ?? 0
    );
  if (path === "mspSettings.saveSupportLine")
    return (
      (await ownerRead<number>(
        sql`select support_line_version as value from msps where id = ${msp.id}`,
      )) ?? 0
    );
  if (path === "scheduleSettings.saveFhir")
    return (
      (await ownerRead<number>(
        sql`select version as value from schedule_connections where practice_id = ${input.practiceId as string}`,
      )) ?? 0
    );
  // A message text is named by its level, kind, language and visit type.
  if (path.startsWith("outreachTemplates."))
    return (
      (await ownerRead<number>(
        sql`select version as value from outreach_templates
            where msp_id = ${msp.id} and practice_id is not distinct from ${(input.practiceId as string | null) ?? null}::uuid
              and kind = ${input.kind as string} and language = ${input.language as string}
              and visit_type = ${(input.visitType as string | undefined) ?? ""}`,
      )) ?? 0
    );
  if (path === "outreach.saveSettings")
    return (
      (await ownerRead<number>(
        sql`select version as value from outreach_settings where practice_id = ${input.practiceId as string}`,
      )) ?? 0
    );
  if (path === "plans.saveSection")
    return sectionVersion(input.practiceId as string, input.section as string);
  const byId: [string, string][] = [
    ["monitorId", "monitors"],
    ["windowId", "maintenance_windows"],
    ["entryId", "downtime_log_entries"],
    ["markId", "schedule_marks"],
    ["channelId", "notification_channels"],
    ["riskId", "risks"],
    ["reviewId", "reviews"],
    ["drillId", "drills"],
    ["linkId", "practice_vendors"],
    ["userId", "users"],
    ["incidentId", "incidents"],
    ["systemId", "systems"],
    ["vendorId", "vendors"],
    ["practiceId", "practices"],
  ];
  for (const [field, table] of byId)
    if (typeof input[field] === "string") return versionOf(table, input[field]);
  throw new Error(`${path}: no record to read the version of`);
}

const auditIds = async () =>
  asTenant(
    msp.id,
    async (tx) =>
      new Set(
        (
          await tx
            .select({ id: schema.auditEvents.id })
            .from(schema.auditEvents)
            .where(sql`${schema.auditEvents.mspId} = ${msp.id}`)
        ).map((row) => row.id),
      ),
  );
const auditRowsSince = async (before: Set<string>) =>
  (
    await asTenant(msp.id, (tx) =>
      tx
        .select()
        .from(schema.auditEvents)
        .where(sql`${schema.auditEvents.mspId} = ${msp.id}`),
    )
  ).filter((row) => !before.has(row.id));

/**
 * Calls that end or remove things run last, so that the others meet live objects: closing the
 * incident after the rest of its changes, archiving (then restoring) the practice at the very end.
 */
const endsSomething = /\.(delete|remove|cancel|withdraw|unlink|revoke|signOut)/;
const lastOfAll = ["incidents.close", "practices.archive", "practices.restore"];
const rank = (path: string) =>
  lastOfAll.includes(path) ? 2 + lastOfAll.indexOf(path) : endsSomething.test(path) ? 1 : 0;
const mutations = listProcedures()
  .filter((procedure) => procedure.type === "mutation")
  .sort((a, b) => rank(a.path) - rank(b.path));

type Row = { path: string; audited: string | null; problem: string | null };
const results: Row[] = [];
const readResults: { path: string; carriesPatientData: boolean; audited: boolean }[] = [];

beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
  msp = await createMsp("Audit");
  ids = await buildTenantWorld(msp);
  // Built now: the mutations walk changes the admin's own password and email.
  readWorld = await buildTenantWorld(msp, 1, 0);
  ctx = { user: await sessionUserFor(msp.admin), appUrl: APP_URL };
  technicianCtx = { user: await sessionUserFor(msp.technician), appUrl: APP_URL };
  tools = {
    admin: await callerFor(msp.admin),
    technician: await callerFor(msp.technician),
    manager: await callerFor(msp.manager),
    ids,
    msp,
  };
}, 120_000);

async function callAudited(procedure: ProcedureInfo): Promise<Row> {
  let overrides: Record<string, unknown>;
  try {
    overrides = await (scenarios[procedure.path]?.(tools) ?? Promise.resolve({}));
  } catch (error) {
    return {
      path: procedure.path,
      audited: null,
      problem: `its scenario failed: ${(error as Error).message}`,
    };
  }
  const input = buildValidInput(procedure, ids, overrides) ?? {};
  if ("version" in input) input.version = await currentVersion(procedure.path, input);
  const snapshot = await snapshotTenant(msp.id);
  const before = await auditIds();
  // Called by the admin, or by the technician where the admin's role may not (the downtime log).
  let outcome = await callProcedure(ctx, procedure, input);
  let actor = msp.admin;
  if (!outcome.ok && outcome.code === "FORBIDDEN") {
    outcome = await callProcedure(technicianCtx, procedure, input);
    actor = msp.technician;
  }
  if (!outcome.ok)
    return {
      path: procedure.path,
      audited: null,
      problem: `could not be called validly (${outcome.code}: ${outcome.message}); give it a scenario in this file`,
    };
  const rows = await auditRowsSince(before);
  if (rows.length === 0) {
    const changed = changedTables(snapshot, await snapshotTenant(msp.id));
    // A mutation that writes nothing (a preview) has nothing to audit.
    return changed.length
      ? {
          path: procedure.path,
          audited: null,
          problem: `changed ${changed.join(", ")} without an audit event`,
        }
      : { path: procedure.path, audited: "(writes nothing)", problem: null };
  }
  // The entity: one the call named or returned, or a record of the tenant (a singleton such as the plan template).
  const named = uuidsIn([input, outcome.value]);
  const tenantRows = await tenantRowIds(msp.id);
  // A public procedure acts as the person it is about: the one an invitation creates, or the one
  // whose password is reset (the audit's entity is that person). Asking for a reset link is not
  // theirs to claim (anyone may type an address): it is recorded as the form's, with no user.
  const isPublic = procedure.path.startsWith("invitations.");
  const isPasswordReset = procedure.path.startsWith("passwordReset.");
  const isResetRequest = procedure.path === "passwordReset.request";
  const good = rows.find(
    (row) =>
      row.entityType &&
      row.entityId &&
      (named.has(row.entityId) || tenantRows.has(row.entityId)) &&
      (isPublic
        ? row.actorUserId !== null && row.actorName === input.name
        : isResetRequest
          ? row.actorUserId === null && row.actorName === "Forgot-password form"
          : isPasswordReset
            ? row.actorUserId === row.entityId
            : row.actorUserId === actor.id && row.actorName === actor.name),
  );
  if (!good)
    return {
      path: procedure.path,
      audited: null,
      problem: `audit events do not name the actor and an entity of the call: ${JSON.stringify(rows.map(({ action, entityType, entityId, actorName }) => ({ action, entityType, entityId, actorName })))}`,
    };
  return { path: procedure.path, audited: good.action, problem: null };
}

describe("audit completeness", () => {
  test("every mutation, called validly by an admin (the technician for the downtime log), leaves an audit event naming the actor and the entity", async () => {
    for (const procedure of mutations) results.push(await callAudited(procedure));
    const problems = results
      .filter((row) => row.problem)
      .map((row) => `${row.path}: ${row.problem}`);
    console.log(
      `Audit: ${mutations.length} mutations, ${results.filter((row) => row.audited && row.audited !== "(writes nothing)").length} audited, ${problems.length} problems`,
    );
    expect(problems).toEqual([]);
  }, 180_000);

  test("every read that returns patient data (the downtime log, the schedule copy) is itself audited", async () => {
    const world = readWorld;
    // Each patient of the world, and the audit actions that record a read of it.
    const patients = [
      { marker: "Patient P-1001", actions: ["downtime_log.read"] },
      {
        marker: schedulePatientName,
        actions: [
          "schedule.read",
          "schedule.print",
          "schedule.marks_read",
          "outreach.replies_read",
        ],
      },
      { marker: "Walk-in S-1002", actions: ["schedule.read", "schedule.marks_read"] },
      // Patient outreach shows a recipient's number masked, with the text they are sent.
      { marker: "••• 0199", actions: ["outreach.preview", "outreach.messages_read"] },
    ];
    // Read by the technician who works them, and by an admin holding emergency access.
    await tools.admin.emergencyAccess.request({
      practiceId: world.practiceId,
      incidentId: world.incidentId,
      reason: "Checking every read of patient data is audited.",
    });
    for (const [reader, readerCtx] of [
      [msp.technician, technicianCtx],
      [msp.admin, ctx],
    ] as const) {
      for (const procedure of listProcedures().filter(
        (candidate) => candidate.type !== "mutation",
      )) {
        const input = buildValidInput(procedure, world);
        const before = await auditIds();
        const outcome = await callProcedure(readerCtx, procedure, input);
        const text = outcome.ok ? JSON.stringify(outcome.value ?? null) : "";
        const carried = patients.filter((patient) => text.includes(patient.marker));
        const rows = carried.length ? await auditRowsSince(before) : [];
        readResults.push({
          path: procedure.path,
          carriesPatientData: carried.length > 0,
          audited: carried.every((patient) =>
            rows.some(
              (row) => patient.actions.includes(row.action) && row.actorUserId === reader.id,
            ),
          ),
        });
      }
    }
    const carrying = readResults.filter((read) => read.carriesPatientData);
    expect(carrying.map((read) => read.path)).toEqual(
      expect.arrayContaining([
        "downtimeLog.list",
        "schedule.day",
        "schedule.reconciliationMarks",
        "outreachReplies.inbox",
        "outreach.messages",
      ]),
    );
    expect(carrying.filter((read) => !read.audited).map((read) => read.path)).toEqual([]);
  }, 120_000);
});

afterAll(async () => {
  process.env.SMTP_URL = "";
  await sink?.close();
});

afterAll(async () => {
  if (results.length === 0) return;
  const audited = results.filter((row) => row.audited && row.audited !== "(writes nothing)");
  const writesNothing = results
    .filter((row) => row.audited === "(writes nothing)")
    .map((row) => `\`${row.path}\``);
  const problems = results.filter((row) => row.problem);
  const carrying = readResults.filter((read) => read.carriesPatientData);
  await writeSecuritySection(
    "Audit completeness",
    [
      "`server/routers/security-audit.test.ts` walks the router and calls every mutation with a valid input as an MSP admin (a few",
      "need an object in a given state first; the test prepares it and fails by name for any mutation it cannot call). Each must",
      "leave an `audit_events` row naming the actor and an entity the call named or returned (or a record of the tenant); a mutation",
      "that writes no row at all is the only one allowed no event. It then calls every read on a tenant with a downtime log and a",
      "schedule copy, as a technician and as an admin on emergency access: each one whose result carries a patient's data must",
      "leave an event of that read naming the reader (`downtime_log.read`, `schedule.read` / `schedule.print`, `schedule.marks_read`,",
      "`outreach.replies_read`, `outreach.preview` / `outreach.messages_read`).",
      "",
      `Mutations: **${results.length}**. Audited: **${audited.length}**. Writing nothing (so nothing to audit): ${writesNothing.join(", ") || "none"}. Problems: **${problems.length}**.`,
      "",
      `Reads checked: **${readResults.length}**; returning patient data: ${carrying.map((read) => `\`${read.path}\``).join(", ") || "none"} — audited: ${carrying.filter((read) => read.audited).length} of ${carrying.length}.`,
    ].join("\n"),
  );
});
