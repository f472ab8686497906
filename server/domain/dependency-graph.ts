/**
 * The dependency map as a graph: "A depends on B" edges, and redundancy between systems that can
 * stand in for each other (two internet circuits). Pure functions, linear or near-linear in the
 * size of the map, so they stay fast on maps of thousands of systems.
 */

export type Criticality = "critical" | "important" | "minor";
export type GraphSystem = { id: string; name: string; criticality: Criticality };
/** from depends on to. */
export type Dependency = { from: string; to: string };
/** Either system can do the other's job. */
export type Redundancy = { a: string; b: string };
export type DependencyGraph = {
  systems: GraphSystem[];
  dependencies: Dependency[];
  redundancies: Redundancy[];
};

function index(graph: DependencyGraph) {
  const dependsOn = new Map<string, string[]>();
  const dependents = new Map<string, string[]>();
  for (const system of graph.systems) {
    dependsOn.set(system.id, []);
    dependents.set(system.id, []);
  }
  for (const { from, to } of graph.dependencies) {
    dependsOn.get(from)?.push(to);
    dependents.get(to)?.push(from);
  }
  // Redundancy groups: connected components of the "redundant with" relation (union-find).
  const parent = new Map(graph.systems.map((system) => [system.id, system.id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let node = id; node !== root;) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const { a, b } of graph.redundancies)
    if (parent.has(a) && parent.has(b)) parent.set(find(a), find(b));
  const groups = new Map<string, string[]>();
  for (const system of graph.systems) {
    const root = find(system.id);
    groups.set(root, [...(groups.get(root) ?? []), system.id]);
  }
  const groupOf = (id: string) => groups.get(find(id)) ?? [id];
  return { dependsOn, dependents, groupOf };
}

/**
 * Everything that stops when these systems fail: the failed systems, and every system with a
 * dependency whose whole redundancy group has stopped, transitively.
 */
export function stoppedBy(graph: DependencyGraph, failed: readonly string[]): Set<string> {
  return stoppedWithIndex(index(graph), failed);
}

function stoppedWithIndex(
  graphIndex: ReturnType<typeof index>,
  failed: readonly string[],
): Set<string> {
  const { dependsOn, dependents, groupOf } = graphIndex;
  const stopped = new Set(failed.filter((id) => dependsOn.has(id)));
  const queue = [...stopped];
  const groupDown = (id: string) => groupOf(id).every((member) => stopped.has(member));
  while (queue.length > 0) {
    const down = queue.pop()!;
    // A system whose redundancy group just went down entirely can stop its partners' dependents too.
    for (const member of groupOf(down)) {
      for (const dependent of dependents.get(member) ?? []) {
        if (stopped.has(dependent)) continue;
        if ((dependsOn.get(dependent) ?? []).some(groupDown)) {
          stopped.add(dependent);
          queue.push(dependent);
        }
      }
    }
  }
  return stopped;
}

/** What stops if this one system fails, not counting the system itself. */
export function impactOf(graph: DependencyGraph, systemId: string): string[] {
  const stopped = stoppedBy(graph, [systemId]);
  stopped.delete(systemId);
  return [...stopped];
}

/**
 * Single points of failure: systems whose failure alone stops a critical system — another one that
 * depends on it, or itself when it is critical and nothing can stand in for it.
 */
export function singlePointsOfFailure(
  graph: DependencyGraph,
): { systemId: string; stopsCritical: string[] }[] {
  const graphIndex = index(graph);
  const critical = new Set(
    graph.systems.filter((system) => system.criticality === "critical").map((system) => system.id),
  );
  const result: { systemId: string; stopsCritical: string[] }[] = [];
  for (const system of graph.systems) {
    const stopped = stoppedWithIndex(graphIndex, [system.id]);
    const aloneInGroup = graphIndex.groupOf(system.id).length === 1;
    const stopsCritical = [...stopped].filter(
      (id) => critical.has(id) && (id !== system.id || aloneInGroup),
    );
    if (stopsCritical.length > 0) result.push({ systemId: system.id, stopsCritical });
  }
  return result;
}

/** A path from one system to another along "depends on" edges, or null (iterative DFS). */
function pathBetween(
  dependsOn: Map<string, string[]>,
  start: string,
  goal: string,
): string[] | null {
  const previous = new Map<string, string>([[start, start]]);
  const stack = [start];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === goal) {
      const path = [goal];
      for (let at = goal; at !== start;) path.unshift((at = previous.get(at)!));
      return path;
    }
    for (const next of dependsOn.get(node) ?? []) {
      if (!previous.has(next)) {
        previous.set(next, node);
        stack.push(next);
      }
    }
  }
  return null;
}

/**
 * Adding "from depends on to" closes a loop when to already depends on from; returns the loop as
 * system ids, first and last the same (from → to → … → from), or null when the edge is safe.
 */
export function loopCreatedBy(graph: DependencyGraph, edge: Dependency): string[] | null {
  if (edge.from === edge.to) return [edge.from, edge.from];
  const path = pathBetween(index(graph).dependsOn, edge.to, edge.from);
  return path ? [edge.from, ...path] : null;
}

/** Any loop already in the map (e.g. from an import), or null. */
export function findLoop(graph: DependencyGraph): string[] | null {
  const { dependsOn } = index(graph);
  const state = new Map<string, "open" | "done">();
  for (const root of dependsOn.keys()) {
    if (state.has(root)) continue;
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
    state.set(root, "open");
    while (stack.length > 0) {
      const frame = stack.at(-1)!;
      const targets = dependsOn.get(frame.id)!;
      if (frame.next >= targets.length) {
        state.set(frame.id, "done");
        stack.pop();
        continue;
      }
      const target = targets[frame.next++]!;
      if (state.get(target) === "open") {
        const ids = stack.map((entry) => entry.id);
        return [...ids.slice(ids.indexOf(target)), target];
      }
      if (!state.has(target)) {
        state.set(target, "open");
        stack.push({ id: target, next: 0 });
      }
    }
  }
  return null;
}

/** "EHR → Internet → EHR", for messages. */
export function describeLoop(loop: string[], nameOf: (id: string) => string): string {
  return loop.map(nameOf).join(" → ");
}
