"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { useId, useState } from "react";
import { useFieldArray, type UseFormRegisterReturn } from "react-hook-form";
import { toast } from "sonner";
import { Modal } from "@/components/ui/modal";
import { formatMoment } from "@/components/ui/format";
import { serviceSchemaResolver } from "@/components/ui/schema-resolver";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SaveProblem } from "@/components/ui/save-problem";
import { fromZonedInput, toZonedInput, zoneName } from "@/components/ui/zoned-time";
import {
  drillFieldsSchema,
  drillKindLabels,
  drillSteps,
  type DrillStepKey,
} from "@/server/contracts/drills";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import { drillFieldsOf, type Drill } from "./types";

type ResultForm = {
  heldAt: string;
  participants: { name: string }[];
  findings: { text: string }[];
} & Record<DrillStepKey, string>;

const MAX_PARTICIPANTS = 50;
const MAX_FINDINGS = 30;
const FUTURE_GRACE_MS = 5 * 60_000;

function formOf(drill: Drill, timeZone: string): ResultForm {
  const scheduled = new Date(drill.scheduledFor);
  const heldAt = drill.heldAt
    ? new Date(drill.heldAt)
    : scheduled.getTime() <= Date.now()
      ? scheduled
      : new Date();
  return {
    heldAt: toZonedInput(heldAt, timeZone),
    participants:
      drill.participants.length > 0 ? drill.participants.map((name) => ({ name })) : [{ name: "" }],
    findings: drill.findings.map((text) => ({ text })),
    ...(Object.fromEntries(
      drillSteps.map(([key]) => [key, drill[key] === null ? "" : String(drill[key])]),
    ) as Record<DrillStepKey, string>),
  };
}

/** Non-blank entries of a list, with where each one sits in the form (blank rows are left out). */
function filled<T>(rows: T[], textOf: (row: T) => string) {
  return rows.flatMap((row, index) =>
    textOf(row).trim() === "" ? [] : [{ value: textOf(row), index }],
  );
}

/** Records how a drill went: when it was held, who took part, how long each step took, what was found. */
export function DrillResultDialog({
  practiceId,
  timeZone,
  drill,
  onClose,
}: {
  practiceId: string;
  timeZone: string;
  drill: Drill | null;
  onClose: () => void;
}) {
  const [dirty, setDirty] = useState(false);
  const close = () => {
    setDirty(false);
    onClose();
  };
  return (
    <Modal
      open={drill !== null}
      size="lg"
      title={drill?.heldAt ? "Edit how the drill went" : "Record how the drill went"}
      description={
        drill
          ? `${drillKindLabels[drill.kind]} drill planned for ${formatMoment(drill.scheduledFor, timeZone)}: ${drill.scenario}`
          : undefined
      }
      onClose={close}
      confirmClose={() => !dirty || window.confirm("Discard the changes you have not saved?")}
    >
      {drill && (
        <ResultEditor
          key={drill.id}
          practiceId={practiceId}
          timeZone={timeZone}
          drill={drill}
          onDirtyChange={setDirty}
          onDone={close}
        />
      )}
    </Modal>
  );
}

function ResultEditor({
  practiceId,
  timeZone,
  drill,
  onDirtyChange,
  onDone,
}: {
  practiceId: string;
  timeZone: string;
  drill: Drill;
  onDirtyChange: (dirty: boolean) => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formId = useId();
  // The drill's other fields, saved unchanged with these.
  const [base, setBase] = useState(drill);
  const update = useMutation(trpc.drills.update.mutationOptions());

  const toInput = (values: ResultForm) => ({
    ...drillFieldsOf(base),
    heldAt: fromZonedInput(values.heldAt, timeZone) ?? "",
    participants: filled(values.participants, (row) => row.name).map((entry) => entry.value),
    findings: filled(values.findings, (row) => row.text).map((entry) => entry.value),
    ...Object.fromEntries(
      drillSteps.map(([key]) => [key, values[key].trim() === "" ? null : Number(values[key])]),
    ),
  });
  // An issue about the n-th non-blank participant or finding belongs to that row of the form.
  const fieldOf = (values: ResultForm) => (path: PropertyKey[]) => {
    const [first, index] = path;
    if (first === "participants" && typeof index === "number")
      return `participants.${filled(values.participants, (row) => row.name)[index]?.index ?? 0}.name`;
    if (first === "findings" && typeof index === "number")
      return `findings.${filled(values.findings, (row) => row.text)[index]?.index ?? 0}.text`;
    return typeof first === "string" ? first : null;
  };

  const { form, submit, problem, setProblem, reload } = useVersionedForm<ResultForm>({
    defaultValues: formOf(drill, timeZone),
    resolver: (values, context, options) =>
      serviceSchemaResolver<ResultForm>(drillFieldsSchema, toInput, fieldOf(values), (current) => {
        const heldAt = fromZonedInput(current.heldAt, timeZone);
        if (!heldAt) return [{ field: "heldAt", message: "Enter when the drill was held." }];
        if (heldAt.getTime() > Date.now() + FUTURE_GRACE_MS)
          return [
            { field: "heldAt", message: "A drill cannot be recorded as held in the future." },
          ];
        return [];
      })(values, context, options),
    version: drill.version,
    onDirtyChange,
    onSave: async (values, version) => {
      try {
        const input = drillFieldsSchema.parse(toInput(values));
        const result = await update.mutateAsync({
          ...input,
          practiceId,
          drillId: base.id,
          version,
        });
        await queryClient.invalidateQueries({
          queryKey: trpc.drills.list.queryKey({ practiceId }),
        });
        toast.success(drill.heldAt ? "Drill results saved" : "Drill recorded as held");
        onDirtyChange(false);
        onDone();
        return { saved: true, version: result.version };
      } catch (error) {
        const found = callProblem(error);
        const toField = fieldOf(values);
        const fieldErrors: Record<string, string> = {};
        for (const [key, messages] of Object.entries(found.fieldErrors)) {
          const field = toField(
            key.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
          );
          if (
            field &&
            messages?.[0] &&
            (field === "heldAt" ||
              field.startsWith("participants") ||
              field.startsWith("findings") ||
              drillSteps.some(([step]) => step === field))
          )
            fieldErrors[field] = messages[0];
        }
        return { saved: false, problem: found, fieldErrors };
      }
    },
  });
  const participants = useFieldArray({
    control: form.control,
    name: "participants",
    keyName: "key",
  });
  const findings = useFieldArray({ control: form.control, name: "findings", keyName: "key" });
  const { errors, isSubmitting } = form.formState;
  const participantsError = errors.participants?.message ?? errors.participants?.root?.message;
  const findingsError = errors.findings?.message ?? errors.findings?.root?.message;

  async function loadLatest() {
    const latest = await queryClient.fetchQuery({
      ...trpc.drills.list.queryOptions({ practiceId }),
      staleTime: 0,
    });
    const current = latest.find((item) => item.id === drill.id);
    if (!current) {
      setProblem({
        message:
          "This drill is no longer planned; someone may have cancelled it. Close this to see the drills.",
        fieldErrors: {},
      });
      return;
    }
    setBase(current);
    reload(formOf(current, timeZone), current.version);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      {problem && (
        <SaveProblem
          message={problem.message}
          conflict={problem.code === "CONFLICT"}
          onLoadLatest={() => void loadLatest()}
        />
      )}
      <Field
        label="Held at"
        hint={`Date and time in the practice's time zone (${timeZone}, ${zoneName(new Date(), timeZone)}).`}
        error={errors.heldAt?.message}
      >
        {(props) => (
          <input
            {...props}
            {...form.register("heldAt")}
            type="datetime-local"
            className={`${props.className} max-w-64`}
          />
        )}
      </Field>

      <fieldset
        className="space-y-2"
        aria-describedby={participantsError ? `${formId}-participants-error` : undefined}
      >
        <legend className="text-base font-semibold text-slate-900">Who took part</legend>
        <p className="text-xs text-slate-500">
          One name per field, with a role if useful; empty fields are left out.
        </p>
        {participantsError && (
          <p id={`${formId}-participants-error`} role="alert" className="text-sm text-red-700">
            {participantsError}
          </p>
        )}
        <EntryRows
          rows={participants.fields}
          idPrefix={`${formId}-participant`}
          labelOf={(index) => `Participant ${index + 1}`}
          errorOf={(index) => errors.participants?.[index]?.name?.message}
          fieldOf={(index) => form.register(`participants.${index}.name`)}
          onRemove={(index) => participants.remove(index)}
        />
        <Button
          variant="secondary"
          disabled={participants.fields.length >= MAX_PARTICIPANTS}
          onClick={() => participants.append({ name: "" })}
        >
          <Plus aria-hidden className="size-4" /> Add participant
        </Button>
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="text-base font-semibold text-slate-900">How long each step took</legend>
        <p className="text-xs text-slate-500">
          Whole minutes each step took; leave a step blank if it was not timed.
        </p>
        <div className="grid grid-cols-2 items-end gap-3 sm:grid-cols-5">
          {drillSteps.map(([key, label]) => (
            <Field key={key} label={`${label} (minutes)`} error={errors[key]?.message}>
              {(props) => (
                <input
                  {...props}
                  {...form.register(key)}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  step={1}
                />
              )}
            </Field>
          ))}
        </div>
      </fieldset>

      <fieldset
        className="space-y-2"
        aria-describedby={findingsError ? `${formId}-findings-error` : undefined}
      >
        <legend className="text-base font-semibold text-slate-900">Findings</legend>
        <p className="text-xs text-slate-500">
          What did not work or was missing. Each finding can then be raised as a risk for the next
          review.
        </p>
        {findingsError && (
          <p id={`${formId}-findings-error`} role="alert" className="text-sm text-red-700">
            {findingsError}
          </p>
        )}
        {findings.fields.length === 0 && (
          <p className="rounded-md border border-dashed border-slate-300 px-3 py-3 text-center text-sm text-slate-600">
            No findings yet.
          </p>
        )}
        <EntryRows
          rows={findings.fields}
          idPrefix={`${formId}-finding`}
          labelOf={(index) => `Finding ${index + 1}`}
          errorOf={(index) => errors.findings?.[index]?.text?.message}
          fieldOf={(index) => form.register(`findings.${index}.text`)}
          onRemove={(index) => findings.remove(index)}
          multiline
        />
        <Button
          variant="secondary"
          disabled={findings.fields.length >= MAX_FINDINGS}
          onClick={() => findings.append({ text: "" })}
        >
          <Plus aria-hidden className="size-4" /> Add finding
        </Button>
      </fieldset>

      <div className="flex flex-wrap justify-end gap-2">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : drill.heldAt ? "Save results" : "Record as held"}
        </Button>
      </div>
    </form>
  );
}

const entryClass =
  "block min-h-10 w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 aria-[invalid=true]:border-red-600";

/** Numbered rows of one text each (a participant, a finding), each with its own error and a remove button. */
function EntryRows({
  rows,
  idPrefix,
  labelOf,
  errorOf,
  fieldOf,
  onRemove,
  multiline = false,
}: {
  rows: { key: string }[];
  idPrefix: string;
  labelOf: (index: number) => string;
  errorOf: (index: number) => string | undefined;
  fieldOf: (index: number) => UseFormRegisterReturn;
  onRemove: (index: number) => void;
  multiline?: boolean;
}) {
  return (
    <ol className="space-y-2">
      {rows.map((row, index) => {
        const error = errorOf(index);
        const inputId = `${idPrefix}-${index}`;
        const inputProps = {
          id: inputId,
          ...fieldOf(index),
          "aria-invalid": Boolean(error),
          "aria-describedby": error ? `${inputId}-error` : undefined,
          className: entryClass,
        };
        return (
          <li key={row.key} className="space-y-1">
            <div
              className={`grid grid-cols-[1fr_auto] gap-x-2 gap-y-1 sm:grid-cols-[6rem_1fr_auto] ${multiline ? "items-start" : "items-center"}`}
            >
              <label
                htmlFor={inputId}
                className={`col-span-2 text-sm text-slate-700 sm:col-span-1 ${multiline ? "sm:pt-2" : ""}`}
              >
                {labelOf(index)}
              </label>
              {multiline ? (
                <textarea {...inputProps} rows={2} />
              ) : (
                <input {...inputProps} autoComplete="off" />
              )}
              <Button
                variant="ghost"
                className="min-h-9 shrink-0 px-2 py-1 text-red-800"
                onClick={() => onRemove(index)}
              >
                <Trash2 aria-hidden className="size-4" />
                <span className="sr-only">Remove {labelOf(index).toLowerCase()}</span>
              </Button>
            </div>
            {error && (
              <p id={`${inputId}-error`} role="alert" className="text-sm text-red-700 sm:pl-26">
                {error}
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
