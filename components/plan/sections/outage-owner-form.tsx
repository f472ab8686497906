"use client";

import { sectionSchemas } from "@/server/contracts/plans";
import { at } from "./fields";
import { PersonFields } from "./person-fields";
import { SectionForm, type SectionFormProps } from "./section-form";

export function OutageOwnerFields({ prefix = "" }: { prefix?: string }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <PersonFields
        name={at(prefix, "owner")}
        legend="Outage owner"
        hint="Confirms the outage, talks to vendors, posts updates."
      />
      <PersonFields
        name={at(prefix, "backup")}
        legend="Backup outage owner"
        hint="Takes over when the owner is away or unreachable."
      />
    </div>
  );
}

export function OutageOwnerForm(props: SectionFormProps<"outageOwner">) {
  return (
    <SectionForm section="outageOwner" schema={sectionSchemas.outageOwner} {...props}>
      <OutageOwnerFields />
    </SectionForm>
  );
}
