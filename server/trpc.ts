import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import { randomUUID } from "node:crypto";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { withTenant } from "@/db/tenant";
import { ConflictError, DomainError, ForbiddenError, InvalidError, NotFoundError } from "@/server/errors";
import { can, type Permission } from "@/server/permissions";
import type { SessionUser } from "@/server/services/auth";
import { practiceVisible, type ServiceContext } from "@/server/services/context";

// ---------------------------------------------------------------------------------------------
// Context: who is calling (checked against the database already) and where the app is served.

export type Context = {
  user: SessionUser | null;
  appUrl: string;
  /** The client address, for the sign-in throttle on re-authentication (see clientAddressOf in server/auth.ts). */
  clientAddress?: string;
};

// ---------------------------------------------------------------------------------------------
// Errors: domain errors become tRPC codes in one place; anything unexpected is logged with an id
// and reaches the user as a generic message, never a stack trace, SQL or a database message.

const postgresCodes: Record<string, { code: TRPCError["code"]; message: string }> = {
  "23505": { code: "CONFLICT", message: "That already exists." },
  "23503": { code: "NOT_FOUND", message: "Something this refers to was not found." },
  "40001": { code: "CONFLICT", message: "Someone else changed this at the same moment. Try again." },
  "40P01": { code: "CONFLICT", message: "Someone else changed this at the same moment. Try again." },
};

function postgresCodeOf(error: unknown): string | undefined {
  for (let cause = error; cause; cause = (cause as { cause?: unknown }).cause) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    if (cause === (cause as { cause?: unknown }).cause) break;
  }
  return undefined;
}

export function toTRPCError(cause: unknown): TRPCError | null {
  if (cause instanceof DomainError) {
    const code =
      cause instanceof NotFoundError ? "NOT_FOUND"
      : cause instanceof ForbiddenError ? "FORBIDDEN"
      : cause instanceof ConflictError ? "CONFLICT"
      : cause instanceof InvalidError ? "BAD_REQUEST"
      : "BAD_REQUEST";
    return new TRPCError({ code, message: cause.message, cause });
  }
  const known = postgresCodes[postgresCodeOf(cause) ?? ""];
  return known ? new TRPCError({ ...known, cause: cause instanceof Error ? cause : undefined }) : null;
}

function describeZodError(error: ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  isDev: false,
  // Live streams: a ping keeps idle streams open through proxies, a silent stream is reopened by the
  // client, and every stream ends after ten minutes so the client reconnects through a fresh sign-in check.
  sse: { ping: { enabled: true, intervalMs: 10_000 }, client: { reconnectAfterInactivityMs: 25_000 }, maxDurationMs: 10 * 60_000 },
  errorFormatter({ shape, error }) {
    const { stack: _stack, ...data } = shape.data;
    if (error.code === "INTERNAL_SERVER_ERROR") {
      const requestId = randomUUID();
      console.error(`[trpc] request ${requestId} failed:`, error.cause ?? error);
      return { ...shape, message: `Something went wrong on our side. Try again; if it keeps happening, quote request ${requestId}.`, data: { ...data, requestId } };
    }
    if (error.cause instanceof InvalidError && error.cause.field) {
      return { ...shape, data: { ...data, fieldErrors: { [error.cause.field]: [error.message] } } };
    }
    if (error.cause instanceof ZodError) {
      return { ...shape, message: describeZodError(error.cause), data: { ...data, fieldErrors: z.flattenError(error.cause).fieldErrors } };
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

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (depth > 20 || value === null || typeof value !== "object") return false;
  return Object.entries(value).some(([key, item]) => key.includes("\u0000") || containsNul(item, depth + 1));
}

// PostgreSQL cannot store U+0000 in text; refuse it here with a message instead of failing in the database.
const refuseNulCharacters = t.middleware(async ({ getRawInput, next }) => {
  if (containsNul(await getRawInput())) throw new TRPCError({ code: "BAD_REQUEST", message: "Text cannot contain the NUL character (\\0)." });
  return next();
});

export const publicProcedure = t.procedure.use(mapDomainErrors).use(refuseNulCharacters);

/**
 * Signed in, whatever else: only for a person's own account security (two-factor enrolment,
 * re-authentication), which must stay open to someone the MSP is sending to enrol.
 */
export const signedInProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Your session has ended. Sign in again." });
  return next({ ctx: { user: ctx.user } });
});

export const twoFactorEnrolmentMessage = "Your MSP requires two-factor sign-in. Set it up under Account security before you continue.";

/** Signed in and allowed to use Standby: a person the MSP requires to enrol in two-factor is refused until they have. */
export const authedProcedure = signedInProcedure.use(({ ctx, next }) => {
  if (ctx.user.mustEnrolTwoFactor) throw new TRPCError({ code: "FORBIDDEN", message: twoFactorEnrolmentMessage });
  return next();
});

/** Runs a service in one transaction inside the user's tenant and practice scope. */
export function runAs<T>(user: SessionUser, service: (serviceContext: ServiceContext) => Promise<T>): Promise<T> {
  const scope = { mspId: user.mspId, userId: user.userId, role: user.role, practiceIds: user.practiceIds };
  return withTenant(scope, (tx) => service({ tx, mspId: user.mspId, actor: { userId: user.userId, name: user.name, role: user.role }, practiceIds: user.practiceIds }));
}

/** Signed in, with a role that has the permission; services run inside the caller's tenant. */
export function mspProcedure(permission: Permission) {
  return authedProcedure.use(({ ctx, next }) => {
    const { user } = ctx;
    if (!can(user.role, permission)) throw new TRPCError({ code: "FORBIDDEN", message: "Your role does not allow this. Ask an MSP admin." });
    const run = <T>(service: (serviceContext: ServiceContext) => Promise<T>): Promise<T> => runAs(user, service);
    return next({ ctx: { user, run } });
  });
}

/** As mspProcedure, for input that names a practice: a practice outside the caller's scope is NOT_FOUND. */
export function practiceProcedure(permission: Permission) {
  return mspProcedure(permission)
    .input(z.object({ practiceId: z.uuid("Unknown practice.") }))
    .use(({ ctx, input, next }) => {
      if (!practiceVisible(ctx.user, input.practiceId)) throw new TRPCError({ code: "NOT_FOUND", message: "Practice was not found." });
      return next();
    });
}
