import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { APP_ROLE } from "./config";
import { installJobQueue } from "./job-queue";

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/**
 * Applies the checked-in migrations as the owner, installs or upgrades the job queue's schema and
 * queues (db/job-queue.ts), and gives the app role its password if one is set.
 */
export async function migrateDatabase(ownerUrl: string, appPassword?: string): Promise<void> {
  const client = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle({ client }), { migrationsFolder });
    if (appPassword) {
      // ALTER ROLE takes no bind parameters; quote the literal the standard way.
      await client.unsafe(`ALTER ROLE ${APP_ROLE} PASSWORD '${appPassword.replaceAll("'", "''")}'`);
    }
  } finally {
    await client.end();
  }
  await installJobQueue(ownerUrl);
}

/** Creates an empty database on the server that ownerUrl points at. */
export async function createDatabase(ownerUrl: string, name: string): Promise<void> {
  const client = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    await client.unsafe(`CREATE DATABASE "${name.replaceAll('"', "")}"`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(ownerUrl: string, name: string): Promise<void> {
  const client = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    await client.unsafe(`DROP DATABASE IF EXISTS "${name.replaceAll('"', "")}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
