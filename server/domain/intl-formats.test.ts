import { describe, expect, test } from "vitest";
import { dateTimeFormat } from "./intl-formats";

describe("cached Intl date formats", () => {
  test("the same locale and options give the same formatter; different ones do not", () => {
    const day = { timeZone: "UTC", year: "numeric", month: "short", day: "numeric" } as const;
    expect(dateTimeFormat("en-US", day)).toBe(dateTimeFormat("en-US", { ...day }));
    expect(dateTimeFormat("en-US", day)).not.toBe(
      dateTimeFormat("en-US", { ...day, timeZone: "America/Chicago" }),
    );
    expect(dateTimeFormat("en-US", day).format(new Date("2027-03-01T00:00:00Z"))).toBe(
      "Mar 1, 2027",
    );
  });

  test("formats in many time zones stay correct while the cache starts again", () => {
    const moment = new Date("2027-03-01T12:00:00Z");
    for (let round = 0; round < 3; round++)
      for (const timeZone of Intl.supportedValuesOf("timeZone").slice(0, 400))
        expect(dateTimeFormat("en-US", { timeZone, hour: "numeric" }).format(moment)).toMatch(/\d/);
  });
});
