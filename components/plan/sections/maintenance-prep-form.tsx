"use client";

import { sectionSchemas } from "@/server/contracts/plans";
import { at } from "./fields";
import { SectionForm, type SectionFormProps } from "./section-form";
import { StepList } from "./step-list";

export function MaintenancePrepFields({ prefix = "" }: { prefix?: string }) {
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600">
        The checklist for the day before planned maintenance.
      </p>
      <StepList
        name={at(prefix, "items")}
        noun="item"
        addLabel="Add an item"
        max={40}
        emptyText="The checklist is empty."
      />
    </div>
  );
}

export function MaintenancePrepForm(props: SectionFormProps<"maintenancePrep">) {
  return (
    <SectionForm section="maintenancePrep" schema={sectionSchemas.maintenancePrep} {...props}>
      <MaintenancePrepFields />
    </SectionForm>
  );
}
