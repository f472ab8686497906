/**
 * Leadership's quarterly outreach figures (issue 20, item 8) against planted messages, replies and
 * outages whose answers are known: what counts (a message linked to an outage, a cancellation Standby
 * made from a reply), what does not (messages outside outages or never sent, replies a person handled,
 * another practice's or MSP's), in whose scope, and that the answer holds counts only.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import * as schema from "@/db/schema";
import { withTenant } from "@/db/tenant";
import type { Role } from "@/server/permissions";
import { quarterlyMetrics } from "@/server/services/metrics";
import { purgeScheduleCopies } from "@/server/services/schedule/purge";
import { expectTRPCError } from "@/server/test/assertions";
import {
  asTenant,
  callerFor,
  createMsp,
  insertPractice,
  insertUser,
  type TestMsp,
} from "@/server/test/fixtures";

const now = new Date("2026-11-29T12:00:00Z");
const iso = (text: string) => new Date(text);
let sequence = 0;

let msp: TestMsp;
let other: TestMsp;
let lakeside: string;
let riverside: string;
const patientIds: string[] = [];

type Planted = {
  incidents: {
    key: string;
    startedAt: string;
    declaredAt?: string;
    resolvedAt?: string | null;
  }[];
  /** campaign: the incident key the campaign names, or null. */
  messages: {
    patient: string;
    campaign: string | null;
    status: string;
    sentAt: string | null;
  }[];
  replies: {
    appointmentOf: string;
    action: "cancel" | "inbox" | "confirm";
    receivedAt: string;
    handledBy: string | null;
  }[];
};

/** Plants one practice's outages, messages (each its own appointment) and replies, as the owner. */
async function plant(mspId: string, practiceId: string, planted: Planted) {
  await asTenant(mspId, async (tx) => {
    const incidentIds = new Map<string, string>();
    for (const incident of planted.incidents) {
      const [row] = await tx
        .insert(schema.incidents)
        .values({
          mspId,
          practiceId,
          title: `Outage ${incident.key}`,
          severity: "critical",
          patientCareInterrupted: true,
          startedAt: iso(incident.startedAt),
          status: incident.resolvedAt === null ? "investigating" : "resolved",
          ownerName: "Owner",
          resolvedAt: incident.resolvedAt ? iso(incident.resolvedAt) : null,
          createdByName: "Seed",
          createdAt: iso(incident.declaredAt ?? incident.startedAt),
        })
        .returning({ id: schema.incidents.id });
      incidentIds.set(incident.key, row!.id);
    }
    const patients = new Map<string, string>();
    const patientOf = async (key: string) => {
      let id = patients.get(key);
      if (!id) {
        sequence += 1;
        const [row] = await tx
          .insert(schema.schedulePatients)
          .values({
            mspId,
            practiceId,
            source: "csv",
            resourceId: `metrics-patient-${sequence}`,
            nameSealed: `sealed-name-${key}`,
          })
          .returning({ id: schema.schedulePatients.id });
        id = row!.id;
        patients.set(key, id);
        patientIds.push(id);
      }
      return id;
    };
    const appointmentOf = async (patientKey: string) => {
      sequence += 1;
      const [row] = await tx
        .insert(schema.scheduleAppointments)
        .values({
          mspId,
          practiceId,
          source: "csv",
          resourceId: `metrics-appointment-${sequence}`,
          patientId: await patientOf(patientKey),
          startsAt: iso("2026-10-01T15:00:00Z"),
          minutes: 15,
          providerName: "Dr. Known",
          status: "booked",
        })
        .returning({ id: schema.scheduleAppointments.id });
      return row!.id;
    };
    const campaigns = new Map<string | null, string>();
    const campaignOf = async (key: string | null) => {
      let id = campaigns.get(key);
      if (!id) {
        const [row] = await tx
          .insert(schema.outreachCampaigns)
          .values({
            mspId,
            practiceId,
            incidentId: key ? incidentIds.get(key)! : null,
            kind: "delay",
            createdByName: "Seed",
          })
          .returning({ id: schema.outreachCampaigns.id });
        id = row!.id;
        campaigns.set(key, id);
      }
      return id;
    };
    for (const message of planted.messages) {
      await tx.insert(schema.outreachMessages).values({
        mspId,
        practiceId,
        campaignId: await campaignOf(message.campaign),
        appointmentId: await appointmentOf(message.patient),
        patientId: await patientOf(message.patient),
        kind: "delay",
        language: "en",
        channel: "sms",
        toSealed: "sealed-to",
        toHash: `hash-${message.patient}`,
        bodySealed: "sealed-body",
        status: message.status,
        sentAt: message.sentAt ? iso(message.sentAt) : null,
      });
    }
    // Each patient's replies are about one appointment of theirs.
    const replied = new Map<string, string>();
    for (const reply of planted.replies) {
      const appointmentId =
        replied.get(reply.appointmentOf) ?? (await appointmentOf(reply.appointmentOf));
      replied.set(reply.appointmentOf, appointmentId);
      await tx.insert(schema.outreachReplies).values({
        mspId,
        practiceId,
        appointmentId,
        fromHash: `hash-${reply.appointmentOf}`,
        fromSealed: "sealed-from",
        bodySealed: "sealed-body",
        action: reply.action,
        receivedAt: iso(reply.receivedAt),
        handledAt: reply.handledBy ? iso(reply.receivedAt) : null,
        handledByName: reply.handledBy,
      });
    }
  });
}

beforeAll(async () => {
  [msp, other] = await Promise.all([createMsp("Outreach metrics"), createMsp("Other figures")]);
  lakeside = (await insertPractice(msp.id, { name: "Lakeside", timezone: "America/Chicago" })).id;
  riverside = (await insertPractice(msp.id, { name: "Riverside", timezone: "America/Chicago" })).id;
  await plant(msp.id, lakeside, {
    incidents: [
      // Declared 10 minutes after it started; its first message 20 minutes after the declaration.
      {
        key: "october",
        startedAt: "2026-10-10T15:00:00Z",
        declaredAt: "2026-10-10T15:10:00Z",
        resolvedAt: "2026-10-10T19:00:00Z",
      },
      // Its message went out by time alone (a campaign that named no outage), 45 minutes in.
      { key: "november", startedAt: "2026-11-05T14:00:00Z", resolvedAt: "2026-11-05T16:00:00Z" },
      // No message at all: not an outage where outreach continued.
      { key: "quiet", startedAt: "2026-11-20T14:00:00Z", resolvedAt: "2026-11-20T15:00:00Z" },
      // 22:00 on September 30 in Chicago: the third quarter there, although October 1 in UTC.
      { key: "boundary", startedAt: "2026-10-01T03:00:00Z", resolvedAt: "2026-10-01T05:00:00Z" },
      // Its campaign's message went out after it was resolved: the patient was notified about this
      // outage, but outreach did not continue during it.
      { key: "august", startedAt: "2026-08-01T14:00:00Z", resolvedAt: "2026-08-01T16:00:00Z" },
    ],
    messages: [
      { patient: "ana", campaign: "october", status: "delivered", sentAt: "2026-10-10T15:30:00Z" },
      { patient: "ben", campaign: "october", status: "sent", sentAt: "2026-10-10T15:40:00Z" },
      // Ana again (another appointment): one patient.
      { patient: "ana", campaign: "october", status: "delivered", sentAt: "2026-10-10T16:00:00Z" },
      // Never sent: failed, in the outbox, still queued.
      { patient: "eve", campaign: "october", status: "failed", sentAt: null },
      { patient: "fay", campaign: "october", status: "outbox", sentAt: null },
      { patient: "gil", campaign: null, status: "queued", sentAt: null },
      { patient: "cal", campaign: null, status: "sent", sentAt: "2026-11-05T14:45:00Z" },
      // Sent while no outage was open.
      { patient: "dot", campaign: null, status: "delivered", sentAt: "2026-11-10T12:00:00Z" },
      { patient: "dot", campaign: null, status: "delivered", sentAt: "2026-10-10T19:30:00Z" },
      { patient: "jon", campaign: null, status: "delivered", sentAt: "2026-10-01T03:30:00Z" },
      { patient: "fin", campaign: "august", status: "delivered", sentAt: "2026-08-01T18:00:00Z" },
    ],
    replies: [
      {
        appointmentOf: "ana",
        action: "cancel",
        receivedAt: "2026-10-10T16:00:00Z",
        handledBy: "Standby",
      },
      // The same appointment's cancellation texted twice: one cancellation.
      {
        appointmentOf: "ana",
        action: "cancel",
        receivedAt: "2026-10-10T16:05:00Z",
        handledBy: "Standby",
      },
      // Not cancelled by Standby (no outage open: it waited in the inbox; a person handled it).
      {
        appointmentOf: "ben",
        action: "cancel",
        receivedAt: "2026-11-10T16:00:00Z",
        handledBy: null,
      },
      {
        appointmentOf: "cal",
        action: "cancel",
        receivedAt: "2026-11-11T16:00:00Z",
        handledBy: "Priya Manager",
      },
      {
        appointmentOf: "dot",
        action: "confirm",
        receivedAt: "2026-11-11T16:00:00Z",
        handledBy: "Standby",
      },
      {
        appointmentOf: "eve",
        action: "inbox",
        receivedAt: "2026-11-12T16:00:00Z",
        handledBy: null,
      },
    ],
  });
  await plant(msp.id, riverside, {
    incidents: [{ key: "river", startedAt: "2026-10-20T14:00:00Z", resolvedAt: null }],
    messages: [
      { patient: "hal", campaign: null, status: "delivered", sentAt: "2026-10-20T14:05:00Z" },
    ],
    replies: [
      {
        appointmentOf: "hal",
        action: "cancel",
        receivedAt: "2026-10-20T15:00:00Z",
        handledBy: "Standby",
      },
    ],
  });
  // Another MSP, with a practice of its own: none of it may count for the first.
  const elsewhere = (
    await insertPractice(other.id, { name: "Elsewhere", timezone: "America/Chicago" })
  ).id;
  await plant(other.id, elsewhere, {
    incidents: [
      { key: "theirs", startedAt: "2026-10-10T15:00:00Z", resolvedAt: "2026-10-10T18:00:00Z" },
    ],
    messages: [
      { patient: "zed", campaign: "theirs", status: "delivered", sentAt: "2026-10-10T15:01:00Z" },
      { patient: "yul", campaign: null, status: "delivered", sentAt: "2026-10-10T15:02:00Z" },
    ],
    replies: [
      {
        appointmentOf: "zed",
        action: "cancel",
        receivedAt: "2026-10-10T15:30:00Z",
        handledBy: "Standby",
      },
    ],
  });
});

/** The figures as a member of `msp` with this role and practice scope sees them, at `now`. */
function figuresAs(
  role: Role,
  practiceIds: readonly string[] | "*",
  input: { practiceId?: string } = {},
  of: TestMsp = msp,
) {
  return withTenant({ mspId: of.id, userId: of.admin.id, role, practiceIds }, (tx) =>
    quarterlyMetrics(
      { tx, mspId: of.id, actor: { userId: of.admin.id, name: "Reader", role }, practiceIds },
      input,
      now,
    ),
  );
}

const outreachOf = (
  figures: { quarter: string }[],
  quarter: string,
): Record<string, unknown> | undefined => {
  const row = figures.find((each) => each.quarter === quarter) as Record<string, unknown>;
  return row
    ? {
        patientsNotifiedDuringOutages: row.patientsNotifiedDuringOutages,
        outagesWithOutreach: row.outagesWithOutreach,
        medianMinutesToFirstMessage: row.medianMinutesToFirstMessage,
        cancellationsByReply: row.cancellationsByReply,
      }
    : undefined;
};

const lakesideQ4 = {
  // Ana, Ben (the October outage's campaign) and Cal (sent while November's was open).
  patientsNotifiedDuringOutages: 3,
  outagesWithOutreach: 2,
  // October: 20 minutes from declaration; November: 45.
  medianMinutesToFirstMessage: 32.5,
  cancellationsByReply: 1,
};
const lakesideQ3 = {
  // Fin (August's campaign, after it was resolved) and Jon (during the boundary outage, Q3 in Chicago).
  patientsNotifiedDuringOutages: 2,
  outagesWithOutreach: 1,
  medianMinutesToFirstMessage: 30,
  cancellationsByReply: 0,
};

describe("outreach figures per quarter", () => {
  test("one practice: only messages linked to its outages, each patient once, Standby's cancellations", async () => {
    const { figures, trends } = await figuresAs("admin", "*", { practiceId: lakeside });
    expect(outreachOf(figures, "2026-Q4")).toEqual(lakesideQ4);
    expect(outreachOf(figures, "2026-Q3")).toEqual(lakesideQ3);
    expect(outreachOf(figures, "2026-Q2")).toEqual({
      patientsNotifiedDuringOutages: 0,
      outagesWithOutreach: 0,
      medianMinutesToFirstMessage: null,
      cancellationsByReply: 0,
    });
    expect(trends.patientsNotifiedDuringOutages).toEqual({ change: 1, direction: "up" });
    expect(trends.medianMinutesToFirstMessage).toEqual({ change: 2.5, direction: "up" });
  });

  test("MSP-wide for staff and leadership: every practice of the MSP, none of another MSP's", async () => {
    const expected = {
      // Lakeside's three and Riverside's Hal.
      patientsNotifiedDuringOutages: 4,
      outagesWithOutreach: 3,
      // 20, 45 and Riverside's 5 (its outage still open).
      medianMinutesToFirstMessage: 20,
      cancellationsByReply: 2,
    };
    for (const role of ["admin", "technician", "leadership"] as const) {
      const { figures } = await figuresAs(role, "*");
      expect(outreachOf(figures, "2026-Q4"), role).toEqual(expected);
      expect(outreachOf(figures, "2026-Q3"), role).toEqual(lakesideQ3);
    }
    // The other MSP sees its own outage only.
    const theirs = await figuresAs("admin", "*", {}, other);
    expect(outreachOf(theirs.figures, "2026-Q4")).toEqual({
      patientsNotifiedDuringOutages: 2,
      outagesWithOutreach: 1,
      medianMinutesToFirstMessage: 1,
      cancellationsByReply: 1,
    });
  });

  test("a practice manager (or practice-scoped leadership) sees only their practice's", async () => {
    for (const role of ["practice_manager", "leadership"] as const) {
      const { figures } = await figuresAs(role, [lakeside]);
      expect(outreachOf(figures, "2026-Q4"), role).toEqual(lakesideQ4);
      const river = await figuresAs(role, [riverside]);
      expect(outreachOf(river.figures, "2026-Q4"), role).toEqual({
        patientsNotifiedDuringOutages: 1,
        outagesWithOutreach: 1,
        medianMinutesToFirstMessage: 5,
        cancellationsByReply: 1,
      });
    }
  });

  test("through the procedure: leadership reads the counts it may not read the messages behind, and only counts", async () => {
    const leader = await insertUser(msp.id, { role: "leadership", practiceIds: [lakeside] });
    const manager = await insertUser(msp.id, { role: "practice_manager", practiceIds: [lakeside] });
    for (const user of [leader, manager]) {
      const caller = await callerFor(user);
      const all = await caller.metrics.quarterly({});
      const one = await caller.metrics.quarterly({ practiceId: lakeside });
      // Dated by the clock: these quarters stay among the last eight until 2028.
      expect(outreachOf(all.figures, "2026-Q4")).toEqual(lakesideQ4);
      expect(outreachOf(one.figures, "2026-Q3")).toEqual(lakesideQ3);
      await expectTRPCError(caller.metrics.quarterly({ practiceId: riverside }), "NOT_FOUND");
      const text = JSON.stringify([all, one]);
      for (const id of patientIds) expect(text).not.toContain(id);
      expect(text).not.toContain("sealed");
      expect(text).not.toContain("hash-");
    }
    await expectTRPCError(
      (await callerFor(other.admin)).metrics.quarterly({ practiceId: lakeside }),
      "NOT_FOUND",
    );
  });

  test("the database function refuses another MSP's practices even when named", async () => {
    const rows = await withTenant(
      { mspId: other.id, userId: other.admin.id, role: "admin", practiceIds: "*" },
      (tx) =>
        tx.execute<{ patients_notified: number; cancellations_by_reply: number }>(
          sqlFigures([lakeside, riverside]),
        ),
    );
    expect(
      rows.every((row) => row.patients_notified === 0 && row.cancellations_by_reply === 0),
    ).toBe(true);
  });

  // Runs last: it purges the copy the others read.
  test("the figures outlive the schedule copy: purged messages and replies still count", async () => {
    const before = await figuresAs("admin", "*", { practiceId: lakeside });
    const purged = await withTenant(
      { mspId: msp.id, userId: null, role: "system", practiceIds: "*" },
      (tx) =>
        purgeScheduleCopies(
          { tx, mspId: msp.id, actor: { userId: null, name: "Standby" }, practiceIds: "*" },
          new Date("2027-06-01T00:00:00Z"),
        ),
    );
    expect(purged.appointments).toBeGreaterThan(0);
    const left = await asTenant(msp.id, (tx) =>
      tx.execute<{ n: number }>(
        sql`select count(*)::int as n from outreach_messages where msp_id = ${msp.id}`,
      ),
    );
    expect(left[0]!.n).toBe(0);
    const after = await figuresAs("admin", "*", { practiceId: lakeside });
    expect(outreachOf(after.figures, "2026-Q4")).toEqual(lakesideQ4);
    expect(outreachOf(after.figures, "2026-Q3")).toEqual(lakesideQ3);
    expect(after.trends.patientsNotifiedDuringOutages).toEqual(
      before.trends.patientsNotifiedDuringOutages,
    );
  });
});

const sqlFigures = (ids: string[]) =>
  sql`select * from standby_outreach_quarter_figures(string_to_array(${ids.join(",")}, ',')::uuid[], array['2026-Q3', '2026-Q4'], '2026-06-30T10:00:00Z'::timestamptz)`;
