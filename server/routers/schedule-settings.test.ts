/**
 * The schedule report upload (the CSV fallback): preview with per-row problems and no writes,
 * the upload refused whole while a row is bad, a good upload stored sealed, a re-upload that
 * updates instead of duplicating, the mapping remembered, and who may do it.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { localDate } from "@/server/domain/local-date";
import {
  auditRows,
  callerFor,
  createMsp,
  ownerSql,
  type Caller,
  type TestMsp,
} from "@/server/test/fixtures";

let msp: TestMsp;
let practiceId: string;
let manager: Caller;
let report: string;
const mapping = {
  date: "Appt Date",
  time: "Appt Time",
  minutes: "Duration",
  patientName: "Patient Name",
  birthDate: "DOB",
  phone: "Cell Phone",
  email: "Email",
  preferredLanguage: "Language",
  provider: "Provider",
  location: "Location",
  visitType: "Visit Type",
  status: "Status",
};

const appointmentCount = async () =>
  (
    await ownerSql()<{ n: number }[]>`
      select count(*)::int as n from schedule_appointments
      where practice_id = ${practiceId} and removed_at is null`
  )[0]!.n;

beforeAll(async () => {
  msp = await createMsp("Schedule report");
  practiceId = msp.practices[0].id;
  manager = await callerFor(msp.manager);
  const [practice] = await ownerSql()<{ timezone: string }[]>`
    select timezone from practices where id = ${practiceId}`;
  // The sample report's day, moved to the practice's today (reports far from today are refused).
  const [year, month, day] = localDate(new Date(), practice!.timezone).split("-");
  report = readFileSync("e2e/fixtures/schedule-report.csv", "utf8").replaceAll(
    "12/08/2026",
    `${month}/${day}/${year}`,
  );
});

describe("uploading the schedule report", () => {
  it("previews the guessed columns and each row's problems, without patient details, and writes nothing", async () => {
    const preview = await manager.scheduleSettings.previewReport({ practiceId, csv: report });
    expect(preview.mappingSource).toBe("guessed");
    expect(preview.mapping).toMatchObject({ date: "Appt Date", provider: "Provider" });
    if (!preview.ok) throw new Error(preview.error);
    const bad = preview.rows.filter((row) => row.errors.length > 0);
    expect(bad.length).toBeGreaterThan(0);
    expect(JSON.stringify(preview)).not.toContain("Evelyn");
    expect(JSON.stringify(preview)).not.toContain("010-4411");
    expect(await appointmentCount()).toBe(0);
  });

  it("refuses the upload while a row is bad, and saves nothing", async () => {
    await expect(
      manager.scheduleSettings.uploadReport({ practiceId, csv: report, mapping }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/line \d+/) });
    expect(await appointmentCount()).toBe(0);
  });

  it("stores the good report sealed, remembers the mapping, and a second upload updates instead of duplicating", async () => {
    // The report without its bad row.
    const preview = await manager.scheduleSettings.previewReport({ practiceId, csv: report });
    if (!preview.ok) throw new Error(preview.error);
    const bad = preview.rows.filter((row) => row.errors.length > 0).map((row) => row.line);
    const fixed = report
      .split("\n")
      .filter((_, index) => !bad.includes(index + 1))
      .join("\n");
    const first = await manager.scheduleSettings.uploadReport({
      practiceId,
      csv: fixed,
      mapping,
    });
    expect(first.appointments).toBeGreaterThan(10);
    expect(await appointmentCount()).toBe(first.appointments);
    const raw = await ownerSql()<{ raw: string }[]>`
      select t::text as raw from schedule_patients t where practice_id = ${practiceId}`;
    expect(raw.map((row) => row.raw).join("\n")).not.toContain("Marsh");

    const again = await manager.scheduleSettings.uploadReport({
      practiceId,
      csv: fixed,
      mapping,
    });
    expect(again.removed).toBe(0);
    expect(await appointmentCount()).toBe(first.appointments);

    const remembered = await manager.scheduleSettings.previewReport({ practiceId, csv: fixed });
    expect(remembered.mappingSource).toBe("remembered");
    const connection = await manager.scheduleSettings.get({ practiceId });
    expect(connection).toMatchObject({ source: "csv", stale: false });
    const audit = await auditRows(msp.id, { action: "schedule.report_uploaded" });
    expect(audit.length).toBe(2);
    expect(JSON.stringify(audit)).not.toContain("Marsh");
  });

  it("is for those who work patient data: not leadership, not an admin, not another practice's manager", async () => {
    const leadership = await callerFor(msp.leadership);
    await expect(
      leadership.scheduleSettings.previewReport({ practiceId, csv: report }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const admin = await callerFor(msp.admin);
    await expect(
      admin.scheduleSettings.uploadReport({ practiceId, csv: report, mapping }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      manager.scheduleSettings.previewReport({ practiceId: msp.practices[1].id, csv: report }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const other = await createMsp("Schedule report other");
    const stranger = await callerFor(other.technician);
    await expect(
      stranger.scheduleSettings.uploadReport({ practiceId, csv: report, mapping }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a report for a practice whose copy comes from its EHR", async () => {
    const technician = await callerFor(msp.technician);
    const second = msp.practices[1].id;
    await technician.scheduleSettings.saveFhir({
      practiceId: second,
      version: 0,
      fhirBaseUrl: "https://fhir.example.test/r4",
      clientId: "standby",
      syncIntervalMinutes: 15,
      syncDaysAhead: 7,
      retentionDays: 14,
    });
    await expect(
      technician.scheduleSettings.previewReport({ practiceId: second, csv: report }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/FHIR/) });
  });
});
