import "server-only";
import { and, asc, count, eq, isNotNull, sql } from "drizzle-orm";
import type { z } from "zod";
import {
  monitors,
  practiceSites,
  systemDependencies,
  systemRedundancies,
  systems,
  vendors,
} from "@/db/schema";
import {
  describeLoop,
  impactOf,
  loopCreatedBy,
  singlePointsOfFailure,
  type DependencyGraph,
} from "@/server/domain/dependency-graph";
import { systemMonitorStates } from "@/server/domain/monitor-summary";
import {
  starterDependencies,
  starterRedundancies,
  starterSystems,
} from "@/server/domain/starter-map";
import { ConflictError, InvalidError, NotFoundError } from "@/server/errors";
import { practiceInScope, recordAudit, type ServiceContext } from "./context";
import type {
  createSystemSchema,
  dependencySchema,
  redundancySchema,
  systemRefSchema,
  updateSystemSchema,
} from "@/server/contracts/dependencies";

/** Map changes of one practice run one at a time, so two links added at once cannot form a loop together. */
async function lockMap(ctx: ServiceContext, practiceId: string) {
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`map:${practiceId}`}))`);
}

export async function loadGraph(ctx: ServiceContext, practiceId: string) {
  const scope = (table: typeof systems | typeof systemDependencies | typeof systemRedundancies) =>
    and(eq(table.mspId, ctx.mspId), eq(table.practiceId, practiceId));
  const [systemRows, dependencyRows, redundancyRows] = await Promise.all([
    ctx.tx
      .select({
        id: systems.id,
        name: systems.name,
        category: systems.category,
        criticality: systems.criticality,
        owner: systems.owner,
        notes: systems.notes,
        version: systems.version,
        vendorId: systems.vendorId,
        vendorName: vendors.name,
        siteId: systems.siteId,
        siteName: practiceSites.name,
      })
      .from(systems)
      .leftJoin(vendors, and(eq(vendors.mspId, systems.mspId), eq(vendors.id, systems.vendorId)))
      .leftJoin(practiceSites, eq(practiceSites.id, systems.siteId))
      .where(scope(systems))
      .orderBy(asc(systems.name)),
    ctx.tx
      .select({ from: systemDependencies.systemId, to: systemDependencies.dependsOnId })
      .from(systemDependencies)
      .where(scope(systemDependencies)),
    ctx.tx
      .select({ a: systemRedundancies.systemAId, b: systemRedundancies.systemBId })
      .from(systemRedundancies)
      .where(scope(systemRedundancies)),
  ]);
  const graph: DependencyGraph = {
    systems: systemRows,
    dependencies: dependencyRows,
    redundancies: redundancyRows,
  };
  return { systems: systemRows, graph };
}

/**
 * The map with each system's monitors summed up (the worst state, how many in it, of how many): one
 * grouped read sent with the map's own reads on the same connection, not a read per system.
 */
export async function getMap(ctx: ServiceContext, practiceId: string) {
  await practiceInScope(ctx, practiceId);
  const [{ systems: rows, graph }, monitorRows] = await Promise.all([
    loadGraph(ctx, practiceId),
    ctx.tx
      .select({ systemId: monitors.systemId, status: monitors.status, monitors: count() })
      .from(monitors)
      .where(and(eq(monitors.mspId, ctx.mspId), eq(monitors.practiceId, practiceId)))
      .groupBy(monitors.systemId, monitors.status),
  ]);
  const monitorStates = systemMonitorStates(monitorRows);
  return {
    systems: rows.map((row) => ({
      ...row,
      monitorState: monitorStates.get(row.id) ?? null,
      dependsOn: graph.dependencies.filter((edge) => edge.from === row.id).map((edge) => edge.to),
      redundantWith: graph.redundancies.flatMap((pair) =>
        pair.a === row.id ? [pair.b] : pair.b === row.id ? [pair.a] : [],
      ),
    })),
    dependencies: graph.dependencies,
    redundancies: graph.redundancies,
    singlePointsOfFailure: singlePointsOfFailure(graph),
  };
}
export type DependencyMap = Awaited<ReturnType<typeof getMap>>;

export async function systemImpact(ctx: ServiceContext, input: z.infer<typeof systemRefSchema>) {
  await practiceInScope(ctx, input.practiceId);
  const { systems: rows, graph } = await loadGraph(ctx, input.practiceId);
  const system = rows.find((row) => row.id === input.systemId);
  if (!system) throw new NotFoundError("System");
  const stopped = new Set(impactOf(graph, input.systemId));
  return {
    system: { id: system.id, name: system.name },
    stops: rows
      .filter((row) => stopped.has(row.id))
      .map(({ id, name, criticality, category }) => ({ id, name, criticality, category })),
  };
}

async function assertReferences(
  ctx: ServiceContext,
  practiceId: string,
  input: { vendorId: string | null; siteId: string | null },
) {
  if (input.vendorId) {
    const [vendor] = await ctx.tx
      .select({ id: vendors.id })
      .from(vendors)
      .where(and(eq(vendors.mspId, ctx.mspId), eq(vendors.id, input.vendorId)));
    if (!vendor) throw new InvalidError("Choose a vendor from your catalog.", "vendorId");
  }
  if (input.siteId) {
    const [site] = await ctx.tx
      .select({ id: practiceSites.id })
      .from(practiceSites)
      .where(
        and(
          eq(practiceSites.mspId, ctx.mspId),
          eq(practiceSites.practiceId, practiceId),
          eq(practiceSites.id, input.siteId),
        ),
      );
    if (!site) throw new InvalidError("Choose one of this practice's sites.", "siteId");
  }
}

async function assertNameFree(
  ctx: ServiceContext,
  practiceId: string,
  name: string,
  exceptId?: string,
) {
  const [taken] = await ctx.tx
    .select({ id: systems.id })
    .from(systems)
    .where(
      and(
        eq(systems.mspId, ctx.mspId),
        eq(systems.practiceId, practiceId),
        sql`lower(${systems.name}) = lower(${name})`,
      ),
    );
  if (taken && taken.id !== exceptId)
    throw new InvalidError(`This practice already has a system called “${name}”.`, "name");
}

export async function createSystem(ctx: ServiceContext, input: z.infer<typeof createSystemSchema>) {
  await practiceInScope(ctx, input.practiceId, "change");
  await assertReferences(ctx, input.practiceId, input);
  await assertNameFree(ctx, input.practiceId, input.name);
  const [created] = await ctx.tx
    .insert(systems)
    .values({ mspId: ctx.mspId, ...input })
    .returning({ id: systems.id });
  await recordAudit(ctx, {
    action: "system.create",
    entityType: "system",
    entityId: created!.id,
    practiceId: input.practiceId,
    summary: { name: input.name, criticality: input.criticality },
  });
  return { id: created!.id };
}

export async function updateSystem(ctx: ServiceContext, input: z.infer<typeof updateSystemSchema>) {
  await practiceInScope(ctx, input.practiceId, "change");
  await assertReferences(ctx, input.practiceId, input);
  await assertNameFree(ctx, input.practiceId, input.name, input.systemId);
  const { practiceId, systemId, version, ...fields } = input;
  const [updated] = await ctx.tx
    .update(systems)
    .set({ ...fields, version: sql`${systems.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(systems.mspId, ctx.mspId),
        eq(systems.practiceId, practiceId),
        eq(systems.id, systemId),
        eq(systems.version, version),
      ),
    )
    .returning({ version: systems.version });
  if (!updated) {
    const [exists] = await ctx.tx
      .select({ id: systems.id })
      .from(systems)
      .where(
        and(
          eq(systems.mspId, ctx.mspId),
          eq(systems.practiceId, practiceId),
          eq(systems.id, systemId),
        ),
      );
    if (!exists) throw new NotFoundError("System");
    throw new ConflictError(
      `${input.name} was changed by someone else after you opened it. Reload to see their changes.`,
    );
  }
  await recordAudit(ctx, {
    action: "system.update",
    entityType: "system",
    entityId: systemId,
    practiceId,
    summary: { name: input.name },
  });
  return { version: updated.version };
}

export async function deleteSystem(ctx: ServiceContext, input: z.infer<typeof systemRefSchema>) {
  await practiceInScope(ctx, input.practiceId, "change");
  await lockMap(ctx, input.practiceId);
  const [deleted] = await ctx.tx
    .delete(systems)
    .where(
      and(
        eq(systems.mspId, ctx.mspId),
        eq(systems.practiceId, input.practiceId),
        eq(systems.id, input.systemId),
      ),
    )
    .returning({ name: systems.name });
  if (!deleted) throw new NotFoundError("System");
  await recordAudit(ctx, {
    action: "system.delete",
    entityType: "system",
    entityId: input.systemId,
    practiceId: input.practiceId,
    summary: { name: deleted.name },
  });
}

export async function addDependency(ctx: ServiceContext, input: z.infer<typeof dependencySchema>) {
  await practiceInScope(ctx, input.practiceId, "change");
  await lockMap(ctx, input.practiceId);
  const { systems: rows, graph } = await loadGraph(ctx, input.practiceId);
  const nameOf = (id: string) => rows.find((row) => row.id === id)?.name ?? "unknown";
  if (
    !rows.some((row) => row.id === input.systemId) ||
    !rows.some((row) => row.id === input.dependsOnId)
  )
    throw new NotFoundError("System");
  if (
    graph.dependencies.some((edge) => edge.from === input.systemId && edge.to === input.dependsOnId)
  )
    throw new InvalidError(
      `${nameOf(input.systemId)} already depends on ${nameOf(input.dependsOnId)}.`,
    );
  const loop = loopCreatedBy(graph, { from: input.systemId, to: input.dependsOnId });
  if (loop)
    throw new InvalidError(
      `That link would make a loop: ${describeLoop(loop, nameOf)}. A system cannot depend on itself, even through others.`,
      "dependsOnId",
    );
  await ctx.tx.insert(systemDependencies).values({
    mspId: ctx.mspId,
    practiceId: input.practiceId,
    systemId: input.systemId,
    dependsOnId: input.dependsOnId,
  });
  await recordAudit(ctx, {
    action: "system.depend",
    entityType: "system",
    entityId: input.systemId,
    practiceId: input.practiceId,
    summary: { system: nameOf(input.systemId), dependsOn: nameOf(input.dependsOnId) },
  });
}

export async function removeDependency(
  ctx: ServiceContext,
  input: z.infer<typeof dependencySchema>,
) {
  await practiceInScope(ctx, input.practiceId, "change");
  const removed = await ctx.tx
    .delete(systemDependencies)
    .where(
      and(
        eq(systemDependencies.mspId, ctx.mspId),
        eq(systemDependencies.practiceId, input.practiceId),
        eq(systemDependencies.systemId, input.systemId),
        eq(systemDependencies.dependsOnId, input.dependsOnId),
      ),
    )
    .returning({ systemId: systemDependencies.systemId });
  if (removed.length === 0) throw new NotFoundError("That link");
  await recordAudit(ctx, {
    action: "system.undepend",
    entityType: "system",
    entityId: input.systemId,
    practiceId: input.practiceId,
    summary: { dependsOnId: input.dependsOnId },
  });
}

const ordered = (x: string, y: string) =>
  x < y ? { systemAId: x, systemBId: y } : { systemAId: y, systemBId: x };

export async function addRedundancy(ctx: ServiceContext, input: z.infer<typeof redundancySchema>) {
  await practiceInScope(ctx, input.practiceId, "change");
  if (input.systemId === input.otherId)
    throw new InvalidError("A system cannot stand in for itself.", "otherId");
  const { systems: rows, graph } = await loadGraph(ctx, input.practiceId);
  if (
    !rows.some((row) => row.id === input.systemId) ||
    !rows.some((row) => row.id === input.otherId)
  )
    throw new NotFoundError("System");
  if (
    graph.dependencies.some(
      (edge) =>
        (edge.from === input.systemId && edge.to === input.otherId) ||
        (edge.from === input.otherId && edge.to === input.systemId),
    )
  )
    throw new InvalidError(
      "A system cannot stand in for one it depends on, or that depends on it.",
      "otherId",
    );
  const added = await ctx.tx
    .insert(systemRedundancies)
    .values({
      mspId: ctx.mspId,
      practiceId: input.practiceId,
      ...ordered(input.systemId, input.otherId),
    })
    .onConflictDoNothing()
    .returning({ a: systemRedundancies.systemAId });
  if (added.length === 0) return;
  await recordAudit(ctx, {
    action: "system.redundant",
    entityType: "system",
    entityId: input.systemId,
    practiceId: input.practiceId,
    summary: { otherId: input.otherId },
  });
}

export async function removeRedundancy(
  ctx: ServiceContext,
  input: z.infer<typeof redundancySchema>,
) {
  await practiceInScope(ctx, input.practiceId, "change");
  const pair = ordered(input.systemId, input.otherId);
  const removed = await ctx.tx
    .delete(systemRedundancies)
    .where(
      and(
        eq(systemRedundancies.mspId, ctx.mspId),
        eq(systemRedundancies.practiceId, input.practiceId),
        eq(systemRedundancies.systemAId, pair.systemAId),
        eq(systemRedundancies.systemBId, pair.systemBId),
      ),
    )
    .returning({ a: systemRedundancies.systemAId });
  if (removed.length === 0) throw new NotFoundError("That redundancy");
  await recordAudit(ctx, {
    action: "system.not_redundant",
    entityType: "system",
    entityId: input.systemId,
    practiceId: input.practiceId,
    summary: { otherId: input.otherId },
  });
}

/** Adds the usual clinic systems and links that the practice does not have yet (matched by name). */
export async function applyStarterMap(ctx: ServiceContext, practiceId: string) {
  await practiceInScope(ctx, practiceId, "change");
  await lockMap(ctx, practiceId);
  const existing = await ctx.tx
    .select({ id: systems.id, name: systems.name })
    .from(systems)
    .where(and(eq(systems.mspId, ctx.mspId), eq(systems.practiceId, practiceId)));
  const known = new Set(existing.map((row) => row.name.toLowerCase()));
  const missing = starterSystems.filter((system) => !known.has(system.name.toLowerCase()));
  const created = missing.length
    ? await ctx.tx
        .insert(systems)
        .values(missing.map((system) => ({ mspId: ctx.mspId, practiceId, ...system })))
        .returning({ id: systems.id, name: systems.name })
    : [];
  const idOf = new Map([...existing, ...created].map((row) => [row.name.toLowerCase(), row.id]));
  const newIds = new Set(created.map((row) => row.id));
  // Only links that touch a system added now: a practice that pruned a link keeps it pruned.
  const links = starterDependencies
    .map(([from, to]) => ({
      systemId: idOf.get(from.toLowerCase())!,
      dependsOnId: idOf.get(to.toLowerCase())!,
    }))
    .filter((link) => newIds.has(link.systemId) || newIds.has(link.dependsOnId));
  if (links.length) {
    const { graph } = await loadGraph(ctx, practiceId);
    const safe = links.filter((link) => {
      const loop = loopCreatedBy(graph, { from: link.systemId, to: link.dependsOnId });
      if (!loop) graph.dependencies.push({ from: link.systemId, to: link.dependsOnId });
      return !loop;
    });
    if (safe.length)
      await ctx.tx
        .insert(systemDependencies)
        .values(safe.map((link) => ({ mspId: ctx.mspId, practiceId, ...link })))
        .onConflictDoNothing();
  }
  const pairs = starterRedundancies
    .map(([a, b]) => [idOf.get(a.toLowerCase())!, idOf.get(b.toLowerCase())!] as const)
    .filter(([a, b]) => newIds.has(a) || newIds.has(b));
  if (pairs.length)
    await ctx.tx
      .insert(systemRedundancies)
      .values(pairs.map(([a, b]) => ({ mspId: ctx.mspId, practiceId, ...ordered(a, b) })))
      .onConflictDoNothing();
  await recordAudit(ctx, {
    action: "system.starter_map",
    entityType: "practice",
    entityId: practiceId,
    practiceId,
    summary: { systemsAdded: created.length },
  });
  return { systemsAdded: created.length };
}

/** Vendors of the practice's critical systems: the packet lists their escalation contacts. */
export async function criticalVendorIds(
  ctx: ServiceContext,
  practiceId: string,
): Promise<string[]> {
  const rows = await ctx.tx
    .selectDistinct({ vendorId: systems.vendorId })
    .from(systems)
    .where(
      and(
        eq(systems.mspId, ctx.mspId),
        eq(systems.practiceId, practiceId),
        eq(systems.criticality, "critical"),
        isNotNull(systems.vendorId),
      ),
    );
  return rows.flatMap((row) => (row.vendorId ? [row.vendorId] : []));
}
