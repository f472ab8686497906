/**
 * The demo's synthetic schedule copy: today's and tomorrow's appointments at one practice, in its
 * time zone, with invented patients (clearly fictional names, 555-01xx phone numbers). Stored as an
 * upload of the EHR's schedule report is, through applyScheduleSnapshot, sealed with the key given.
 */
import type { Transaction } from "@/db/client";
import * as schema from "@/db/schema";
import { localDate } from "@/server/domain/local-date";
import { patientKeyRing } from "@/server/domain/patient-box";
import type {
  AppointmentStatus,
  ScheduleAppointmentRecord,
  SchedulePatientRecord,
} from "@/server/domain/schedule-copy";
import { dayBounds, momentOfDay, shiftDay } from "@/server/domain/schedule-day";
import { applyScheduleSnapshot } from "@/server/services/schedule/copy-store";

const firstNames = [
  "Rosalind",
  "Bartholomew",
  "Ximena",
  "Mateo",
  "Cordelia",
  "Ignatius",
  "Lucía",
  "Joaquín",
  "Wilhelmina",
  "Percival",
  "Valentina",
  "Santiago",
  "Philippa",
  "Ambrose",
  "Marisol",
  "Thaddeus",
  "Esperanza",
  "Leopold",
  "Guadalupe",
  "Cornelius",
];
const lastNames = [
  "Quillfeather",
  "Marblewood",
  "Thistledown",
  "Copperkettle",
  "Lanternfield",
  "Applegarth",
  "Brambleworth",
  "Fernsby",
  "Hollowell",
  "Kettleby",
  "Larkspur",
  "Mossgrove",
  "Nettlefield",
  "Pebbleton",
  "Quincebury",
  "Rookwood",
  "Saltmarsh",
  "Tumbledown",
  "Willowmere",
  "Inkwell",
];
/** Spanish-speaking families: these patients prefer Spanish. */
const spanishFirstNames = new Set([
  "Ximena",
  "Mateo",
  "Lucía",
  "Joaquín",
  "Valentina",
  "Santiago",
  "Marisol",
  "Esperanza",
  "Guadalupe",
]);

const providers = [
  { name: "Dr. Helena Brightwater", sites: ["Main office", "Main office"] },
  { name: "Dr. Theo Marchetti", sites: ["North clinic", "North clinic"] },
  // Mornings at the main office, afternoons at the north clinic.
  { name: "Dr. Amara Fenwick", sites: ["Main office", "North clinic"] },
];
const visitTypes = [
  "Follow-up",
  "Annual physical",
  "Sick visit",
  "New patient",
  "Medicare wellness",
  "Vaccine",
];

/** A small deterministic generator, so every seeded demo shows the same day. */
function generator(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % below;
  };
}

export function demoSchedule(timeZone: string, now: Date) {
  const random = generator(19);
  const today = localDate(now, timeZone);
  const days = [today, shiftDay(today, 1)];
  const patients: SchedulePatientRecord[] = firstNames.flatMap((first, i) =>
    [0, 1, 2, 3].map((j) => {
      const number = i * 4 + j;
      const year = 1940 + random(70);
      return {
        resourceId: `demo-patient-${number}`,
        versionId: "1",
        name: `${first} ${lastNames[(i + j * 5) % lastNames.length]}`,
        phone: `(608) 555-01${String(number % 100).padStart(2, "0")}`,
        email: null,
        preferredLanguage: spanishFirstNames.has(first) ? "es" : "en",
        birthDate: `${year}-${String(1 + random(12)).padStart(2, "0")}-${String(1 + random(28)).padStart(2, "0")}`,
      };
    }),
  );
  const appointments: ScheduleAppointmentRecord[] = [];
  let next = 0;
  for (const [dayIndex, day] of days.entries())
    for (const provider of providers)
      // 20-minute slots from 08:00 to 16:40 with a lunch hour at 12, about 14 patients each: ~40 a day.
      for (let slot = 0; slot < 26; slot++) {
        const minutesFromEight = slot * 20;
        if (minutesFromEight >= 240 && minutesFromEight < 300) continue;
        if (random(10) < 4) continue;
        const hours = 8 + Math.floor(minutesFromEight / 60);
        const time = `${String(hours).padStart(2, "0")}:${String(minutesFromEight % 60).padStart(2, "0")}`;
        const patient = patients[(next * 7 + dayIndex) % patients.length]!;
        const status: AppointmentStatus = random(25) === 0 ? "cancelled" : "booked";
        appointments.push({
          resourceId: `demo-appointment-${day}-${next}`,
          versionId: "1",
          patientResourceId: patient.resourceId,
          startsAt: momentOfDay(day, time, timeZone),
          minutes: random(6) === 0 ? 40 : 20,
          providerName: provider.name,
          locationName: provider.sites[hours < 12 ? 0 : 1]!,
          visitType: visitTypes[random(visitTypes.length)]!,
          status,
        });
        next += 1;
      }
  const used = new Set(appointments.map((appointment) => appointment.patientResourceId));
  return {
    from: dayBounds(days[0]!, timeZone).from,
    to: dayBounds(days[1]!, timeZone).to,
    appointments,
    patients: patients.filter((patient) => used.has(patient.resourceId)),
  };
}

/** Stores the demo schedule of one practice and its connection (an upload, as of now). */
export async function seedDemoSchedule(
  tx: Transaction,
  practice: { mspId: string; id: string; timezone: string },
  patientDataKey: string,
  now = new Date(),
) {
  await tx.insert(schema.scheduleConnections).values({
    mspId: practice.mspId,
    practiceId: practice.id,
    source: "csv",
    refreshedAt: now,
  });
  return applyScheduleSnapshot(
    tx,
    { mspId: practice.mspId, practiceId: practice.id, source: "csv" },
    demoSchedule(practice.timezone, now),
    now,
    patientKeyRing(patientDataKey),
  );
}
