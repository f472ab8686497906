/**
 * Who gets what: the appointments a selection names, each with its patient's address and the text
 * they would get, or the reason they get nothing. The same evaluation serves the preview, the send
 * (again, at the moment of sending: an opt-out that arrived meanwhile counts) and the automatic
 * reminders. Patient data: the callers audit what they return.
 */
import "server-only";
import { and, asc, desc, eq, gte, inArray, lt, notInArray, sql } from "drizzle-orm";
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
  emailAddress,
  firstNameOf,
  outreachLanguageOf,
  quietHoursEnd,
  selectionWindow,
  smsNumber,
  type OutreachSelection,
  type SkipReason,
} from "@/server/domain/outreach";
import { InvalidError, NotFoundError } from "@/server/errors";
import type { ServiceContext } from "@/server/services/context";
import { addressHashes, openPatientValue, patientField } from "@/server/domain/patient-box";
import { patientDataKeys, type PatientValueField } from "@/server/services/schedule/patient-data";
import { outreachProviders, practicePhoneOf, type OutreachProviders } from "./provider";
import type { OutreachSettingsView } from "./records";
import { renderOutreachText, resolveOutreachText, type OutreachText } from "./texts";

type Practice = { id: string; name: string; timezone: string };

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

const sorted = (values: Iterable<string>) =>
  [...new Set([...values].map((value) => value.trim()).filter(Boolean))].sort((a, b) =>
    a.localeCompare(b, "en", { sensitivity: "base" }),
  );

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
  patientId: string | null;
  nameSealed: string | null;
  preferredLanguage: string | null;
};

/** A recipient decided (who, by which channel, in which language) before its text is rendered. */
export type PlannedRecipient = {
  row: SelectedRow;
  channel: "sms" | "email";
  address: string;
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
  const incidentId = await outageFor(ctx, practice.id, input.incidentId);
  const samePractice = and(
    eq(scheduleAppointments.mspId, ctx.mspId),
    eq(scheduleAppointments.practiceId, practice.id),
  );
  const rows = await ctx.tx
    .select({
      id: scheduleAppointments.id,
      startsAt: scheduleAppointments.startsAt,
      providerName: scheduleAppointments.providerName,
      locationName: scheduleAppointments.locationName,
      visitType: scheduleAppointments.visitType,
      status: scheduleAppointments.status,
      removedAt: scheduleAppointments.removedAt,
      patientId: schedulePatients.id,
      nameSealed: schedulePatients.nameSealed,
      phoneSealed: schedulePatients.phoneSealed,
      emailSealed: schedulePatients.emailSealed,
      preferredLanguage: schedulePatients.preferredLanguage,
      // The front desk's latest mark on it (continuity schedule), during any outage.
      mark: sql<string | null>`(select ${scheduleMarks.kind} from ${scheduleMarks}
        where ${scheduleMarks.mspId} = ${scheduleAppointments.mspId}
          and ${scheduleMarks.appointmentId} = ${scheduleAppointments.id}
        order by ${scheduleMarks.markedAt} desc limit 1)`,
      // This kind of message was sent for it already (for automatic reminders: one a person sent, or
      // one for fewer hours before, covers this one).
      already: sql<boolean>`exists (select 1 from ${outreachMessages}
        where ${outreachMessages.mspId} = ${scheduleAppointments.mspId}
          and ${outreachMessages.practiceId} = ${scheduleAppointments.practiceId}
          and ${outreachMessages.appointmentId} = ${scheduleAppointments.id}
          and ${outreachMessages.kind} = ${kind}
          and (${hoursBefore}::int = 0 or ${outreachMessages.hoursBefore} = 0
               or ${outreachMessages.hoursBefore} <= ${hoursBefore}::int))`,
    })
    .from(scheduleAppointments)
    .leftJoin(
      schedulePatients,
      and(
        eq(schedulePatients.mspId, scheduleAppointments.mspId),
        eq(schedulePatients.id, scheduleAppointments.patientId),
      ),
    )
    .where(
      input.appointmentIds
        ? and(samePractice, inArray(scheduleAppointments.id, [...input.appointmentIds]))
        : and(
            samePractice,
            gte(scheduleAppointments.startsAt, window.from),
            lt(scheduleAppointments.startsAt, window.to),
          ),
    )
    .orderBy(asc(scheduleAppointments.startsAt), asc(scheduleAppointments.id))
    .limit(MAX_CAMPAIGN_APPOINTMENTS + 1);
  if (rows.length > MAX_CAMPAIGN_APPOINTMENTS)
    throw new InvalidError(
      `This selection has more than ${MAX_CAMPAIGN_APPOINTMENTS} appointments. Narrow it to a time range, a provider or a site.`,
    );

  const live = rows.filter((row) => !row.removedAt);
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
  const [sites, providers, practicePhone] = await Promise.all([
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
  ]);
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
    address: string;
    outbox: boolean;
    hashes: string[];
  };
  const skipped: PlannedSkip[] = [];
  const candidates: Candidate[] = [];
  // Names are opened only for what is shown or sent (render, describe): the counts need none.
  for (const row of picked) {
    const early = appointmentSkip(
      {
        removed: row.removedAt !== null,
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
    const phone = smsNumber(open("phone", row.phoneSealed));
    const email = emailAddress(open("email", row.emailSealed));
    // A channel that can send comes first: a text when there is a number, else email.
    const options = [
      ...(phone
        ? [{ channel: "sms" as const, address: phone, ready: Boolean(providers.sms) }]
        : []),
      ...(email ? [{ channel: "email" as const, address: email, ready: providers.email }] : []),
    ];
    const option = options.find((each) => each.ready) ?? options[0];
    if (!option) {
      skipped.push({ row, reason: "no_address" });
      continue;
    }
    candidates.push({
      row,
      channel: option.channel,
      address: option.address,
      outbox: !option.ready,
      // Every address the patient has: a STOP from their number also stops their email.
      hashes: [phone, email]
        .filter((each): each is string => Boolean(each))
        .flatMap((address) => addressHashes(ring, address)),
    });
  }

  const allHashes = [...new Set(candidates.flatMap((candidate) => candidate.hashes))];
  // One array parameter rather than a parameter per address.
  const found = allHashes.length
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
      address: candidate.address,
      outbox: candidate.outbox,
      language: outreachLanguageOf(row.preferredLanguage),
    });
  }
  skipped.sort(
    (a, b) =>
      a.row.startsAt.getTime() - b.row.startsAt.getTime() || a.row.id.localeCompare(b.row.id),
  );

  // Each text once per language (and visit type), its variables filled in per recipient.
  const texts = new Map<string, Promise<OutreachText>>();
  const textOf = (language: OutreachLanguage, visitType: string) => {
    const key = `${language}|${kind === "instructions" ? visitType.trim() : ""}`;
    let text = texts.get(key);
    if (!text) {
      text = resolveOutreachText(ctx, { practiceId: practice.id, kind, language, visitType });
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
      const text = renderOutreachText(await textOf(language, row.visitType), {
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
        address: planned.address,
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
