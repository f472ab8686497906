/**
 * Patient outreach's messages for tests, written as the owner the way the sending worker writes them:
 * a campaign, and a message to an appointment's patient whose address is kept as its keyed hash (of
 * the number in E.164) — sent through the provider, or left in the outbox when none is configured.
 */
import { sql } from "drizzle-orm";
import * as schema from "@/db/schema";
import { normalisePhone } from "@/server/domain/phone-number";
import { addressHashOf, sealPatient } from "@/server/services/schedule/patient-data";
import { asTenant } from "./owner-db";

export async function plantOutreachMessage(
  mspId: string,
  practiceId: string,
  options: {
    appointmentId: string;
    phone: string;
    status?: "sent" | "delivered" | "outbox";
    sentAt?: Date;
    kind?: string;
  },
): Promise<string> {
  const to = normalisePhone(options.phone);
  if (!to) throw new Error(`Not a phone number: ${options.phone}`);
  const status = options.status ?? "sent";
  return asTenant(mspId, async (tx) => {
    const [appointment] = await tx
      .select({ patientId: schema.scheduleAppointments.patientId })
      .from(schema.scheduleAppointments)
      .where(sql`${schema.scheduleAppointments.id} = ${options.appointmentId}`);
    const [campaign] = await tx
      .insert(schema.outreachCampaigns)
      .values({ mspId, practiceId, kind: options.kind ?? "delay", createdByName: "Front desk" })
      .returning({ id: schema.outreachCampaigns.id });
    const [message] = await tx
      .insert(schema.outreachMessages)
      .values({
        mspId,
        practiceId,
        campaignId: campaign!.id,
        appointmentId: options.appointmentId,
        patientId: appointment?.patientId ?? null,
        kind: options.kind ?? "delay",
        language: "en",
        channel: "sms",
        toSealed: sealPatient(practiceId, "phone", to),
        toHash: addressHashOf(to),
        bodySealed: sealPatient(practiceId, "phone", "We are running late today."),
        status,
        sentAt: status === "outbox" ? null : (options.sentAt ?? new Date()),
      })
      .returning({ id: schema.outreachMessages.id });
    return message!.id;
  });
}
