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
import { contactFacts, openContact } from "./contact-facts";
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
const sorted = (values: Iterable<string>) =>
  [...new Set([...values].map((value) => value.trim()).filter(Boolean))].sort(byName);

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

type SelectedRow = {
  id: string;
  startsAt: Date;
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
  const rowsQuery = ctx.tx.execute<{
    id: string;
    starts_at: string | Date;
    provider_name: string;
    location_name: string;
    visit_type: string;
    status: string;
    removed: boolean;
    patient_id: string | null;
    name_sealed: string | null;
    phone_sealed: string | null;
    email_sealed: string | null;
    preferred_language: string | null;
    mark: string | null;
    already: boolean;
  }>(sql`
    select a.id, a.starts_at, a.provider_name, a.location_name, a.visit_type, a.status,
           a.removed_at is not null as removed, p.id as patient_id, p.name_sealed, p.phone_sealed,
           p.email_sealed, p.preferred_language,
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
  const [incidentId, rawRows, sites, providers, practicePhone, knownOptOuts, chooseText] =
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
  const rows: SelectedRow[] = rawRows.map((row) => ({
    id: row.id,
    startsAt: row.starts_at instanceof Date ? row.starts_at : new Date(row.starts_at),
    providerName: row.provider_name,
    locationName: row.location_name,
    visitType: row.visit_type,
    status: row.status,
    removed: row.removed,
    patientId: row.patient_id,
    nameSealed: row.name_sealed,
    phoneSealed: row.phone_sealed,
    emailSealed: row.email_sealed,
    preferredLanguage: row.preferred_language,
    mark: row.mark,
    already: row.already,
  }));
  if (rows.length > MAX_CAMPAIGN_APPOINTMENTS)
    throw new InvalidError(
      `This selection has more than ${MAX_CAMPAIGN_APPOINTMENTS} appointments. Narrow it to a time range, a provider or a site.`,
    );

  const live = rows.filter((row) => !row.removed);
  const available = {
    providers: sorted(live.map((row) => row.providerName)),
    sites: sorted(live.map((row) => row.locationName)),
    visitTypes: sorted(live.map((row) => row.visitType)),
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
    row: (typeof picked)[number];
    channel: "sms" | "email";
    sealedAddress: string;
    outbox: boolean;
    hashes: readonly string[];
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
        startsAt: row.startsAt,
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
    // A channel that can send comes first: a text when there is a number, else email.
    const options = [
      ...(phone.usable
        ? [{ channel: "sms" as const, sealed: row.phoneSealed!, ready: Boolean(providers.sms) }]
        : []),
      ...(email.usable
        ? [{ channel: "email" as const, sealed: row.emailSealed!, ready: providers.email }]
        : []),
    ];
    const option = options.find((each) => each.ready) ?? options[0];
    if (!option) {
      skipped.push({ row, reason: "no_address" });
      continue;
    }
    candidates.push({
      row,
      channel: option.channel,
      sealedAddress: option.sealed,
      outbox: !option.ready,
      // Every address the patient has: a STOP from their number also stops their email.
      hashes: [...phone.hashes, ...email.hashes],
    });
  }

  const allHashes = [...new Set(candidates.flatMap((candidate) => candidate.hashes))];
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
    if (candidate.hashes.some((hash) => optedOut.has(hash))) {
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
  skipped.sort(
    (a, b) =>
      a.row.startsAt.getTime() - b.row.startsAt.getTime() || a.row.id.localeCompare(b.row.id),
  );

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
      const firstName = firstNameIn(row) ?? "";
      const site = siteOf(row.locationName);
      const text = renderOutreachText(textOf(language, row.visitType), {
        first_name: firstName,
        date_time: appointmentDateTime(row.startsAt, practice.timezone, language),
        site_name: row.locationName.trim() || site?.name || practice.name,
        site_address: site?.address ?? "",
        provider_name: row.providerName,
        practice_phone: practicePhone,
      });
      rendered.push({
        appointmentId: row.id,
        patientId: row.patientId!,
        startsAt: row.startsAt,
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
      startsAt: row.startsAt,
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
