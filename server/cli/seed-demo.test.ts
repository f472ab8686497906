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
