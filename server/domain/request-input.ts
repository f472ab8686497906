import superjson from "superjson";

/**
 * What a tRPC request's input may be, checked before superjson revives it. The browser's client
 * sends superjson: plain JSON plus `meta.values`, which names the values to revive. superjson would
 * revive any type it knows (an 8,000,000-digit `bigint` blocks the event loop for seconds, a
 * `Map`, a `RegExp`, an `Error`) and recurses once per level of nesting; Standby's inputs only ever
 * carry dates, `undefined` and the odd non-finite number (an emptied number field), a few levels
 * deep. Anything else is refused here with a plain message, in time linear in the input's size.
 */

/** Deepest nesting an input may have. Standby's deepest input (a plan's sections) is about 6 levels. */
export const MAX_INPUT_DEPTH = 32;
/** Revived types an input may name: the ones Standby's forms send. */
export const REVIVABLE_TYPES: ReadonlySet<string> = new Set(["Date", "undefined", "number"]);
/** Shared objects an input may name (superjson's referential equalities: a form's object used twice). */
const MAX_SHARED_PATHS = 1_000;

export class UnreadableInput extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnreadableInput";
  }
}

const unreadable = "This request could not be read. Reload the page and try again.";
const tooDeep = `This request is nested too deeply (more than ${MAX_INPUT_DEPTH} levels).`;

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object";

/** Throws when plain JSON nests deeper than the limit; iterative, so any depth is measured safely. */
function assertShallow(root: unknown, limit: number, message: string) {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (!isObject(value)) continue;
    if (depth >= limit) throw new UnreadableInput(message);
    for (const key in value) stack.push([value[key], depth + 1]);
  }
}

/** A superjson path ("a.b.0"): a string of at most a few segments. */
function assertPath(path: unknown) {
  if (typeof path !== "string") throw new UnreadableInput(unreadable);
  let segments = 1;
  for (let index = path.indexOf("."); index !== -1; index = path.indexOf(".", index + 1)) {
    if (++segments > MAX_INPUT_DEPTH * 2) throw new UnreadableInput(tooDeep);
  }
}

/** `meta.values`: a tree of [type] or [type, children] leaves under path keys; only plain type names from the allowed set. */
function assertValueAnnotations(tree: unknown) {
  const stack: [unknown, number][] = [[tree, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_INPUT_DEPTH) throw new UnreadableInput(tooDeep);
    if (Array.isArray(node)) {
      const [type, children, ...rest] = node as unknown[];
      if (typeof type !== "string" || rest.length) throw new UnreadableInput(unreadable);
      if (!REVIVABLE_TYPES.has(type))
        throw new UnreadableInput(
          `This request names a kind of value Standby does not accept (${type.slice(0, 20)}).`,
        );
      if (children !== undefined) stack.push([children, depth + 1]);
      continue;
    }
    if (!isObject(node)) throw new UnreadableInput(unreadable);
    for (const key in node) {
      assertPath(key);
      stack.push([node[key], depth + 1]);
    }
  }
}

/** `meta.referentialEqualities`: { path: [paths] } or [[rootPaths], { path: [paths] }?]; a bounded number of short paths. */
function assertEqualities(annotations: unknown) {
  let count = 0;
  const paths = (list: unknown) => {
    if (!Array.isArray(list)) throw new UnreadableInput(unreadable);
    for (const path of list) {
      assertPath(path);
      if (++count > MAX_SHARED_PATHS) throw new UnreadableInput(unreadable);
    }
  };
  const record = (value: unknown) => {
    if (!isObject(value) || Array.isArray(value)) throw new UnreadableInput(unreadable);
    for (const key in value) {
      assertPath(key);
      paths(value[key]);
    }
  };
  if (Array.isArray(annotations)) {
    const [root, other, ...rest] = annotations as unknown[];
    if (rest.length) throw new UnreadableInput(unreadable);
    paths(root);
    if (other !== undefined) record(other);
  } else record(annotations);
}

/**
 * After revival, shared objects may point back at an ancestor (a cycle that would send validation
 * into endless recursion): the revived value must be a tree or a DAG no deeper than the limit.
 */
function assertAcyclicAndShallow(root: unknown) {
  const heights = new Map<object, number>();
  const onPath = new Set<object>();
  const visit = (value: unknown, depth: number): number => {
    if (!isObject(value) || value instanceof Date) return 0;
    if (onPath.has(value) || depth >= MAX_INPUT_DEPTH) throw new UnreadableInput(tooDeep);
    const known = heights.get(value);
    if (known !== undefined) {
      if (depth + known > MAX_INPUT_DEPTH) throw new UnreadableInput(tooDeep);
      return known;
    }
    onPath.add(value);
    let height = 0;
    for (const key in value) height = Math.max(height, 1 + visit(value[key], depth + 1));
    onPath.delete(value);
    heights.set(value, height);
    return height;
  };
  visit(root, 0);
}

/**
 * The input of one call as the client sent it (superjson's { json, meta }), checked and revived.
 * Throws UnreadableInput, with a message for people, for anything Standby's own client never sends.
 */
export function readRequestInput(payload: unknown): unknown {
  if (!isObject(payload) || Array.isArray(payload)) throw new UnreadableInput(unreadable);
  const { json, meta } = payload as { json?: unknown; meta?: unknown };
  assertShallow(json, MAX_INPUT_DEPTH, tooDeep);
  if (meta !== undefined) {
    if (!isObject(meta) || Array.isArray(meta)) throw new UnreadableInput(unreadable);
    const { values, referentialEqualities, v, ...rest } = meta as {
      values?: unknown;
      referentialEqualities?: unknown;
      v?: unknown;
    };
    if (Object.keys(rest).length || (v !== undefined && v !== 1))
      throw new UnreadableInput(unreadable);
    if (values !== undefined) assertValueAnnotations(values);
    if (referentialEqualities !== undefined) assertEqualities(referentialEqualities);
  }
  let revived: unknown;
  try {
    revived = superjson.deserialize(
      payload as unknown as Parameters<typeof superjson.deserialize>[0],
    );
  } catch {
    // A path that leads nowhere, a date that is not one: never the library's own words.
    throw new UnreadableInput(unreadable);
  }
  assertAcyclicAndShallow(revived);
  return revived;
}
