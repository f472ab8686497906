import superjson from "superjson";
import { describe, expect, test } from "vitest";
import { MAX_INPUT_DEPTH, readRequestInput, UnreadableInput } from "./request-input";

const nested = (depth: number): unknown => (depth === 0 ? "leaf" : { next: nested(depth - 1) });

describe("readRequestInput", () => {
  test("what Standby's client sends comes back as it was: dates, undefined, NaN, a shared object", () => {
    const shared = { level: 1 };
    const input = {
      at: new Date("2026-03-01T09:30:00Z"),
      gone: undefined,
      minutes: Number.NaN,
      contacts: [shared, shared],
      text: "x",
    };
    const revived = readRequestInput(superjson.serialize(input)) as typeof input;
    expect(revived.at).toBeInstanceOf(Date);
    expect(revived.at.toISOString()).toBe("2026-03-01T09:30:00.000Z");
    expect("gone" in revived && revived.gone === undefined).toBe(true);
    expect(revived.minutes).toBeNaN();
    expect(revived.contacts).toEqual([{ level: 1 }, { level: 1 }]);
    expect(readRequestInput({})).toBeUndefined();
    expect(readRequestInput(superjson.serialize(nested(MAX_INPUT_DEPTH - 1)))).toEqual(
      nested(MAX_INPUT_DEPTH - 1),
    );
  });

  test.each([
    ["bigint", { json: { a: "1".repeat(1_000) }, meta: { values: { a: ["bigint"] } } }],
    ["1e400 as a bigint", { json: { a: "1e400" }, meta: { values: { a: ["bigint"] } } }],
    ["map", { json: { a: [["k", 1]] }, meta: { values: { a: ["map"] } } }],
    ["set", { json: { a: [1] }, meta: { values: { a: ["set"] } } }],
    ["regexp", { json: { a: "/(a+)+$/" }, meta: { values: { a: ["regexp"] } } }],
    ["Error", { json: { a: { message: "x" } }, meta: { values: { a: ["Error"] } } }],
    ["a class", { json: { a: {} }, meta: { values: { a: [["class", "Evil"]] } } }],
    ["a custom type", { json: { a: {} }, meta: { values: { a: [["custom", "x"]] } } }],
    [
      "a typed array",
      { json: { a: [1] }, meta: { values: { a: [["typed-array", "Uint8Array"]] } } },
    ],
    ["the root as a bigint", { json: "9".repeat(100), meta: { values: ["bigint"] } }],
  ])("refuses a value revived as %s, with a plain message", (_name, payload) => {
    expect(() => readRequestInput(payload)).toThrow(UnreadableInput);
    expect(() => readRequestInput(payload)).toThrow(
      /^This request names a kind of value Standby does not accept|^This request could not be read/,
    );
  });

  test("refuses nesting past the limit, however deep, without recursing", () => {
    const deep = JSON.parse(`{"json":${"[".repeat(200_000)}${"]".repeat(200_000)}}`) as unknown;
    expect(() => readRequestInput(deep)).toThrow(/^This request is nested too deeply/);
    expect(() => readRequestInput(superjson.serialize(nested(MAX_INPUT_DEPTH + 1)))).toThrow(
      /nested too deeply/,
    );
    const deepMeta = {
      json: {},
      meta: {
        values: JSON.parse(`${'{"a":'.repeat(100_000)}["Date"]${"}".repeat(100_000)}`) as unknown,
      },
    };
    expect(() => readRequestInput(deepMeta)).toThrow(/nested too deeply/);
  });

  test("refuses shared objects that make a cycle, and unreadable shapes", () => {
    expect(() =>
      readRequestInput({
        json: { a: { b: {} } },
        meta: { referentialEqualities: { a: ["a.b.c"] } },
      }),
    ).toThrow(/nested too deeply/);
    expect(() =>
      readRequestInput({ json: { a: {} }, meta: { referentialEqualities: [["a.b"]] } }),
    ).toThrow(/nested too deeply/);
    expect(() =>
      readRequestInput({
        json: { a: {}, b: {} },
        meta: { referentialEqualities: { a: ["b.x"], b: ["a.y"] } },
      }),
    ).toThrow(/nested too deeply/);
    for (const payload of [
      null,
      "text",
      5,
      [1],
      { json: {}, meta: "x" },
      { json: {}, meta: { values: { a: [1] } } },
      { json: {}, meta: { other: 1 } },
    ]) {
      expect(() => readRequestInput(payload), JSON.stringify(payload)).toThrow(UnreadableInput);
    }
  });
});
