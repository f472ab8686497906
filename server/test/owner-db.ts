/**
 * The database OWNER's connection (DATABASE_URL), for fixtures and for checking what really
 * happened. Row-level security is FORCED, so a non-superuser owner sees tenant rows only with the
 * tenant set: asTenant does that inside one transaction, as server/cli/seed-demo.ts does.
 */
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "@/db/schema";

function connectOwner() {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error(
      "DATABASE_URL is not set: run the tests through vitest (server/test/global-setup.ts).",
    );
  const client = postgres(url, { max: 4, onnotice: () => {} });
  return { client, db: drizzle({ client, schema, casing: "snake_case" }) };
}

export type OwnerDb = ReturnType<typeof connectOwner>["db"];
export type OwnerTx = Parameters<Parameters<OwnerDb["transaction"]>[0]>[0];

let owner: ReturnType<typeof connectOwner> | undefined;

export function ownerDb(): OwnerDb {
  owner ??= connectOwner();
  return owner.db;
}

/** The raw postgres.js client of the owner, for catalog queries. */
export function ownerSql(): postgres.Sql {
  owner ??= connectOwner();
  return owner.client;
}

export async function closeOwnerDb(): Promise<void> {
  const current = owner;
  owner = undefined;
  await current?.client.end({ timeout: 5 });
}

/** Runs fn as the owner inside one transaction with the tenant set (admin, every practice). */
export function asTenant<T>(mspId: string, fn: (tx: OwnerTx) => Promise<T>): Promise<T> {
  return ownerDb().transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('app.msp_id', ${mspId}, true), set_config('app.role', 'admin', true), set_config('app.practice_ids', '*', true)`,
    );
    return fn(tx);
  });
}
