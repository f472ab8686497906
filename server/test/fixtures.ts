/**
 * Test fixtures, written as the database OWNER (DATABASE_URL) with the tenant set in each
 * transaction, because row-level security is FORCED and also applies to a non-superuser owner.
 * The code under test runs as the app role (APP_DATABASE_URL) through the real tRPC caller.
 */
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import * as schema from "@/db/schema";
import { defaultSessionPolicy, type SessionPolicy } from "@/server/domain/session-rules";
import type { Role } from "@/server/permissions";
import { createCaller } from "@/server/routers/_app";
import {
  signInWithPassword,
  validateSession,
  type SessionClaims,
  type SessionUser,
} from "@/server/services/auth";
import { hashPassword } from "@/server/services/passwords";
import { asTenant, ownerDb } from "./owner-db";

export const APP_URL = "http://localhost:3000";

/** The password of every fixture user: long, unrelated words, accepted by the password policy. */
export const TEST_PASSWORD = "lantern-orchid-basalt-tundra-42";

export { asTenant, closeOwnerDb, ownerDb, ownerSql, type OwnerDb, type OwnerTx } from "./owner-db";

// ---------------------------------------------------------------------------------------------
// Building MSPs

let hashed: Promise<string> | undefined;

/** argon2id takes ~50 ms, so every fixture user of a test file shares one hash. */
export function testPasswordHash(): Promise<string> {
  hashed ??= hashPassword(TEST_PASSWORD);
  return hashed;
}

/**
 * A worker's heartbeat, as a running worker writes it (server/worker/worker.ts) and refreshed the
 * same way, for tests that call /api/health without running a worker: it answers 200 until the
 * returned function stops the beat (call it in afterAll).
 */
export async function keepWorkerSeen(): Promise<() => void> {
  const id = randomUUID();
  const beat = () =>
    ownerDb().execute(
      sql`insert into worker_heartbeats (id, hostname, pid) values (${id}, 'test', ${process.pid})
          on conflict (id) do update set seen_at = now()`,
    );
  await beat();
  const timer = setInterval(() => void beat().catch(() => {}), 15_000);
  return () => clearInterval(timer);
}

export const unique = (label = "") => `${label}${randomBytes(5).toString("hex")}`;

/** A client address no other test uses, so sign-in throttling counters never collide. */
export const uniqueAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

export type TestUser = {
  id: string;
  mspId: string;
  email: string;
  name: string;
  role: Role;
  /** Practices the user is limited to; empty = every practice of the MSP (for leadership: given "all practices"). */
  practiceIds: string[];
  password: string;
};

export type TestPractice = { id: string; name: string; siteIds: string[] };

export type TestMsp = {
  id: string;
  name: string;
  tag: string;
  practices: [TestPractice, TestPractice, ...TestPractice[]];
  admin: TestUser;
  technician: TestUser;
  /** Practice manager of practices[0] only. */
  manager: TestUser;
  /** Leadership limited to practices[0]. */
  leadership: TestUser;
};

export async function insertPractice(
  mspId: string,
  values: Partial<typeof schema.practices.$inferInsert> & { name: string },
  siteCount = 1,
): Promise<TestPractice> {
  return asTenant(mspId, async (tx) => {
    const [practice] = await tx
      .insert(schema.practices)
      .values({
        timezone: "America/Chicago",
        ehrProduct: "athenaOne",
        downtimeCostPerMinuteCents: 2_500,
        ...values,
        mspId,
      })
      .returning({ id: schema.practices.id, name: schema.practices.name });
    const sites = siteCount
      ? await tx
          .insert(schema.practiceSites)
          .values(
            Array.from({ length: siteCount }, (_, position) => ({
              mspId,
              practiceId: practice!.id,
              position,
              name: position === 0 ? "Main office" : `Site ${position + 1}`,
              address: `${100 + position} Main St, Madison, WI 53703`,
              phone: "(608) 555-0142",
            })),
          )
          .returning({ id: schema.practiceSites.id })
      : [];
    return { id: practice!.id, name: practice!.name, siteIds: sites.map((site) => site.id) };
  });
}

export async function insertUser(
  mspId: string,
  options: {
    role: Role;
    practiceIds?: string[];
    name?: string;
    email?: string;
    allPractices?: boolean;
    patientDataAccessFrom?: Date;
  },
): Promise<TestUser> {
  const email = options.email ?? `${unique(options.role.replace("_", "-") + "-")}@example.test`;
  const name = options.name ?? `${options.role} ${unique()}`;
  const passwordHash = await testPasswordHash();
  const practiceIds = options.practiceIds ?? [];
  const id = await asTenant(mspId, async (tx) => {
    // Leadership without practices is given "all practices" unless a test says otherwise (an empty list alone is no practice).
    const allPractices =
      options.allPractices ?? (options.role === "leadership" && practiceIds.length === 0);
    const [user] = await tx
      .insert(schema.users)
      .values({
        mspId,
        email,
        name,
        role: options.role,
        passwordHash,
        allPractices,
        ...(options.patientDataAccessFrom
          ? { patientDataAccessFrom: options.patientDataAccessFrom }
          : {}),
      })
      .returning({ id: schema.users.id });
    if (practiceIds.length)
      await tx
        .insert(schema.userPracticeAccess)
        .values(practiceIds.map((practiceId) => ({ mspId, userId: user!.id, practiceId })));
    return user!.id;
  });
  return { id, mspId, email, name, role: options.role, practiceIds, password: TEST_PASSWORD };
}

/** An MSP with two practices and one user of every role (manager and leadership limited to the first practice). */
export async function createMsp(label = "MSP"): Promise<TestMsp> {
  const tag = unique();
  const name = `${label} ${tag}`;
  const [msp] = await ownerDb()
    .insert(schema.msps)
    .values({ name })
    .returning({ id: schema.msps.id });
  const mspId = msp!.id;
  const first = await insertPractice(mspId, { name: `Lakeside Family Medicine ${tag}` }, 2);
  const second = await insertPractice(mspId, {
    name: `Riverside Pediatrics ${tag}`,
    timezone: "America/Denver",
  });
  const admin = await insertUser(mspId, { role: "admin", name: `Alex Admin ${tag}` });
  const technician = await insertUser(mspId, { role: "technician", name: `Sam Tech ${tag}` });
  const manager = await insertUser(mspId, {
    role: "practice_manager",
    practiceIds: [first.id],
    name: `Priya Manager ${tag}`,
  });
  const leadership = await insertUser(mspId, {
    role: "leadership",
    practiceIds: [first.id],
    name: `Morgan Leader ${tag}`,
  });
  return {
    id: mspId,
    name,
    tag,
    practices: [first, second],
    admin,
    technician,
    manager,
    leadership,
  };
}

// ---------------------------------------------------------------------------------------------
// Callers through the real sign-in path

export type Caller = ReturnType<typeof createCaller>;

/** Signs in with the password (a new session row), then checks the session as every request does. */
export async function signIn(
  user: Pick<TestUser, "email" | "password">,
  options: { now?: Date; clientAddress?: string } = {},
) {
  const result = await signInWithPassword(
    {
      email: user.email,
      password: user.password,
      clientAddress: options.clientAddress ?? uniqueAddress(),
      userAgent: "vitest",
    },
    options.now,
  );
  if (!result.ok)
    throw new Error(`Fixture sign-in of ${user.email} failed: ${JSON.stringify(result)}`);
  const claims: SessionClaims = {
    sessionId: result.sessionId,
    userId: result.userId,
    mspId: result.mspId,
  };
  return claims;
}

export async function sessionUserFor(
  user: Pick<TestUser, "email" | "password">,
  policy: SessionPolicy = defaultSessionPolicy,
): Promise<SessionUser> {
  const claims = await signIn(user);
  const sessionUser = await validateSession(claims, policy);
  if (!sessionUser)
    throw new Error(`Fixture session of ${user.email} was not valid right after sign-in.`);
  return sessionUser;
}

export async function callerFor(user: Pick<TestUser, "email" | "password">): Promise<Caller> {
  return createCaller({ user: await sessionUserFor(user), appUrl: APP_URL });
}

export function anonymousCaller(): Caller {
  return createCaller({ user: null, appUrl: APP_URL });
}

// ---------------------------------------------------------------------------------------------
// Reading what happened, as the owner

export async function practiceRow(mspId: string, practiceId: string) {
  return asTenant(mspId, async (tx) => {
    const [practice] = await tx
      .select()
      .from(schema.practices)
      .where(sql`${schema.practices.id} = ${practiceId}`);
    const sites = await tx
      .select()
      .from(schema.practiceSites)
      .where(sql`${schema.practiceSites.practiceId} = ${practiceId}`)
      .orderBy(schema.practiceSites.position);
    return practice ? { ...practice, sites } : null;
  });
}

export async function auditRows(
  mspId: string,
  filter: { action?: string; entityId?: string } = {},
) {
  return asTenant(mspId, (tx) =>
    tx
      .select()
      .from(schema.auditEvents)
      .where(
        sql`${schema.auditEvents.mspId} = ${mspId}
          and (${filter.action ?? null}::text is null or ${schema.auditEvents.action} = ${filter.action ?? null})
          and (${filter.entityId ?? null}::uuid is null or ${schema.auditEvents.entityId} = ${filter.entityId ?? null})`,
      )
      .orderBy(schema.auditEvents.createdAt),
  );
}

export async function countRows(
  mspId: string,
  table: "practices" | "practice_sites" | "users" | "invitations" | "audit_events" | "sessions",
) {
  return asTenant(mspId, async (tx) => {
    const [row] = await tx.execute<{ n: number }>(
      sql`select count(*)::int as n from ${sql.identifier(table)} where msp_id = ${mspId}`,
    );
    return row!.n;
  });
}
