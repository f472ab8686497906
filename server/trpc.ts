import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import { randomUUID } from "node:crypto";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { getDb, type Transaction } from "@/db/client";
import { setTenant, withTenant, type TenantScope } from "@/db/tenant";
import {
  DATABASE_UNAVAILABLE_DIGEST,
  DATABASE_UNAVAILABLE_MESSAGE,
  isDatabaseUnavailable,
} from "@/server/domain/database-unavailable";
import { plainInputMessage } from "@/server/domain/input-messages";
import { loggableError } from "@/server/domain/loggable-error";
import { readRequestInput, UnreadableInput } from "@/server/domain/request-input";
import { sessionPolicyFromEnv } from "@/server/domain/session-rules";
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidError,
  NotFoundError,
  TooManyRequestsError,
} from "@/server/errors";
import { can, type Permission } from "@/server/permissions";
import {
  checkSession,
  sessionCheckScope,
  validateSession,
  type SessionClaims,
  type SessionUser,
} from "@/server/services/auth";
import { practiceVisible, type ServiceContext } from "@/server/services/context";

// ---------------------------------------------------------------------------------------------
// Context: who is calling and where the app is served. Server-side callers pass a user already
// checked against the database; an HTTP request passes the claims of its session cookie, checked
// in the same transaction as the procedure it calls (one transaction per call, not two).

export type Context = {
  user: SessionUser | null;
  appUrl: string;
  claims?: SessionClaims | null;
  /** The client address, for the sign-in throttle on re-authentication (see clientAddressOf in server/auth.ts). */
  clientAddress?: string;
};

// ---------------------------------------------------------------------------------------------
// Errors: domain errors become tRPC codes in one place; anything unexpected is logged with an id
// and reaches the user as a generic message, never a stack trace, SQL or a database message.

const postgresCodes: Record<string, { code: TRPCError["code"]; message: string }> = {
  "23505": { code: "CONFLICT", message: "That already exists." },
  "23503": { code: "NOT_FOUND", message: "Something this refers to was not found." },
  "40001": {
    code: "CONFLICT",
    message: "Someone else changed this at the same moment. Try again.",
  },
  "40P01": {
    code: "CONFLICT",
    message: "Someone else changed this at the same moment. Try again.",
  },
};

function postgresCodeOf(error: unknown): string | undefined {
  for (let cause = error; cause; cause = (cause as { cause?: unknown }).cause) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    if (cause === (cause as { cause?: unknown }).cause) break;
  }
  return undefined;
}

/**
 * The database is stopped, restarting or cut the connection: a 503 the client may retry, never a 500.
 * The digest lets a server-rendered page's error boundary (app/error.tsx) tell this apart.
 */
export function databaseUnavailable(cause?: unknown): TRPCError {
  const error = new TRPCError({
    code: "SERVICE_UNAVAILABLE",
    message: DATABASE_UNAVAILABLE_MESSAGE,
    cause: cause instanceof Error ? cause : undefined,
  });
  return Object.assign(error, { digest: DATABASE_UNAVAILABLE_DIGEST });
}

export function toTRPCError(cause: unknown): TRPCError | null {
  if (cause instanceof DomainError) {
    const code =
      cause instanceof NotFoundError
        ? "NOT_FOUND"
        : cause instanceof ForbiddenError
          ? "FORBIDDEN"
          : cause instanceof ConflictError
            ? "CONFLICT"
            : cause instanceof TooManyRequestsError
              ? "TOO_MANY_REQUESTS"
              : "BAD_REQUEST";
    return new TRPCError({ code, message: cause.message, cause });
  }
  if (isDatabaseUnavailable(cause)) return databaseUnavailable(cause);
  const known = postgresCodes[postgresCodeOf(cause) ?? ""];
  return known
    ? new TRPCError({ ...known, cause: cause instanceof Error ? cause : undefined })
    : null;
}

// Issues a schema words itself keep their message; the rest (a missing field, a wrong type) get a plain one.
z.config({ customError: (issue) => plainInputMessage(issue) });

function describeZodError(error: ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) =>
      issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message,
    )
    .join("; ");
}

/**
 * What crosses the wire. Answers are superjson (dates arrive as dates). Inputs come from anyone:
 * readRequestInput revives only the types Standby's forms send (dates, undefined, non-finite
 * numbers), no deeper than MAX_INPUT_DEPTH, and refuses the rest (bigint, Map, classes …) with a
 * plain message before superjson would spend time on them.
 */
const transformer = {
  input: {
    serialize: (value: unknown) => superjson.serialize(value),
    deserialize: (payload: unknown) => {
      try {
        return readRequestInput(payload);
      } catch (error) {
        if (error instanceof UnreadableInput)
          throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
        throw error;
      }
    },
  },
  output: superjson,
};

/** `anonymous`: the procedure is open to a caller without a session (the route lets only these through without one). */
export type ProcedureMeta = { anonymous?: boolean };

/** An error whose message is a JavaScript or parser message (a stack overflow, "not valid JSON"): never shown as it is. */
function carriesRawMessage(error: TRPCError): boolean {
  const cause = error.cause;
  if (
    !cause ||
    cause instanceof TRPCError ||
    cause instanceof ZodError ||
    cause instanceof DomainError
  )
    return false;
  return error.message === cause.message;
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer,
    isDev: false,
    // Live streams: a ping keeps idle streams open through proxies, a silent stream is reopened by the
    // client, and every stream ends after ten minutes so the client reconnects through a fresh sign-in check.
    sse: {
      ping: { enabled: true, intervalMs: 10_000 },
      client: { reconnectAfterInactivityMs: 25_000 },
      maxDurationMs: 10 * 60_000,
    },
    errorFormatter({ shape, error }) {
      const { stack: _stack, ...data } = shape.data;
      if (error.code === "INTERNAL_SERVER_ERROR") {
        const requestId = randomUUID();
        console.error(`[trpc] request ${requestId} failed:`, loggableError(error.cause ?? error));
        return {
          ...shape,
          message: `Something went wrong on our side. Try again; if it keeps happening, quote request ${requestId}.`,
          data: { ...data, requestId },
        };
      }
      // A request the parser or a library refused with its own words ("Unexpected token", "Maximum call
      // stack size exceeded"): still the caller's mistake (4xx), told plainly, logged with an id.
      if (carriesRawMessage(error)) {
        const requestId = randomUUID();
        console.warn(`[trpc] request ${requestId} could not be read:`, loggableError(error.cause));
        return {
          ...shape,
          message: `This request could not be read. Reload the page and try again; if it keeps happening, quote request ${requestId}.`,
          data: { ...data, requestId },
        };
      }
      if (error.cause instanceof InvalidError && error.cause.field) {
        return {
          ...shape,
          data: { ...data, fieldErrors: { [error.cause.field]: [error.message] } },
        };
      }
      if (error.cause instanceof ConflictError && error.cause.detail) {
        return { ...shape, data: { ...data, detail: error.cause.detail } };
      }
      if (error.cause instanceof ZodError) {
        return {
          ...shape,
          message: describeZodError(error.cause),
          data: { ...data, fieldErrors: z.flattenError(error.cause).fieldErrors },
        };
      }
      return { ...shape, data };
    },
  });

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error.cause);
    if (mapped) throw mapped;
  }
  return result;
});

// ---------------------------------------------------------------------------------------------
// Procedures: who may call is decided here, once, never inline in a router.

/** Text PostgreSQL cannot store: U+0000, and half of a UTF-16 surrogate pair (jsonb refuses its escape). */
const unstorableCharacter =
  /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The refusal message for the first unstorable text in an input, or null. */
function unstorableText(value: unknown, depth = 0): string | null {
  if (typeof value === "string") {
    const found = unstorableCharacter.exec(value);
    if (!found) return null;
    return found[0] === "\u0000"
      ? "Text cannot contain the NUL character (\\0)."
      : "Text cannot contain a broken character (half of an emoji or symbol). Remove it and try again.";
  }
  if (depth > 20 || value === null || typeof value !== "object") return null;
  for (const [key, item] of Object.entries(value)) {
    const found = unstorableText(key, depth + 1) ?? unstorableText(item, depth + 1);
    if (found) return found;
  }
  return null;
}

// Refused here with a message instead of failing in the database.
const refuseUnstorableText = t.middleware(async ({ getRawInput, next }) => {
  const found = unstorableText(await getRawInput());
  if (found) throw new TRPCError({ code: "BAD_REQUEST", message: found });
  return next();
});

/**
 * Every tier maps domain errors and reads its input before opening a transaction (a slow upload
 * never holds a database connection). A request without a session is refused by the route
 * (server/trpc-route.ts) before its body is read, unless it calls only procedures marked anonymous.
 */
const baseProcedure = t.procedure.use(mapDomainErrors).use(refuseUnstorableText);

/** Open to anyone (an invitation link): the only procedures a request without a session may call. */
export const publicProcedure = baseProcedure.meta({ anonymous: true });

const sessionPolicy = sessionPolicyFromEnv();
const sessionEnded = () =>
  new TRPCError({ code: "UNAUTHORIZED", message: "Your session has ended. Sign in again." });

export const twoFactorEnrolmentMessage =
  "Your MSP requires two-factor sign-in. Set it up under Account security before you continue.";

/**
 * Signed in, whatever else, with the session checked in its own transaction: only for a person's own
 * account security (two-factor enrolment, re-authentication), whose services open their own
 * transactions and must stay open to someone the MSP is sending to enrol.
 */
export const signedInProcedure = baseProcedure.use(async ({ ctx, next }) => {
  const user = ctx.user ?? (ctx.claims ? await validateSession(ctx.claims, sessionPolicy) : null);
  if (!user) throw sessionEnded();
  return next({ ctx: { user } });
});

/** A failed procedure inside the request's transaction: thrown to roll it back, then handed on unchanged. */
class RolledBack {
  constructor(readonly result: unknown) {}
}

/**
 * Signed in and allowed to use Standby (a person the MSP requires to enrol in two-factor is refused
 * until they have). Over HTTP the session is checked in the same transaction as the procedure.
 */
export const authedProcedure = baseProcedure.use(async ({ ctx, type, next }) => {
  const allowed = (user: SessionUser) => {
    if (user.mustEnrolTwoFactor)
      throw new TRPCError({ code: "FORBIDDEN", message: twoFactorEnrolmentMessage });
    return user;
  };
  if (ctx.user) return next({ ctx: { user: allowed(ctx.user), tx: null } });
  if (!ctx.claims) throw sessionEnded();
  // A stream outlives any transaction: it checks the session now and again before each read.
  if (type === "subscription") {
    const user = await validateSession(ctx.claims, sessionPolicy);
    if (!user) throw sessionEnded();
    return next({ ctx: { user: allowed(user), tx: null } });
  }
  const claims = ctx.claims;
  try {
    const result = await getDb().transaction(async (tx) => {
      // Statements on one connection run in the order they are sent: sent together, the tenant's
      // setting and the session check travel in one round trip, and so do the caller's tenant and
      // the procedure's first statement.
      const [, user] = await Promise.all([
        setTenant(tx, sessionCheckScope(claims)),
        checkSession(tx, claims, sessionPolicy),
      ]);
      if (!user) return null; // committed: an expired session is marked revoked
      const tenantSet = setTenant(tx, tenantOf(allowed(user)));
      tenantSet.catch(() => {}); // awaited below, after the procedure's statements were sent
      const outcome = await next({ ctx: { user, tx } });
      await tenantSet;
      if (!outcome.ok) throw new RolledBack(outcome);
      return outcome;
    });
    if (!result) throw sessionEnded();
    return result;
  } catch (error) {
    if (error instanceof RolledBack) return error.result as Awaited<ReturnType<typeof next>>;
    throw error;
  }
});

const tenantOf = (user: SessionUser): TenantScope => ({
  mspId: user.mspId,
  userId: user.userId,
  role: user.role,
  practiceIds: user.practiceIds,
});

const serviceContextOf = (user: SessionUser, tx: Transaction): ServiceContext => ({
  tx,
  mspId: user.mspId,
  actor: { userId: user.userId, name: user.name, role: user.role },
  practiceIds: user.practiceIds,
});

/** Runs a service in one transaction inside the user's tenant and practice scope. */
export function runAs<T>(
  user: SessionUser,
  service: (serviceContext: ServiceContext) => Promise<T>,
): Promise<T> {
  return withTenant(tenantOf(user), (tx) => service(serviceContextOf(user, tx)));
}

/** Signed in, with a role that has the permission; services run inside the caller's tenant. */
export function mspProcedure(permission: Permission) {
  return authedProcedure.use(({ ctx, next }) => {
    const { user } = ctx;
    if (!can(user.role, permission))
      throw new TRPCError({
        code: "FORBIDDEN",
        message: "Your role does not allow this. Ask an MSP admin.",
      });
    const { tx } = ctx;
    const run = <T>(service: (serviceContext: ServiceContext) => Promise<T>): Promise<T> =>
      tx ? service(serviceContextOf(user, tx)) : runAs(user, service);
    return next({ ctx: { user, run } });
  });
}

/** As mspProcedure, for input that names a practice: a practice outside the caller's scope is NOT_FOUND. */
export function practiceProcedure(permission: Permission) {
  return mspProcedure(permission)
    .input(z.object({ practiceId: z.uuid("Unknown practice.") }))
    .use(({ ctx, input, next }) => {
      if (!practiceVisible(ctx.user, input.practiceId))
        throw new TRPCError({ code: "NOT_FOUND", message: "Practice was not found." });
      return next();
    });
}

// ---------------------------------------------------------------------------------------------
// Streams: a subscription outlives the request that opened it, and errors thrown while it streams
// pass no middleware. A subscription returns mappedStream(…) and reads through readWhileStreaming,
// which repeats the procedure's checks before every read.

/** A subscription's stream whose errors are mapped as mapDomainErrors maps a call's. */
export async function* mappedStream<T>(stream: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* stream;
  } catch (error) {
    throw error instanceof TRPCError ? error : (toTRPCError(error) ?? error);
  }
}

const STREAM_RETRY_MS = 2_000;

/** Waits ms, or less if the stream is closed meanwhile. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done);
  });
}

/**
 * One read for an open stream, as practiceProcedure would allow it now: the session is checked again
 * (a signed-out or removed member's stream stops at once), then the permission and the practice
 * scope, and the read runs in the user's tenant. While the database is unreachable it waits and
 * tries again, so the viewer gets everything posted meanwhile once it is back. Null once the stream
 * is closed.
 */
export async function readWhileStreaming<T>(
  streamer: SessionUser,
  access: { permission: Permission; practiceId: string; signal?: AbortSignal },
  read: (serviceContext: ServiceContext) => Promise<T>,
): Promise<T | null> {
  while (!access.signal?.aborted) {
    try {
      const user = await validateSession(streamer, sessionPolicy, new Date(), { touch: false });
      if (!user) throw sessionEnded();
      if (!can(user.role, access.permission) || !practiceVisible(user, access.practiceId))
        throw new NotFoundError("Practice");
      return await runAs(user, read);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      await pause(STREAM_RETRY_MS, access.signal);
    }
  }
  return null;
}
