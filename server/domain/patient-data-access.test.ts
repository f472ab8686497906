import { describe, expect, test } from "vitest";
import {
  gainsPatientDataAccess,
  mayWorkPatientData,
  patientDataAccessStarts,
  PATIENT_DATA_DELAY_HOURS,
} from "./patient-data-access";

const a = "11111111-1111-4111-8111-111111111111";
const b = "22222222-2222-4222-8222-222222222222";

describe("gainsPatientDataAccess", () => {
  test("an admin or leadership becoming a technician or practice manager gains access", () => {
    expect(
      gainsPatientDataAccess(
        { role: "admin", practiceIds: [] },
        { role: "technician", practiceIds: [] },
      ),
    ).toBe(true);
    expect(
      gainsPatientDataAccess(
        { role: "leadership", practiceIds: [a] },
        { role: "practice_manager", practiceIds: [a] },
      ),
    ).toBe(true);
  });

  test("a practice manager becoming a technician, or given another practice, gains access", () => {
    expect(
      gainsPatientDataAccess(
        { role: "practice_manager", practiceIds: [a] },
        { role: "technician", practiceIds: [] },
      ),
    ).toBe(true);
    expect(
      gainsPatientDataAccess(
        { role: "practice_manager", practiceIds: [a] },
        { role: "practice_manager", practiceIds: [a, b] },
      ),
    ).toBe(true);
  });

  test("narrowing or keeping access, and roles without patient data, gain nothing", () => {
    expect(
      gainsPatientDataAccess(
        { role: "technician", practiceIds: [] },
        { role: "practice_manager", practiceIds: [a] },
      ),
    ).toBe(false);
    expect(
      gainsPatientDataAccess(
        { role: "practice_manager", practiceIds: [a, b] },
        { role: "practice_manager", practiceIds: [b] },
      ),
    ).toBe(false);
    expect(
      gainsPatientDataAccess(
        { role: "technician", practiceIds: [] },
        { role: "admin", practiceIds: [] },
      ),
    ).toBe(false);
    expect(
      gainsPatientDataAccess(
        { role: "technician", practiceIds: [] },
        { role: "leadership", practiceIds: [a] },
      ),
    ).toBe(false);
  });
});

test("access gained now begins a day later; the role must still allow it", () => {
  const now = new Date("2026-03-02T10:00:00Z");
  const from = patientDataAccessStarts(now);
  expect(from.getTime() - now.getTime()).toBe(PATIENT_DATA_DELAY_HOURS * 3_600_000);
  expect(mayWorkPatientData({ role: "technician", patientDataAccessFrom: from }, now)).toBe(false);
  expect(mayWorkPatientData({ role: "technician", patientDataAccessFrom: from }, from)).toBe(true);
  expect(mayWorkPatientData({ role: "admin", patientDataAccessFrom: now }, from)).toBe(false);
});
