import "server-only";
import { and, asc, count, desc, eq, gte, inArray, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { monitorResults, monitors, practices, systems, type MonitorSettings } from "@/db/schema";
import {
  monitorStatuses,
  type createMonitorSchema,
  type listMonitorsSchema,
  type listMspMonitorsSchema,
  type monitorRefSchema,
  type MonitorStatus,
  type pauseMonitorSchema,
  type updateMonitorSchema,
  type versionedMonitorRefSchema,
} from "@/server/contracts/monitors";
import { availability, rollUp } from "@/server/domain/monitor-rollup";
import { bareHost, hostRefusal, plainTextAllowed } from "@/server/domain/outbound-address";
import { ConflictError, InvalidError, NotFoundError } from "@/server/errors";
import { practiceInScope, recordAudit, type ServiceContext } from "@/server/services/context";
import { outboundRules } from "@/server/services/outbound-http";
import { newPushToken, pushPath } from "./push";
import { lockPracticeMonitors, reconcilePractice } from "./suspected";
import { onMonitorTransition } from "./transitions";
import { PRIVATE_TARGET_ADVICE } from "./types";

type Fields = z.infer<typeof createMonitorSchema>;

/** What is shown of a monitor (never its push token's hash). */
const shown = {
  id: monitors.id,
  practiceId: monitors.practiceId,
  systemId: monitors.systemId,
  systemName: systems.name,
  name: monitors.name,
  kind: monitors.kind,
  target: monitors.target,
  port: monitors.port,
  settings: monitors.settings,
  intervalSeconds: monitors.intervalSeconds,
  timeoutSeconds: monitors.timeoutSeconds,
  retries: monitors.retries,
  failureThreshold: monitors.failureThreshold,
  recoveryThreshold: monitors.recoveryThreshold,
  status: monitors.status,
  statusChangedAt: monitors.statusChangedAt,
  lastCheckedAt: monitors.lastCheckedAt,
  lastLatencyMs: monitors.lastLatencyMs,
  lastError: monitors.lastError,
  maintenanceWindowId: monitors.maintenanceWindowId,
  lastPushAt: monitors.lastPushAt,
  pausedReason: monitors.pausedReason,
  pausedUntil: monitors.pausedUntil,
  version: monitors.version,
};

/** Down first, then failing, degraded, not checked yet, up, paused; by name within each. */
const downFirst = sql`case ${monitors.status} when 'down' then 0 when 'pending' then 1 when 'degraded' then 2
  when 'unknown' then 3 when 'up' then 4 else 5 end`;

const inScope = (ctx: ServiceContext): SQL | undefined =>
  ctx.practiceIds === "*" ? undefined : inArray(monitors.practiceId, [...ctx.practiceIds]);

export async function listMonitors(ctx: ServiceContext, input: z.infer<typeof listMonitorsSchema>) {
  await practiceInScope(ctx, input.practiceId);
  const where = and(eq(monitors.mspId, ctx.mspId), eq(monitors.practiceId, input.practiceId));
  return page(ctx, where, input);
}

/**
 * Every monitor the caller may see, across the MSP's practices, down first; filtered by state and
 * practice. With it, how many monitors are in each state (for the filter) and the practices that
 * have monitors (at most 500, by name).
 */
export async function listMspMonitors(
  ctx: ServiceContext,
  input: z.infer<typeof listMspMonitorsSchema>,
) {
  if (input.practiceId) await practiceInScope(ctx, input.practiceId);
  const visible = and(
    eq(monitors.mspId, ctx.mspId),
    inScope(ctx),
    input.practiceId ? eq(monitors.practiceId, input.practiceId) : undefined,
  );
  const [result, byStatus, withMonitors] = await Promise.all([
    page(ctx, and(visible, input.status ? eq(monitors.status, input.status) : undefined), input),
    ctx.tx
      .select({ status: monitors.status, n: count() })
      .from(monitors)
      .where(visible)
      .groupBy(monitors.status),
    ctx.tx
      .selectDistinct({ id: practices.id, name: practices.name })
      .from(monitors)
      .innerJoin(
        practices,
        and(eq(practices.mspId, monitors.mspId), eq(practices.id, monitors.practiceId)),
      )
      .where(and(eq(monitors.mspId, ctx.mspId), inScope(ctx)))
      .orderBy(asc(practices.name), asc(practices.id))
      .limit(500),
  ]);
  const counts = Object.fromEntries(monitorStatuses.map((status) => [status, 0])) as Record<
    MonitorStatus,
    number
  >;
  for (const row of byStatus) counts[row.status] = row.n;
  return { ...result, counts, practices: withMonitors };
}

async function page(
  ctx: ServiceContext,
  where: SQL | undefined,
  input: { page: number; pageSize: number },
) {
  const [total] = await ctx.tx.select({ n: count() }).from(monitors).where(where);
  const items = await ctx.tx
    .select({ ...shown, practiceName: practices.name, practiceTimezone: practices.timezone })
    .from(monitors)
    .innerJoin(systems, and(eq(systems.mspId, monitors.mspId), eq(systems.id, monitors.systemId)))
    .innerJoin(
      practices,
      and(eq(practices.mspId, monitors.mspId), eq(practices.id, monitors.practiceId)),
    )
    .where(where)
    .orderBy(downFirst, asc(monitors.name), asc(monitors.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  return { items, total: total?.n ?? 0, page: input.page, pageSize: input.pageSize };
}

async function monitorInScope(ctx: ServiceContext, practiceId: string, monitorId: string) {
  const [monitor] = await ctx.tx
    .select({ ...shown, pushTokenHash: monitors.pushTokenHash })
    .from(monitors)
    .innerJoin(systems, and(eq(systems.mspId, monitors.mspId), eq(systems.id, monitors.systemId)))
    .where(
      and(
        eq(monitors.mspId, ctx.mspId),
        eq(monitors.practiceId, practiceId),
        eq(monitors.id, monitorId),
      ),
    );
  if (!monitor) throw new NotFoundError("Monitor");
  const { pushTokenHash, ...rest } = monitor;
  return { ...rest, hasPushUrl: pushTokenHash !== null };
}

/** A monitor with its last 50 results and its availability over the last 24 hours. */
export async function getMonitor(
  ctx: ServiceContext,
  input: z.infer<typeof monitorRefSchema>,
  now = new Date(),
) {
  await practiceInScope(ctx, input.practiceId);
  const monitor = await monitorInScope(ctx, input.practiceId, input.monitorId);
  const where = and(eq(monitorResults.mspId, ctx.mspId), eq(monitorResults.monitorId, monitor.id));
  const recent = await ctx.tx
    .select({
      dueAt: monitorResults.dueAt,
      checkedAt: monitorResults.checkedAt,
      outcome: monitorResults.outcome,
      latencyMs: monitorResults.latencyMs,
      error: monitorResults.error,
      maintenanceWindowId: monitorResults.maintenanceWindowId,
    })
    .from(monitorResults)
    .where(where)
    .orderBy(desc(monitorResults.dueAt))
    .limit(50);
  const day = await ctx.tx
    .select({ outcome: monitorResults.outcome, latencyMs: monitorResults.latencyMs })
    .from(monitorResults)
    .where(and(where, gte(monitorResults.dueAt, new Date(now.getTime() - 24 * 3_600_000))));
  return { monitor, recent, availability24h: availability(rollUp(day)) };
}

/** The settings of a monitor's kind, from the form's flat fields. */
function settingsOf(fields: Fields): MonitorSettings {
  switch (fields.kind) {
    case "http":
      return {
        ...(fields.expectedStatus ? { expectedStatus: fields.expectedStatus } : {}),
        ...(fields.keyword ? { keyword: fields.keyword, keywordMode: fields.keywordMode } : {}),
        ...(fields.degradedAboveMs ? { degradedAboveMs: fields.degradedAboveMs } : {}),
      };
    case "dns":
      return {
        recordType: fields.recordType,
        ...(fields.expectedValue ? { expectedValue: fields.expectedValue } : {}),
      };
    case "tls":
      return { daysLeftThreshold: fields.daysLeftThreshold };
    case "heartbeat":
      return { graceSeconds: fields.graceSeconds };
    case "tcp":
      return {};
  }
}

/**
 * The guard's word on a target, when it is typed: loopback, private, link-local and metadata
 * addresses (and names like "localhost") are refused unless OUTBOUND_ALLOWLIST names them; plain
 * http only outside production or to an allowlisted receiver. Names are judged again on every check.
 */
function targetRefusal(fields: Fields): string | null {
  if (fields.kind === "heartbeat" || fields.kind === "dns") return null;
  const rules = outboundRules();
  if (fields.kind === "http") {
    const url = new URL(fields.target);
    const refusal = hostRefusal(bareHost(url), rules, PRIVATE_TARGET_ADVICE);
    if (refusal) return refusal;
    if (url.protocol === "http:" && !plainTextAllowed(bareHost(url), rules))
      return "Use an https:// address: Standby checks public sites over https.";
    return null;
  }
  const host = fields.target
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "")
    .toLowerCase();
  return hostRefusal(host, rules, PRIVATE_TARGET_ADVICE);
}

async function checkedFields(ctx: ServiceContext, practiceId: string, fields: Fields) {
  const refusal = targetRefusal(fields);
  if (refusal) throw new InvalidError(refusal, "target");
  const [system] = await ctx.tx
    .select({ id: systems.id, name: systems.name })
    .from(systems)
    .where(
      and(
        eq(systems.mspId, ctx.mspId),
        eq(systems.practiceId, practiceId),
        eq(systems.id, fields.systemId),
      ),
    );
  if (!system) throw new NotFoundError("System");
  return {
    systemId: fields.systemId,
    name: fields.name,
    kind: fields.kind,
    target: fields.kind === "heartbeat" ? "" : fields.target,
    port:
      fields.kind === "tcp" || fields.kind === "tls"
        ? (fields.port ?? (fields.kind === "tls" ? 443 : null))
        : null,
    settings: settingsOf(fields),
    intervalSeconds: fields.intervalSeconds,
    timeoutSeconds: fields.timeoutSeconds,
    retries: fields.retries,
    failureThreshold: fields.failureThreshold,
    recoveryThreshold: fields.recoveryThreshold,
  };
}

/** The summary an audit event keeps: what the monitor checks, never its push address. */
const auditSummary = (values: Awaited<ReturnType<typeof checkedFields>>) => ({
  name: values.name,
  kind: values.kind,
  target: values.target,
  port: values.port,
  intervalSeconds: values.intervalSeconds,
});

/**
 * Makes a monitor; its first check is due at once. A heartbeat monitor's push address is returned
 * here and only here (only a hash of its token is kept).
 */
export async function createMonitor(
  ctx: ServiceContext,
  input: z.infer<typeof createMonitorSchema>,
  appUrl: string,
) {
  await practiceInScope(ctx, input.practiceId, "change");
  const values = await checkedFields(ctx, input.practiceId, input);
  const push = values.kind === "heartbeat" ? newPushToken() : null;
  const [created] = await ctx.tx
    .insert(monitors)
    .values({
      ...values,
      mspId: ctx.mspId,
      practiceId: input.practiceId,
      pushTokenHash: push?.hash ?? null,
      nextCheckAt: new Date(),
    })
    .returning({ id: monitors.id, version: monitors.version });
  await recordAudit(ctx, {
    action: "monitor.create",
    entityType: "monitor",
    entityId: created!.id,
    practiceId: input.practiceId,
    summary: auditSummary(values),
  });
  return { ...created!, pushUrl: push ? new URL(pushPath(push.token), appUrl).toString() : null };
}

/** Takes the row for a change when it is still at the version the editor read. */
async function lockedAt(
  ctx: ServiceContext,
  practiceId: string,
  monitorId: string,
  version: number,
) {
  await lockPracticeMonitors(ctx.tx, practiceId);
  const [row] = await ctx.tx
    .select()
    .from(monitors)
    .where(
      and(
        eq(monitors.mspId, ctx.mspId),
        eq(monitors.practiceId, practiceId),
        eq(monitors.id, monitorId),
      ),
    )
    .for("update");
  if (!row) throw new NotFoundError("Monitor");
  if (row.version !== version)
    throw new ConflictError(
      `${row.name} was changed by someone else after you opened it. Reload to see their changes.`,
    );
  return row;
}

const byId = (ctx: ServiceContext, monitorId: string) =>
  and(eq(monitors.mspId, ctx.mspId), eq(monitors.id, monitorId));

/**
 * Changes a monitor. A change of what is checked (kind, target, port) starts its state again from
 * unknown, checked at once; a heartbeat monitor keeps its push address.
 */
export async function updateMonitor(
  ctx: ServiceContext,
  input: z.infer<typeof updateMonitorSchema>,
  appUrl: string,
) {
  await practiceInScope(ctx, input.practiceId, "change");
  const row = await lockedAt(ctx, input.practiceId, input.monitorId, input.version);
  const values = await checkedFields(ctx, input.practiceId, input);
  const retargeted =
    row.kind !== values.kind || row.target !== values.target || row.port !== values.port;
  const push = values.kind === "heartbeat" && !row.pushTokenHash ? newPushToken() : null;
  const restart = retargeted && row.status !== "paused";
  const [updated] = await ctx.tx
    .update(monitors)
    .set({
      ...values,
      pushTokenHash: values.kind === "heartbeat" ? (push?.hash ?? row.pushTokenHash) : null,
      ...(restart
        ? {
            status: "unknown" as const,
            consecutiveFailures: 0,
            consecutiveSuccesses: 0,
            statusChangedAt: new Date(),
            nextCheckAt: new Date(),
            lastError: null,
          }
        : {}),
      version: row.version + 1,
      updatedAt: new Date(),
    })
    .where(byId(ctx, row.id))
    .returning({ id: monitors.id, version: monitors.version });
  if (restart && row.status !== "unknown") await transition(ctx, row, "unknown");
  await recordAudit(ctx, {
    action: "monitor.update",
    entityType: "monitor",
    entityId: row.id,
    practiceId: row.practiceId,
    summary: auditSummary(values),
  });
  return { ...updated!, pushUrl: push ? new URL(pushPath(push.token), appUrl).toString() : null };
}

function transition(
  ctx: ServiceContext,
  row: typeof monitors.$inferSelect,
  to: typeof monitors.$inferSelect.status,
) {
  return onMonitorTransition(ctx, {
    monitorId: row.id,
    practiceId: row.practiceId,
    systemId: row.systemId,
    name: row.name,
    from: row.status,
    to,
    at: new Date(),
    error: null,
  });
}

/** Pauses a monitor with a reason, until a moment or until someone resumes it. */
export async function pauseMonitor(
  ctx: ServiceContext,
  input: z.infer<typeof pauseMonitorSchema>,
  now = new Date(),
) {
  await practiceInScope(ctx, input.practiceId, "change");
  if (input.until && input.until <= now)
    throw new InvalidError("The pause must end in the future.", "until");
  const row = await lockedAt(ctx, input.practiceId, input.monitorId, input.version);
  const [updated] = await ctx.tx
    .update(monitors)
    .set({
      status: "paused",
      consecutiveFailures: 0,
      consecutiveSuccesses: 0,
      statusChangedAt: now,
      pausedReason: input.reason,
      pausedUntil: input.until,
      // Checked again when the pause ends (the claim takes paused monitors whose pause is over).
      nextCheckAt: input.until ?? row.nextCheckAt,
      version: row.version + 1,
      updatedAt: now,
    })
    .where(byId(ctx, row.id))
    .returning({ id: monitors.id, version: monitors.version });
  if (row.status !== "paused") await transition(ctx, row, "paused");
  await recordAudit(ctx, {
    action: "monitor.pause",
    entityType: "monitor",
    entityId: row.id,
    practiceId: row.practiceId,
    summary: { name: row.name, reason: input.reason, until: input.until?.toISOString() ?? null },
  });
  return updated!;
}

/** Resumes a paused monitor: from unknown, checked at once. */
export async function resumeMonitor(
  ctx: ServiceContext,
  input: z.infer<typeof versionedMonitorRefSchema>,
  now = new Date(),
) {
  await practiceInScope(ctx, input.practiceId, "change");
  const row = await lockedAt(ctx, input.practiceId, input.monitorId, input.version);
  if (row.status !== "paused") throw new InvalidError(`${row.name} is not paused.`);
  const [updated] = await ctx.tx
    .update(monitors)
    .set({
      status: "unknown",
      consecutiveFailures: 0,
      consecutiveSuccesses: 0,
      statusChangedAt: now,
      pausedReason: null,
      pausedUntil: null,
      nextCheckAt: now,
      version: row.version + 1,
      updatedAt: now,
    })
    .where(byId(ctx, row.id))
    .returning({ id: monitors.id, version: monitors.version });
  await transition(ctx, row, "unknown");
  await recordAudit(ctx, {
    action: "monitor.resume",
    entityType: "monitor",
    entityId: row.id,
    practiceId: row.practiceId,
    summary: { name: row.name },
  });
  return updated!;
}

/** Deletes a monitor with its results and rollups (the audit log keeps that it existed). */
export async function deleteMonitor(
  ctx: ServiceContext,
  input: z.infer<typeof versionedMonitorRefSchema>,
) {
  await practiceInScope(ctx, input.practiceId, "change");
  const row = await lockedAt(ctx, input.practiceId, input.monitorId, input.version);
  await ctx.tx.delete(monitors).where(byId(ctx, row.id));
  await recordAudit(ctx, {
    action: "monitor.delete",
    entityType: "monitor",
    entityId: row.id,
    practiceId: row.practiceId,
    summary: { name: row.name, kind: row.kind, target: row.target },
  });
  // What it held up (an open suspected outage, "unreachable" marks) is reasoned about again.
  await reconcilePractice(ctx, row.practiceId, new Date());
  return { id: row.id };
}

/** A new push address for a heartbeat monitor (the old one stops working at once); shown once. */
export async function replacePushUrl(
  ctx: ServiceContext,
  input: z.infer<typeof versionedMonitorRefSchema>,
  appUrl: string,
) {
  await practiceInScope(ctx, input.practiceId, "change");
  const row = await lockedAt(ctx, input.practiceId, input.monitorId, input.version);
  if (row.kind !== "heartbeat")
    throw new InvalidError(`${row.name} is not a heartbeat monitor: it has no push address.`);
  const push = newPushToken();
  const [updated] = await ctx.tx
    .update(monitors)
    .set({ pushTokenHash: push.hash, version: row.version + 1, updatedAt: new Date() })
    .where(byId(ctx, row.id))
    .returning({ id: monitors.id, version: monitors.version });
  await recordAudit(ctx, {
    action: "monitor.push_url_replaced",
    entityType: "monitor",
    entityId: row.id,
    practiceId: row.practiceId,
    summary: { name: row.name },
  });
  return { ...updated!, pushUrl: new URL(pushPath(push.token), appUrl).toString() };
}

/** The systems of a practice a monitor can be attached to (for the form). */
export async function monitorableSystems(ctx: ServiceContext, practiceId: string) {
  await practiceInScope(ctx, practiceId);
  return ctx.tx
    .select({ id: systems.id, name: systems.name })
    .from(systems)
    .where(and(eq(systems.mspId, ctx.mspId), eq(systems.practiceId, practiceId)))
    .orderBy(asc(systems.name));
}
