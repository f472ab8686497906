/**
 * The cause, not its consequences: from a practice's dependency map and its monitors' states, which
 * failing systems are causes (each opens one suspected outage) and which monitors only fail because
 * something they depend on is down ("unreachable: Internet is down"). Redundancy is respected: one
 * of two circuits down stops nothing; what depends on the pair is degraded, not down. Pure.
 */
import { stoppedBy, type DependencyGraph } from "./dependency-graph";

export type CauseMonitor = {
  id: string;
  systemId: string;
  /** down: counted as a cause; failing (pending with failures): can explain others, opens nothing. */
  state: "down" | "failing" | "ok";
};

export type CauseAnalysis = {
  /** Systems with a down monitor that nothing else explains, each with its down monitors. */
  causes: { systemId: string; monitorIds: string[]; effect: "down" | "degraded" }[];
  /** Failing monitors explained by another system: monitor id → the systems that are down for it. */
  unreachable: Map<string, string[]>;
  /** Systems still running, but on a redundancy group with a member down. */
  degraded: string[];
};

function groupsOf(graph: DependencyGraph) {
  const partners = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (!partners.has(a)) partners.set(a, new Set());
    partners.get(a)!.add(b);
  };
  for (const { a, b } of graph.redundancies) {
    link(a, b);
    link(b, a);
  }
  /** The whole redundancy group of a system (transitive), itself included. */
  return (id: string): string[] => {
    const seen = new Set([id]);
    const queue = [id];
    while (queue.length > 0)
      for (const next of partners.get(queue.pop()!) ?? [])
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
    return [...seen];
  };
}

function ancestorsOf(graph: DependencyGraph) {
  const dependsOn = new Map<string, string[]>();
  for (const { from, to } of graph.dependencies)
    dependsOn.set(from, [...(dependsOn.get(from) ?? []), to]);
  /** Everything a system depends on, transitively. */
  return (id: string): Set<string> => {
    const seen = new Set<string>();
    const queue = [id];
    while (queue.length > 0)
      for (const next of dependsOn.get(queue.pop()!) ?? [])
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
    return seen;
  };
}

export function analyseCauses(
  graph: DependencyGraph,
  monitors: readonly CauseMonitor[],
): CauseAnalysis {
  const known = new Set(graph.systems.map((system) => system.id));
  const down = new Set<string>();
  const failing = new Set<string>();
  for (const monitor of monitors) {
    if (!known.has(monitor.systemId)) continue;
    if (monitor.state === "down") down.add(monitor.systemId);
    if (monitor.state !== "ok") failing.add(monitor.systemId);
  }
  // A failing system is explained when the other failing systems stop it through the map.
  const explained = new Set<string>();
  for (const systemId of failing) {
    const others = [...failing].filter((id) => id !== systemId);
    if (others.length > 0 && stoppedBy(graph, others).has(systemId)) explained.add(systemId);
  }
  const roots = [...failing].filter((id) => !explained.has(id));
  const groupOf = groupsOf(graph);
  const ancestors = ancestorsOf(graph);

  const causes: CauseAnalysis["causes"] = [];
  for (const systemId of down) {
    if (explained.has(systemId)) continue;
    const group = groupOf(systemId);
    const groupAllDown = group.every((member) => failing.has(member));
    causes.push({
      systemId,
      monitorIds: monitors
        .filter((monitor) => monitor.systemId === systemId && monitor.state === "down")
        .map((monitor) => monitor.id),
      effect: groupAllDown ? "down" : "degraded",
    });
  }

  const unreachable = new Map<string, string[]>();
  for (const monitor of monitors) {
    if (monitor.state === "ok" || !explained.has(monitor.systemId)) continue;
    const above = ancestors(monitor.systemId);
    const blamed = roots.filter((root) => above.has(root));
    unreachable.set(monitor.id, blamed.length > 0 ? blamed : roots);
  }

  // Degraded: not stopped, but depends (transitively) on a group with a failing member.
  const stopped = stoppedBy(graph, [...failing]);
  const partial = new Set<string>();
  for (const systemId of failing)
    for (const member of groupOf(systemId)) if (!failing.has(member)) partial.add(systemId);
  const degraded =
    partial.size === 0
      ? []
      : graph.systems
          .map((system) => system.id)
          .filter((id) => !stopped.has(id) && [...ancestors(id)].some((a) => partial.has(a)));
  return { causes, unreachable, degraded };
}

/** Several practices' causes on systems of one vendor, opened within the window: one vendor-wide outage. */
export function vendorWideOutbreak(
  opened: readonly { practiceId: string; vendorId: string | null; openedAt: Date }[],
  vendorId: string,
  now: Date,
  windowMinutes = 10,
): string[] {
  const since = now.getTime() - windowMinutes * 60_000;
  const practices = new Set(
    opened
      .filter((row) => row.vendorId === vendorId && row.openedAt.getTime() >= since)
      .map((row) => row.practiceId),
  );
  return practices.size >= 2 ? [...practices] : [];
}
