/**
 * The benchmark's large MSP, generated in SQL (generate_series) so 2,000 practices and their
 * history load in seconds. Figures per practice are scaled from the issue: 20 incidents with 10
 * timeline entries each, 50 restore tests, 10 risks, over the last two years.
 */
import postgres from "postgres";

export type BenchScale = {
  practices: number;
  incidentsPerPractice: number;
  eventsPerIncident: number;
  testsPerPractice: number;
  risksPerPractice: number;
};

export const largeMsp: BenchScale = {
  practices: 2_000,
  incidentsPerPractice: 20,
  eventsPerIncident: 10,
  testsPerPractice: 50,
  risksPerPractice: 10,
};

/** Seeds one MSP with an admin who signs in with `password`; returns the MSP's id and a sample incident. */
export async function seedBenchMsp(
  ownerUrl: string,
  name: string,
  adminEmail: string,
  passwordHash: string,
  scale: BenchScale,
) {
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    return await sql.begin(async (tx) => {
      const [msp] = await tx<
        { id: string }[]
      >`insert into msps (name) values (${name}) returning id`;
      const mspId = msp!.id;
      await tx`select set_config('app.msp_id', ${mspId}, true), set_config('app.role', 'admin', true), set_config('app.practice_ids', '*', true)`;
      await tx`insert into users (msp_id, email, name, role, password_hash) values (${mspId}, ${adminEmail}, 'Bench Admin', 'admin', ${passwordHash})`;
      await tx`
        insert into practices (msp_id, name, timezone, downtime_cost_per_minute_cents, created_at)
        select ${mspId}, 'Practice ' || lpad(n::text, 5, '0'),
               (array['America/New_York','America/Chicago','America/Denver','America/Los_Angeles'])[1 + n % 4],
               1000 + (n % 50) * 100, now() - interval '3 years'
        from generate_series(1, ${scale.practices}) n`;
      await tx`create temporary table bench_practices on commit drop as
        select id, row_number() over (order by name) as n from practices where msp_id = ${mspId}`;
      // Five systems per practice: the EHR on a shared vendor, internet, firewall, server, Microsoft 365.
      const [vendor] = await tx<
        { id: string }[]
      >`insert into vendors (msp_id, name, category) values (${mspId}, 'Bench EHR', 'ehr') returning id`;
      await tx`
        insert into systems (msp_id, practice_id, name, category, criticality, vendor_id)
        select ${mspId}, p.id, s.name, s.category, s.criticality::criticality, case when s.name = 'EHR' then ${vendor!.id}::uuid end
        from bench_practices p
        cross join (values ('EHR','ehr','critical'), ('Internet','internet','critical'), ('Firewall','firewall','critical'), ('File server','backup','important'), ('Microsoft 365','microsoft365','important')) as s(name, category, criticality)`;
      await tx`insert into practice_vendors (msp_id, practice_id, vendor_id, last_verified_at)
        select ${mspId}, p.id, ${vendor!.id}, now() - (p.n % 200) * interval '1 day' from bench_practices p`;
      await tx`
        insert into backup_targets (msp_id, practice_id, system_id, cadence_days, rto_minutes, rpo_minutes)
        select ${mspId}, s.practice_id, s.id, 30, 240, 1440 from systems s
        where s.msp_id = ${mspId} and s.name in ('File server', 'Microsoft 365')`;
      await tx`
        insert into restore_tests (msp_id, practice_id, system_id, system_name, kind, tested_at, tested_by_name, result, restore_minutes, data_age_minutes, rto_minutes, rpo_minutes, on_time, passed)
        select ${mspId}, t.practice_id, t.system_id, 'File server', 'whole_vm', now() - (k * 29 + (p.n % 7)) * interval '1 day' - interval '1 hour', 'Bench Tech',
               (case when (k + p.n) % 11 = 0 then 'fail' when (k + p.n) % 7 = 0 then 'partial' else 'pass' end)::restore_result,
               60 + (k * 13 + p.n) % 300, 120 + (k * 17) % 2000, 240, 1440, (k + p.n) % 9 <> 0, (k + p.n) % 7 <> 0 and (k + p.n) % 11 <> 0
        from backup_targets t join bench_practices p on p.id = t.practice_id
        cross join generate_series(0, ${scale.testsPerPractice / 2 - 1}) k
        where t.msp_id = ${mspId}`;
      await tx`
        insert into incidents (msp_id, practice_id, title, severity, patient_care_interrupted, started_at, status, scope, owner_name,
                               resolved_at, closed_at, closed_by_name, last_seq, review_cause, created_by_name)
        select ${mspId}, p.id, 'EHR down', (array['critical','major','minor'])[1 + (k + p.n) % 3]::incident_severity, k % 2 = 0,
               st, 'closed', (array['local','vendor_wide','unknown'])[1 + k % 3]::incident_scope, 'Owner',
               st + (20 + (k * 37 + p.n) % 400) * interval '1 minute', st + interval '1 day', 'Bench Tech', ${scale.eventsPerIncident},
               (array['power','network','hardware','vendor','human_error','cyberattack','disaster','other'])[1 + (k * 3 + p.n) % 8]::incident_cause, 'Bench Tech'
        from bench_practices p cross join generate_series(0, ${scale.incidentsPerPractice - 1}) k
        cross join lateral (select now() - (k * 36 + p.n % 30 + 2) * interval '1 day' - (p.n % 600) * interval '1 minute' as st) s`;
      await tx`
        insert into incident_systems (msp_id, practice_id, incident_id, system_id, system_name)
        select ${mspId}, i.practice_id, i.id, s.id, s.name from incidents i join systems s on s.msp_id = i.msp_id and s.practice_id = i.practice_id and s.name = 'EHR'
        where i.msp_id = ${mspId}`;
      await tx`
        insert into vendor_tickets (msp_id, practice_id, incident_id, shared_key, vendor_id, ticket_number, opened_at, created_by_name)
        select ${mspId}, i.practice_id, i.id, gen_random_uuid(), ${vendor!.id}, 'T-' || left(i.id::text, 8), i.started_at + (5 + abs(hashtext(i.id::text)) % 60) * interval '1 minute', 'Bench Tech'
        from incidents i where i.msp_id = ${mspId}`;
      await tx`
        insert into incident_events (msp_id, practice_id, incident_id, seq, kind, body, author_name, at)
        select ${mspId}, i.practice_id, i.id, e, case when e = 1 then 'declared' else 'update' end, 'Timeline entry ' || e, 'Bench Tech', i.started_at + e * interval '3 minutes'
        from incidents i cross join generate_series(1, ${scale.eventsPerIncident}) e where i.msp_id = ${mspId}`;
      await tx`
        insert into risks (msp_id, practice_id, title, severity, category, status, scheduled_for, accepted_reason, accepted_until, resolved_note, resolved_at, created_at)
        select ${mspId}, p.id, 'Risk ' || k, (array['urgent','high','medium','low'])[1 + (k + p.n) % 4]::risk_severity, 'other',
               st::risk_status,
               case when st = 'scheduled' then (now() + interval '20 days')::date end,
               case when st = 'accepted' then 'Accepted for the benchmark' end,
               case when st = 'accepted' then (now() + interval '40 days')::date end,
               case when st = 'resolved' then 'Fixed' end,
               case when st = 'resolved' then now() - (k * 30) * interval '1 day' end,
               now() - (k * 60 + 30) * interval '1 day'
        from bench_practices p cross join generate_series(0, ${scale.risksPerPractice - 1}) k
        cross join lateral (select (array['open','fix_now','scheduled','accepted','resolved','resolved'])[1 + (k + p.n) % 6] as st) s`;
      await tx`
        insert into reviews (msp_id, practice_id, due_on, signed_off_at, signed_off_by_name, attendees, updated_by_name)
        select ${mspId}, p.id, (now() - (k * 91) * interval '1 day')::date, now() - (k * 91 - (p.n % 10) + 3) * interval '1 day', 'Bench Tech', '["Bench"]', 'Bench Tech'
        from bench_practices p cross join generate_series(1, 8) k`;
      await tx`
        insert into plan_versions (msp_id, practice_id, number, content, completeness_score, next_review_on, published_by_name, published_at)
        select ${mspId}, p.id, v, '{}', 50 + v * 20 - p.n % 20, (now() + interval '60 days')::date, 'Bench Tech', now() - (400 - v * 300) * interval '1 day'
        from bench_practices p cross join generate_series(1, 2) v`;
      await tx`
        insert into drills (msp_id, practice_id, kind, scenario, scheduled_for, held_at, participants)
        select ${mspId}, p.id, 'tabletop', 'EHR down for a day', now() - (k * 120 + p.n % 30) * interval '1 day', now() - (k * 120 + p.n % 30) * interval '1 day', '["Bench"]'
        from bench_practices p cross join generate_series(0, 1) k`;
      const [sample] = await tx<
        { practice_id: string; id: string }[]
      >`select practice_id, id from incidents where msp_id = ${mspId} order by started_at desc limit 1`;
      return {
        mspId,
        sampleIncident: { practiceId: sample!.practice_id, incidentId: sample!.id },
        samplePracticeId: sample!.practice_id,
      };
    });
  } finally {
    await sql.end();
  }
}

export type BenchRole = "admin" | "technician" | "practice_manager" | "leadership";

/** How many people of each role an MSP has. */
export type BenchTeam = Record<BenchRole, number>;

export type BenchPractice = {
  id: string;
  name: string;
  ehrSystemId: string;
  fileServerSystemId: string;
};

export type BenchMember = {
  email: string;
  name: string;
  role: BenchRole;
  practices: BenchPractice[];
};

/**
 * The people of an MSP seeded by seedBenchMsp, all signing in with the same password: practice
 * managers look after `practicesEach` practices each (consecutive, in name order), the others see
 * every practice. Returns each person with the practices they see, with the ids the load script uses.
 */
export async function seedBenchMembers(
  ownerUrl: string,
  mspId: string,
  emailDomain: string,
  passwordHash: string,
  team: BenchTeam,
  practicesEach: number,
): Promise<BenchMember[]> {
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    return await sql.begin(async (tx) => {
      await tx`select set_config('app.msp_id', ${mspId}, true), set_config('app.role', 'admin', true), set_config('app.practice_ids', '*', true)`;
      const practices = (
        await tx<{ id: string; name: string; ehr: string; file_server: string }[]>`
          select p.id, p.name,
                 (select s.id from systems s where s.msp_id = p.msp_id and s.practice_id = p.id and s.name = 'EHR') as ehr,
                 (select s.id from systems s where s.msp_id = p.msp_id and s.practice_id = p.id and s.name = 'File server') as file_server
          from practices p where p.msp_id = ${mspId} order by p.name`
      ).map((row) => ({
        id: row.id,
        name: row.name,
        ehrSystemId: row.ehr,
        fileServerSystemId: row.file_server,
      }));
      const members: BenchMember[] = [];
      for (const role of Object.keys(team) as BenchRole[]) {
        for (let index = 1; index <= team[role]; index++) {
          const label = `${role.replace("_", " ")} ${index}`;
          const email = `${role.replace("_", "-")}-${index}@${emailDomain}`;
          // Leadership reads the whole MSP: "all practices" is an explicit choice (an empty list is no practice).
          const [user] = await tx<
            { id: string }[]
          >`insert into users (msp_id, email, name, role, all_practices, password_hash)
            values (${mspId}, ${email}, ${`Load ${label}`}, ${role}, ${role === "leadership"}, ${passwordHash}) returning id`;
          let scope = practices;
          if (role === "practice_manager") {
            const first = ((index - 1) * practicesEach) % practices.length;
            scope = practices.slice(first, first + practicesEach);
            for (const practice of scope)
              await tx`insert into user_practice_access (msp_id, user_id, practice_id) values (${mspId}, ${user!.id}, ${practice.id})`;
          }
          members.push({ email, name: `Load ${label}`, role, practices: scope });
        }
      }
      return members;
    });
  } finally {
    await sql.end();
  }
}
