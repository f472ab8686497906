/**
 * Who gets what: the appointments a selection names, each with its patient's address and the text
 * they would get, or the reason they get nothing. The same evaluation serves the preview, the send
 * (again, at the moment of sending: an opt-out that arrived meanwhile counts) and the automatic
 * reminders. Patient data: the callers audit what they return.
 */
import "server-only";
import { and, asc, desc, eq, notInArray, sql } from "drizzle-orm";
import {
  incidents,
  outreachMessages,
  outreachOptOuts,
  practiceSites,
  scheduleAppointments,
  scheduleMarks,
  schedulePatients,
} from "@/db/schema";
import { MAX_CAMPAIGN_APPOINTMENTS } from "@/server/contracts/outreach";
import type { OutreachKind, OutreachLanguage } from "@/server/contracts/outreach-kinds";
import {
  appointmentDateTime,
  appointmentSkip,
  chosen,
  firstNameOf,
  outreachLanguageOf,
  quietHoursEnd,
  selectionWindow,
  type OutreachSelection,
  type SkipReason,
} from "@/server/domain/outreach";
import { InvalidError, NotFoundError } from "@/server/errors";
import type { ServiceContext } from "@/server/services/context";
import { openPatientValue, patientField } from "@/server/domain/patient-box";
import { patientDataKeys, type PatientValueField } from "@/server/services/schedule/patient-data";
import { contactFacts, openContact, type ContactFacts } from "./contact-facts";
import { outreachProviders, practicePhoneOf, type OutreachProviders } from "./provider";
import type { OutreachSettingsView } from "./records";
import { outreachTextChooser, renderOutreachText, type OutreachText } from "./texts";

type Practice = { id: string; name: string; timezone: string };

/** Up to this many opt-outs, a practice's are read whole rather than looked up address by address. */
const OPT_OUTS_READ_WHOLE = 2_000;

export type Recipient = {
  appointmentId: string;
  patientId: string;
  startsAt: Date;
  providerName: string;
  site: string;
  visitType: string;
  firstName: string;
  language: OutreachLanguage;
  channel: "sms" | "email";
  /** The normalised address (E.164 number or lower-case email). */
  address: string;
  text: OutreachText;
  /** No provider for its channel: it goes to the outbox, not sent. */
  outbox: boolean;
};

export type Skipped = {
  appointmentId: string;
  firstName: string | null;
  startsAt: Date;
  providerName: string;
  site: string;
  reason: SkipReason;
};

export type Evaluation = {
  window: { date: string; from: Date; to: Date };
  recipients: Recipient[];
  skipped: Skipped[];
  /** Non-urgent messages sent now wait for the end of quiet hours: then. */
  heldUntil: Date | null;
  providers: OutreachProviders;
  incidentId: string | null;
  /** The day's providers, sites and visit types, for the choices on the page. */
  available: { providers: string[]; sites: string[]; visitTypes: string[] };
};

/** The outage the messages go out for: the one named (of this practice), else the latest open one. */
export async function outageFor(ctx: ServiceContext, practiceId: string, incidentId?: string) {
  if (incidentId) {
    const [incident] = await ctx.tx
      .select({ id: incidents.id })
      .from(incidents)
      .where(
        and(
          eq(incidents.mspId, ctx.mspId),
          eq(incidents.practiceId, practiceId),
          eq(incidents.id, incidentId),
        ),
      );
    if (!incident) throw new NotFoundError("Incident");
    return incident.id;
  }
  const [open] = await ctx.tx
    .select({ id: incidents.id })
    .from(incidents)
    .where(
      and(
        eq(incidents.mspId, ctx.mspId),
        eq(incidents.practiceId, practiceId),
        notInArray(incidents.status, ["resolved", "closed"]),
      ),
    )
    .orderBy(desc(incidents.startedAt), desc(incidents.id))
    .limit(1);
  return open?.id ?? null;
}

// One collator: localeCompare with a locale builds a new one on every comparison.
const byName = new Intl.Collator("en", { sensitivity: "base" }).compare;
/** The distinct names (trimmed, none empty) of one column of the appointments still in the copy. */
function namesOf(
  rows: readonly SelectedRow[],
  column: "providerName" | "locationName" | "visitType",
) {
  const names = new Set<string>();
  for (const row of rows) {
    const name = row.removed ? "" : row[column].trim();
    if (name) names.add(name);
  }
  return [...names].sort(byName);
}

export type SelectionInput = {
  practice: Practice;
  kind: OutreachKind;
  selection: OutreachSelection;
  incidentId?: string;
  urgent: boolean;
  settings: OutreachSettingsView;
  /** The hours-before of automatic reminders (0 for a person's campaign). */
  hoursBefore?: number;
  appointmentIds?: readonly string[];
};

/** An appointment of the selection, as the database sends it (hundreds of rows: not copied). */
type SelectedRow = {
  id: string;
  /** Its start in epoch milliseconds: a Date is made only for the appointments shown or sent. */
  startsAtMs: number;
  providerName: string;
  locationName: string;
  visitType: string;
  status: string;
  removed: boolean;
  patientId: string | null;
  nameSealed: string | null;
  phoneSealed: string | null;
  emailSealed: string | null;
  preferredLanguage: string | null;
  mark: string | null;
  already: boolean;
};

/** A recipient decided (who, by which channel, in which language) before its text is rendered. */
export type PlannedRecipient = {
  row: SelectedRow;
  channel: "sms" | "email";
  /** The sealed phone or email of that channel: opened when the text is rendered. */
  sealedAddress: string;
  outbox: boolean;
  language: OutreachLanguage;
};
export type PlannedSkip = { row: SelectedRow; reason: SkipReason };

/**
 * Who gets what, decided for every appointment of the selection, with the texts (and names) rendered
 * only on demand: the preview renders one page, the send every recipient, from the same plan.
 */
export type Plan = Omit<Evaluation, "recipients" | "skipped"> & {
  recipients: PlannedRecipient[];
  skipped: PlannedSkip[];
  render: (chosen: readonly PlannedRecipient[]) => Promise<Recipient[]>;
  describe: (chosen: readonly PlannedSkip[]) => Skipped[];
};

/**
 * Evaluates a selection at `now`. `appointmentIds`, when given, replaces the selection's window and
 * filters (the automatic reminders pick their appointments themselves).
 */
export async function planSelection(
  ctx: ServiceContext,
  input: SelectionInput,
  now: Date,
): Promise<Plan> {
  const { practice, kind } = input;
  const hoursBefore = input.hoursBefore ?? 0;
  const window = selectionWindow(input.selection, now, practice.timezone);
  // Plain SQL read as it comes (hundreds of rows: no per-column mapping): the appointments of the
  // window (or those named), each with its patient, the front desk's latest mark on it (continuity
  // schedule, during any outage), and whether this kind of message was sent for it already (for
  // automatic reminders: one a person sent, or one for fewer hours before, covers this one).
  const rowsQuery = ctx.tx.execute<SelectedRow>(sql`
    select a.id, extract(epoch from a.starts_at)::float8 * 1000 as "startsAtMs",
           a.provider_name as "providerName", a.location_name as "locationName",
           a.visit_type as "visitType", a.status, a.removed_at is not null as removed,
           p.id as "patientId", p.name_sealed as "nameSealed", p.phone_sealed as "phoneSealed",
           p.email_sealed as "emailSealed", p.preferred_language as "preferredLanguage",
           (select k.kind from ${scheduleMarks} k
             where k.msp_id = a.msp_id and k.appointment_id = a.id
             order by k.marked_at desc limit 1) as mark,
           exists (select 1 from ${outreachMessages} m
             where m.msp_id = a.msp_id and m.practice_id = a.practice_id and m.appointment_id = a.id
               and m.kind = ${kind}
               and (${hoursBefore}::int = 0 or m.hours_before = 0 or m.hours_before <= ${hoursBefore}::int)) as already
      from ${scheduleAppointments} a
      left join ${schedulePatients} p on p.msp_id = a.msp_id and p.id = a.patient_id
     where a.msp_id = ${ctx.mspId} and a.practice_id = ${practice.id}
       and ${
         input.appointmentIds
           ? sql`a.id = any(${sql.param([...input.appointmentIds])}::uuid[])`
           : sql`a.starts_at >= ${window.from.toISOString()}::timestamptz and a.starts_at < ${window.to.toISOString()}::timestamptz`
       }
     order by a.starts_at, a.id
     limit ${MAX_CAMPAIGN_APPOINTMENTS + 1}`);
  // Every read that does not depend on another is sent at once (one round trip on the connection).
  const [incidentId, rows, sites, providers, practicePhone, knownOptOuts, chooseText] =
    await Promise.all([
      outageFor(ctx, practice.id, input.incidentId),
      rowsQuery,
      ctx.tx
        .select({
          name: practiceSites.name,
          address: practiceSites.address,
          position: practiceSites.position,
        })
        .from(practiceSites)
        .where(and(eq(practiceSites.mspId, ctx.mspId), eq(practiceSites.practiceId, practice.id)))
        .orderBy(asc(practiceSites.position)),
      outreachProviders(ctx, practice.id),
      practicePhoneOf(ctx, practice.id),
      // The practice's opt-outs when they are few (as they usually are): no list of addresses to send.
      ctx.tx
        .select({ hash: outreachOptOuts.addressHash })
        .from(outreachOptOuts)
        .where(
          and(eq(outreachOptOuts.mspId, ctx.mspId), eq(outreachOptOuts.practiceId, practice.id)),
        )
        .limit(OPT_OUTS_READ_WHOLE + 1),
      outreachTextChooser(ctx, practice.id, kind),
    ]);
  if (rows.length > MAX_CAMPAIGN_APPOINTMENTS)
    throw new InvalidError(
      `This selection has more than ${MAX_CAMPAIGN_APPOINTMENTS} appointments. Narrow it to a time range, a provider or a site.`,
    );

  const available = {
    providers: namesOf(rows, "providerName"),
    sites: namesOf(rows, "locationName"),
    visitTypes: namesOf(rows, "visitType"),
  };
  const { selection } = input;
  const picked = input.appointmentIds
    ? rows
    : rows.filter(
        (row) =>
          chosen(row.providerName, selection.providers) &&
          chosen(row.locationName, selection.sites) &&
          chosen(row.visitType, selection.visitTypes),
      );
  // The key ring once, not once for each of the hundreds of values opened below.
  const ring = patientDataKeys();
  const open = (field: PatientValueField, stored: string | null) =>
    stored === null
      ? null
      : (openPatientValue(ring, patientField(practice.id, field), stored) ??
        "(unreadable: key changed)");

  const siteOf = (locationName: string) => {
    const key = locationName.trim().toLocaleLowerCase("en");
    return (
      sites.find((site) => site.name.trim().toLocaleLowerCase("en") === key) ?? sites[0] ?? null
    );
  };

  type Candidate = {
    row: SelectedRow;
    channel: "sms" | "email";
    sealedAddress: string;
    outbox: boolean;
    /** Every address the patient has: a STOP from their number also stops their email. */
    phone: ContactFacts;
    email: ContactFacts;
  };
  const skipped: PlannedSkip[] = [];
  const candidates: Candidate[] = [];
  // Names are opened only for what is shown or sent (render, describe): the counts need none.
  for (const row of picked) {
    const early = appointmentSkip(
      {
        removed: row.removed,
        status: row.status,
        mark: row.mark,
        startsAt: row.startsAtMs,
        hasPatient: Boolean(row.patientId && row.nameSealed),
      },
      kind,
      now,
    );
    if (early) {
      skipped.push({ row, reason: early });
      continue;
    }
    if (row.already) {
      skipped.push({ row, reason: "already" });
      continue;
    }
    // Whether each can be written to, and its hashes; the addresses are opened for the texts only.
    const phone = contactFacts(ring, practice.id, "phone", row.phoneSealed);
    const email = contactFacts(ring, practice.id, "email", row.emailSealed);
    // A channel that can send comes first, a text before email; when neither can send, the message
    // waits in the outbox as a text if there is a number, else as an email.
    const smsReady = phone.usable && Boolean(providers.sms);
    const emailReady = email.usable && providers.email;
    const channel: "sms" | "email" | null =
      smsReady || (phone.usable && !emailReady) ? "sms" : email.usable ? "email" : null;
    if (!channel) {
      skipped.push({ row, reason: "no_address" });
      continue;
    }
    candidates.push({
      row,
      channel,
      sealedAddress: channel === "sms" ? row.phoneSealed! : row.emailSealed!,
      outbox: channel === "sms" ? !smsReady : !emailReady,
      phone,
      email,
    });
  }

  const allHashes = [
    ...new Set(candidates.flatMap(({ phone, email }) => [...phone.hashes, ...email.hashes])),
  ];
  // Many opt-outs: only those of these addresses, in one array parameter.
  const found =
    knownOptOuts.length <= OPT_OUTS_READ_WHOLE
      ? knownOptOuts
      : allHashes.length
        ? await ctx.tx
            .select({ hash: outreachOptOuts.addressHash })
            .from(outreachOptOuts)
            .where(
              and(
                eq(outreachOptOuts.mspId, ctx.mspId),
                eq(outreachOptOuts.practiceId, practice.id),
                sql`${outreachOptOuts.addressHash} = any(${sql.param(allHashes)}::text[])`,
              ),
            )
        : [];
  const optedOut = new Set(found.map((row) => row.hash));

  const recipients: PlannedRecipient[] = [];
  for (const candidate of candidates) {
    const { row } = candidate;
    const { phone, email } = candidate;
    if (
      phone.hashes.some((hash) => optedOut.has(hash)) ||
      email.hashes.some((hash) => optedOut.has(hash))
    ) {
      skipped.push({ row, reason: "opted_out" });
      continue;
    }
    recipients.push({
      row,
      channel: candidate.channel,
      sealedAddress: candidate.sealedAddress,
      outbox: candidate.outbox,
      language: outreachLanguageOf(row.preferredLanguage),
    });
  }
  skipped.sort((a, b) => a.row.startsAtMs - b.row.startsAtMs || a.row.id.localeCompare(b.row.id));

  // Each text once per language (and visit type), its variables filled in per recipient.
  const texts = new Map<string, OutreachText>();
  const textOf = (language: OutreachLanguage, visitType: string) => {
    const key = `${language}|${kind === "instructions" ? visitType.trim() : ""}`;
    let text = texts.get(key);
    if (!text) {
      text = chooseText(language, visitType);
      texts.set(key, text);
    }
    return text;
  };
  const firstNameIn = (row: SelectedRow) => {
    const name = open("name", row.nameSealed);
    return name ? firstNameOf(name) : null;
  };

  const render = async (chosen: readonly PlannedRecipient[]): Promise<Recipient[]> => {
    const rendered: Recipient[] = [];
    for (const planned of chosen) {
      const { row, language } = planned;
      const startsAt = new Date(row.startsAtMs);
      const firstName = firstNameIn(row) ?? "";
      const site = siteOf(row.locationName);
      const text = renderOutreachText(textOf(language, row.visitType), {
        first_name: firstName,
        date_time: appointmentDateTime(startsAt, practice.timezone, language),
        site_name: row.locationName.trim() || site?.name || practice.name,
        site_address: site?.address ?? "",
        provider_name: row.providerName,
        practice_phone: practicePhone,
      });
      rendered.push({
        appointmentId: row.id,
        patientId: row.patientId!,
        startsAt,
        providerName: row.providerName,
        site: row.locationName,
        visitType: row.visitType,
        firstName,
        language,
        channel: planned.channel,
        address:
          openContact(
            ring,
            practice.id,
            planned.channel === "sms" ? "phone" : "email",
            planned.sealedAddress,
          ) ?? "",
        text,
        outbox: planned.outbox,
      });
    }
    return rendered;
  };
  const describe = (chosen: readonly PlannedSkip[]): Skipped[] =>
    chosen.map(({ row, reason }) => ({
      appointmentId: row.id,
      firstName: firstNameIn(row),
      startsAt: new Date(row.startsAtMs),
      providerName: row.providerName,
      site: row.locationName,
      reason,
    }));

  const { settings } = input;
  return {
    window,
    recipients,
    skipped,
    render,
    describe,
    heldUntil: input.urgent
      ? null
      : quietHoursEnd(now, practice.timezone, {
          start: settings.quietStart,
          end: settings.quietEnd,
        }),
    providers,
    incidentId,
    available,
  };
}

/** The whole evaluation, every recipient's text rendered: what the send and the automatic reminders write. */
export async function evaluateSelection(
  ctx: ServiceContext,
  input: SelectionInput,
  now: Date,
): Promise<Evaluation> {
  const { recipients, skipped, render, describe, ...rest } = await planSelection(ctx, input, now);
  return { ...rest, recipients: await render(recipients), skipped: describe(skipped) };
}
