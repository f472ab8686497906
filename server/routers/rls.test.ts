/**
 * Row-level security, checked at the database itself: the second wall under the tRPC checks.
 * These tests connect as the app role (APP_DATABASE_URL) exactly as the app does.
 */
import { randomUUID } from "node:crypto";
import { sql as drizzleSql } from "drizzle-orm";
import { generate } from "otplib";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { APP_ROLE } from "@/db/config";
import {
  APP_URL,
  asTenant,
  callerFor,
  createMsp,
  ownerSql,
  signIn,
  type TestMsp,
} from "@/server/test/fixtures";
import { readCalendarFeed } from "@/server/services/calendar-feed";
import { writeSecuritySection } from "@/server/test/security/report";

type Scope = { mspId: string; role: string; practiceIds: string; userId?: string };

let app: postgres.Sql;
let a: TestMsp;
let b: TestMsp;
let tenantTables: string[];

/** Runs fn as the app role in one transaction with the tenant set as withTenant does. */
function asApp<T>(
  scope: Scope | null,
  fn: (sql: postgres.TransactionSql) => Promise<T>,
): Promise<T> {
  return app.begin(async (sql) => {
    if (scope)
      await sql`select set_config('app.msp_id', ${scope.mspId}, true), set_config('app.user_id', ${scope.userId ?? ""}, true),
                       set_config('app.role', ${scope.role}, true), set_config('app.practice_ids', ${scope.practiceIds}, true)`;
    return fn(sql);
  }) as Promise<T>;
}

const adminOf = (msp: TestMsp): Scope => ({
  mspId: msp.id,
  role: "admin",
  practiceIds: "*",
  userId: msp.admin.id,
});

async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    const result = await run();
    return `succeeded: ${JSON.stringify(result)}`;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

beforeAll(async () => {
  const url = process.env.APP_DATABASE_URL;
  if (!url) throw new Error("APP_DATABASE_URL is not set");
  app = postgres(url, { max: 2, onnotice: () => {} });
  [a, b] = await Promise.all([createMsp("Tenant A"), createMsp("Tenant B")]);
  // Rows in every tenant table for both MSPs: sessions, invitations and audit events too.
  for (const msp of [a, b]) {
    await signIn(msp.technician);
    const admin = await callerFor(msp.admin);
    await admin.members.invite({
      email: `invitee.${msp.tag}@example.test`,
      role: "technician",
      practiceIds: [],
    });
    // A reset link for the technician (no mail here: the admin is shown it), so password resets exist.
    await admin.members.resetPassword({ userId: msp.technician.id });
    // Two-factor for the admin, so recovery codes exist.
    const { secret } = await admin.account.startTwoFactor();
    await admin.account.confirmTwoFactor({ code: await generate({ secret }) });
    // A saved plan section, a published version, a packet print and the MSP's own template.
    const practiceId = msp.practices[0].id;
    await admin.plans.saveSection({
      practiceId,
      section: "callTree",
      version: 0,
      content: { entries: [{ caller: "Owner", calls: "Everyone", how: "" }] },
    });
    await admin.plans.publish({ practiceId });
    await admin.plans.recordPacketPrint({ practiceId, format: "print" });
    const template = await admin.planTemplate.get();
    await admin.planTemplate.update({ content: template.content, version: template.version });
    // A vendor linked to the practice, and a map with a link and a redundancy.
    const { id: vendorId } = await admin.vendors.create({
      name: `Vendor ${msp.tag}`,
      category: "isp",
      supportPhone: "",
      portalUrl: "",
      supportHours: "",
      baaOnFile: false,
      contractNotes: "",
    });
    await admin.vendors.link({ practiceId, vendorId, accountNumber: "", notes: "", ladder: [] });
    // A notification channel: the outage declared below is recorded with a delivery to it.
    await admin.notifications.createChannel({
      kind: "email",
      name: `Desk ${msp.tag}`,
      practiceId: null,
      events: ["incident.declared"],
      recipients: [`desk.${msp.tag}@example.test`],
    });
    await admin.dependencies.applyStarterMap({ practiceId });
    // A backup target with a failed test (which proposes a risk), a changed risk, a review and a drill.
    const map = await admin.dependencies.map({ practiceId });
    const systemId = map.systems[0]!.id;
    await admin.backups.setTarget({
      practiceId,
      systemId,
      version: 0,
      cadenceDays: 30,
      rtoMinutes: 60,
      rpoMinutes: 60,
    });
    const { risk } = await admin.backups.recordTest({
      practiceId,
      systemId,
      kind: "file",
      testedAt: new Date(),
      testedByName: "Tech",
      result: "fail",
      restoreMinutes: 10,
      dataAgeMinutes: 10,
      evidence: "",
    });
    await admin.risks.changeStatus({
      practiceId,
      riskId: risk!.id,
      version: 1,
      change: { status: "fix_now" },
    });
    await admin.reviews.start({ practiceId });
    await admin.drills.schedule({
      practiceId,
      kind: "tabletop",
      scenario: "The EHR is down all day",
      scheduledFor: new Date(Date.now() + 86_400_000),
    });
    // The admin's calendar feed, read once so its events are remembered.
    const feed = await admin.calendarFeed.create();
    const read = await readCalendarFeed(feed.url.split("/").pop()!, APP_URL, null);
    if (read.status !== 200) throw new Error("The calendar feed did not answer");
    // The admin's own notification choices.
    await admin.notificationPreferences.update({
      version: 0,
      preferences: {
        outageEmail: true,
        outageSms: false,
        mobile: "+15550001111",
        dailyDigest: true,
        digestTimeZone: "",
        digestHour: 7,
      },
    });
    // Incidents at both practices, linked as one vendor outage, with a ticket, an escalation, a resolve and a paper record.
    const second = msp.practices[1].id;
    await admin.dependencies.applyStarterMap({ practiceId: second });
    const secondSystem = (await admin.dependencies.map({ practiceId: second })).systems[0]!.id;
    const outage = {
      title: "",
      severity: "critical" as const,
      patientCareInterrupted: true,
      startedAt: new Date(),
      ownerName: "",
      updateEveryMinutes: 15,
    };
    const { id: incidentId } = await admin.incidents.declare({
      practiceId,
      systemIds: [systemId],
      ...outage,
      idempotencyKey: crypto.randomUUID(),
    });
    const { id: otherIncidentId } = await admin.incidents.declare({
      practiceId: second,
      systemIds: [secondSystem],
      ...outage,
    });
    await admin.incidents.link({ vendorId, incidentIds: [incidentId, otherIncidentId] });
    const { id: ticketId } = await admin.incidents.openTicket({
      practiceId,
      incidentId,
      vendorId,
      ticketNumber: "T-1",
      openedAt: new Date(),
      etaAt: null,
    });
    await admin.incidents.escalateTicket({
      practiceId,
      incidentId,
      ticketId,
      level: 1,
      contactName: "",
      escalatedAt: new Date(),
    });
    await admin.incidents.changeStatus({
      practiceId,
      incidentId,
      status: "resolved",
      note: "",
      version: (await admin.incidents.get({ practiceId, incidentId })).incident.version,
    });
    // A paper record (technicians work the log), and an admin's live emergency access to read it.
    const technician = await callerFor(msp.technician);
    await technician.downtimeLog.add({
      practiceId,
      incidentId,
      patient: "Patient A",
      visitDate: "2026-11-29",
      provider: "Dr. A",
      reason: "",
      orders: "",
      followUp: "",
    });
    await admin.emergencyAccess.request({
      practiceId,
      incidentId,
      reason: "Patient called about a missing lab order from the outage.",
    });
    await plantScheduleCopy(msp, practiceId, incidentId);
    // A planned maintenance window with its systems and prep list.
    const day = (offset: number) =>
      new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const mapped = (await admin.dependencies.map({ practiceId })).systems[0]!.id;
    await admin.maintenance.create({
      practiceId,
      title: "EHR upgrade",
      reason: "",
      startsLocal: `${day(20)}T22:00`,
      endsLocal: `${day(21)}T02:00`,
      systemIds: [mapped],
      reminderMinutes: [60],
      recurrence: null,
    });
    // The portfolio and the MSP-wide metrics keep their derived rows.
    await admin.practices.portfolio({});
    await admin.metrics.quarterly({});
  }
  const rows = await ownerSql()<{ table_name: string }[]>`
    select table_name from information_schema.columns
    where table_schema = 'public' and column_name = 'msp_id' order by table_name`;
  tenantTables = [...rows.map((row) => row.table_name), "msps"];
});

afterAll(async () => {
  await app?.end({ timeout: 5 });
});

/** A schedule connection with a key, a patient, an appointment and a front-desk mark on it. */
async function plantScheduleCopy(msp: TestMsp, practiceId: string, incidentId: string) {
  const sql = ownerSql();
  const [connection] = await sql<{ id: string }[]>`
    insert into schedule_connections (msp_id, practice_id, source, fhir_base_url, client_id)
    values (${msp.id}, ${practiceId}, 'fhir', 'https://ehr.example.test/fhir', 'standby') returning id`;
  await sql`insert into schedule_signing_keys (msp_id, connection_id, kid, alg, public_jwk, private_jwk_sealed)
    values (${msp.id}, ${connection!.id}, 'kid-1', 'ES384', '{"kty":"EC"}', 'sealed')`;
  const [patient] = await sql<{ id: string }[]>`
    insert into schedule_patients (msp_id, practice_id, source, resource_id, name_sealed)
    values (${msp.id}, ${practiceId}, 'fhir', 'p-1', 'sealed') returning id`;
  const [appointment] = await sql<{ id: string }[]>`
    insert into schedule_appointments (msp_id, practice_id, source, resource_id, patient_id, starts_at, minutes, provider_name, status)
    values (${msp.id}, ${practiceId}, 'fhir', 'a-1', ${patient!.id}, now(), 20, 'Dr. A', 'booked') returning id`;
  await sql`insert into schedule_marks (msp_id, practice_id, incident_id, appointment_id, kind, marked_by_name)
    values (${msp.id}, ${practiceId}, ${incidentId}, ${appointment!.id}, 'cancelled', 'Front desk')`;
  // Patient outreach about that appointment: a template, settings, a campaign, a message, an opt-out and a reply.
  await sql`insert into outreach_templates (msp_id, practice_id, kind, language, body, updated_by_name)
    values (${msp.id}, ${practiceId}, 'delay', 'en', 'Running late', 'Admin')`;
  await sql`insert into outreach_settings (msp_id, practice_id) values (${msp.id}, ${practiceId})`;
  const [campaign] = await sql<{ id: string }[]>`
    insert into outreach_campaigns (msp_id, practice_id, incident_id, kind, created_by_name)
    values (${msp.id}, ${practiceId}, ${incidentId}, 'delay', 'Front desk') returning id`;
  const [message] = await sql<{ id: string }[]>`
    insert into outreach_messages (msp_id, practice_id, campaign_id, appointment_id, patient_id, kind, language, channel, to_sealed, to_hash, body_sealed)
    values (${msp.id}, ${practiceId}, ${campaign!.id}, ${appointment!.id}, ${patient!.id}, 'delay', 'en', 'sms', 'sealed', 'hash', 'sealed') returning id`;
  await sql`insert into outreach_opt_outs (msp_id, practice_id, address_hash) values (${msp.id}, ${practiceId}, 'hash')`;
  await sql`insert into outreach_replies (msp_id, practice_id, message_id, appointment_id, from_hash, from_sealed, body_sealed, action)
    values (${msp.id}, ${practiceId}, ${message!.id}, ${appointment!.id}, 'hash', 'sealed', 'sealed', 'inbox')`;
  // Sent: its tally (outreach_tallies) is written by the database.
  await sql`update outreach_messages set status = 'sent', sent_at = now() where id = ${message!.id}`;
  // A monitor on one of the practice's systems, with a result and an hourly rollup.
  const [monitor] = await sql<{ id: string }[]>`
    insert into monitors (msp_id, practice_id, system_id, name, kind, target, interval_seconds, timeout_seconds)
    select ${msp.id}, ${practiceId}, s.id, 'EHR site', 'http', 'https://ehr.example.test/', 60, 10
      from systems s where s.msp_id = ${msp.id} and s.practice_id = ${practiceId} limit 1 returning id`;
  await sql`insert into monitor_results (msp_id, practice_id, monitor_id, due_at, checked_at, outcome, latency_ms)
    values (${msp.id}, ${practiceId}, ${monitor!.id}, now(), now(), 'up', 12)`;
  await sql`insert into monitor_rollups (msp_id, practice_id, monitor_id, hour, checks, up_checks, degraded_checks, down_checks, latency_count, latency_sum_ms, latency_max_ms)
    values (${msp.id}, ${practiceId}, ${monitor!.id}, date_trunc('hour', now()), 1, 1, 0, 0, 1, 12, 12)`;
  // What the monitors saw: a suspected outage of that system.
  await sql`insert into suspected_outages (msp_id, practice_id, system_id, system_name, monitor_id, opened_at)
    select ${msp.id}, ${practiceId}, m.system_id, 'EHR', m.id, now() from monitors m where m.id = ${monitor!.id}`;
}

/** Count of rows of one MSP in a table, as the owner with that tenant set. */
async function ownerCount(table: string, msp: TestMsp) {
  const column = table === "msps" ? "id" : "msp_id";
  return asTenant(msp.id, async (tx) => {
    const rows = await tx.execute<{ n: number }>(
      drizzleSql`select count(*)::int as n from ${drizzleSql.identifier(table)} where ${drizzleSql.identifier(column)} = ${msp.id}`,
    );
    return rows[0]!.n;
  });
}

describe("the database schema", () => {
  test("every table with an msp_id, and msps itself, has row-level security enabled and FORCED", async () => {
    expect(tenantTables).toEqual(
      expect.arrayContaining([
        "audit_events",
        "backup_targets",
        "downtime_log_entries",
        "drills",
        "calendar_feed_events",
        "calendar_feeds",
        "emergency_access_grants",
        "incident_events",
        "incident_groups",
        "incident_systems",
        "incidents",
        "invitations",
        "monitor_results",
        "monitor_rollups",
        "monitors",
        "maintenance_prep_items",
        "maintenance_window_systems",
        "maintenance_windows",
        "msps",
        "notification_channels",
        "notification_deliveries",
        "notification_events",
        "notification_preferences",
        "outreach_campaigns",
        "outreach_messages",
        "outreach_opt_outs",
        "outreach_replies",
        "outreach_settings",
        "outreach_tallies",
        "outreach_templates",
        "packet_prints",
        "password_resets",
        "plan_sections",
        "plan_templates",
        "plan_versions",
        "practice_sites",
        "practices",
        "practice_vendors",
        "reconciliation_items",
        "restore_tests",
        "reviews",
        "risk_events",
        "risk_systems",
        "risks",
        "schedule_appointments",
        "schedule_connections",
        "schedule_marks",
        "schedule_patients",
        "schedule_signing_keys",
        "sessions",
        "suspected_outages",
        "system_dependencies",
        "system_redundancies",
        "systems",
        "ticket_escalations",
        "user_practice_access",
        "vendor_tickets",
        "users",
        "vendors",
      ]),
    );
    const rows = await ownerSql()<
      { relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }[]
    >`
      select c.relname, c.relrowsecurity, c.relforcerowsecurity
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and c.relname in ${ownerSql()(tenantTables)}`;
    expect(rows.map((row) => row.relname).sort()).toEqual([...tenantTables].sort());
    for (const row of rows)
      expect(row, row.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
  });

  test("the app role is not a superuser, cannot bypass RLS, owns no table and belongs to no other role", async () => {
    const [role] = await ownerSql()<
      { rolsuper: boolean; rolbypassrls: boolean; rolcreaterole: boolean; rolcreatedb: boolean }[]
    >`
      select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb from pg_roles where rolname = ${APP_ROLE}`;
    expect(role).toEqual({
      rolsuper: false,
      rolbypassrls: false,
      rolcreaterole: false,
      rolcreatedb: false,
    });
    const owned = await ownerSql()`select tablename from pg_tables where tableowner = ${APP_ROLE}`;
    expect(owned).toHaveLength(0);
    const memberships = await ownerSql()`
      select r.rolname from pg_auth_members m join pg_roles r on r.oid = m.roleid join pg_roles me on me.oid = m.member
      where me.rolname = ${APP_ROLE}`;
    expect(memberships).toHaveLength(0);
    const [me] = await app<{ current_user: string }[]>`select current_user`;
    expect(me?.current_user).toBe(APP_ROLE);
  });
});

describe("as the app role", () => {
  test("with no tenant set, every tenant table looks empty although rows exist", async () => {
    for (const table of tenantTables) {
      expect(await ownerCount(table, a), `${table} has rows of MSP A`).toBeGreaterThan(0);
      const [row] = await asApp(
        null,
        (sql) => sql<{ n: number }[]>`select count(*)::int as n from ${sql(table)}`,
      );
      expect(row?.n, table).toBe(0);
    }
  });

  test("with tenant A set, none of tenant B's rows is visible in any table", async () => {
    for (const table of tenantTables) {
      const column = table === "msps" ? "id" : "msp_id";
      const rows = await asApp(
        adminOf(a),
        (sql) => sql<{ owner: string }[]>`select ${sql(column)}::text as owner from ${sql(table)}`,
      );
      expect(rows.length, table).toBeGreaterThan(0);
      expect(new Set(rows.map((row) => row.owner)), table).toEqual(new Set([a.id]));
    }
  });

  test("with tenant A set, writing rows that belong to tenant B is refused, and B's rows cannot be changed or deleted", async () => {
    const target = b.practices[0].id;
    const [before] = await asApp(
      adminOf(b),
      (sql) => sql`select * from practices where id = ${target}`,
    );

    expect(
      await refusal(() =>
        asApp(
          adminOf(a),
          (sql) =>
            sql`insert into practices (msp_id, name, timezone) values (${b.id}, 'Planted', 'UTC')`,
        ),
      ),
    ).toBe("42501");
    expect(
      await refusal(() =>
        asApp(
          adminOf(a),
          (sql) =>
            sql`insert into users (msp_id, email, name, password_hash, role) values (${b.id}, 'x@example.test', 'X', 'x', 'admin')`,
        ),
      ),
    ).toBe("42501");
    expect(
      await refusal(() =>
        asApp(
          adminOf(a),
          (sql) =>
            sql`insert into audit_events (msp_id, actor_name, action, entity_type) values (${b.id}, 'X', 'forged', 'practice')`,
        ),
      ),
    ).toBe("42501");
    // Moving one's own row into another tenant is refused as well.
    expect(
      await refusal(() =>
        asApp(
          adminOf(a),
          (sql) => sql`update users set msp_id = ${b.id} where id = ${a.technician.id}`,
        ),
      ),
    ).toBe("42501");

    const updated = await asApp(
      adminOf(a),
      (sql) => sql`update practices set name = 'Taken over' where id = ${target}`,
    );
    expect(updated.count).toBe(0);
    const deleted = await asApp(
      adminOf(a),
      (sql) => sql`delete from practice_sites where msp_id = ${b.id}`,
    );
    expect(deleted.count).toBe(0);
    const [after] = await asApp(
      adminOf(b),
      (sql) => sql`select * from practices where id = ${target}`,
    );
    expect(after).toEqual(before);
  });

  test("tenants cannot be created, and the audit log can only be appended to", async () => {
    expect(
      await refusal(() =>
        asApp(adminOf(a), (sql) => sql`insert into msps (name) values ('Rogue MSP')`),
      ),
    ).toBe("42501");
    expect(
      await refusal(() =>
        asApp(
          adminOf(a),
          (sql) => sql`update audit_events set action = 'rewritten' where msp_id = ${a.id}`,
        ),
      ),
    ).toBe("42501");
    expect(
      await refusal(() =>
        asApp(adminOf(a), (sql) => sql`delete from audit_events where msp_id = ${a.id}`),
      ),
    ).toBe("42501");
  });

  test("with app.role = leadership (or system), practices cannot be written, even in one's own tenant", async () => {
    const target = a.practices[0].id;
    const [before] = await asApp(
      adminOf(a),
      (sql) => sql`select * from practices where id = ${target}`,
    );
    for (const role of ["leadership", "system", ""]) {
      const scope = { mspId: a.id, role, practiceIds: "*" };
      expect(
        await refusal(() =>
          asApp(
            scope,
            (sql) => sql`update practices set name = 'Renamed by a reader' where id = ${target}`,
          ),
        ),
        role,
      ).toBe("42501");
      expect(
        await refusal(() =>
          asApp(
            scope,
            (sql) =>
              sql`insert into practices (msp_id, name, timezone) values (${a.id}, 'New', 'UTC')`,
          ),
        ),
        role,
      ).toBe("42501");
      expect(
        await refusal(() =>
          asApp(
            scope,
            (sql) =>
              sql`insert into practice_sites (msp_id, practice_id, name, address, phone, position) values (${a.id}, ${target}, 'S', 'A', '1', 9)`,
          ),
        ),
        role,
      ).toBe("42501");
      expect(
        (await asApp(scope, (sql) => sql`delete from practice_sites where practice_id = ${target}`))
          .count,
        role,
      ).toBe(0);
      expect(
        (await asApp(scope, (sql) => sql`select id from practices where id = ${target}`)).length,
        `${role} can read`,
      ).toBe(1);
    }
    const [after] = await asApp(
      adminOf(a),
      (sql) => sql`select * from practices where id = ${target}`,
    );
    expect(after).toEqual(before);
  });

  test("with practice_ids set to one practice, only that practice and its sites are visible or writable", async () => {
    const [mine, notMine] = a.practices;
    const scope = { mspId: a.id, role: "practice_manager", practiceIds: mine.id };
    const practices = await asApp(scope, (sql) => sql<{ id: string }[]>`select id from practices`);
    expect(practices.map((row) => row.id)).toEqual([mine.id]);
    const sites = await asApp(
      scope,
      (sql) => sql<{ practice_id: string }[]>`select distinct practice_id from practice_sites`,
    );
    expect(sites.map((row) => row.practice_id)).toEqual([mine.id]);
    expect(
      (
        await asApp(
          scope,
          (sql) => sql`update practices set ehr_product = 'changed' where id = ${notMine.id}`,
        )
      ).count,
    ).toBe(0);

    const none = { mspId: a.id, role: "practice_manager", practiceIds: "" };
    expect(await asApp(none, (sql) => sql`select id from practices`)).toHaveLength(0);
    const two = { mspId: a.id, role: "leadership", practiceIds: `${mine.id},${notMine.id}` };
    expect(await asApp(two, (sql) => sql`select id from practices`)).toHaveLength(2);
  });

  test("the tenant settings last one transaction only: the next user of the pooled connection starts with none", async () => {
    const single = postgres(process.env.APP_DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      await single.begin(async (sql) => {
        await sql`select set_config('app.msp_id', ${a.id}, true), set_config('app.practice_ids', '*', true), set_config('app.role', 'admin', true)`;
        expect((await sql`select id from practices`).length).toBeGreaterThan(0);
      });
      const [settings] = await single<{ msp: string | null; practices: string | null }[]>`
        select nullif(current_setting('app.msp_id', true), '') as msp, nullif(current_setting('app.practice_ids', true), '') as practices`;
      expect(settings).toEqual({ msp: null, practices: null });
      expect(await single`select id from practices`).toHaveLength(0);
    } finally {
      await single.end({ timeout: 5 });
    }
  });

  test("the pre-tenant lookup functions reveal nothing without an exact match", async () => {
    const lookups = await asApp(null, (sql) => sql`select * from standby_sign_in_lookup(${"%"})`);
    expect(lookups).toHaveLength(0);
    const [found] = await asApp(
      null,
      (sql) =>
        sql<
          { user_id: string }[]
        >`select user_id from standby_sign_in_lookup(${a.admin.email.toUpperCase()})`,
    );
    expect(found?.user_id).toBe(a.admin.id);
    expect(
      await asApp(null, (sql) => sql`select * from standby_invitation_lookup(${"x"})`),
    ).toHaveLength(0);
  });
});

describe("records that cannot be rewritten", () => {
  test("the app role cannot delete or rewrite restore tests or risk history, delete risks or reviews, or change a signed-off review", async () => {
    const scope = adminOf(a);
    const [test_] = await asApp(
      scope,
      (sql) => sql<{ id: string }[]>`select id from restore_tests limit 1`,
    );
    expect(
      await refusal(() =>
        asApp(scope, (sql) => sql`delete from restore_tests where id = ${test_!.id}`),
      ),
    ).toBe("42501");
    expect(
      await refusal(() =>
        asApp(
          scope,
          (sql) => sql`update restore_tests set result = 'pass' where id = ${test_!.id}`,
        ),
      ),
    ).toBe("42501");
    expect(
      await refusal(() =>
        asApp(scope, (sql) => sql`update risk_events set actor_name = 'Someone else'`),
      ),
    ).toBe("42501");
    expect(await refusal(() => asApp(scope, (sql) => sql`delete from risk_events`))).toBe("42501");
    expect(await refusal(() => asApp(scope, (sql) => sql`delete from risks`))).toBe("42501");
    expect(await refusal(() => asApp(scope, (sql) => sql`delete from reviews`))).toBe("42501");
    const [review] = await asApp(
      scope,
      (sql) =>
        sql<
          { id: string }[]
        >`update reviews set signed_off_at = now(), signed_off_by_name = 'X' returning id`,
    );
    expect(
      await refusal(() =>
        asApp(
          scope,
          (sql) => sql`update reviews set findings = 'changed' where id = ${review!.id}`,
        ),
      ),
    ).toBe("23514");
  });
});

describe("the downtime log's patient data", () => {
  test("is invisible to leadership at the database even with the practice in scope", async () => {
    const practiceIds = a.practices[0].id;
    const asLeadership = { mspId: a.id, role: "leadership", practiceIds, userId: a.leadership.id };
    const asManager = { mspId: a.id, role: "practice_manager", practiceIds, userId: a.manager.id };
    const [leader] = await asApp(
      asLeadership,
      (sql) => sql<{ n: number }[]>`select count(*)::int as n from downtime_log_entries`,
    );
    const [manager] = await asApp(
      asManager,
      (sql) => sql<{ n: number }[]>`select count(*)::int as n from downtime_log_entries`,
    );
    expect(leader!.n).toBe(0);
    expect(manager!.n).toBeGreaterThan(0);
  });
});

describe("every tenant table, walked from the catalog", () => {
  test("every permissive policy the app role is subject to, on every tenant table, is limited to the tenant set for the transaction", async () => {
    // Policies granted only to the owner (its fixtures and sign-in lookups) do not apply to the app role.
    const policies = await ownerSql()<
      {
        tablename: string;
        policyname: string;
        permissive: string;
        cmd: string;
        qual: string | null;
        with_check: string | null;
      }[]
    >`
      select tablename, policyname, permissive, cmd, qual, with_check from pg_policies
      where schemaname = 'public' and tablename in ${ownerSql()(tenantTables)} and (roles && array['public', ${APP_ROLE}]::name[])`;
    const withPolicy = new Set(policies.map((policy) => policy.tablename));
    expect(
      tenantTables.filter((table) => !withPolicy.has(table)),
      "tenant tables without any policy",
    ).toEqual([]);
    const unscoped = policies.filter(
      (policy) =>
        policy.permissive === "PERMISSIVE" &&
        [policy.qual, policy.with_check].some(
          (clause) => clause !== null && !clause.includes("standby_current_msp()"),
        ),
    );
    expect(unscoped.map((policy) => `${policy.tablename}.${policy.policyname}`)).toEqual([]);
    rlsFigures.policies = policies.length;
  });

  test("with tenant A set, no row of tenant B can be read, changed, deleted or planted, in any tenant table", async () => {
    const refusedOrNone = (count: number | string) => count === 0 || count === "42501";
    for (const table of tenantTables) {
      const column = table === "msps" ? "id" : "msp_id";
      const [visible] = await asApp(
        adminOf(a),
        (sql) =>
          sql<
            { n: number }[]
          >`select count(*)::int as n from ${sql(table)} where ${sql(column)} = ${b.id}`,
      );
      expect(visible?.n, `${table}: B's rows visible`).toBe(0);
      const updated = await outcomeOf(() =>
        asApp(
          adminOf(a),
          (sql) =>
            sql`update ${sql(table)} set ${sql(column)} = ${sql(column)} where ${sql(column)} = ${b.id}`,
        ),
      );
      expect(refusedOrNone(updated), `${table}: update of B's rows gave ${updated}`).toBe(true);
      const deleted = await outcomeOf(() =>
        asApp(adminOf(a), (sql) => sql`delete from ${sql(table)} where ${sql(column)} = ${b.id}`),
      );
      expect(refusedOrNone(deleted), `${table}: delete of B's rows gave ${deleted}`).toBe(true);
      // A copy of one of B's rows (with a new id), written as A: refused by the policy's WITH CHECK or the missing grant.
      const [row] = await asTenant(b.id, (tx) =>
        tx.execute<{ row: Record<string, unknown> }>(
          drizzleSql`select to_jsonb(t) as row from ${drizzleSql.identifier(table)} t where ${drizzleSql.identifier(column)} = ${b.id} limit 1`,
        ),
      );
      const copy = {
        ...row!.row,
        ...("id" in row!.row && table !== "msps" ? { id: randomUUID() } : {}),
      };
      // Generated columns (a phone's digits) are computed by the database: the copy names the others.
      const written = (
        await ownerSql()<{ column_name: string }[]>`
          select column_name from information_schema.columns
          where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER'
          order by ordinal_position`
      ).map((column) => column.column_name);
      const planted = await outcomeOf(() =>
        asApp(
          adminOf(a),
          (sql) =>
            sql`insert into ${sql(table)} (${sql(written)}) select ${sql(written)} from jsonb_populate_record(null::${sql(table)}, ${sql.json(copy as postgres.JSONValue)})`,
        ),
      );
      expect(planted, `${table}: planting B's row gave ${planted}`).toBe("42501");
      rlsFigures.tablesAttacked++;
    }
    expect(await ownerCount("practices", b)).toBeGreaterThan(0);
  });

  test("the app role can create nothing: no table, function or schema of its own", async () => {
    const [privileges] = await ownerSql()<
      { create_in_public: boolean; create_in_database: boolean }[]
    >`
      select has_schema_privilege(${APP_ROLE}, 'public', 'CREATE') as create_in_public,
             has_database_privilege(${APP_ROLE}, current_database(), 'CREATE') as create_in_database`;
    expect(privileges).toEqual({ create_in_public: false, create_in_database: false });
  });
});

const rlsFigures = { policies: 0, tablesAttacked: 0 };

async function outcomeOf(run: () => Promise<{ count: number }>): Promise<number | string> {
  try {
    return (await run()).count;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

afterAll(async () => {
  if (!tenantTables?.length || rlsFigures.tablesAttacked === 0) return;
  const others = await ownerSql()<{ relname: string; relrowsecurity: boolean }[]>`
    select c.relname, c.relrowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and c.relname not in ${ownerSql()(tenantTables)} order by c.relname`;
  await writeSecuritySection(
    "Row-level security on its own",
    [
      "`server/routers/rls.test.ts` checks the database wall under the application's checks, connected as the app role exactly as",
      "the app is. The tenant tables are found in the catalog (every table with an `msp_id` column, and `msps`), not listed by hand.",
      "",
      `- Tenant tables checked: **${tenantTables.length}** — every one has row-level security ENABLED and FORCED and policies; of the ${rlsFigures.policies}`,
      "  policies the app role is subject to, every permissive one is limited to `standby_current_msp()`, the tenant set for the transaction.",
      `- With no tenant set every tenant table reads empty; with tenant A set, none of tenant B's rows can be read, updated,`,
      `  deleted or planted (a copy of one of B's rows inserted as A) in any of the ${rlsFigures.tablesAttacked} tables.`,
      "- The app role is not a superuser, has no BYPASSRLS, owns no table, belongs to no other role and cannot create tables,",
      "  functions or schemas; tenant settings are transaction-local and never reach the next user of a pooled connection.",
      `- Tables without tenant rows: ${others.map((table) => `\`${table.relname}\`${table.relrowsecurity ? " (RLS on)" : ""}`).join(", ") || "none"}.`,
    ].join("\n"),
  );
});
