/** The demo seed runs on a fresh database, once, and leaves Cedar Grove showing every readiness state. */
import postgres from "postgres";
import { afterAll, beforeAll, expect, test } from "vitest";
import { seedDemo } from "./seed-demo";
import { provisionTestDatabase, type TestDatabase } from "@/db/test-database";

let database: TestDatabase;
let owner: postgres.Sql;

beforeAll(async () => {
  database = await provisionTestDatabase("standby_seed");
  owner = postgres(database.ownerUrl, { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  await owner?.end();
  await database?.drop();
});

test("seeds once, with Cedar Grove's backups, risks, drills and a closed past outage (and no open one)", async () => {
  expect(await seedDemo(database.ownerUrl)).toBe(true);
  expect(await seedDemo(database.ownerUrl)).toBe(false);
  const [cedar] = await owner<
    { id: string; msp_id: string }[]
  >`select id, msp_id from practices where name = 'Cedar Grove Dermatology'`;
  const counts = await owner.begin(async (sql) => {
    await sql`select set_config('app.msp_id', ${cedar!.msp_id}, true), set_config('app.role', 'admin', true), set_config('app.practice_ids', '*', true)`;
    const [row] = await sql`
      select (select count(*)::int from backup_targets where practice_id = ${cedar!.id}) as targets,
             (select count(*)::int from restore_tests where practice_id = ${cedar!.id}) as tests,
             (select count(*)::int from risks where practice_id = ${cedar!.id}) as risks,
             (select count(*)::int from risk_events where practice_id = ${cedar!.id}) as events,
             (select count(*)::int from drills where practice_id = ${cedar!.id}) as drills,
             (select count(*)::int from incidents where practice_id = ${cedar!.id} and status = 'closed') as closed_incidents,
             (select count(*)::int from incidents where status <> 'closed') as open_incidents`;
    return row;
  });
  expect(counts).toEqual({
    targets: 3,
    tests: 3,
    risks: 4,
    events: 7,
    drills: 2,
    closed_incidents: 1,
    open_incidents: 0,
  });
});

test("gives Lakeside Family Medicine a synthetic schedule for today and tomorrow, sealed, as an upload of now", async () => {
  const [lakeside] = await owner<
    { id: string; msp_id: string; timezone: string }[]
  >`select id, msp_id, timezone from practices where name = 'Lakeside Family Medicine'`;
  const copy = await owner.begin(async (sql) => {
    await sql`select set_config('app.msp_id', ${lakeside!.msp_id}, true), set_config('app.role', 'admin', true), set_config('app.practice_ids', '*', true)`;
    const [connection] = await sql<{ source: string; refreshed_at: Date }[]>`
      select source, refreshed_at from schedule_connections where practice_id = ${lakeside!.id}`;
    const days = await sql<
      { day: string; appointments: number; providers: number; sites: number }[]
    >`
      select to_char(starts_at at time zone ${lakeside!.timezone}, 'YYYY-MM-DD') as day, count(*)::int as appointments,
             count(distinct provider_name)::int as providers, count(distinct location_name)::int as sites
        from schedule_appointments where practice_id = ${lakeside!.id} group by 1 order by 1`;
    const [patients] = await sql<{ total: number; spanish: number; raw: string }[]>`
      select count(*)::int as total, count(*) filter (where preferred_language = 'es')::int as spanish,
             string_agg(t::text, ' ') as raw
        from schedule_patients t where practice_id = ${lakeside!.id}`;
    return { connection, days, patients };
  });
  expect(copy.connection?.source).toBe("csv");
  expect(Date.now() - copy.connection!.refreshed_at.getTime()).toBeLessThan(10 * 60_000);
  expect(copy.days).toHaveLength(2);
  for (const day of copy.days) {
    expect(day.appointments).toBeGreaterThanOrEqual(30);
    expect(day.appointments).toBeLessThanOrEqual(50);
    expect(day).toMatchObject({ providers: 3, sites: 2 });
  }
  expect(copy.patients!.spanish).toBeGreaterThan(0);
  // Sealed: no name or phone in the clear.
  expect(copy.patients!.raw).not.toMatch(/Quillfeather|Marblewood|555-01/);
});
