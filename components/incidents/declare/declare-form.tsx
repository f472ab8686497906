"use client";

import { useQuery } from "@tanstack/react-query";
import { CircleAlert, Clock, LogIn, Network, Siren } from "lucide-react";
import Link from "@/components/ui/link";
import { useId, useRef, useState } from "react";
import { Controller, useWatch } from "react-hook-form";
import type { z } from "zod";
import { StarterMapButton } from "@/components/dependencies/starter-map-button";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { incidentHref } from "@/components/incidents/list/types";
import { ageWords } from "@/server/domain/incident-duplicates";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { SaveOutcome } from "@/components/ui/save-outcome";
import {
  declareIncidentSchema,
  incidentSeverities,
  incidentStatusLabels,
} from "@/server/contracts/incidents";
import { serviceSchemaResolver } from "@/components/ui/schema-resolver";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import { formatShortMoment } from "@/components/ui/format";
import { fromZonedInput, moveZonedInput, toZonedInput, zoneName } from "@/components/ui/zoned-time";
import { deviceTimeZone, zoneLabel as placeLabel } from "./local-time";
import { orderedSystems, SystemPicker } from "./system-picker";

export type DeclareValues = z.output<typeof declareIncidentSchema>;
/** The form's fields: the service's input, with the start as typed on the practice's clock. */
type DeclareFields = Omit<z.input<typeof declareIncidentSchema>, "startedAt"> & {
  startedAt: string;
};
export type PracticeChoice = { id: string; name: string; timezone: string };

const startedAtMessage = "Enter when the outage started.";
export type DeclarePrefill = {
  suspectedOutageId: string;
  systemIds: string[];
  startedAt: Date;
  systemName: string;
};

const updatePresets = [15, 30, 60] as const;

/** A card-like radio: the whole card is the tap target; the native radio stays visible. */
const choiceCard = (checked: boolean, tone: "red" | "brand" = "brand") =>
  `flex min-h-12 cursor-pointer items-start gap-3 rounded-lg border-2 px-3 py-2.5 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600 ${
    checked
      ? tone === "red"
        ? "border-red-700 bg-red-50"
        : "border-brand-700 bg-brand-50"
      : "border-slate-200 bg-white hover:border-slate-400"
  }`;

function FieldsetError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="flex items-center gap-1.5 text-sm text-red-700">
      <CircleAlert aria-hidden className="size-4 shrink-0" />
      {message}
    </p>
  );
}

/**
 * Declaring an outage, built to take under a minute on a phone: the practice, what is down (and
 * what stops with it), how bad it is, whether patient care is interrupted; the rest has defaults.
 * Renders and validates with the service's schema; the container decides what declaring means.
 */
export function DeclareForm({
  practices,
  defaultPracticeId,
  canEditMap,
  prefill = null,
  problem,
  onSubmit,
}: {
  practices: PracticeChoice[];
  defaultPracticeId: string;
  canEditMap: boolean;
  prefill?: DeclarePrefill | null;
  /** Why the last attempt failed, when it was not about one field. */
  problem: string | null;
  onSubmit: (values: DeclareValues) => Promise<SaveOutcome<DeclareValues>>;
}) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const ids = useId();
  // The open outage the person chose to declare beside (after a confirmation); any other open one asks again.
  const [separateFrom, setSeparateFrom] = useState<string | null>(null);
  // The practice's clock: the start is typed and shown in its time zone, whatever this device's.
  // Before a practice is chosen, the device's own (converted when one is chosen).
  const zoneOf = (id: string) =>
    practices.find((practice) => practice.id === id)?.timezone ?? deviceTimeZone();
  // The zone the start field's text is in now, to move it to another practice's clock.
  const shownZone = useRef(zoneOf(defaultPracticeId));
  const { form, submit } = useVersionedForm<DeclareFields>({
    // Checked with the service's schema once the typed time is read on the practice's clock.
    resolver: serviceSchemaResolver<DeclareFields>(declareIncidentSchema, (values) => ({
      ...values,
      startedAt: fromZonedInput(values.startedAt, zoneOf(values.practiceId)) ?? "",
    })),
    // "Now" on the practice's clock. A default value, not set on a mounted field: the "Started at"
    // field is not on the page while the practice has no map, and it must still be filled in when
    // it appears. (The server's render computes its own, unused: a registered input's value is
    // only set in the browser.)
    defaultValues: {
      practiceId: defaultPracticeId,
      systemIds: prefill?.systemIds ?? [],
      title: "",
      ownerName: "",
      startedAt: toZonedInput(prefill?.startedAt ?? new Date(), zoneOf(defaultPracticeId)),
      updateEveryMinutes: 30,
    },
    // Unchanged as typed: what was saved is the service's input, not the text in the fields.
    onSave: async (values): Promise<SaveOutcome<DeclareFields>> => {
      const startedAt = fromZonedInput(values.startedAt, zoneOf(values.practiceId));
      if (!startedAt) return { saved: false, fieldErrors: { startedAt: startedAtMessage } };
      const outcome = await onSubmit({
        ...(values as Omit<DeclareValues, "startedAt">),
        startedAt,
        confirmDuplicate: Boolean(openOutage && separateFrom === openOutage.id),
      });
      return outcome.saved ? { saved: true, resetTo: form.getValues() } : outcome;
    },
  });
  const { errors, isSubmitting } = form.formState;
  const [practiceId, systemIds, severity, updateEvery] = useWatch({
    control: form.control,
    name: ["practiceId", "systemIds", "severity", "updateEveryMinutes"],
  });
  const chosen = practices.some((practice) => practice.id === practiceId);
  const zone = zoneOf(practiceId);
  // The device's zone (no practice chosen yet) is only known in the browser.
  const startedAtLabel = chosen
    ? `Started at (${placeLabel(zone)}, practice time)`
    : hydrated
      ? `Started at (${placeLabel(zone)}, this device's clock)`
      : "Started at";

  const mapQuery = useQuery({
    ...trpc.dependencies.map.queryOptions({ practiceId }),
    enabled: Boolean(practiceId),
  });
  const map = mapQuery.data;
  // An outage already open at the practice: joining it is the main action, declaring another is confirmed.
  const openQuery = useQuery({
    ...trpc.incidents.openAtPractice.queryOptions({ practiceId }),
    enabled: Boolean(practiceId),
  });
  const openOutages = openQuery.data ?? [];
  const openOutage = openOutages[0] ?? null;
  const choosing = Boolean(openOutage && separateFrom !== openOutage.id);
  const practiceName = practices.find((practice) => practice.id === practiceId)?.name ?? "";
  const chosenNames = map
    ? orderedSystems(map)
        .filter((system) => systemIds.includes(system.id))
        .map((system) => system.name)
    : [];
  const noMap = Boolean(map && map.systems.length === 0);

  return (
    <form onSubmit={submit} noValidate className="space-y-5" aria-label="Declare an outage">
      {prefill && practiceId === defaultPracticeId && (
        <p className="rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          From the monitors: <strong>{prefill.systemName}</strong> has been down since{" "}
          {formatShortMoment(prefill.startedAt, zone)} (practice time). What depends on it is shown
          below; declaring links the suspected outage to this incident.
        </p>
      )}
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
        {practices.length === 1 ? (
          <p className="text-sm">
            <span className="text-slate-600">Practice: </span>
            <strong className="text-slate-900">{practices[0]!.name}</strong>
          </p>
        ) : (
          <Field label="Practice" error={errors.practiceId?.message}>
            {(props) => (
              <select
                {...props}
                {...form.register("practiceId", {
                  onChange: (event: { target: { value: string } }) => {
                    form.setValue("systemIds", []);
                    // The start keeps its moment, shown on the newly chosen practice's clock.
                    const next = zoneOf(event.target.value);
                    form.setValue(
                      "startedAt",
                      moveZonedInput(form.getValues("startedAt"), shownZone.current, next),
                    );
                    shownZone.current = next;
                  },
                })}
                className={`${props.className} text-base sm:text-sm`}
              >
                <option value="" disabled>
                  Choose the practice
                </option>
                {practices.map((practice) => (
                  <option key={practice.id} value={practice.id}>
                    {practice.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}

        {!practiceId ? (
          <p className="text-sm text-slate-600">
            Choose the practice first; its systems appear here.
          </p>
        ) : mapQuery.isPending ? (
          <div
            role="status"
            aria-label="Loading the practice's systems"
            className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3"
          >
            {Array.from({ length: 6 }, (_, index) => (
              <Skeleton key={index} className="h-14 w-full" />
            ))}
          </div>
        ) : mapQuery.isError ? (
          <Alert tone="error">
            Could not load {practiceName}&rsquo;s systems. Reload the page to try again.
          </Alert>
        ) : noMap ? (
          <EmptyState icon={Network} title={`${practiceName} has no dependency map yet`}>
            <p>
              An outage is declared against the systems on the practice&rsquo;s map, so everyone
              sees what is down and what stops with it.
            </p>
            <div className="mt-3 flex flex-col items-center gap-2 sm:flex-row sm:justify-center">
              {canEditMap && <StarterMapButton practiceId={practiceId} empty />}
              <Link
                href={`/practices/${practiceId}/dependencies`}
                className="text-brand-700 underline"
              >
                {canEditMap
                  ? "Open the Dependencies tab to add systems"
                  : "Open the Dependencies tab"}
              </Link>
            </div>
            {!canEditMap && (
              <p className="mt-2">
                Your MSP adds the systems; call them to declare this outage meanwhile.
              </p>
            )}
          </EmptyState>
        ) : (
          map && (
            <Controller
              control={form.control}
              name="systemIds"
              render={({ field }) => (
                <SystemPicker
                  map={map}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  error={errors.systemIds?.message}
                  legendId={`${ids}-down`}
                />
              )}
            />
          )
        )}
      </section>

      {openOutage && practiceId && (
        <OpenOutageChoice
          practiceName={practiceName}
          outage={openOutage}
          more={openOutages.length - 1}
          choosing={choosing}
          onSeparate={() => setSeparateFrom(openOutage.id)}
        />
      )}

      {!noMap && !choosing && (
        <>
          <section className="grid gap-5 rounded-lg border border-slate-200 bg-white p-4 sm:p-5 lg:grid-cols-[2fr_1fr]">
            <fieldset
              aria-describedby={errors.severity ? `${ids}-severity-error` : undefined}
              className="space-y-2"
            >
              <legend className="text-base font-semibold text-slate-900">How bad is it?</legend>
              <FieldsetError id={`${ids}-severity-error`} message={errors.severity?.message} />
              <div className="grid gap-2 sm:grid-cols-3">
                {incidentSeverities.map(([value, label]) => {
                  const [word, meaning = ""] = label.split(" — ");
                  return (
                    <label
                      key={value}
                      className={choiceCard(
                        severity === value,
                        value === "critical" ? "red" : "brand",
                      )}
                    >
                      <input
                        type="radio"
                        value={value}
                        className="mt-0.5 size-5 shrink-0 accent-brand-700"
                        {...form.register("severity")}
                      />
                      <span>
                        <span className="block font-semibold text-slate-900">{word}</span>
                        <span className="block text-sm text-slate-600">
                          {meaning.charAt(0).toUpperCase() + meaning.slice(1)}
                        </span>
                      </span>
                    </label>
                  );
                })}
              </div>
            </fieldset>

            <Controller
              control={form.control}
              name="patientCareInterrupted"
              render={({ field }) => (
                <fieldset
                  aria-describedby={errors.patientCareInterrupted ? `${ids}-care-error` : undefined}
                  className="space-y-2"
                >
                  <legend className="text-base font-semibold text-slate-900">
                    Is patient care interrupted?
                  </legend>
                  <FieldsetError
                    id={`${ids}-care-error`}
                    message={errors.patientCareInterrupted?.message}
                  />
                  <div className="grid grid-cols-2 gap-2">
                    {(
                      [
                        [true, "Yes"],
                        [false, "No"],
                      ] as const
                    ).map(([answer, word]) => (
                      <label
                        key={word}
                        className={choiceCard(field.value === answer, answer ? "red" : "brand")}
                      >
                        <input
                          type="radio"
                          name={field.name}
                          className="mt-0.5 size-5 shrink-0 accent-brand-700"
                          checked={field.value === answer}
                          onChange={() => field.onChange(answer)}
                          onBlur={field.onBlur}
                          ref={answer ? field.ref : undefined}
                        />
                        <span className="font-semibold text-slate-900">{word}</span>
                      </label>
                    ))}
                  </div>
                </fieldset>
              )}
            />
          </section>

          <section className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 sm:p-5">
            <h2 className="text-base font-semibold text-slate-900 sm:col-span-2">
              Details (defaults are fine)
            </h2>
            <div className="space-y-1">
              <Field
                label={startedAtLabel}
                hint={
                  chosen
                    ? `On ${practiceName}'s clock (${zoneName(new Date(), zone)}), whatever this device's time zone.`
                    : "Choose the practice: the time is then shown on its clock."
                }
                error={errors.startedAt?.message}
              >
                {(props) => (
                  <input
                    {...props}
                    type="datetime-local"
                    className={`${props.className} text-base sm:text-sm`}
                    {...form.register("startedAt")}
                  />
                )}
              </Field>
              <Button
                variant="ghost"
                className="min-h-8 px-2 py-1 text-xs"
                onClick={() =>
                  form.setValue("startedAt", toZonedInput(new Date(), zone), {
                    shouldDirty: true,
                    shouldValidate: true,
                  })
                }
              >
                <Clock aria-hidden className="size-3.5" /> Set to now
              </Button>
            </div>
            <Field
              label="Title (optional)"
              hint="Leave it empty to name the outage after what is down."
              error={errors.title?.message}
            >
              {(props) => (
                <input
                  {...props}
                  className={`${props.className} text-base sm:text-sm`}
                  placeholder={
                    chosenNames.length ? `${chosenNames.join(", ")} down` : "e.g. EHR down"
                  }
                  maxLength={200}
                  {...form.register("title")}
                />
              )}
            </Field>
            <Field
              label="Outage owner"
              hint="Who confirms the outage, calls vendors and posts updates. Empty: the plan's outage owner."
              error={errors.ownerName?.message}
            >
              {(props) => (
                <input
                  {...props}
                  className={`${props.className} text-base sm:text-sm`}
                  placeholder="the plan's outage owner"
                  autoComplete="name"
                  maxLength={120}
                  {...form.register("ownerName")}
                />
              )}
            </Field>
            <div className="space-y-1">
              <Field
                label="Post an update every (minutes)"
                error={errors.updateEveryMinutes?.message}
              >
                {(props) => (
                  <input
                    {...props}
                    type="number"
                    inputMode="numeric"
                    min={5}
                    max={1440}
                    step={5}
                    className={`${props.className} text-base sm:text-sm`}
                    {...form.register("updateEveryMinutes", { valueAsNumber: true })}
                  />
                )}
              </Field>
              <div role="group" aria-label="Update presets" className="flex gap-2">
                {updatePresets.map((minutes) => (
                  <button
                    key={minutes}
                    type="button"
                    aria-pressed={updateEvery === minutes}
                    onClick={() =>
                      form.setValue("updateEveryMinutes", minutes, {
                        shouldDirty: true,
                        shouldValidate: true,
                      })
                    }
                    className={`min-h-10 flex-1 rounded-md border px-3 text-sm font-medium ${
                      updateEvery === minutes
                        ? "border-brand-700 bg-brand-50 text-brand-800 ring-1 ring-brand-700"
                        : "border-slate-300 bg-white text-slate-700 hover:bg-slate-100"
                    }`}
                  >
                    {minutes} min
                  </button>
                ))}
              </div>
            </div>
          </section>

          <div className="sticky bottom-0 z-10 -mx-4 space-y-2 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur sm:static sm:mx-0 sm:border-0 sm:bg-transparent sm:p-0 sm:backdrop-blur-none">
            {problem && <Alert tone="error">{problem}</Alert>}
            <div className="flex items-center justify-end gap-3">
              {chosenNames.length > 0 && (
                <p className="hidden min-w-0 flex-1 truncate text-sm text-slate-600 sm:block">
                  Down: <span className="font-medium text-slate-900">{chosenNames.join(", ")}</span>
                </p>
              )}
              <Button
                type="submit"
                variant="danger"
                className="w-full sm:w-auto"
                disabled={!hydrated || isSubmitting || noMap || !practiceId}
              >
                <Siren aria-hidden className="size-4" />
                {isSubmitting
                  ? "Declaring…"
                  : openOutage
                    ? "Declare a separate outage"
                    : "Declare outage"}
              </Button>
            </div>
          </div>
        </>
      )}
    </form>
  );
}

type OpenOutageView = {
  id: string;
  practiceId: string;
  title: string;
  status: keyof typeof incidentStatusLabels;
  ageMinutes: number;
};

/**
 * The practice already has an open outage: the person joins it (the main action) or, confirmed,
 * declares a separate one. Once confirmed, a reminder stays above the form with the way back.
 */
function OpenOutageChoice({
  practiceName,
  outage,
  more,
  choosing,
  onSeparate,
}: {
  practiceName: string;
  outage: OpenOutageView;
  more: number;
  choosing: boolean;
  onSeparate: () => void;
}) {
  const what = (
    <>
      <strong>&ldquo;{outage.title}&rdquo;</strong> —{" "}
      {incidentStatusLabels[outage.status].toLowerCase()}, started {ageWords(outage.ageMinutes)} ago
      {more > 0 ? ` (and ${more} more open outage${more === 1 ? "" : "s"})` : ""}
    </>
  );
  if (!choosing)
    return (
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950">
        <span>Declaring a separate outage beside the open one: {what}.</span>
        <Link href={incidentHref(outage)} className="font-medium text-brand-700 underline">
          Join it instead
        </Link>
      </p>
    );
  return (
    <section
      aria-label="Open outage at this practice"
      className="space-y-3 rounded-lg border-2 border-red-700 bg-red-50 p-4 text-red-950 sm:p-5"
    >
      <h2 className="flex items-start gap-2 text-base font-semibold">
        <Siren aria-hidden className="mt-0.5 size-5 shrink-0" />
        {practiceName} already has an open outage
      </h2>
      <p className="text-sm">{what}.</p>
      <p className="text-sm">
        If this is the same problem, join it: everyone works one outage, with one timeline and one
        set of vendor tickets.
      </p>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <ButtonLink href={incidentHref(outage)} variant="primary" className="w-full sm:w-auto">
          <LogIn aria-hidden className="size-4" /> Join it
        </ButtonLink>
        <ConfirmButton
          label="Declare a separate outage"
          title="Declare a separate outage?"
          confirmLabel="Yes, a separate outage"
          onConfirm={onSeparate}
        >
          &ldquo;{outage.title}&rdquo; is already open at {practiceName}. Declare another only if
          this is a different problem; a second outage for the same problem splits the work and is
          counted twice until it is marked a duplicate.
        </ConfirmButton>
      </div>
    </section>
  );
}
