import { describe, expect, test } from "vitest";
import { jobPayloadProblem } from "./job-payload";

describe("job payloads carry ids and plain values only", () => {
  test("ids, dates, codes, numbers, booleans and null pass", () => {
    expect(
      jobPayloadProblem({
        mspId: "0b6f1c9e-6a43-4c1e-9a53-0d6f7e2b8c11",
        practice_id: "0B6F1C9E-6A43-4C1E-9A53-0D6F7E2B8C11",
        day: "2026-12-01",
        at: "2026-12-01T07:40:00.000Z",
        event: "outage_declared",
        zone: "America/New_York",
        attempt: 3,
        urgent: true,
        previous: null,
      }),
    ).toBeNull();
    expect(jobPayloadProblem({})).toBeNull();
  });

  test("text that people wrote is refused, whatever the field is called", () => {
    for (const text of ["Jane Doe", "DOB 1961-04-02", "chart #4471 re-entered", "x".repeat(65), ""])
      expect(jobPayloadProblem({ note: text }), text).toMatch(/not text|must be/);
  });

  test("nested objects, arrays, odd keys and too many fields are refused", () => {
    expect(jobPayloadProblem({ patient: { name: "Jane" } })).toMatch(/must be an id/);
    expect(jobPayloadProblem({ ids: ["a"] })).toMatch(/must be an id/);
    expect(jobPayloadProblem({ "first name": "x" })).toMatch(/field name/);
    expect(jobPayloadProblem([])).toMatch(/object/);
    expect(jobPayloadProblem("x")).toMatch(/object/);
    expect(
      jobPayloadProblem(Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i]))),
    ).toMatch(/at most 20/);
    expect(jobPayloadProblem({ n: Number.NaN })).toMatch(/finite/);
  });
});
