/**
 * The browser suite's database, for the few specs that plant rows no page makes yet (patient
 * outreach's messages, which the sending side of outreach writes): e2e/serve.ts records this run's
 * owner connection and patient-data key here when it starts the app.
 */
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { normalisePhone } from "@/server/domain/phone-number";
import {
  addressHash,
  openPatientValue,
  patientField,
  patientKeyRing,
  sealPatientValue,
} from "@/server/domain/patient-box";

export const databaseFile = "e2e/.auth/database.json";

function suiteDatabase(): { ownerUrl: string; patientDataKey: string } {
  return JSON.parse(readFileSync(databaseFile, "utf8")) as {
    ownerUrl: string;
    patientDataKey: string;
  };
}

/**
 * A text about one appointment of the practice's schedule copy, left in the outbox (no SMS provider
 * configured), as the outreach worker writes it: its address kept as the keyed hash of the patient's
 * number in E.164. Returns the message's id.
 */
export async function plantOutboxMessage(
  mspId: string,
  practiceId: string,
  patientName: string,
): Promise<string> {
  const { ownerUrl, patientDataKey } = suiteDatabase();
  const ring = patientKeyRing(patientDataKey);
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    return await sql.begin(async (tx) => {
      // Row-level security is forced on the owner too: the tenant is set as the worker sets it.
      await tx`select set_config('app.msp_id', ${mspId}, true), set_config('app.role', 'system', true),
                      set_config('app.practice_ids', '*', true)`;
      const patients = await tx<
        {
          appointment_id: string;
          patient_id: string;
          name_sealed: string;
          phone_sealed: string | null;
        }[]
      >`
        select a.id as appointment_id, p.id as patient_id, p.name_sealed, p.phone_sealed
          from schedule_appointments a join schedule_patients p on p.msp_id = a.msp_id and p.id = a.patient_id
         where a.practice_id = ${practiceId} and a.removed_at is null`;
      const found = patients.find(
        (row) =>
          openPatientValue(ring, patientField(practiceId, "name"), row.name_sealed) === patientName,
      );
      const phone = found?.phone_sealed
        ? openPatientValue(ring, patientField(practiceId, "phone"), found.phone_sealed)
        : null;
      const to = normalisePhone(phone ?? "");
      if (!found || !to) throw new Error(`No appointment with a mobile number for ${patientName}`);
      const [campaign] = await tx<{ id: string }[]>`
        insert into outreach_campaigns (msp_id, practice_id, kind, created_by_name, status)
        values (${mspId}, ${practiceId}, 'paper_day', 'Browser suite', 'done') returning id`;
      const [message] = await tx<{ id: string }[]>`
        insert into outreach_messages (msp_id, practice_id, campaign_id, appointment_id, patient_id, kind, language,
                                       channel, to_sealed, to_hash, body_sealed, status)
        values (${mspId}, ${practiceId}, ${campaign!.id}, ${found.appointment_id}, ${found.patient_id},
                'paper_day', 'en', 'sms', ${sealPatientValue(ring, patientField(practiceId, "outreachTo"), to)},
                ${addressHash(ring, to)},
                ${sealPatientValue(ring, patientField(practiceId, "outreachBody"), "We are working on paper today: bring your medication list.")},
                'outbox')
        returning id`;
      return message!.id;
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}
