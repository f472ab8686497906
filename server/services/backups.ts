import "server-only";
import { addDays, addMinutes } from "date-fns";
import { and, asc, count, desc, eq, isNull, lte, sql } from "drizzle-orm";
import type { z } from "zod";
import { backupTargets, restoreTests, riskSystems, risks, systems } from "@/db/schema";
import {
  backupStatus,
  proposedRisk,
  targetMisses,
  type RestoreTest,
} from "@/server/domain/backup-tests";
import { localDate } from "@/server/domain/local-date";
import { ConflictError, InvalidError, NotFoundError } from "@/server/errors";
import type {
  backupTargetRefSchema,
  listRestoreTestsSchema,
  recordRestoreTestSchema,
  setBackupTargetSchema,
  withdrawRestoreTestSchema,
} from "@/server/contracts/backups";
import { practiceInScope, recordAudit, type ServiceContext } from "./context";
import { recordNotificationEvent } from "./notifications/events";
import { insertRisk } from "./risks";

/** A restore test may be recorded a little ahead of the server's clock, never later than that. */
const CLOCK_SKEW_MINUTES = 5;

const lastTestColumns = {
  id: restoreTests.id,
  systemId: restoreTests.systemId,
  kind: restoreTests.kind,
  testedAt: restoreTests.testedAt,
  testedByName: restoreTests.testedByName,
  result: restoreTests.result,
  restoreMinutes: restoreTests.restoreMinutes,
  dataAgeMinutes: restoreTests.dataAgeMinutes,
  rtoMinutes: restoreTests.rtoMinutes,
  rpoMinutes: restoreTests.rpoMinutes,
  evidence: restoreTests.evidence,
};

/** The last test (not withdrawn) of each given system, in one query. */
async function lastTests(ctx: ServiceContext, practiceId: string) {
  const rows = await ctx.tx
    .selectDistinctOn([restoreTests.systemId], lastTestColumns)
    .from(restoreTests)
    .where(
      and(
        eq(restoreTests.mspId, ctx.mspId),
        eq(restoreTests.practiceId, practiceId),
        isNull(restoreTests.withdrawnAt),
        sql`${restoreTests.systemId} is not null`,
      ),
    )
    .orderBy(restoreTests.systemId, desc(restoreTests.testedAt), desc(restoreTests.createdAt));
  return new Map(rows.map((row) => [row.systemId!, row]));
}

/** Every system of the practice, with its backup target (if it is backed up) and where its tests stand. */
export async function getBackupOverview(ctx: ServiceContext, practiceId: string, now = new Date()) {
  const practice = await practiceInScope(ctx, practiceId);
  const [rows, last] = await Promise.all([
    ctx.tx
      .select({
        systemId: systems.id,
        name: systems.name,
        category: systems.category,
        criticality: systems.criticality,
        targetVersion: backupTargets.version,
        cadenceDays: backupTargets.cadenceDays,
        rtoMinutes: backupTargets.rtoMinutes,
        rpoMinutes: backupTargets.rpoMinutes,
      })
      .from(systems)
      .leftJoin(
        backupTargets,
        and(eq(backupTargets.mspId, systems.mspId), eq(backupTargets.systemId, systems.id)),
      )
      .where(and(eq(systems.mspId, ctx.mspId), eq(systems.practiceId, practiceId)))
      .orderBy(asc(systems.name), asc(systems.id)),
    lastTests(ctx, practiceId),
  ]);
  const items = rows.map((row) => {
    const lastTest = last.get(row.systemId) ?? null;
    const target =
      row.cadenceDays === null
        ? null
        : {
            cadenceDays: row.cadenceDays,
            rtoMinutes: row.rtoMinutes!,
            rpoMinutes: row.rpoMinutes!,
            version: row.targetVersion!,
          };
    return {
      systemId: row.systemId,
      name: row.name,
      category: row.category,
      criticality: row.criticality,
      target,
      lastTest,
      status: target ? backupStatus(target, lastTest, now) : null,
    };
  });
  const tracked = items.filter((item) => item.status);
  return {
    practice: {
      id: practice.id,
      name: practice.name,
      timezone: practice.timezone,
      archived: Boolean(practice.archivedAt),
    },
    systems: items,
    summary: {
      tracked: tracked.length,
      overdue: tracked.filter((item) => item.status!.overdue).length,
      failing: tracked.filter((item) => item.status!.failing).length,
    },
  };
}

async function systemInPractice(ctx: ServiceContext, practiceId: string, systemId: string) {
  const [system] = await ctx.tx
    .select({ id: systems.id, name: systems.name })
    .from(systems)
    .where(
      and(
        eq(systems.mspId, ctx.mspId),
        eq(systems.practiceId, practiceId),
        eq(systems.id, systemId),
      ),
    );
  if (!system) throw new NotFoundError("System");
  return system;
}

export async function setBackupTarget(
  ctx: ServiceContext,
  input: z.infer<typeof setBackupTargetSchema>,
) {
  await practiceInScope(ctx, input.practiceId, "change");
  const system = await systemInPractice(ctx, input.practiceId, input.systemId);
  const fields = {
    cadenceDays: input.cadenceDays,
    rtoMinutes: input.rtoMinutes,
    rpoMinutes: input.rpoMinutes,
  };
  const saved =
    input.version === 0
      ? await ctx.tx
          .insert(backupTargets)
          .values({
            mspId: ctx.mspId,
            practiceId: input.practiceId,
            systemId: input.systemId,
            ...fields,
          })
          .onConflictDoNothing()
          .returning({ version: backupTargets.version })
      : await ctx.tx
          .update(backupTargets)
          .set({ ...fields, version: sql`${backupTargets.version} + 1`, updatedAt: new Date() })
          .where(
            and(
              eq(backupTargets.mspId, ctx.mspId),
              eq(backupTargets.systemId, input.systemId),
              eq(backupTargets.version, input.version),
            ),
          )
          .returning({ version: backupTargets.version });
  if (saved.length === 0)
    throw new ConflictError(
      `Someone else changed the backup targets of ${system.name} after you opened them. Reload to see theirs.`,
    );
  await recordAudit(ctx, {
    action: input.version === 0 ? "backup_target.create" : "backup_target.update",
    entityType: "system",
    entityId: system.id,
    practiceId: input.practiceId,
    summary: { system: system.name, ...fields },
  });
  return { version: saved[0]!.version };
}

/** Stops tracking a system's backups. Its recorded tests stay in the history. */
export async function removeBackupTarget(
  ctx: ServiceContext,
  input: z.infer<typeof backupTargetRefSchema>,
) {
  await practiceInScope(ctx, input.practiceId, "change");
  const system = await systemInPractice(ctx, input.practiceId, input.systemId);
  const removed = await ctx.tx
    .delete(backupTargets)
    .where(
      and(
        eq(backupTargets.mspId, ctx.mspId),
        eq(backupTargets.practiceId, input.practiceId),
        eq(backupTargets.systemId, input.systemId),
      ),
    )
    .returning({ id: backupTargets.id });
  if (removed.length === 0) throw new NotFoundError("Backup target");
  await recordAudit(ctx, {
    action: "backup_target.delete",
    entityType: "system",
    entityId: system.id,
    practiceId: input.practiceId,
    summary: { system: system.name },
  });
}

/**
 * Records a restore test against the system's targets. A test that fails or misses a target proposes
 * a risk in the register, unless the system already has an unresolved untested-backups risk.
 */
export async function recordRestoreTest(
  ctx: ServiceContext,
  input: z.infer<typeof recordRestoreTestSchema>,
  now = new Date(),
) {
  const practice = await practiceInScope(ctx, input.practiceId, "change");
  const system = await systemInPractice(ctx, input.practiceId, input.systemId);
  if (input.testedAt.getTime() > addMinutes(now, CLOCK_SKEW_MINUTES).getTime())
    throw new InvalidError("A test cannot be recorded in the future.", "testedAt");
  const [target] = await ctx.tx
    .select({
      cadenceDays: backupTargets.cadenceDays,
      rtoMinutes: backupTargets.rtoMinutes,
      rpoMinutes: backupTargets.rpoMinutes,
    })
    .from(backupTargets)
    .where(and(eq(backupTargets.mspId, ctx.mspId), eq(backupTargets.systemId, system.id)));
  if (!target)
    throw new InvalidError(
      `Set a test cadence and targets for ${system.name} before recording its tests.`,
      "systemId",
    );
  const { practiceId, ...fields } = input;
  const asTest: RestoreTest = {
    testedAt: input.testedAt,
    result: input.result,
    restoreMinutes: input.restoreMinutes,
    dataAgeMinutes: input.dataAgeMinutes,
  };
  const [previous] = await ctx.tx
    .select({ testedAt: restoreTests.testedAt })
    .from(restoreTests)
    .where(
      and(
        eq(restoreTests.mspId, ctx.mspId),
        eq(restoreTests.systemId, system.id),
        isNull(restoreTests.withdrawnAt),
        lte(restoreTests.testedAt, input.testedAt),
      ),
    )
    .orderBy(desc(restoreTests.testedAt))
    .limit(1);
  const onTime =
    !previous ||
    input.testedAt.getTime() <= addDays(previous.testedAt, target.cadenceDays).getTime();
  const [test] = await ctx.tx
    .insert(restoreTests)
    .values({
      mspId: ctx.mspId,
      practiceId,
      ...fields,
      systemName: system.name,
      rtoMinutes: target.rtoMinutes,
      rpoMinutes: target.rpoMinutes,
      onTime,
      passed: targetMisses(asTest, target).length === 0,
      recordedByUserId: ctx.actor.userId,
    })
    .returning({ id: restoreTests.id });
  await recordAudit(ctx, {
    action: "restore_test.record",
    entityType: "restore_test",
    entityId: test!.id,
    practiceId,
    summary: { system: system.name, result: input.result },
  });
  if (input.result === "fail")
    // Told in this transaction: a test that is not recorded tells no one. The message names the
    // system and the date, never the test's notes or evidence.
    await recordNotificationEvent(ctx, {
      kind: "backup.test_failed",
      practiceId,
      headline: `Restore test failed: ${system.name} (tested ${localDate(input.testedAt, practice.timezone)})`,
      status: "Failed",
      linkPath: `/practices/${practiceId}/backups`,
      dedupeKey: `backup.test_failed:${test!.id}`,
    });

  const lastTest = (await lastTests(ctx, practiceId)).get(system.id) ?? null;
  // A test backdated behind a newer one does not describe the system now: it proposes nothing.
  const proposal = lastTest?.id === test!.id ? proposedRisk(system.name, asTest, target) : null;
  let risk: { id: string; title: string; severity: string; isNew: boolean } | null = null;
  if (proposal) {
    const [existing] = await ctx.tx
      .select({ id: risks.id, title: risks.title, severity: risks.severity })
      .from(risks)
      .innerJoin(
        riskSystems,
        and(eq(riskSystems.mspId, risks.mspId), eq(riskSystems.riskId, risks.id)),
      )
      .where(
        and(
          eq(risks.mspId, ctx.mspId),
          eq(riskSystems.systemId, system.id),
          eq(risks.category, "untested_backups"),
          sql`${risks.status} <> 'resolved'`,
        ),
      )
      .limit(1);
    risk = existing
      ? { ...existing, isNew: false }
      : {
          ...(await insertRisk(
            ctx,
            practiceId,
            { ...proposal, owner: "", systemIds: [system.id] },
            { fromRestoreTestId: test!.id },
          )),
          isNew: true,
        };
  }
  return { id: test!.id, status: backupStatus(target, lastTest, now), risk };
}

export async function listRestoreTests(
  ctx: ServiceContext,
  input: z.infer<typeof listRestoreTestsSchema>,
) {
  await practiceInScope(ctx, input.practiceId);
  const where = and(
    eq(restoreTests.mspId, ctx.mspId),
    eq(restoreTests.practiceId, input.practiceId),
    input.systemId ? eq(restoreTests.systemId, input.systemId) : undefined,
  );
  const [items, [total]] = await Promise.all([
    ctx.tx
      .select({
        ...lastTestColumns,
        systemName: restoreTests.systemName,
        withdrawnAt: restoreTests.withdrawnAt,
        withdrawnReason: restoreTests.withdrawnReason,
      })
      .from(restoreTests)
      .where(where)
      .orderBy(desc(restoreTests.testedAt), desc(restoreTests.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    ctx.tx.select({ value: count() }).from(restoreTests).where(where),
  ]);
  return { items, total: total?.value ?? 0, page: input.page, pageSize: input.pageSize };
}

/** A test recorded in error is withdrawn (kept, with the reason), never deleted. */
export async function withdrawRestoreTest(
  ctx: ServiceContext,
  input: z.infer<typeof withdrawRestoreTestSchema>,
  now = new Date(),
) {
  await practiceInScope(ctx, input.practiceId, "change");
  const [withdrawn] = await ctx.tx
    .update(restoreTests)
    .set({ withdrawnAt: now, withdrawnReason: input.reason })
    .where(
      and(
        eq(restoreTests.mspId, ctx.mspId),
        eq(restoreTests.practiceId, input.practiceId),
        eq(restoreTests.id, input.testId),
        isNull(restoreTests.withdrawnAt),
      ),
    )
    .returning({ id: restoreTests.id, systemName: restoreTests.systemName });
  if (!withdrawn) throw new NotFoundError("Restore test");
  await recordAudit(ctx, {
    action: "restore_test.withdraw",
    entityType: "restore_test",
    entityId: withdrawn.id,
    practiceId: input.practiceId,
    summary: { system: withdrawn.systemName, reason: input.reason },
  });
}
