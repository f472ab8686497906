"use client";

import { sectionSchemas } from "@/server/contracts/plans";
import { at, TextField } from "./fields";
import { SectionForm, type SectionFormProps } from "./section-form";

export function ProviderWorkflowFields({ prefix = "" }: { prefix?: string }) {
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        How providers capture each kind of work on paper or offline, for entry into the EHR later.
      </p>
      <div className="grid gap-4 md:grid-cols-2">
        <TextField name={at(prefix, "notes")} label="Notes" rows={3} />
        <TextField name={at(prefix, "orders")} label="Orders" rows={3} />
        <TextField name={at(prefix, "labs")} label="Labs" rows={3} />
        <TextField name={at(prefix, "prescriptions")} label="Prescriptions" rows={3} />
        <TextField name={at(prefix, "referrals")} label="Referrals" rows={3} />
        <TextField name={at(prefix, "followUp")} label="Follow-up" rows={3} />
      </div>
    </div>
  );
}

export function ProviderWorkflowForm(props: SectionFormProps<"providerWorkflow">) {
  return (
    <SectionForm section="providerWorkflow" schema={sectionSchemas.providerWorkflow} {...props}>
      <ProviderWorkflowFields />
    </SectionForm>
  );
}
