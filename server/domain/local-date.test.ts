import { expect, test } from "vitest";
import { localDate } from "./local-date";

test("today depends on the practice's time zone", () => {
  const lateEvening = new Date("2026-11-30T03:30:00Z");
  expect(localDate(lateEvening, "UTC")).toBe("2026-11-30");
  expect(localDate(lateEvening, "America/Denver")).toBe("2026-11-29");
  expect(localDate(lateEvening, "Asia/Tokyo")).toBe("2026-11-30");
});
