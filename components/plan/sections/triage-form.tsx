"use client";

import { sectionSchemas } from "@/server/contracts/plans";
import { at } from "./fields";
import { SectionForm, type SectionFormProps } from "./section-form";
import { StepList } from "./step-list";

export function TriageFields({ prefix = "" }: { prefix?: string }) {
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600">
        Checks in order, to tell a local problem from a vendor-wide outage. At least 3 steps.
      </p>
      <StepList name={at(prefix, "steps")} max={30} emptyText="No triage steps yet." />
    </div>
  );
}

export function TriageForm(props: SectionFormProps<"triage">) {
  return (
    <SectionForm section="triage" schema={sectionSchemas.triage} {...props}>
      <TriageFields />
    </SectionForm>
  );
}
