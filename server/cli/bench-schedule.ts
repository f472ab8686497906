/**
 * The schedule copy's figures for npm run bench: one practice's week of 5,000 appointments and
 * 4,000 patients read from the FHIR test server on loopback and stored by one worker (first sync,
 * then a re-sync with nothing changed), with the worker's peak resident memory.
 */
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { spawnWorker } from "@/server/cli/worker-process";
import type { ServiceContext } from "@/server/services/context";
import { startFhirTestServer } from "@/server/test/fhir-server";
import { machineLine, passMark as pass, today } from "./bench-support";

const TARGETS = { syncWithinS: 30, workerPeakMb: 250 };
const APPOINTMENTS = 5_000;
const PATIENTS = 4_000;

function rssMb(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8")
      .split("\n")
      .find((entry) => entry.startsWith("VmRSS:"));
    return Number(line?.match(/\d+/)?.[0] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Runs against a bench database whose MSP (`mspId`) has practices; returns the BENCHMARKS section. */
export async function measureScheduleSync({
  ownerUrl,
  appUrl,
  authSecret,
  mspId,
}: {
  ownerUrl: string;
  appUrl: string;
  authSecret: string;
  mspId: string;
}): Promise<string> {
  const patientDataKey = BENCH_PATIENT_DATA_KEY;
  process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
  process.env.AUTH_SECRET = authSecret;
  process.env.PATIENT_DATA_KEY = patientDataKey;
  const { withTenant } = await import("@/db/tenant");
  const { saveFhirConnection, syncScheduleNow } =
    await import("@/server/services/schedule/settings");
  const { publishedJwks } = await import("@/server/services/schedule/jwks");
  const { syncWindow } = await import("@/server/services/schedule/sync");
  const { jwksDocument } = await import("@/server/domain/smart-keys");
  const owner = postgres(ownerUrl, { max: 2, onnotice: () => {} });
  let connectionId = "";
  const fhir = await startFhirTestServer({
    clientId: "standby-bench",
    jwks: async () => jwksDocument((await publishedJwks(connectionId)) ?? []),
    maxPageSize: 200,
  });
  const worker = spawnWorker({
    env: {
      ...process.env,
      APP_DATABASE_URL: appUrl,
      DATABASE_URL: undefined,
      AUTH_SECRET: authSecret,
      PATIENT_DATA_KEY: patientDataKey,
      OUTBOUND_ALLOWLIST: "127.0.0.1",
      NODE_ENV: "production",
    },
    stdio: "ignore",
  });
  try {
    const [practice] = await owner<{ id: string; timezone: string }[]>`
      select id, timezone from practices where msp_id = ${mspId} order by name limit 1`;
    const { from } = syncWindow(new Date(), practice!.timezone, 7);
    fhir.seedSchedule({ from, days: 7, appointments: APPOINTMENTS, patients: PATIENTS });
    const as = <T>(run: (ctx: ServiceContext) => Promise<T>) =>
      withTenant({ mspId, userId: null, role: "technician", practiceIds: "*" }, (tx) =>
        run({
          tx,
          mspId,
          actor: { userId: null, name: "Bench", role: "technician" },
          practiceIds: "*",
        }),
      );
    const saved = await as((ctx) =>
      saveFhirConnection(
        ctx,
        {
          practiceId: practice!.id,
          version: 0,
          fhirBaseUrl: fhir.baseUrl,
          clientId: "standby-bench",
          syncIntervalMinutes: 1440,
          syncDaysAhead: 7,
          retentionDays: 14,
        },
        "http://localhost",
      ),
    );
    connectionId = saved!.id;

    /** Sync now, and wait until the copy says it was refreshed; the worker's peak memory meanwhile. */
    const syncOnce = async () => {
      const [before] = await owner<{ refreshed_at: Date | null }[]>`
        select refreshed_at from schedule_connections where id = ${connectionId}`;
      const startedAt = performance.now();
      await as((ctx) => syncScheduleNow(ctx, practice!.id, "http://localhost"));
      let peakMb = 0;
      while (performance.now() - startedAt < 180_000) {
        peakMb = Math.max(peakMb, rssMb(worker.pid!));
        const [row] = await owner<{ refreshed_at: Date | null; last_error: string | null }[]>`
          select refreshed_at, last_error from schedule_connections where id = ${connectionId}`;
        if (row?.last_error) throw new Error(`The bench sync failed: ${row.last_error}`);
        if (row?.refreshed_at && row.refreshed_at.getTime() !== before?.refreshed_at?.getTime())
          break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return { seconds: (performance.now() - startedAt) / 1000, peakMb };
    };
    const first = await syncOnce();
    const [counts] = await owner<{ appointments: number; patients: number }[]>`
      select (select count(*)::int from schedule_appointments where practice_id = ${practice!.id}) as appointments,
             (select count(*)::int from schedule_patients where practice_id = ${practice!.id}) as patients`;
    const again = await syncOnce();
    const peakMb = Math.max(first.peakMb, again.peakMb);
    return [
      `## Schedule copy — ${today()}`,
      "",
      `Machine: ${machineLine()}. One practice; the FHIR test server on loopback (SMART token, pages of 200 with _include); one worker (\`npm run worker\`'s flags).`,
      "",
      "| Measure | Figure | Target |",
      "| --- | --- | --- |",
      `| First sync: ${APPOINTMENTS.toLocaleString("en-US")} appointments and ${PATIENTS.toLocaleString("en-US")} patients over 7 days, from "Sync now" to the copy refreshed | ${first.seconds.toFixed(1)} s (${counts!.appointments.toLocaleString("en-US")} appointments, ${counts!.patients.toLocaleString("en-US")} patients stored, sealed) | ≤ ${TARGETS.syncWithinS} s: ${pass(first.seconds <= TARGETS.syncWithinS && counts!.appointments === APPOINTMENTS)} |`,
      `| Re-sync with nothing changed (every version compared, nothing rewritten) | ${again.seconds.toFixed(1)} s | – |`,
      `| The worker's peak resident memory during both | ${peakMb.toFixed(0)} MB | < ${TARGETS.workerPeakMb} MB: ${pass(peakMb < TARGETS.workerPeakMb)} |`,
      "",
    ].join("\n");
  } finally {
    worker.kill("SIGTERM");
    await new Promise((resolve) => worker.once("exit", resolve));
    await fhir.close();
    await owner.end();
  }
}

/** The patient-data key the benchmark's app, worker and planting share. */
export const BENCH_PATIENT_DATA_KEY = "benchmark-patient-data-key-not-for-production-01";

/**
 * A technician (who may read patient data) and a 120-appointment day today at `practiceId`, in its
 * copy: what the continuity schedule page is measured with. Returns the technician's email.
 */
export async function plantScheduleDay({
  ownerUrl,
  mspId,
  practiceId,
  passwordHash,
  authSecret,
}: {
  ownerUrl: string;
  mspId: string;
  practiceId: string;
  passwordHash: string;
  authSecret: string;
}): Promise<string> {
  // This process seals the patients as the app would: with the app's environment.
  process.env.AUTH_SECRET = authSecret;
  process.env.PATIENT_DATA_KEY = BENCH_PATIENT_DATA_KEY;
  const { withTenant } = await import("@/db/tenant");
  const { applyScheduleSnapshot } = await import("@/server/services/schedule/copy-store");
  const { syncWindow } = await import("@/server/services/schedule/sync");
  const email = "front-desk@bench-large.example";
  const owner = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    const [practice] = await owner<{ timezone: string }[]>`
      select timezone from practices where id = ${practiceId}`;
    await owner.begin(async (tx) => {
      await tx`select set_config('app.msp_id', ${mspId}, true), set_config('app.role', 'admin', true), set_config('app.practice_ids', '*', true)`;
      await tx`insert into users (msp_id, email, name, role, password_hash, patient_data_access_from)
        values (${mspId}, ${email}, 'Bench Front Desk', 'technician', ${passwordHash}, now() - interval '2 days')`;
      await tx`insert into schedule_connections (msp_id, practice_id, source, refreshed_at)
        values (${mspId}, ${practiceId}, 'csv', now())`;
    });
    const { from, to } = syncWindow(new Date(), practice!.timezone, 1);
    const providers = ["Dr. Ada Moss", "Dr. Ben Ortiz", "Dr. Chen Li"];
    const sites = ["Main office", "North clinic"];
    const appointments = Array.from({ length: 120 }, (_, index) => ({
      resourceId: `bench-a-${index}`,
      versionId: "1",
      patientResourceId: `bench-p-${index}`,
      // From 08:00 local, every 4 minutes per provider across the working day.
      startsAt: new Date(from.getTime() + (8 * 60 + Math.floor(index / 3) * 12) * 60_000),
      minutes: 15,
      providerName: providers[index % 3]!,
      locationName: sites[index % 2]!,
      visitType: index % 5 === 0 ? "New patient" : "Follow-up",
      status: "booked" as const,
    }));
    const patients = appointments.map((appointment, index) => ({
      resourceId: appointment.patientResourceId,
      versionId: "1",
      name: `Bench Patient ${index + 1}`,
      phone: `+1608555${String(1000 + index).slice(-4)}`,
      email: null,
      preferredLanguage: index % 4 === 0 ? "es" : "en",
      birthDate: "1970-01-01",
    }));
    await withTenant({ mspId, userId: null, role: "system", practiceIds: "*" }, (tx) =>
      applyScheduleSnapshot(
        tx,
        { mspId, practiceId, source: "csv" },
        {
          from,
          to,
          appointments,
          patients,
        },
      ),
    );
    // As autovacuum would within a minute of the copy's first sync: the planner's statistics.
    await owner`analyze schedule_appointments, schedule_patients`;
    return email;
  } finally {
    await owner.end();
  }
}

/**
 * An outage open at the practice, as the front desk meets the continuity schedule: with it, every
 * appointment of the day carries its four mark buttons.
 */
export async function declareScheduleOutage(ownerUrl: string, mspId: string, practiceId: string) {
  const owner = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    await owner`
      insert into incidents (msp_id, practice_id, title, severity, patient_care_interrupted, started_at,
                             status, scope, owner_name, last_seq, created_by_name)
      values (${mspId}, ${practiceId}, 'EHR down', 'critical', true, now() - interval '40 minutes',
              'investigating', 'local', 'Bench Front Desk', 0, 'Bench Front Desk')`;
  } finally {
    await owner.end();
  }
}

export async function practiceTimezone(ownerUrl: string, practiceId: string): Promise<string> {
  const owner = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    const [practice] = await owner<{ timezone: string }[]>`
      select timezone from practices where id = ${practiceId}`;
    return practice!.timezone;
  } finally {
    await owner.end();
  }
}
