/**
 * Patient outreach in tests. The SMS channel an admin marks for patient messages, pointed at the
 * fake provider, and the practice's settings without quiet hours (so a test does not depend on the
 * hour it runs at, unless it injects one); and messages written as the owner the way the sending
 * worker writes them: a campaign, and a message to an appointment's patient whose address is kept as
 * its keyed hash (of the number in E.164) — sent through the provider, or left in the outbox.
 */
import { sql } from "drizzle-orm";
import * as schema from "@/db/schema";
import { addressHashes, patientKeyRing } from "@/server/domain/patient-box";
import { normalisePhone } from "@/server/domain/phone-number";
import { addressHashOf, sealPatient } from "@/server/services/schedule/patient-data";
import type { FakeSmsProvider } from "./fake-sms-provider";
import type { Caller } from "./fixtures";
import { asTenant } from "./owner-db";

export async function patientSmsChannel(
  admin: Caller,
  provider: FakeSmsProvider,
  practiceId: string | null,
  name = "Patient texts",
) {
  const { id } = await admin.notifications.createChannel({
    kind: "sms",
    name,
    practiceId,
    events: [],
    recipients: [],
    from: "+15005550006",
    accountSid: provider.accountSid,
    authToken: provider.authToken,
    apiBaseUrl: provider.url,
    patientOutreach: true,
  });
  return id;
}

/** Saves the practice's settings (quiet hours off unless given) through the caller, as the page does. */
export async function outreachSettings(
  caller: Caller,
  practiceId: string,
  fields: Partial<{
    quietStart: string;
    quietEnd: string;
    messagesPerMinute: number;
    autoContinue: boolean;
    reminderHours: number[];
  }> = {},
) {
  const current = await caller.outreach.getSettings({ practiceId });
  return caller.outreach.saveSettings({
    practiceId,
    version: current.version,
    quietStart: "00:00",
    quietEnd: "00:00",
    messagesPerMinute: 0,
    autoContinue: false,
    reminderHours: [24, 2],
    ...fields,
  });
}

/** A STOP from this number (E.164), kept as the replies do: its keyed hash under the given key. */
export async function optOut(mspId: string, practiceId: string, number: string, key?: string) {
  const ring = patientKeyRing(key ?? process.env.PATIENT_DATA_KEY!);
  const addressHash = addressHashes(ring, number)[0]!;
  await asTenant(mspId, (tx) =>
    tx
      .insert(schema.outreachOptOuts)
      .values({ mspId, practiceId, addressHash })
      .onConflictDoNothing(),
  );
  return addressHash;
}

/** Messages of a campaign as the owner sees them (status, error, provider id), earliest appointment first. */
export async function messagesOf(mspId: string, campaignId: string) {
  const rows = await asTenant(mspId, (tx) =>
    tx
      .select({ message: schema.outreachMessages })
      .from(schema.outreachMessages)
      .innerJoin(
        schema.scheduleAppointments,
        sql`${schema.scheduleAppointments.id} = ${schema.outreachMessages.appointmentId}`,
      )
      .where(sql`${schema.outreachMessages.campaignId} = ${campaignId}`)
      .orderBy(schema.scheduleAppointments.startsAt, schema.outreachMessages.id),
  );
  return rows.map((row) => row.message);
}

export async function campaignRow(mspId: string, campaignId: string) {
  const [row] = await asTenant(mspId, (tx) =>
    tx
      .select()
      .from(schema.outreachCampaigns)
      .where(sql`${schema.outreachCampaigns.id} = ${campaignId}`),
  );
  return row!;
}

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
