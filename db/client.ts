import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { appDatabaseUrl } from "./config";
import * as schema from "./schema";

export const STATEMENT_TIMEOUT_MS = 15_000;
export const IDLE_IN_TRANSACTION_TIMEOUT_MS = 5 * 60_000;

function connect(url: string) {
  const client = postgres(url, {
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    idle_timeout: 30,
    // While the database is unreachable a request fails within seconds (503, "try again") rather than hanging.
    connect_timeout: 5,
    // After a failed connection attempt the driver waits before the next one, growing with each failure;
    // its default grows to 20 s, which would hold requests (and the LISTEN connection) that long after the
    // database is back. Capped at one second: recovery within a second, at most one attempt a second per connection.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
    onnotice: () => {},
    // Bounds on the server side (session settings sent when each connection opens). The limit is per
    // statement and no statement of the app comes near 15 s (the benchmark's heaviest page is under
    // 0.2 s at p95; the vendor CSV import runs a few small statements per vendor): one that hangs on
    // a lock or a stuck scan is cancelled and the request fails instead of waiting forever. A transaction left idle (its app server cut off by a partition, or
    // stuck) is ended after 5 minutes, releasing its locks; 5 minutes outlasts the SMTP timeouts of
    // the one transaction that waits on the network (an invitation's mail).
    connection: {
      statement_timeout: STATEMENT_TIMEOUT_MS,
      idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
  });
  return { client, db: drizzle({ client, schema, casing: "snake_case" }) };
}

export type Database = ReturnType<typeof connect>["db"];
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

// One pool per process, kept on globalThis so dev-server reloads do not open new pools.
const cache = globalThis as unknown as { standbyDb?: ReturnType<typeof connect> };

/** The app's pool, connected as the non-owner app role so row-level security applies. */
export function getDb(): Database {
  cache.standbyDb ??= connect(appDatabaseUrl());
  return cache.standbyDb.db;
}

export async function closeDb(): Promise<void> {
  const current = cache.standbyDb;
  cache.standbyDb = undefined;
  await current?.client.end({ timeout: 5 });
}

/**
 * LISTEN on a channel through a dedicated connection of the app's pool. The driver reconnects by
 * itself; onListen runs after every (re)connect, when notifications may have been missed.
 */
export function listenTo(
  channel: string,
  onNotify: (payload: string) => void,
  onListen: () => void,
) {
  getDb();
  return cache.standbyDb!.client.listen(channel, onNotify, onListen);
}
