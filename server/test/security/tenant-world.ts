/**
 * One object of every kind at one practice, built through the real procedures as the MSP's admin:
 * a published plan and a packet print, vendors linked with a ladder, a dependency map, a backup
 * target with a failed restore test and the risk it raised, a review, a drill, an incident (linked
 * with one at the MSP's other practice) with a vendor ticket, an escalation, a paper record in the
 * downtime log, a schedule copy marked by the front desk during the outage (a cancellation and a
 * walk-in) and, once resolved, its reconciliation checklist; a patient outreach text in the outbox
 * and the patient's reply to it; a member and an invitation; a notification channel and a schedule
 * connection to the practice's EHR; outreach message texts of the MSP's own and of the practice's own.
 */
import { localText } from "@/server/domain/maintenance";
import { sql } from "drizzle-orm";
import * as schema from "@/db/schema";
import { asTenant, callerFor, insertUser, unique, type TestMsp } from "@/server/test/fixtures";
import { plantOutreachMessage } from "@/server/test/outreach-fixtures";
import { plantSchedule } from "@/server/test/schedule-fixtures";
import type { TenantIds } from "./router-walk";

/** The schedule copy's patient in every tenant world: a read whose result carries this name returned patient data. */
export const schedulePatientName = "Patient S-1001 Schedulecopy";

export async function buildTenantWorld(
  msp: TestMsp,
  practiceIndex = 0,
  otherPracticeIndex = 1,
): Promise<TenantIds> {
  const admin = await callerFor(msp.admin);
  const practice = msp.practices[practiceIndex]!;
  const practiceId = practice.id;
  const other = msp.practices[otherPracticeIndex]!.id;

  await admin.plans.saveSection({
    practiceId,
    section: "callTree",
    version: 0,
    content: { entries: [{ caller: "Outage owner", calls: "Every provider", how: "Group text" }] },
  });
  await admin.plans.publish({ practiceId });
  await admin.plans.recordPacketPrint({ practiceId, format: "print" });

  const { id: vendorId } = await admin.vendors.create({
    name: `EHR Vendor ${unique()}`,
    category: "ehr",
    supportPhone: "(608) 555-0100",
    portalUrl: "",
    supportHours: "24/7",
    baaOnFile: true,
    contractNotes: "",
  });
  const ladder = [
    { name: "Support desk", role: "Tier 1", phone: "(608) 555-0101", email: "", hours: "24/7" },
  ];
  const { linkId } = await admin.vendors.link({
    practiceId,
    vendorId,
    accountNumber: "ACC-1",
    notes: "",
    ladder,
  });

  await admin.dependencies.applyStarterMap({ practiceId });
  const { systems } = await admin.dependencies.map({ practiceId });
  const [system, otherSystem] = systems;
  if (!system || !otherSystem) throw new Error("The starter map has fewer than two systems.");

  await admin.backups.setTarget({
    practiceId,
    systemId: system.id,
    version: 0,
    cadenceDays: 30,
    rtoMinutes: 60,
    rpoMinutes: 60,
  });
  const { id: testId, risk } = await admin.backups.recordTest({
    practiceId,
    systemId: system.id,
    kind: "file",
    testedAt: new Date(),
    testedByName: "Sam Tech",
    result: "fail",
    restoreMinutes: 10,
    dataAgeMinutes: 10,
    evidence: "Restore of the shared drive failed",
  });
  if (!risk) throw new Error("A failed restore test proposed no risk.");
  await admin.risks.changeStatus({
    practiceId,
    riskId: risk.id,
    version: 1,
    change: { status: "fix_now" },
  });
  const { id: reviewId } = await admin.reviews.start({ practiceId });
  const { id: drillId } = await admin.drills.schedule({
    practiceId,
    kind: "tabletop",
    scenario: "The EHR vendor's cloud is down all day",
    scheduledFor: new Date(Date.now() + 7 * 86_400_000),
  });

  await admin.dependencies.applyStarterMap({ practiceId: other });
  const otherSystemOfOther = (await admin.dependencies.map({ practiceId: other })).systems[0]!.id;
  const outage = {
    title: "EHR down",
    severity: "critical" as const,
    patientCareInterrupted: true,
    startedAt: new Date(),
    ownerName: "",
    updateEveryMinutes: 15,
  };
  // A world may be built more than once on one practice: each is a separate outage.
  const { id: incidentId } = await admin.incidents.declare({
    confirmDuplicate: true,
    practiceId,
    systemIds: [system.id],
    ...outage,
  });
  const { id: otherIncidentId } = await admin.incidents.declare({
    confirmDuplicate: true,
    practiceId: other,
    systemIds: [otherSystemOfOther],
    ...outage,
  });
  await admin.incidents.link({ vendorId, incidentIds: [incidentId, otherIncidentId] });
  const { id: ticketId } = await admin.incidents.openTicket({
    practiceId,
    incidentId,
    vendorId,
    ticketNumber: "T-1001",
    openedAt: new Date(),
    etaAt: null,
  });
  await admin.incidents.escalateTicket({
    practiceId,
    incidentId,
    ticketId,
    level: 1,
    contactName: "Support desk",
    escalatedAt: new Date(),
  });
  await admin.incidents.postUpdate({
    practiceId,
    incidentId,
    body: "Vendor confirms a cloud outage.",
  });
  // Technicians work the downtime log and the schedule; an admin reads them only through emergency access.
  const technician = await callerFor(msp.technician);
  // At noon UTC of today: the same calendar day in the practices' American time zones.
  const today = new Date().toISOString().slice(0, 10);
  const [appointmentId] = await plantSchedule(msp.id, practiceId, [
    {
      startsAt: new Date(`${today}T12:00:00Z`),
      providerName: "Dr. Rivera",
      patient: { name: schedulePatientName, phone: "(608) 555-0199", birthDate: "1970-02-03" },
    },
  ]);
  const { id: markId } = await technician.schedule.mark({
    practiceId,
    incidentId,
    appointmentId: appointmentId!,
    kind: "cancelled",
  });
  // The cancelled appointment's patient is told (no provider here: the message waits in the outbox).
  const { campaignId } = await technician.outreach.send({
    practiceId,
    kind: "cancellation",
    selection: { day: today },
    confirm: true,
  });
  await technician.schedule.addWalkIn({
    practiceId,
    incidentId,
    name: "Walk-in S-1002",
    date: today,
    at: "11:00",
    providerName: "Dr. Rivera",
  });
  // Patient outreach: a text about the appointment left in the outbox (no provider), and the patient's reply.
  const messageId = await plantOutreachMessage(msp.id, practiceId, {
    appointmentId: appointmentId!,
    phone: "(608) 555-0199",
    status: "outbox",
  });
  const { replyId } = await technician.outreachReplies.simulateReply({
    practiceId,
    messageId,
    text: "Is there parking by the clinic?",
  });
  const { id: entryId } = await technician.downtimeLog.add({
    practiceId,
    incidentId,
    patient: "Patient P-1001",
    visitDate: new Date().toISOString().slice(0, 10),
    provider: "Dr. Rivera",
    reason: "Follow-up",
    orders: "",
    followUp: "",
  });
  const { incident } = await admin.incidents.get({ practiceId, incidentId });
  await admin.incidents.changeStatus({
    practiceId,
    incidentId,
    status: "resolved",
    note: "Service is back",
    version: incident.version,
  });
  const { reconciliation } = await admin.incidents.get({ practiceId, incidentId });
  const itemId = reconciliation[0]?.id;
  if (!itemId) throw new Error("Resolving the incident made no reconciliation checklist.");

  const member = await insertUser(msp.id, { role: "technician" });
  const { invitationId } = await admin.members.invite({
    email: `invitee.${unique()}@example.test`,
    role: "practice_manager",
    practiceIds: [practiceId],
  });
  const { id: channelId } = await admin.notifications.createChannel({
    kind: "email",
    name: "Practice desk",
    practiceId,
    events: ["incident.declared"],
    recipients: [`desk.${unique()}@example.test`],
  });
  // From now on the practice's copy is read from its EHR (no sync runs here: the address resolves nowhere).
  await admin.scheduleSettings.saveFhir({
    practiceId,
    version: (await admin.scheduleSettings.get({ practiceId }))?.version ?? 0,
    fhirBaseUrl: "https://fhir.example.test/r4",
    clientId: "standby",
    syncIntervalMinutes: 15,
    syncDaysAhead: 7,
    retentionDays: 14,
  });
  // Patient outreach's texts: the MSP's own (in place of the built-in one, for every practice) and the practice's own.
  const mspDelay = (await admin.outreachTemplates.list({})).entries.find(
    (entry) => entry.kind === "delay" && entry.language === "es",
  );
  await admin.outreachTemplates.save({
    practiceId: null,
    kind: "delay",
    language: "es",
    visitType: "",
    subject: "Hoy vamos con retraso",
    body: "Hola {first_name}, hoy vamos con retraso. Su cita del {date_time} puede empezar tarde.",
    version: mspDelay?.own?.version ?? 0,
  });
  await admin.outreachTemplates.save({
    practiceId,
    kind: "reminder",
    language: "en",
    visitType: "",
    subject: "Your visit on {date_time}",
    body: "Hi {first_name}, see you on {date_time} at {site_name}. Reply C to cancel.",
    version: 0,
  });
  // A heartbeat monitor on the practice's system (nothing is checked here: no worker runs).
  const { id: monitorId } = await admin.monitors.create({
    practiceId,
    systemId: system.id,
    name: "Front desk server",
    kind: "heartbeat",
  });
  // A planned maintenance window tomorrow night (22:00 to 02:00 in the practice's zone).
  const tomorrow = localText(new Date(Date.now() + 86_400_000), "America/Chicago").slice(0, 10);
  const dayAfter = localText(new Date(Date.now() + 2 * 86_400_000), "America/Chicago").slice(0, 10);
  const {
    ids: [windowId],
  } = await admin.maintenance.create({
    practiceId,
    title: "EHR upgrade",
    reason: "Vendor release",
    startsLocal: `${tomorrow}T22:00`,
    endsLocal: `${dayAfter}T02:00`,
    systemIds: [system.id],
    reminderMinutes: [24 * 60, 60],
    recurrence: null,
  });
  const prepItemId = (await admin.maintenance.get({ practiceId, windowId: windowId! })).prep[0]!.id;
  const auditEventId = await asTenant(msp.id, async (tx) => {
    const [row] = await tx
      .select({ id: schema.auditEvents.id })
      .from(schema.auditEvents)
      .where(sql`${schema.auditEvents.mspId} = ${msp.id}`)
      .limit(1);
    return row!.id;
  });

  // What the monitors saw: an open suspected outage of the practice's system, and a vendor-wide one
  // proposed across both practices (no worker runs: planted as the worker would leave them).
  const { suspectedOutageId, vendorWideId } = await plantSuspectedOutages(msp.id, vendorId, [
    { practiceId, systemId: system.id },
    { practiceId: other, systemId: otherSystemOfOther },
  ]);

  return {
    suspectedOutageId,
    vendorWideId,
    practiceId,
    siteId: practice.siteIds[0]!,
    incidentId,
    otherIncidentId,
    systemId: system.id,
    otherSystemId: otherSystem.id,
    vendorId,
    linkId,
    riskId: risk.id,
    reviewId,
    drillId,
    testId,
    ticketId,
    entryId,
    itemId,
    userId: member.id,
    invitationId,
    auditEventId,
    channelId,
    appointmentId: appointmentId!,
    markId,
    messageId,
    replyId: replyId!,
    campaignId,
    monitorId,
    windowId: windowId!,
    prepItemId,
  };
}

/**
 * Plants open suspected outages as the worker leaves them: one per (practice, system) given, and a
 * vendor-wide proposal for the vendor linking them. Returns the first local one and the proposal.
 */
export async function plantSuspectedOutages(
  mspId: string,
  vendorId: string,
  causes: { practiceId: string; systemId: string }[],
) {
  return asTenant(mspId, async (tx) => {
    const [vendorWide] = await tx
      .insert(schema.suspectedOutages)
      .values({
        mspId,
        practiceId: null,
        scope: "vendor_wide",
        vendorId,
        systemName: "A vendor",
        openedAt: new Date(),
      })
      .returning({ id: schema.suspectedOutages.id });
    // Built again for the same practice (another suite's world): the earlier open ones stand aside.
    await tx
      .update(schema.suspectedOutages)
      .set({ status: "cleared", endedAt: new Date() })
      .where(
        sql`${schema.suspectedOutages.mspId} = ${mspId} and ${schema.suspectedOutages.status} = 'open'
            and ${schema.suspectedOutages.systemId} = any(${`{${causes.map((cause) => cause.systemId).join(",")}}`}::uuid[])`,
      );
    const locals = await tx
      .insert(schema.suspectedOutages)
      .values(
        causes.map((cause) => ({
          mspId,
          practiceId: cause.practiceId,
          systemId: cause.systemId,
          systemName: "A system",
          vendorId,
          vendorWideId: vendorWide!.id,
          openedAt: new Date(Date.now() - 60_000),
        })),
      )
      .returning({ id: schema.suspectedOutages.id });
    return { suspectedOutageId: locals[0]!.id, vendorWideId: vendorWide!.id };
  });
}
