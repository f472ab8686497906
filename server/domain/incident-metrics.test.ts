import { describe, expect, test } from "vitest";
import { median, minutesToFirstVendorContact } from "./incident-metrics";

const start = new Date("2026-11-29T09:00:00Z");
const at = (time: string) => new Date(`2026-11-29T${time}Z`);

describe("time to first vendor contact", () => {
  test("is null until someone contacts the vendor", () => {
    expect(minutesToFirstVendorContact(start, [])).toBeNull();
  });

  test("counts whole minutes to the earliest contact", () => {
    expect(
      minutesToFirstVendorContact(start, [at("10:30:00"), at("09:17:45"), at("09:40:00")]),
    ).toBe(17);
  });

  test("a contact logged before the recorded start counts as 0", () => {
    expect(minutesToFirstVendorContact(start, [at("08:50:00")])).toBe(0);
  });
});

describe("median", () => {
  test("is null for no values", () => {
    expect(median([])).toBeNull();
  });

  test("is the middle value, or the mean of the two middle values", () => {
    expect(median([42])).toBe(42);
    expect(median([30, 5, 12])).toBe(12);
    expect(median([10, 40, 20, 30])).toBe(25);
    expect(median([1, 2])).toBe(1.5);
  });

  test("leaves the input as it was", () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});
