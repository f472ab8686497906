"use client";

import { tz } from "@date-fns/tz";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { addDays, addQuarters, format, isWeekend, startOfQuarter } from "date-fns";
import { Presentation, Siren } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Modal } from "@/components/ui/modal";
import { serviceSchemaResolver } from "@/components/ui/schema-resolver";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { ChoiceCards } from "@/components/ui/choice-cards";
import { Field } from "@/components/ui/field";
import { SaveProblem } from "@/components/ui/save-problem";
import { fromZonedInput, toZonedInput, zoneName } from "@/components/ui/zoned-time";
import { drillKinds, drillPlanSchema, type DrillKind } from "@/server/contracts/drills";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import { drillFieldsOf, type Drill } from "./types";

export type PlanTarget = { mode: "new" } | { mode: "edit"; drill: Drill };

type PlanForm = { kind: DrillKind; scenario: string; scheduledFor: string };

export const kindLook: Record<DrillKind, { Icon: typeof Siren; meaning: string }> = {
  tabletop: {
    Icon: Presentation,
    meaning: "Talk the scenario through around a table, step by step.",
  },
  live: { Icon: Siren, meaning: "Work without the EHR for real, for a set time." },
};

/** The first weekday of the next quarter, 10:00 in the practice's zone: a sensible first tabletop. */
function nextQuarterStart(timeZone: string): string {
  const zone = tz(timeZone);
  let day = addQuarters(startOfQuarter(new Date(), { in: zone }), 1, { in: zone });
  while (isWeekend(day, { in: zone })) day = addDays(day, 1, { in: zone });
  return format(day, "yyyy-MM-dd'T'10:00", { in: zone });
}

/** Schedules a drill, or changes the plan of one (its results are kept as they are). */
export function DrillPlanDialog({
  practiceId,
  timeZone,
  target,
  onClose,
}: {
  practiceId: string;
  timeZone: string;
  target: PlanTarget | null;
  onClose: () => void;
}) {
  const [dirty, setDirty] = useState(false);
  const close = () => {
    setDirty(false);
    onClose();
  };
  return (
    <Modal
      open={target !== null}
      title={target?.mode === "edit" ? "Edit the drill's plan" : "Schedule a drill"}
      description={
        target?.mode === "edit"
          ? undefined
          : "A downtime exercise: pick a scenario the practice could really face."
      }
      onClose={close}
      confirmClose={() => !dirty || window.confirm("Discard the changes you have not saved?")}
    >
      {target && (
        <PlanEditor
          key={target.mode === "edit" ? target.drill.id : "new"}
          practiceId={practiceId}
          timeZone={timeZone}
          drill={target.mode === "edit" ? target.drill : undefined}
          onDirtyChange={setDirty}
          onDone={close}
        />
      )}
    </Modal>
  );
}

function PlanEditor({
  practiceId,
  timeZone,
  drill,
  onDirtyChange,
  onDone,
}: {
  practiceId: string;
  timeZone: string;
  drill?: Drill;
  onDirtyChange: (dirty: boolean) => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const schedule = useMutation(trpc.drills.schedule.mutationOptions());
  const update = useMutation(trpc.drills.update.mutationOptions());
  const toInput = (values: PlanForm) => ({
    kind: values.kind,
    scenario: values.scenario,
    scheduledFor: fromZonedInput(values.scheduledFor, timeZone) ?? "",
  });
  const { form, submit, problem, setProblem, reload } = useVersionedForm<PlanForm>({
    defaultValues: drill
      ? {
          kind: drill.kind,
          scenario: drill.scenario,
          scheduledFor: toZonedInput(new Date(drill.scheduledFor), timeZone),
        }
      : { kind: "tabletop", scenario: "", scheduledFor: nextQuarterStart(timeZone) },
    resolver: serviceSchemaResolver<PlanForm>(drillPlanSchema, toInput),
    version: drill?.version,
    onDirtyChange,
    onSave: async (values, version) => {
      const plan = drillPlanSchema.parse(toInput(values));
      try {
        let saved: number | undefined;
        if (drill) {
          const result = await update.mutateAsync({
            ...drillFieldsOf(drill),
            ...plan,
            practiceId,
            drillId: drill.id,
            version,
          });
          saved = result.version;
          toast.success("Drill plan saved");
        } else {
          await schedule.mutateAsync({ ...plan, practiceId });
          toast.success("Drill scheduled");
        }
        await queryClient.invalidateQueries({
          queryKey: trpc.drills.list.queryKey({ practiceId }),
        });
        onDirtyChange(false);
        onDone();
        return { saved: true, version: saved };
      } catch (error) {
        return { saved: false, problem: callProblem(error) };
      }
    },
  });
  const { errors, isSubmitting } = form.formState;

  async function loadLatest() {
    if (!drill) return;
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
    reload(
      {
        kind: current.kind,
        scenario: current.scenario,
        scheduledFor: toZonedInput(new Date(current.scheduledFor), timeZone),
      },
      current.version,
    );
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {problem && (
        <SaveProblem
          message={problem.message}
          conflict={problem.code === "CONFLICT"}
          onLoadLatest={() => void loadLatest()}
        />
      )}
      <ChoiceCards
        legend="Kind of drill"
        columns="sm:grid-cols-2"
        options={drillKinds.map(([value, label]) => ({
          value,
          label,
          icon: kindLook[value].Icon,
          description: kindLook[value].meaning,
        }))}
        register={form.register("kind")}
        error={errors.kind?.message}
      />
      <Field
        label="Scenario"
        hint="What goes wrong, e.g. The EHR vendor's cloud is down for a whole clinic day."
        error={errors.scenario?.message}
      >
        {(props) => <textarea {...props} {...form.register("scenario")} rows={3} />}
      </Field>
      <Field
        label="When"
        hint={`Date and time in the practice's time zone (${timeZone}, ${zoneName(new Date(), timeZone)}).`}
        error={errors.scheduledFor?.message}
      >
        {(props) => (
          <input
            {...props}
            {...form.register("scheduledFor")}
            type="datetime-local"
            className={`${props.className} max-w-64`}
          />
        )}
      </Field>
      <div className="flex flex-wrap justify-end gap-2">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : drill ? "Save plan" : "Schedule drill"}
        </Button>
      </div>
    </form>
  );
}
