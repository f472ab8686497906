import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { planCompleteness } from "@/server/domain/plan-completeness";
import {
  applyTemplateTo,
  defaultTemplate,
  emptyPlan,
  templateBasisOf,
} from "@/server/domain/plan-defaults";
import {
  starterDependencies,
  starterRedundancies,
  starterSystems,
} from "@/server/domain/starter-map";
import type { PlanContent } from "@/server/contracts/plans";
import { hashPassword } from "@/server/services/passwords";
import * as schema from "@/db/schema";
import { seedDemoSchedule } from "./demo-schedule";

export const DEMO_PASSWORD = "downtime-ready-2026";

export const demoLogins = [
  { email: "admin@summit-it.example", role: "MSP admin", sees: "all Summit practices" },
  { email: "tech@summit-it.example", role: "MSP technician", sees: "all Summit practices" },
  {
    email: "manager@lakeside.example",
    role: "Practice manager",
    sees: "Lakeside Family Medicine only",
  },
  {
    email: "owner@lakeside.example",
    role: "Leadership (read-only)",
    sees: "Lakeside Family Medicine only",
  },
  {
    email: "admin@harbor-tech.example",
    role: "MSP admin of the second MSP",
    sees: "Harbor Tech's practice only",
  },
] as const;

/** Cedar Grove's plan: complete and published, so the demo has a packet and versions to show. */
function cedarGrovePlan(): PlanContent {
  const plan = emptyPlan();
  const person = (name: string, role: string, phone: string) => ({
    memberId: null,
    name,
    role,
    phone,
    altPhone: "",
    email: "",
  });
  return {
    ...plan,
    ...applyTemplateTo(plan, defaultTemplate),
    outageOwner: {
      owner: person("Jamie Torres", "Office manager", "(303) 555-0131"),
      backup: person("Dr. Ana Ruiz", "Lead physician", "(303) 555-0132"),
    },
    scheduleContinuity: {
      scheduleExport: "Front desk prints the next day's schedule at 4 pm, with phone numbers.",
      checkIn: "Paper sign-in sheet at the front desk; copy of the insurance card.",
      phoneRouting: "Main line forwards to the office mobile (303) 555-0139.",
      tracking: "Arrivals, cancellations and urgent messages go in the downtime log binder.",
    },
    visitRules: {
      rules: [
        { visitType: "Skin checks and follow-ups", action: "continue", note: "Paper visit note." },
        { visitType: "Procedures with pathology orders", action: "reschedule", note: "" },
        {
          visitType: "New biologic starts",
          action: "needs_ehr_first",
          note: "Needs lab history and prior authorization.",
        },
      ],
    },
    providerWorkflow: {
      notes: "Paper visit note template in the exam room binder.",
      orders: "Paper order form; entered after recovery.",
      labs: "Lab requisition pad; results by fax.",
      prescriptions: "Called in to the pharmacy; logged for later entry.",
      referrals: "Fax referral form.",
      followUp: "Written on the checkout sheet.",
    },
    reconciliation: {
      owner: person("Jamie Torres", "Office manager", "(303) 555-0131"),
      verifier: person("Dr. Ana Ruiz", "Lead physician", ""),
      steps: defaultTemplate.reconciliationSteps,
    },
    officePreparation: {
      ...defaultTemplate.officePreparation,
      backupInternet: "Cellular hotspot in the manager's office.",
      powerProtection: "UPS on the server and the front-desk PCs.",
    },
    callTree: {
      entries: [
        {
          caller: "Jamie Torres (outage owner)",
          calls: "Providers and front desk",
          how: "Group text",
        },
        { caller: "Jamie Torres", calls: "Summit IT Partners help desk", how: "(303) 555-0100" },
      ],
    },
  };
}

type Db = ReturnType<typeof drizzle<typeof schema>>;

/** Runs fn as the owner with the tenant set, so the seed works whether or not the owner is a superuser. */
async function asTenant(
  db: Db,
  mspId: string,
  fn: (tx: Parameters<Parameters<Db["transaction"]>[0]>[0]) => Promise<void>,
) {
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('app.msp_id', ${mspId}, true), set_config('app.role', 'admin', true), set_config('app.practice_ids', '*', true)`,
    );
    await fn(tx);
  });
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60_000);
const dateIn = (days: number) => daysAgo(-days).toISOString().slice(0, 10);

/**
 * Cedar Grove's backups, risks and drills, so the demo shows each state: a system tested on time,
 * one overdue, one failing with the risk it proposed, an accepted and a scheduled risk, a held
 * drill with findings and the next one planned.
 */
async function seedCedarReadiness(
  tx: Tx,
  mspId: string,
  practiceId: string,
  systemId: (name: string) => string,
) {
  const base = { mspId, practiceId };
  await tx.insert(schema.backupTargets).values([
    { ...base, systemId: systemId("Backup"), cadenceDays: 30, rtoMinutes: 240, rpoMinutes: 1440 },
    {
      ...base,
      systemId: systemId("Microsoft 365"),
      cadenceDays: 90,
      rtoMinutes: 120,
      rpoMinutes: 1440,
    },
    { ...base, systemId: systemId("Firewall"), cadenceDays: 90, rtoMinutes: 60, rpoMinutes: 10080 },
  ]);
  const test = (
    system: string,
    days: number,
    values: Pick<
      typeof schema.restoreTests.$inferInsert,
      | "passed"
      | "kind"
      | "result"
      | "restoreMinutes"
      | "dataAgeMinutes"
      | "rtoMinutes"
      | "rpoMinutes"
      | "evidence"
    >,
  ) => ({
    ...base,
    systemId: systemId(system),
    systemName: system,
    testedAt: daysAgo(days),
    testedByName: "Sam Okafor",
    ...values,
  });
  const [, m365Test] = await tx
    .insert(schema.restoreTests)
    .values([
      test("Backup", 20, {
        passed: true,
        kind: "whole_vm",
        result: "pass",
        restoreMinutes: 95,
        dataAgeMinutes: 600,
        rtoMinutes: 240,
        rpoMinutes: 1440,
        evidence: "Restored the file server VM to the lab host; opened last week's scans.",
      }),
      test("Microsoft 365", 12, {
        kind: "cloud_tenant",
        result: "partial",
        restoreMinutes: 180,
        dataAgeMinutes: 900,
        rtoMinutes: 120,
        rpoMinutes: 1440,
        evidence: "Mailbox restored; the shared calendar came back empty.",
      }),
      test("Firewall", 130, {
        passed: true,
        kind: "file",
        result: "pass",
        restoreMinutes: 25,
        dataAgeMinutes: 2880,
        rtoMinutes: 60,
        rpoMinutes: 10080,
        evidence: "Config imported to the spare unit.",
      }),
    ])
    .returning({ id: schema.restoreTests.id });
  const [drill] = await tx
    .insert(schema.drills)
    .values([
      {
        ...base,
        kind: "tabletop",
        scenario: "ModMed is down for the whole clinic day (vendor-wide outage).",
        scheduledFor: daysAgo(30),
        heldAt: daysAgo(30),
        participants: ["Sam Okafor (MSP)", "Front desk lead", "Dr. Patel"],
        detectMinutes: 5,
        declareMinutes: 12,
        reachVendorMinutes: 35,
        paperMinutes: 15,
        recoverMinutes: 90,
        findings: [
          "The paper superbills were in a locked cabinet nobody had the key to.",
          "The ModMed escalation number on the packet was out of date.",
        ],
      },
      {
        ...base,
        kind: "live",
        scenario: "Primary internet circuit is cut at 10:00; switch to the cellular backup.",
        scheduledFor: daysAgo(-40),
      },
    ])
    .returning({ id: schema.drills.id });
  const risks = await tx
    .insert(schema.risks)
    .values([
      {
        ...base,
        title: "Backups of Microsoft 365 cannot be relied on",
        description:
          "The last restore was only partial. Restore took 3 h against a 2 h target (RTO).",
        severity: "high",
        category: "untested_backups",
        fromRestoreTestId: m365Test!.id,
      },
      {
        ...base,
        title: "Vendor remote access is always on",
        description: "The imaging vendor's remote tool runs unattended on the PACS workstation.",
        severity: "urgent",
        category: "unknown_vendor_remote_access",
        owner: "Sam Okafor",
        status: "scheduled",
        scheduledFor: dateIn(14),
      },
      {
        ...base,
        title: "Two front-desk PCs still run Windows 10",
        description: "Out of support since October 2025.",
        severity: "medium",
        category: "unsupported_devices",
        owner: "Practice manager",
        status: "accepted",
        acceptedReason:
          "Replacements are budgeted for the next quarter; the PCs are isolated from the internet.",
        acceptedUntil: dateIn(60),
      },
      {
        ...base,
        title: "Paper superbills locked away",
        description: "Found in the tabletop drill.",
        severity: "low",
        category: "other",
        status: "resolved",
        resolvedNote: "A key is now kept with the downtime packet.",
        resolvedAt: daysAgo(20),
        fromDrillId: drill!.id,
        fromDrillFinding: "The paper superbills were in a locked cabinet nobody had the key to.",
      },
    ])
    .returning({ id: schema.risks.id, status: schema.risks.status });
  await tx.insert(schema.riskSystems).values([
    { ...base, riskId: risks[0]!.id, systemId: systemId("Microsoft 365") },
    { ...base, riskId: risks[1]!.id, systemId: systemId("Vendor remote access") },
    { ...base, riskId: risks[2]!.id, systemId: systemId("Workstations") },
  ]);
  await tx.insert(schema.riskEvents).values(
    risks.flatMap((risk) => [
      {
        ...base,
        riskId: risk.id,
        kind: "created" as const,
        toStatus: "open" as const,
        actorName: "Sam Okafor",
        at: daysAgo(25),
      },
      ...(risk.status === "open"
        ? []
        : [
            {
              ...base,
              riskId: risk.id,
              kind: "status" as const,
              fromStatus: "open" as const,
              toStatus: risk.status,
              actorName: "Sam Okafor",
              at: daysAgo(20),
            },
          ]),
    ]),
  );
}

/** A closed ModMed outage six weeks ago, reconciled and reviewed: the history an incident leaves. */
async function seedCedarPastIncident(
  tx: Tx,
  mspId: string,
  practiceId: string,
  systemId: (name: string) => string,
  modmedId: string,
) {
  const base = { mspId, practiceId };
  const startedAt = daysAgo(45);
  const at = (minutes: number) => new Date(startedAt.getTime() + minutes * 60_000);
  const reconciliation = [
    "Re-enter the downtime notes into the EHR",
    "Confirm today's schedule against the paper check-in list",
    "Catch up orders and refill requests",
    "Verify the interfaces (labs, e-prescribing, imaging) are flowing again",
    "Confirm the backups ran",
  ];
  const timeline: {
    kind: (typeof schema.incidentEvents.$inferInsert)["kind"];
    body: string;
    minutes: number;
    author: string;
  }[] = [
    {
      kind: "declared",
      body: "Outage declared at Cedar Grove Dermatology: EHR down. Outage owner: Front desk lead.",
      minutes: 0,
      author: "Sam Okafor",
    },
    {
      kind: "scope",
      body: "Scope confirmed as vendor-wide. Local checks all work and other cloud apps work but the EHR does not: likely the vendor.",
      minutes: 6,
      author: "Sam Okafor",
    },
    {
      kind: "ticket",
      body: "Ticket MM-20931 opened with ModMed.",
      minutes: 9,
      author: "Sam Okafor",
    },
    {
      kind: "update",
      body: "Front desk on paper schedules; providers charting on downtime forms.",
      minutes: 15,
      author: "Sam Okafor",
    },
    {
      kind: "escalation",
      body: "Ticket MM-20931 escalated to level 2 (Dana Whitfield).",
      minutes: 48,
      author: "Sam Okafor",
    },
    {
      kind: "status",
      body: "ModMed confirms a database failover in their cloud.",
      minutes: 55,
      author: "Sam Okafor",
    },
    {
      kind: "status",
      body: "EHR back; reconciling the morning's paper records.",
      minutes: 95,
      author: "Sam Okafor",
    },
    ...reconciliation.map((label, index) => ({
      kind: "checklist" as const,
      body: `Done: ${label}.`,
      minutes: 120 + index * 20,
      author: "Sam Okafor",
    })),
    {
      kind: "closed",
      body: "Incident closed: recovery reconciled.",
      minutes: 1440,
      author: "Sam Okafor",
    },
    { kind: "review", body: "Post-incident review saved.", minutes: 1500, author: "Sam Okafor" },
  ];
  const [incident] = await tx
    .insert(schema.incidents)
    .values({
      ...base,
      title: "EHR down",
      severity: "critical",
      patientCareInterrupted: true,
      startedAt,
      status: "closed",
      scope: "vendor_wide",
      scopeConfirmedByName: "Sam Okafor",
      ownerName: "Front desk lead",
      updateEveryMinutes: 30,
      lastUpdateAt: at(15),
      resolvedAt: at(95),
      closedAt: at(1440),
      closedByName: "Sam Okafor",
      lastSeq: timeline.length,
      reviewCause: "vendor",
      reviewWentWell:
        "Paper schedules were printed the night before; the front desk switched in minutes.",
      reviewToChange:
        "The ModMed escalation number in the packet was out of date; verify vendor contacts monthly.",
      reviewedByName: "Sam Okafor",
      reviewedAt: at(1500),
      createdByName: "Sam Okafor",
    })
    .returning({ id: schema.incidents.id });
  const incidentId = incident!.id;
  await tx
    .insert(schema.incidentSystems)
    .values({ ...base, incidentId, systemId: systemId("EHR"), systemName: "EHR" });
  const [ticket] = await tx
    .insert(schema.vendorTickets)
    .values({
      ...base,
      incidentId,
      sharedKey: crypto.randomUUID(),
      vendorId: modmedId,
      ticketNumber: "MM-20931",
      openedAt: at(9),
      etaAt: at(90),
      createdByName: "Sam Okafor",
    })
    .returning({ id: schema.vendorTickets.id });
  await tx.insert(schema.ticketEscalations).values({
    ...base,
    ticketId: ticket!.id,
    sharedKey: crypto.randomUUID(),
    level: 2,
    contactName: "Dana Whitfield",
    escalatedByName: "Sam Okafor",
    escalatedAt: at(48),
  });
  await tx.insert(schema.incidentEvents).values(
    timeline.map((event, index) => ({
      ...base,
      incidentId,
      seq: index + 1,
      kind: event.kind,
      body: event.body,
      authorName: event.author,
      at: at(event.minutes),
    })),
  );
  await tx.insert(schema.reconciliationItems).values(
    reconciliation.map((label, position) => ({
      ...base,
      incidentId,
      position,
      label,
      checkedAt: at(120 + position * 20),
      checkedByName: "Sam Okafor",
    })),
  );
  await tx.insert(schema.downtimeLogEntries).values([
    {
      ...base,
      incidentId,
      patient: "Demo patient A (MRN 100231)",
      visitDate: startedAt.toISOString().slice(0, 10),
      provider: "Dr. Patel",
      reason: "Mole check",
      orders: "Biopsy",
      followUp: "Results call in 1 week",
      recordedByName: "Front desk lead",
      enteredAt: at(130),
      enteredByName: "Medical assistant",
      verifiedAt: at(200),
      verifiedByName: "Dr. Patel",
    },
    {
      ...base,
      incidentId,
      patient: "Demo patient B (MRN 100874)",
      visitDate: startedAt.toISOString().slice(0, 10),
      provider: "Dr. Patel",
      reason: "Acne follow-up",
      orders: "Refill doxycycline",
      followUp: "3 months",
      recordedByName: "Front desk lead",
      enteredAt: at(140),
      enteredByName: "Medical assistant",
      verifiedAt: at(205),
      verifiedByName: "Dr. Patel",
    },
  ]);
}

/**
 * Seeds the demo MSPs once. Returns false (and changes nothing) when any MSP exists already.
 * With the patient-data key the app will run with, Lakeside Family Medicine also gets a synthetic
 * schedule copy (sealed with that key); without one the schedule is left out, with a note.
 */
export async function seedDemo(
  ownerUrl: string,
  options: { patientDataKey?: string } = {},
): Promise<boolean> {
  const patientDataKey = options.patientDataKey ?? process.env.PATIENT_DATA_KEY;
  const client = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  const db = drizzle({ client, schema, casing: "snake_case" });
  try {
    const [existing] = await db.select({ id: schema.msps.id }).from(schema.msps).limit(1);
    if (existing) return false;
    const passwordHash = await hashPassword(DEMO_PASSWORD);

    const [summit] = await db
      .insert(schema.msps)
      .values({
        name: "Summit IT Partners",
        // The help desk every member sees (help menu, Who to call, the packet); Harbor Tech has none yet.
        supportPhone: "(555) 010-7000",
        supportEmail: "help@summit-it.example",
        supportHours: "24/7 for outages; Mon–Fri 7:00–19:00 otherwise",
      })
      .returning();
    const [harbor] = await db.insert(schema.msps).values({ name: "Harbor Tech" }).returning();

    await asTenant(db, summit!.id, async (tx) => {
      const mspId = summit!.id;
      const practiceRows = await tx
        .insert(schema.practices)
        .values([
          {
            mspId,
            name: "Lakeside Family Medicine",
            timezone: "America/Chicago",
            ehrProduct: "athenaOne",
            downtimeCostPerMinuteCents: 4_500,
            isNewOffice: false,
            isMigrating: false,
          },
          {
            mspId,
            name: "Riverside Pediatrics",
            timezone: "America/Chicago",
            ehrProduct: "eClinicalWorks",
            downtimeCostPerMinuteCents: 3_000,
            isNewOffice: true,
            isMigrating: false,
          },
          {
            mspId,
            name: "Cedar Grove Dermatology",
            timezone: "America/Denver",
            ehrProduct: "ModMed EMA",
            downtimeCostPerMinuteCents: 2_500,
            isNewOffice: false,
            isMigrating: true,
          },
          {
            mspId,
            name: "Maple Street Internal Medicine",
            timezone: "America/New_York",
            ehrProduct: "NextGen",
            downtimeCostPerMinuteCents: 3_500,
            isNewOffice: false,
            isMigrating: false,
          },
        ])
        .returning();
      const [lakeside, riverside, cedar, maple] = practiceRows as [
        typeof schema.practices.$inferSelect,
        ...(typeof schema.practices.$inferSelect)[],
      ];
      await tx.insert(schema.practiceSites).values([
        {
          mspId,
          practiceId: lakeside.id,
          position: 0,
          name: "Main office",
          address: "1200 Lakeshore Dr, Madison, WI 53703",
          phone: "(608) 555-0142",
        },
        {
          mspId,
          practiceId: lakeside.id,
          position: 1,
          name: "North clinic",
          address: "88 Northport Ave, Madison, WI 53704",
          phone: "(608) 555-0178",
        },
        {
          mspId,
          practiceId: riverside!.id,
          position: 0,
          name: "Riverside clinic",
          address: "410 River Rd, Eau Claire, WI 54701",
          phone: "(715) 555-0110",
        },
        {
          mspId,
          practiceId: cedar!.id,
          position: 0,
          name: "Cedar Grove office",
          address: "17 Cedar Ln, Boulder, CO 80302",
          phone: "(303) 555-0166",
        },
        {
          mspId,
          practiceId: maple!.id,
          position: 0,
          name: "Maple Street office",
          address: "250 Maple St, Albany, NY 12207",
          phone: "(518) 555-0123",
        },
      ]);
      const cedarPlan = cedarGrovePlan();
      await tx.insert(schema.planSections).values(
        (Object.keys(cedarPlan) as (keyof PlanContent)[]).map((section) => ({
          mspId,
          practiceId: cedar!.id,
          section,
          content: cedarPlan[section],
          templateBasis: templateBasisOf(defaultTemplate, section),
          updatedByName: "Standby demo seed",
        })),
      );
      await tx.insert(schema.planVersions).values({
        mspId,
        practiceId: cedar!.id,
        number: 1,
        content: cedarPlan,
        completenessScore: planCompleteness(cedarPlan).score,
        nextReviewOn: new Date(Date.now() + 90 * 24 * 60 * 60_000).toISOString().slice(0, 10),
        publishedByName: "Sam Okafor",
      });
      // Cedar Grove also has its vendors (with escalation ladders) and the usual clinic map.
      const vendorRows = await tx
        .insert(schema.vendors)
        .values([
          {
            mspId,
            name: "ModMed",
            category: "ehr",
            supportPhone: "(561) 555-0140",
            portalUrl: "https://support.modmed.example",
            supportHours: "24/7",
            baaOnFile: true,
            contractNotes: "Priority support; 4-hour response for system-down tickets.",
          },
          {
            mspId,
            name: "Front Range Fiber",
            category: "isp",
            supportPhone: "(303) 555-0177",
            portalUrl: "",
            supportHours: "24/7",
            baaOnFile: false,
            contractNotes: "Business SLA: 4-hour restore.",
          },
          {
            mspId,
            name: "Peak Voice",
            category: "phone",
            supportPhone: "(720) 555-0160",
            portalUrl: "https://help.peakvoice.example",
            supportHours: "Mon–Fri 7–19",
            baaOnFile: true,
            contractNotes: "",
          },
        ])
        .returning({ id: schema.vendors.id, name: schema.vendors.name });
      const vendorId = (name: string) => vendorRows.find((row) => row.name === name)!.id;
      await tx.insert(schema.practiceVendors).values([
        {
          mspId,
          practiceId: cedar!.id,
          vendorId: vendorId("ModMed"),
          accountNumber: "CGD-20417",
          ladder: [
            {
              name: "ModMed support line",
              role: "Front line",
              phone: "(561) 555-0140",
              email: "",
              hours: "24/7",
            },
            {
              name: "Dana Whitfield",
              role: "Account manager",
              phone: "(561) 555-0148",
              email: "dana.whitfield@modmed.example",
              hours: "Mon–Fri 8–17 ET",
            },
          ],
          lastVerifiedAt: new Date(),
          lastVerifiedByName: "Sam Okafor",
        },
        {
          mspId,
          practiceId: cedar!.id,
          vendorId: vendorId("Front Range Fiber"),
          accountNumber: "FRF-88123",
          ladder: [
            {
              name: "Business support",
              role: "NOC",
              phone: "(303) 555-0177",
              email: "",
              hours: "24/7",
            },
          ],
        },
      ]);
      const cedarSystems = await tx
        .insert(schema.systems)
        .values(
          starterSystems.map((system) => ({
            mspId,
            practiceId: cedar!.id,
            ...system,
            vendorId:
              system.name === "EHR"
                ? vendorId("ModMed")
                : system.name === "Primary internet circuit"
                  ? vendorId("Front Range Fiber")
                  : null,
          })),
        )
        .returning({ id: schema.systems.id, name: schema.systems.name });
      const systemId = (name: string) => cedarSystems.find((row) => row.name === name)!.id;
      await tx.insert(schema.systemDependencies).values(
        starterDependencies.map(([from, to]) => ({
          mspId,
          practiceId: cedar!.id,
          systemId: systemId(from),
          dependsOnId: systemId(to),
        })),
      );
      await tx.insert(schema.systemRedundancies).values(
        starterRedundancies.map(([a, b]) => {
          const [first, second] = [systemId(a), systemId(b)].sort();
          return { mspId, practiceId: cedar!.id, systemAId: first!, systemBId: second! };
        }),
      );

      if (patientDataKey) await seedDemoSchedule(tx, lakeside, patientDataKey);
      else
        console.log(
          "Demo schedule left out: PATIENT_DATA_KEY is not set, so the schedule copy could not be sealed.",
        );

      await seedCedarReadiness(tx, mspId, cedar!.id, systemId);
      await seedCedarPastIncident(tx, mspId, cedar!.id, systemId, vendorId("ModMed"));

      const userRows = await tx
        .insert(schema.users)
        .values([
          {
            mspId,
            email: "admin@summit-it.example",
            name: "Alex Rivera",
            role: "admin",
            passwordHash,
          },
          {
            mspId,
            email: "tech@summit-it.example",
            name: "Sam Okafor",
            role: "technician",
            passwordHash,
          },
          {
            mspId,
            email: "manager@lakeside.example",
            name: "Priya Shah",
            role: "practice_manager",
            passwordHash,
          },
          {
            mspId,
            email: "owner@lakeside.example",
            name: "Dr. Morgan Lee",
            role: "leadership",
            passwordHash,
          },
        ])
        .returning();
      const [admin, , manager, owner] = userRows;
      await tx.insert(schema.userPracticeAccess).values([
        { mspId, userId: manager!.id, practiceId: lakeside.id },
        { mspId, userId: owner!.id, practiceId: lakeside.id },
      ]);
      await tx.insert(schema.auditEvents).values({
        mspId,
        actorUserId: admin!.id,
        actorName: "Standby demo seed",
        action: "msp.seed",
        entityType: "msp",
        entityId: mspId,
        summary: { practices: practiceRows.length, members: userRows.length },
      });
    });

    await asTenant(db, harbor!.id, async (tx) => {
      const mspId = harbor!.id;
      const [bayview] = await tx
        .insert(schema.practices)
        .values({
          mspId,
          name: "Bayview Orthopedics",
          timezone: "America/Los_Angeles",
          ehrProduct: "Epic (Community Connect)",
          downtimeCostPerMinuteCents: 6_000,
          isNewOffice: false,
          isMigrating: false,
        })
        .returning();
      await tx.insert(schema.practiceSites).values({
        mspId,
        practiceId: bayview!.id,
        position: 0,
        name: "Bayview clinic",
        address: "9 Harbor Way, San Diego, CA 92101",
        phone: "(619) 555-0190",
      });
      await tx.insert(schema.users).values({
        mspId,
        email: "admin@harbor-tech.example",
        name: "Jordan Blake",
        role: "admin",
        passwordHash,
      });
    });
    return true;
  } finally {
    await client.end();
  }
}
