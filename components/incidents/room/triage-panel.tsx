"use client";

import { useMutation } from "@tanstack/react-query";
import { CheckCircle2, Circle, Lightbulb, Stethoscope } from "lucide-react";
import { useMemo, type ReactNode } from "react";
import { useWatch, type UseFormRegisterReturn } from "react-hook-form";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import { suggestScope } from "@/server/domain/incident-scope";
import {
  otherCloudAppsAnswers,
  otherCloudAppsLabel,
  suspectedScopeLabels,
  suspectedScopes,
  triageAnswers,
  triageCheckLabels,
  triageChecks,
  type OtherCloudAppsAnswer,
  type TriageAnswer,
  type TriageCheck,
} from "@/server/contracts/incidents";
import { triageSchema } from "@/server/contracts/incidents";
import { AnswerText, answerLook, cloudLook } from "./answer-look";
import { brandChecked, ChoiceChip } from "./choice-chip";
import { scopeLook, ScopeBadge } from "./badges";
import { Panel } from "./panel";
import { useRoom } from "./room-context";
import { RoomProblem } from "./room-problem";
import { toSaveOutcome, useRoomAction } from "./use-room-action";
import type { IncidentView } from "./types";

const triageFormSchema = triageSchema.omit({ practiceId: true, incidentId: true, version: true });
type TriageFields = {
  checks: { check: TriageCheck; answer: TriageAnswer }[];
  otherCloudAppsWork: OtherCloudAppsAnswer;
  planSteps: { text: string; done: boolean }[];
  scope: (typeof suspectedScopes)[number];
};

const isAnswer = (value: unknown): value is TriageAnswer =>
  triageAnswers.includes(value as TriageAnswer);
const isCloudAnswer = (value: unknown): value is OtherCloudAppsAnswer =>
  otherCloudAppsAnswers.includes(value as OtherCloudAppsAnswer);

/** The triage as saved on the incident, with every standard check and every plan step in the plan's order. */
function triageOf(
  saved: IncidentView["incident"]["triage"],
  planSteps: readonly string[],
): Omit<TriageFields, "scope"> {
  const answerOf = (check: TriageCheck) => {
    const found = saved?.checks.findLast((entry) => entry.check === check)?.answer;
    return isAnswer(found) ? found : "unknown";
  };
  return {
    checks: triageChecks.map((check) => ({ check, answer: answerOf(check) })),
    otherCloudAppsWork: isCloudAnswer(saved?.otherCloudAppsWork)
      ? saved.otherCloudAppsWork
      : "unknown",
    planSteps: planSteps.slice(0, 30).map((text) => ({
      text: text.slice(0, 500),
      done: saved?.planSteps.find((step) => step.text === text.slice(0, 500))?.done ?? false,
    })),
  };
}

export function TriagePanel({ view, className = "" }: { view: IncidentView; className?: string }) {
  const { access } = useRoom();
  const editable = access.canWrite && view.incident.status !== "closed";
  return (
    <Panel
      id="triage"
      title="Triage: local or vendor-wide?"
      icon={Stethoscope}
      className={className}
    >
      {editable ? <TriageForm view={view} /> : <TriageSummary view={view} />}
    </Panel>
  );
}

function Segmented<V extends string>({
  label,
  options,
  register,
}: {
  label: string;
  options: readonly { value: V; look: { Icon: typeof Circle; word: string; checked: string } }[];
  register: UseFormRegisterReturn;
}) {
  const id = `triage-${register.name.replace(/\W/g, "-")}`;
  return (
    <div className="flex flex-col gap-1 py-2 sm:flex-row sm:items-center sm:justify-between sm:gap-3">
      <span id={id} className="text-sm font-medium text-slate-800">
        {label}
      </span>
      <div role="radiogroup" aria-labelledby={id} className="flex flex-wrap gap-1 sm:shrink-0">
        {options.map(({ value, look }) => (
          <ChoiceChip
            key={value}
            value={value}
            icon={look.Icon}
            label={look.word}
            checkedClassName={look.checked}
            compact
            {...register}
          />
        ))}
      </div>
    </div>
  );
}

function TriageForm({ view }: { view: IncidentView }) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const { practiceId, incidentId } = useRoom();
  const run = useRoomAction();
  const save = useMutation(trpc.incidents.saveTriage.mutationOptions());
  const { incident } = view;

  // The query keeps unchanged parts of its answer identical, so this changes only when they do.
  const { triage: saved, scope: savedScope, scopeConfirmedByName, version } = incident;
  const planSteps = view.plan.triageSteps;
  const latest = useMemo(() => {
    const triage = triageOf(saved, planSteps);
    const scope = scopeConfirmedByName ? savedScope : suggestScope(triage).scope;
    return { values: { ...triage, scope }, version };
  }, [saved, planSteps, savedScope, scopeConfirmedByName, version]);

  const { form, submit, problem, conflict, latestArrived, loadLatest, keepMine } =
    useVersionedForm<TriageFields>({
      schema: triageFormSchema,
      defaultValues: latest.values,
      version: latest.version,
      latest,
      onSave: async (values, readVersion) => {
        const outcome = await run(
          () => save.mutateAsync({ ...values, version: readVersion, practiceId, incidentId }),
          { success: `Triage saved: scope ${suspectedScopeLabels[values.scope].toLowerCase()}` },
        );
        return outcome.ok
          ? { saved: true, version: outcome.value.version }
          : toSaveOutcome(outcome);
      },
    });
  const [checks, otherCloudAppsWork] = useWatch({
    control: form.control,
    name: ["checks", "otherCloudAppsWork"],
  });
  const suggestion = suggestScope({
    checks: checks ?? [],
    otherCloudAppsWork: otherCloudAppsWork ?? "unknown",
  });
  const scope = useWatch({ control: form.control, name: "scope" });
  const { isSubmitting, isDirty, errors } = form.formState;

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <div>
        <h3 className="text-sm font-semibold text-slate-800">The standard checks, in order</h3>
        <div className="divide-y divide-slate-100">
          {triageChecks.map((check, index) => (
            <Segmented
              key={check}
              label={triageCheckLabels[check]}
              options={triageAnswers.map((value) => ({ value, look: answerLook[value] }))}
              register={form.register(`checks.${index}.answer`)}
            />
          ))}
          <Segmented
            label={otherCloudAppsLabel}
            options={otherCloudAppsAnswers.map((value) => ({ value, look: cloudLook[value] }))}
            register={form.register("otherCloudAppsWork")}
          />
        </div>
      </div>

      {view.plan.triageSteps.length > 0 && (
        <fieldset className="space-y-2">
          <legend className="text-sm font-semibold text-slate-800">
            The plan&apos;s triage steps
          </legend>
          <ul className="space-y-1.5">
            {latest.values.planSteps.map((step, index) => (
              <li key={`${index}-${step.text}`} className="flex items-start gap-2">
                <input
                  id={`triage-step-${index}`}
                  type="checkbox"
                  className="mt-0.5 size-5 shrink-0 rounded border-slate-400 accent-brand-700"
                  {...form.register(`planSteps.${index}.done`)}
                />
                <label htmlFor={`triage-step-${index}`} className="text-sm text-slate-800">
                  {step.text}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}

      <SuggestionBox
        suggestion={suggestion}
        action={
          scope !== suggestion.scope ? (
            <Button
              variant="secondary"
              className="mt-2"
              onClick={() => form.setValue("scope", suggestion.scope, { shouldDirty: true })}
            >
              Use the suggestion
            </Button>
          ) : null
        }
      />

      <div className="space-y-2">
        <div
          role="radiogroup"
          aria-labelledby="triage-scope-label"
          aria-describedby={errors.scope ? "triage-scope-error" : undefined}
          className="space-y-1"
        >
          <span id="triage-scope-label" className="block text-sm font-semibold text-slate-800">
            The scope you confirm
          </span>
          <div className="flex flex-wrap gap-1">
            {suspectedScopes.map((value) => (
              <ChoiceChip
                key={value}
                value={value}
                icon={scopeLook[value].Icon}
                label={suspectedScopeLabels[value]}
                checkedClassName={brandChecked}
                {...form.register("scope")}
              />
            ))}
          </div>
          {errors.scope && (
            <p id="triage-scope-error" role="alert" className="text-sm text-red-700">
              {errors.scope.message}
            </p>
          )}
        </div>
        <p className="text-sm text-slate-600">
          {incident.scopeConfirmedByName ? (
            <>
              Confirmed as <strong>{suspectedScopeLabels[incident.scope]}</strong> by{" "}
              {incident.scopeConfirmedByName}.
            </>
          ) : (
            "Nobody has confirmed the scope yet."
          )}
        </p>
      </div>

      {problem && (
        <RoomProblem
          problem={problem}
          conflict={conflict}
          latestArrived={latestArrived}
          onLoadLatest={loadLatest}
          onKeepMine={keepMine}
        />
      )}
      <div className="flex flex-wrap items-center justify-end gap-2">
        {isDirty && <span className="text-sm text-slate-600">Unsaved answers</span>}
        <Button type="submit" disabled={!hydrated || isSubmitting}>
          {isSubmitting ? "Saving…" : "Save triage and confirm scope"}
        </Button>
      </div>
    </form>
  );
}

function SuggestionBox({
  suggestion,
  action,
}: {
  suggestion: { scope: (typeof suspectedScopes)[number]; reason: string };
  action?: ReactNode;
}) {
  return (
    <div
      className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-950"
      aria-live="polite"
    >
      <p className="flex flex-wrap items-center gap-2 font-semibold">
        <Lightbulb aria-hidden className="size-4" />
        Suggested scope: <ScopeBadge scope={suggestion.scope} confirmed />
      </p>
      <p className="mt-1">{suggestion.reason}</p>
      {action}
    </div>
  );
}

function TriageSummary({ view }: { view: IncidentView }) {
  const { incident } = view;
  const triage = triageOf(incident.triage, view.plan.triageSteps);
  const suggestion = view.triageSuggestion;
  return (
    <div className="space-y-4">
      {!incident.triage && <p className="text-sm text-slate-600">No triage answers yet.</p>}
      <dl className="divide-y divide-slate-100">
        {triage.checks.map(({ check, answer }) => (
          <div key={check} className="flex items-center justify-between gap-3 py-1.5">
            <dt className="text-sm text-slate-800">{triageCheckLabels[check]}</dt>
            <dd>
              <AnswerText look={answerLook[answer]} />
            </dd>
          </div>
        ))}
        <div className="flex items-center justify-between gap-3 py-1.5">
          <dt className="text-sm text-slate-800">{otherCloudAppsLabel}</dt>
          <dd>
            <AnswerText look={cloudLook[triage.otherCloudAppsWork]} />
          </dd>
        </div>
      </dl>
      {triage.planSteps.length > 0 && (
        <div>
          <h3 className="text-sm font-semibold text-slate-800">The plan&apos;s triage steps</h3>
          <ul className="mt-1 space-y-1">
            {triage.planSteps.map((step, index) => (
              <li key={`${index}-${step.text}`} className="flex items-start gap-2 text-sm">
                {step.done ? (
                  <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0 text-emerald-700" />
                ) : (
                  <Circle aria-hidden className="mt-0.5 size-4 shrink-0 text-slate-400" />
                )}
                <span>
                  <span className="sr-only">{step.done ? "Done: " : "Not done: "}</span>
                  {step.text}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {suggestion && <SuggestionBox suggestion={suggestion} />}
      <p className="text-sm text-slate-700">
        {incident.scopeConfirmedByName ? (
          <>
            Scope confirmed as <strong>{suspectedScopeLabels[incident.scope]}</strong> by{" "}
            {incident.scopeConfirmedByName}.
          </>
        ) : (
          "Nobody has confirmed the scope yet."
        )}
      </p>
    </div>
  );
}
