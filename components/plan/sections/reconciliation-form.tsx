"use client";

import { sectionSchemas } from "@/server/contracts/plans";
import { at } from "./fields";
import { PersonFields } from "./person-fields";
import { SectionForm, type SectionFormProps } from "./section-form";
import { StepList } from "./step-list";

/** The reconciliation steps alone: what the MSP's template sets. */
export function ReconciliationStepsFields({ name }: { name: string }) {
  return <StepList name={name} max={30} emptyText="No reconciliation steps yet." />;
}

export function ReconciliationFields({ prefix = "" }: { prefix?: string }) {
  return (
    <div className="space-y-4">
      <div className="grid gap-4 lg:grid-cols-2">
        <PersonFields
          name={at(prefix, "owner")}
          legend="Re-enters downtime work"
          hint="Enters the paper records into the EHR when it is back."
        />
        <PersonFields
          name={at(prefix, "verifier")}
          legend="Verifies the re-entry"
          hint="Checks each paper record was entered correctly."
        />
      </div>
      <fieldset>
        <legend className="mb-2 text-sm font-semibold text-slate-800">Reconciliation steps</legend>
        <ReconciliationStepsFields name={at(prefix, "steps")} />
      </fieldset>
    </div>
  );
}

export function ReconciliationForm(props: SectionFormProps<"reconciliation">) {
  return (
    <SectionForm section="reconciliation" schema={sectionSchemas.reconciliation} {...props}>
      <ReconciliationFields />
    </SectionForm>
  );
}
