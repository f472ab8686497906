import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/db/tenant";
import type { ScheduleSnapshot } from "@/server/domain/schedule-copy";
import { createMsp, ownerSql, type TestMsp } from "@/server/test/fixtures";
import { applyScheduleSnapshot } from "./copy-store";

let msp: TestMsp;
const day = new Date("2026-12-08T00:00:00Z");
const at = (hour: number) => new Date(day.getTime() + hour * 3_600_000);

function snapshot(appointments: ScheduleSnapshot["appointments"]): ScheduleSnapshot {
  return {
    from: day,
    to: new Date(day.getTime() + 86_400_000),
    patients: [
      {
        resourceId: "pat-1",
        versionId: "1",
        name: "Zebulon Quartermaine",
        phone: "+15555550123",
        email: "zq@example.test",
        preferredLanguage: "es",
        birthDate: "1961-04-02",
      },
    ],
    appointments,
  };
}
const appointment = (resourceId: string, versionId: string, hour = 9) => ({
  resourceId,
  versionId,
  patientResourceId: "pat-1",
  startsAt: at(hour),
  minutes: 20,
  providerName: "Dr. Ada Moss",
  locationName: "Main street",
  visitType: "Follow-up",
  status: "booked" as const,
});

const apply = (data: ScheduleSnapshot, practiceId = msp.practices[0].id) =>
  withTenant({ mspId: msp.id, userId: null, role: "system", practiceIds: "*" }, (tx) =>
    applyScheduleSnapshot(tx, { mspId: msp.id, practiceId, source: "fhir" }, data),
  );

beforeAll(async () => {
  msp = await createMsp("Schedule store");
});
afterAll(async () => {});

describe("storing a schedule snapshot", () => {
  it("writes new rows, then nothing on an identical re-run, then only what changed", async () => {
    const first = await apply(snapshot([appointment("a-1", "1"), appointment("a-2", "1", 10)]));
    expect(first).toEqual({ patientsWritten: 1, appointmentsWritten: 2, unchanged: 0, removed: 0 });
    const again = await apply(snapshot([appointment("a-1", "1"), appointment("a-2", "1", 10)]));
    expect(again).toEqual({ patientsWritten: 0, appointmentsWritten: 0, unchanged: 3, removed: 0 });
    const changed = await apply(
      snapshot([{ ...appointment("a-1", "2"), status: "cancelled" }, appointment("a-2", "1", 10)]),
    );
    expect(changed.appointmentsWritten).toBe(1);
    const [row] = await ownerSql()<{ status: string }[]>`
      select status from schedule_appointments where msp_id = ${msp.id} and resource_id = 'a-1'`;
    expect(row?.status).toBe("cancelled");
  });

  it("marks an appointment of the window the EHR no longer returns as removed, and brings it back", async () => {
    const gone = await apply(snapshot([appointment("a-1", "2")]));
    expect(gone.removed).toBe(1);
    const [row] = await ownerSql()<{ removed_at: Date | null }[]>`
      select removed_at from schedule_appointments where msp_id = ${msp.id} and resource_id = 'a-2'`;
    expect(row?.removed_at).not.toBeNull();
    const back = await apply(snapshot([appointment("a-1", "2"), appointment("a-2", "1", 10)]));
    expect(back.appointmentsWritten).toBe(1);
    const [again] = await ownerSql()<{ removed_at: Date | null }[]>`
      select removed_at from schedule_appointments where msp_id = ${msp.id} and resource_id = 'a-2'`;
    expect(again?.removed_at).toBeNull();
  });

  it("keeps no plaintext patient data: the table's raw bytes hold none of the names, phones or birth dates", async () => {
    const rows = await ownerSql()<{ raw: string }[]>`
      select t::text as raw from schedule_patients t where msp_id = ${msp.id}`;
    expect(rows.length).toBeGreaterThan(0);
    for (const { raw } of rows) {
      for (const plain of ["Zebulon", "Quartermaine", "5555550123", "zq@example", "1961-04-02"])
        expect(raw).not.toContain(plain);
    }
    // And on disk: the heap pages of the table, read as bytes.
    await ownerSql()`checkpoint`;
    const [file] = await ownerSql()<{ bytes: Buffer }[]>`
      select pg_read_binary_file(pg_relation_filepath('schedule_patients')) as bytes`;
    expect(file!.bytes.length).toBeGreaterThan(0);
    expect(file!.bytes.includes("Quartermaine")).toBe(false);
    expect(file!.bytes.includes("Zebulon")).toBe(false);
  });

  it("is refused to a role other than the sync's without routine patient-data access (row-level security)", async () => {
    await expect(
      withTenant({ mspId: msp.id, userId: msp.admin.id, role: "admin", practiceIds: "*" }, (tx) =>
        applyScheduleSnapshot(
          tx,
          { mspId: msp.id, practiceId: msp.practices[0].id, source: "fhir" },
          snapshot([appointment("a-9", "1")]),
        ),
      ),
    ).rejects.toThrow();
  });
});
