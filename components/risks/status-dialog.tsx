"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useWatch } from "react-hook-form";
import { toast } from "sonner";
import { Modal } from "@/components/ui/modal";
import { formatDay } from "@/components/ui/format";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { ChoiceCards } from "@/components/ui/choice-cards";
import { Field } from "@/components/ui/field";
import { SaveProblem } from "@/components/ui/save-problem";
import { statusChangeProblem } from "@/server/domain/risk-status";
import {
  riskStatusChangeSchema,
  riskStatusLabels,
  type RiskStatus,
  type RiskStatusChange,
} from "@/server/contracts/risks";
import { serviceSchemaResolver } from "@/components/ui/schema-resolver";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import { RiskStatusBadge, statusLook } from "./risk-badges";
import type { StatusTarget } from "./types";

type StatusForm = {
  status: RiskStatus | "";
  scheduledFor: string;
  reason: string;
  expiresOn: string;
  note: string;
};
const formFields = [
  "status",
  "scheduledFor",
  "reason",
  "expiresOn",
  "note",
] as const satisfies readonly (keyof StatusForm)[];
type FormField = (typeof formFields)[number];
const statusOrder: RiskStatus[] = ["open", "fix_now", "scheduled", "accepted", "resolved"];

/** Only the fields the chosen status needs, as the service expects them. */
function changeOf(values: StatusForm): unknown {
  switch (values.status) {
    case "scheduled":
      return { status: "scheduled", scheduledFor: values.scheduledFor };
    case "accepted":
      return { status: "accepted", reason: values.reason, expiresOn: values.expiresOn };
    case "resolved":
      return { status: "resolved", note: values.note };
    default:
      return { status: values.status };
  }
}

const fieldOfPath = (path: PropertyKey[]): FormField => {
  const first = String(path[0] ?? "");
  return (formFields as readonly string[]).includes(first) ? (first as FormField) : "status";
};

/** "2027-03-01", `days` after the calendar day `day`. */
function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A rescheduling starts from the planned date, a renewal from the written reason. */
const defaultsFor = (risk: StatusTarget): StatusForm => ({
  status: "",
  scheduledFor: risk.status === "scheduled" ? (risk.scheduledFor ?? "") : "",
  reason: risk.status === "accepted" || risk.acceptanceExpired ? (risk.acceptedReason ?? "") : "",
  expiresOn: "",
  note: "",
});

/** Moves a risk to another status, asking for what that status needs (a date, a reason and an expiry, a note). */
export function StatusDialog({
  practiceId,
  risk,
  today,
  onClose,
}: {
  practiceId: string;
  risk: StatusTarget | null;
  today: string;
  onClose: () => void;
}) {
  const [dirty, setDirty] = useState(false);
  const close = () => {
    setDirty(false);
    onClose();
  };
  return (
    <Modal
      open={risk !== null}
      title={risk ? `Change the status of “${risk.title}”` : "Change status"}
      onClose={close}
      confirmClose={() => !dirty || window.confirm("Discard the changes you have not saved?")}
    >
      {risk && (
        <StatusEditor
          key={`${risk.id}-${risk.version}`}
          practiceId={practiceId}
          risk={risk}
          today={today}
          onDirtyChange={setDirty}
          onDone={close}
        />
      )}
    </Modal>
  );
}

function StatusEditor({
  practiceId,
  risk,
  today,
  onDirtyChange,
  onDone,
}: {
  practiceId: string;
  risk: StatusTarget;
  today: string;
  onDirtyChange: (dirty: boolean) => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState(risk);
  const changeStatus = useMutation(trpc.risks.changeStatus.mutationOptions());
  const { form, submit, problem, setProblem, reload } = useVersionedForm<StatusForm>({
    defaultValues: defaultsFor(risk),
    resolver: serviceSchemaResolver<StatusForm>(
      riskStatusChangeSchema,
      changeOf,
      fieldOfPath,
      (values) => {
        if (values.status === "") return [{ field: "status", message: "Choose the new status." }];
        const issues: { field: FormField; message: string }[] = [];
        if (values.status === "scheduled" && values.scheduledFor === "")
          issues.push({
            field: "scheduledFor",
            message: "Choose the date the fix is planned for.",
          });
        if (values.status === "accepted" && values.expiresOn === "")
          issues.push({
            field: "expiresOn",
            message: "Choose the date the acceptance ends; it is looked at again then.",
          });
        const parsed = riskStatusChangeSchema.safeParse(changeOf(values));
        if (parsed.success) {
          const found = statusChangeProblem(current.status, parsed.data, today);
          if (found) issues.push({ field: fieldOfPath([found.field]), message: found.message });
        }
        return issues;
      },
    ),
    version: risk.version,
    onDirtyChange,
    onSave: async (values, version) => {
      try {
        const change = riskStatusChangeSchema.parse(changeOf(values)) as RiskStatusChange;
        await changeStatus.mutateAsync({ practiceId, riskId: current.id, version, change });
        await queryClient.invalidateQueries({ queryKey: trpc.risks.pathKey() });
        toast.success(`“${current.title}” is now ${riskStatusLabels[change.status].toLowerCase()}`);
        onDirtyChange(false);
        onDone();
        return { saved: true };
      } catch (error) {
        const found = callProblem(error);
        const fieldErrors: Record<string, string> = {};
        for (const [key, messages] of Object.entries(found.fieldErrors)) {
          const field = key.startsWith("change.") ? key.slice("change.".length) : key;
          if (messages?.[0] && (formFields as readonly string[]).includes(field))
            fieldErrors[field] = messages[0];
        }
        return { saved: false, problem: found, fieldErrors };
      }
    },
  });
  const { errors, isSubmitting } = form.formState;
  const chosen = useWatch({ control: form.control, name: "status" });

  async function loadLatest() {
    try {
      const latest = await queryClient.fetchQuery({
        ...trpc.risks.get.queryOptions({ practiceId, riskId: current.id }),
        staleTime: 0,
      });
      const fresh: StatusTarget = {
        id: latest.id,
        title: latest.title,
        version: latest.version,
        status: latest.status,
        acceptanceExpired: latest.acceptanceExpired,
        scheduledFor: latest.scheduledFor,
        acceptedReason: latest.acceptedReason,
        acceptedUntil: latest.acceptedUntil,
      };
      setCurrent(fresh);
      reload(defaultsFor(fresh), fresh.version);
      await queryClient.invalidateQueries({ queryKey: trpc.risks.pathKey() });
    } catch (error) {
      setProblem(
        callProblem(error, "Could not load the latest version. Close this and reload the page."),
      );
    }
  }

  const sameStatusAllowed = (status: RiskStatus) => status === "scheduled" || status === "accepted";
  const optionLabel = (status: RiskStatus) =>
    status === current.status && status === "scheduled"
      ? "Scheduled (choose a new date)"
      : status === current.status && status === "accepted"
        ? "Accepted (renew)"
        : riskStatusLabels[status];

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {problem && (
        <SaveProblem
          message={problem.message}
          conflict={problem.code === "CONFLICT"}
          onLoadLatest={() => void loadLatest()}
        />
      )}
      <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
        Now: <RiskStatusBadge risk={current} />
      </p>
      <ChoiceCards
        legend="New status"
        columns="sm:grid-cols-2"
        options={statusOrder.map((status) => {
          const disabled = status === current.status && !sameStatusAllowed(status);
          return {
            value: status,
            label: (
              <>
                {optionLabel(status)}
                {disabled && <span className="font-normal"> (its status now)</span>}
              </>
            ),
            icon: statusLook[status].Icon,
            description: statusLook[status].meaning,
            disabled,
          };
        })}
        register={form.register("status")}
        error={errors.status?.message}
      />

      {chosen === "scheduled" && (
        <Field
          label="Fix planned for"
          hint="The day the fix is planned; it cannot be in the past."
          error={errors.scheduledFor?.message}
        >
          {(props) => (
            <input
              {...props}
              {...form.register("scheduledFor")}
              type="date"
              min={today}
              className={`${props.className} max-w-56`}
            />
          )}
        </Field>
      )}
      {chosen === "accepted" && (
        <div className="grid gap-4">
          <Field
            label="Why is the risk accepted?"
            hint="At least 10 characters: why it is left as it is, and what limits the harm meanwhile."
            error={errors.reason?.message}
          >
            {(props) => <textarea {...props} {...form.register("reason")} rows={3} />}
          </Field>
          <Field
            label="Accepted until"
            hint={`After this day the risk counts as open again${current.acceptedUntil ? ` (now: ${formatDay(current.acceptedUntil)})` : ""}.`}
            error={errors.expiresOn?.message}
          >
            {(props) => (
              <input
                {...props}
                {...form.register("expiresOn")}
                type="date"
                min={addDays(today, 1)}
                className={`${props.className} max-w-56`}
              />
            )}
          </Field>
        </div>
      )}
      {chosen === "resolved" && (
        <Field
          label="How was it resolved?"
          hint="What was done, by whom; it stays in the risk's history."
          error={errors.note?.message}
        >
          {(props) => <textarea {...props} {...form.register("note")} rows={3} />}
        </Field>
      )}

      <div className="flex flex-wrap justify-end gap-2">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : "Save status"}
        </Button>
      </div>
    </form>
  );
}
