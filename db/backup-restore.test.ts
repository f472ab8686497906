/**
 * Backups of Standby itself, as the README tells an operator to take them: pg_dump of the database,
 * pg_restore into a fresh one. The restored database holds the same rows, keeps row-level security
 * and the app role's rights, and is up to date for the migrations.
 */
import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import { afterAll, describe, expect, test } from "vitest";
import { APP_ROLE, withDatabase, withUser } from "@/db/config";
import { createDatabase, dropDatabase, migrateDatabase } from "@/db/migrate";
import { callerFor, createMsp, ownerSql, unique } from "@/server/test/fixtures";

const run = promisify(execFile);
const ownerUrl = process.env.DATABASE_URL!;
const restoredName = `standby_restore_${unique()}`;
const dumpFile = path.join(tmpdir(), `${restoredName}.dump`);

const hasPgDump = await run("pg_dump", ["--version"]).then(
  () => true,
  () => false,
);

afterAll(async () => {
  await rm(dumpFile, { force: true });
  if (hasPgDump) await dropDatabase(ownerUrl, restoredName).catch(() => {});
});

/** A fingerprint of one MSP's rows in every tenant table, read as the owner. */
async function fingerprint(sql: postgres.Sql, mspId: string) {
  const tables = await sql<{ table_name: string }[]>`
    select table_name from information_schema.columns
    where table_schema = 'public' and column_name = 'msp_id' order by table_name`;
  const prints: Record<string, { rows: number; hash: string | null }> = {};
  for (const { table_name: table } of tables) {
    const [row] = await sql<{ rows: number; hash: string | null }[]>`
      select count(*)::int as rows, md5(string_agg(t::text, '|' order by t::text)) as hash
      from ${sql(table)} t where msp_id = ${mspId}`;
    prints[table] = row!;
  }
  return prints;
}

// pg_dump comes with PostgreSQL's client tools; a laptop running only the embedded engine backs up by
// copying its data folder instead (README), and has no pg_dump to test with.
describe.skipIf(!hasPgDump)("backing up and restoring Standby's database", () => {
  test("pg_dump, then pg_restore into a fresh database: the same rows, with row-level security and the app role's rights", async () => {
    const msp = await createMsp("Backed up");
    const admin = await callerFor(msp.admin);
    const practiceId = msp.practices[0].id;
    await admin.plans.saveSection({
      practiceId,
      section: "callTree",
      version: 0,
      content: { entries: [{ caller: "Owner", calls: "Everyone", how: "" }] },
    });
    await admin.plans.publish({ practiceId });
    await admin.dependencies.applyStarterMap({ practiceId });
    const systemId = (await admin.dependencies.map({ practiceId })).systems[0]!.id;
    await admin.incidents.declare({
      practiceId,
      systemIds: [systemId],
      title: "",
      severity: "major",
      patientCareInterrupted: false,
      startedAt: new Date(),
      ownerName: "",
      updateEveryMinutes: 30,
    });
    const before = await fingerprint(ownerSql(), msp.id);
    expect(before.practices!.rows).toBe(2);
    expect(before.incident_events!.rows).toBeGreaterThan(0);

    await run("pg_dump", ["--format=custom", "--file", dumpFile, ownerUrl]);
    await createDatabase(ownerUrl, restoredName);
    const restoredUrl = withDatabase(ownerUrl, restoredName);
    await run("pg_restore", ["--exit-on-error", "--dbname", restoredUrl, dumpFile]);

    const restored = postgres(restoredUrl, { max: 1, onnotice: () => {} });
    const app = postgres(
      withUser(restoredUrl, APP_ROLE, new URL(process.env.APP_DATABASE_URL!).password || undefined),
      { max: 1, onnotice: () => {} },
    );
    try {
      expect(await fingerprint(restored, msp.id)).toEqual(before);
      // The app role still sees nothing without a tenant, and its own MSP's rows with one.
      const [anonymous] = await app<{ n: number }[]>`select count(*)::int as n from practices`;
      expect(anonymous!.n).toBe(0);
      const visible = await app.begin(async (tx) => {
        await tx`select set_config('app.msp_id', ${msp.id}, true), set_config('app.role', 'admin', true), set_config('app.practice_ids', '*', true)`;
        const [row] = await tx<{ n: number }[]>`select count(*)::int as n from practices`;
        return row!.n;
      });
      expect(visible).toBe(2);
    } finally {
      await Promise.all([restored.end(), app.end()]);
    }
    // The migrations' own journal came along: migrating the restored database changes nothing.
    await expect(migrateDatabase(restoredUrl)).resolves.toBeUndefined();
  });
});
