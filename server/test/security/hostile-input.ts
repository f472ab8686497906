/**
 * fast-check generators of malformed, oversized, wrong-typed and hostile inputs, built around a
 * procedure's valid input: one field (at any depth) replaced, a field dropped, extra keys added,
 * the whole input replaced, an object sent as an array, an array field made enormous.
 */
import fc from "fast-check";

const hostileTexts = [
  "' OR '1'='1",
  "'; drop table practices; --",
  "1; select pg_sleep(5)",
  "\\",
  "%_%",
  "$1",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(document.cookie)>",
  "javascript:alert(1)",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "x\uDFFFy",
  "\uD83D",
  "\u202Eevil",
  "\uFEFF\u200B\u200D",
  "Z\u0351\u036B\u0343\u036A\u0302\u036B\u033D\u034F\u0334\u0319\u0324\u031E",
  "𝕊𝕥𝕒𝕟𝕕𝕓𝕪 😀👩‍⚕️",
  "../../etc/passwd",
  "${7*7}{{7*7}}",
  "null",
  "undefined",
  "NaN",
  "-1",
  "1e309",
  " ",
  "",
  "\r\n\t",
  "2147483648",
  "9999-12-31",
  "0000-00-00",
  "2026-02-30",
  "2026-13-01T25:61:00Z",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "not-a-uuid",
  "x".repeat(100_000),
  "é".repeat(20_000),
  "😀".repeat(10_000),
  "\uD800".repeat(5_000),
];

const hostileDates: unknown[] = [
  new Date(8.64e15),
  new Date(-8.64e15),
  "+275760-09-13T00:00:00Z",
  "275760-09-13",
  "1969-12-31T23:59:59Z",
  "0001-01-01",
  new Date(Number.NaN),
  "yesterday",
  1e15,
];

const hostileNumbers = [
  -1,
  -0,
  0,
  0.5,
  -0.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31) - 1,
  2 ** 53,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  1e308,
  -1e308,
];

const wrongTypes: unknown[] = [
  null,
  undefined,
  true,
  false,
  [],
  {},
  [1, 2, 3],
  { $ne: null },
  { $gt: "" },
  new Date(Number.NaN),
  new Date(8.64e15),
  JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
  Array.from({ length: 5_000 }, () => "x"),
  { toString: "not a function" },
];

/** Values aimed at what a field holds (a number, a date, text), mixed with any hostile value. */
function hostileFor(current: unknown): fc.Arbitrary<unknown> {
  const aimed =
    typeof current === "number"
      ? fc.constantFrom<unknown>(...hostileNumbers, 2 ** 31, 2 ** 63)
      : current instanceof Date
        ? fc.constantFrom(...hostileDates)
        : typeof current === "string"
          ? fc.constantFrom<unknown>(
              ...hostileTexts,
              ...hostileDates.filter((date) => typeof date === "string"),
            )
          : fc.constantFrom(...wrongTypes);
  return fc.oneof({ weight: 3, arbitrary: aimed }, { weight: 1, arbitrary: hostileValue });
}

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...hostileTexts) },
  { weight: 2, arbitrary: fc.constantFrom(...hostileNumbers) },
  { weight: 2, arbitrary: fc.constantFrom(...wrongTypes) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2, maxKeys: 4 }) },
);

type Path = (string | number)[];

/** Every path into a value (objects and arrays), the value itself excluded. */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== "object" || value instanceof Date) return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  return entries.flatMap(([key, item]) => [[...prefix, key], ...pathsOf(item, [...prefix, key])]);
}

function valueAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (node, key) =>
      node === null || typeof node !== "object"
        ? undefined
        : (node as Record<string | number, unknown>)[key],
    root,
  );
}

function clone<T>(value: T): T {
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map(clone) as T;
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, clone(item)])) as T;
  return value;
}

function setAt(root: unknown, path: Path, value: unknown, remove = false): unknown {
  const copy = clone(root);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (remove) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

const extraKeys = [
  "mspId",
  "msp_id",
  "role",
  "practiceIds",
  "userId",
  "__proto__",
  "constructor",
  "isAdmin",
  "x".repeat(500),
];

export type HostileCase = { how: string; input: unknown };

/** Hostile inputs for a procedure whose valid input is `valid` (undefined when it takes none). */
export function hostileInputs(
  valid: Record<string, unknown> | undefined,
  fields: string[],
): fc.Arbitrary<HostileCase> {
  const paths = [
    ...pathsOf(valid),
    ...fields.filter((field) => !valid || !(field in valid)).map((field) => [field]),
  ];
  const cases: fc.Arbitrary<HostileCase>[] = [
    hostileValue.map((input) => ({ how: "the whole input replaced", input })),
    fc.tuple(fc.constantFrom(...extraKeys), hostileValue).map(([key, value]) => {
      const input: Record<string, unknown> = { ...(valid ?? {}) };
      Object.defineProperty(input, key, {
        value,
        enumerable: true,
        configurable: true,
        writable: true,
      });
      return { how: `an extra key ${key.slice(0, 20)}`, input };
    }),
    fc.constant({ how: "an array instead of the object", input: [valid ?? {}] }),
  ];
  if (paths.length) {
    cases.push(
      fc.constantFrom(...paths).chain((path) =>
        hostileFor(valueAt(valid, path)).map((value) => ({
          how: `${path.join(".")} replaced`,
          input: setAt(valid, path, value),
        })),
      ),
      fc.constantFrom(...paths).map((path) => ({
        how: `${path.join(".")} removed`,
        input: setAt(valid, path, undefined, true),
      })),
    );
    const arrays = paths.filter((path) => Array.isArray(valueAt(valid, path)));
    if (arrays.length)
      cases.push(
        fc.constantFrom(...arrays).map((path) => {
          const array = valueAt(valid, path) as unknown[];
          return {
            how: `${path.join(".")} with 10,000 items`,
            input: setAt(
              valid,
              path,
              Array.from({ length: 10_000 }, () => clone(array[0] ?? "x")),
            ),
          };
        }),
      );
  }
  // Replacing one field, at any depth, is the richest case: it is tried most often.
  return fc.oneof(...cases.map((arbitrary, index) => ({ arbitrary, weight: index === 3 ? 6 : 1 })));
}

/**
 * Every field of the valid input, one at a time, at the edge that breaks storage rather than
 * validation: a number past PostgreSQL's integer, half a surrogate pair in text, a date past the
 * year 9999. Deterministic, so these are tried on every run.
 */
export function edgeCases(valid: Record<string, unknown> | undefined): HostileCase[] {
  return pathsOf(valid).flatMap((path) => {
    const current = valueAt(valid, path);
    const edges =
      typeof current === "number"
        ? [2 ** 31]
        : current instanceof Date
          ? [new Date(8.64e15)]
          : typeof current === "string"
            ? ["\uD800"]
            : [];
    return edges.map((value) => ({
      how: `${path.join(".")} at the edge`,
      input: setAt(valid, path, value),
    }));
  });
}

/** Words of a JavaScript mistake showing through a message (unless the text was typed by someone: see textsIn). */
export const programmingErrorWords =
  /\[object Object\]|undefined|ZodError|TypeError|RangeError|Cannot read prop/;

/** A runtime's or parser's own words: what a person cannot act on ("Maximum call stack size exceeded", "Cannot convert 1e400 to a BigInt"). */
const internalJavaScriptWords =
  /Maximum call stack|Cannot convert|BigInt|is not valid JSON|Unexpected (token|end of JSON|non-whitespace)|in JSON at position|is not a function|is not iterable|Invalid array length/;

/** The text values in an input, which a message may rightly quote back, then or later (a name that reads "undefined"). */
export function textsIn(input: unknown): string[] {
  if (typeof input === "string") return [input];
  if (input === null || typeof input !== "object") return [];
  return Object.values(input).flatMap(textsIn);
}

/** A message a person can read: a sentence, not JSON, a stack trace, SQL or the database's words. */
export function humanReadableProblem(
  fullMessage: string,
  quoted: readonly string[] = [],
): string | null {
  const message = quoted
    .filter((text) => text.length >= 3)
    .reduce((rest, text) => rest.split(text).join(""), fullMessage);
  if (!fullMessage.trim()) return "empty message";
  if (message.length > 600) return `message of ${message.length} characters`;
  if (/^\s*[[{]/.test(message)) return "JSON in the message";
  if (/\n\s+at |\.ts:\d+|\.js:\d+/.test(message)) return "a stack trace in the message";
  if (
    /failed query|\bselect\b.+\bfrom\b|\binsert into\b|violates|constraint|syntax error|postgres|relation "|column "/i.test(
      message,
    )
  )
    return "SQL or a database error in the message";
  if (programmingErrorWords.test(message)) return "a programming error in the message";
  if (internalJavaScriptWords.test(message)) return "a JavaScript or parser message";
  return null;
}
