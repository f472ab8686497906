import { spawn } from "node:child_process";
import path from "node:path";
import postgres from "postgres";
import { afterAll, expect, inject, test } from "vitest";
import { withDatabase } from "./config";
import { createDatabase, dropDatabase } from "./migrate";
import { provisionTestDatabase, STALE_TEST_DATABASE_MS, testDatabaseName } from "./test-database";

// The server of this run's database (TEST_DATABASE_URL's, or the embedded one global-setup started).
const serverUrl = withDatabase(inject("databaseUrl"), "postgres");
const server = postgres(serverUrl, { max: 1, onnotice: () => {} });
afterAll(() => server.end());

async function databasesNamed(prefix: string) {
  return (
    await server<
      { datname: string }[]
    >`select datname from pg_database where starts_with(datname, ${`${prefix}_`})`
  )
    .map((row) => row.datname)
    .sort();
}

test("a run drops the databases of its kind that a killed run left more than a day ago, and no newer ones", async () => {
  const prefix = "standby_leftover_check";
  const old = testDatabaseName(prefix, Date.now() - STALE_TEST_DATABASE_MS - 60_000);
  const recent = testDatabaseName(prefix, Date.now() - STALE_TEST_DATABASE_MS + 60 * 60_000);
  const otherKind = testDatabaseName(`${prefix}_other`, Date.now() - 2 * STALE_TEST_DATABASE_MS);
  for (const name of [old, recent, otherKind]) await createDatabase(serverUrl, name);
  try {
    const database = await provisionTestDatabase(prefix, { serverUrl });
    expect(await databasesNamed(prefix)).toEqual([database.name, recent, otherKind].sort());
    await database.drop();
  } finally {
    for (const name of [old, recent, otherKind]) await dropDatabase(serverUrl, name);
  }
}, 120_000);

test("the browser suite's server drops its database when stopped while it is still starting", async () => {
  const child = spawn(path.join(process.cwd(), "node_modules", ".bin", "tsx"), ["e2e/serve.ts"], {
    env: { ...process.env, TEST_DATABASE_URL: serverUrl, E2E_PORT: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  // Its first line names the database; the demo seed is running when SIGTERM arrives.
  const name = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Browser suite database: (\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once("exit", () =>
      reject(new Error(`e2e/serve.ts ended before naming its database:\n${output}`)),
    );
  });
  expect(await databasesNamed(name)).toEqual([]); // (a prefix: nothing is named <name>_…)
  expect((await server`select 1 from pg_database where datname = ${name}`).length).toBe(1);
  child.kill("SIGTERM");
  expect(await exited).toBe(0);
  expect((await server`select 1 from pg_database where datname = ${name}`).length).toBe(0);
}, 120_000);
