"use client";

import { sectionSchemas } from "@/server/contracts/plans";
import { at, NumberField, TextField } from "./fields";
import { SectionForm, type SectionFormProps } from "./section-form";

export function OfficePreparationFields({ prefix = "" }: { prefix?: string }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <TextField
        name={at(prefix, "backupInternet")}
        label="Backup internet"
        hint="A cellular hotspot, a second circuit."
        rows={3}
      />
      <TextField name={at(prefix, "powerProtection")} label="UPS and surge protection" rows={3} />
      <TextField
        name={at(prefix, "secondLocation")}
        label="Second location"
        hint="Where the practice works from if the office cannot be used."
        rows={3}
      />
      <TextField
        name={at(prefix, "paperForms")}
        label="Paper forms"
        hint="Which forms, and where they are kept."
        rows={3}
      />
      <NumberField
        name={at(prefix, "paperFormsHours")}
        label="Paper forms stocked for"
        unit="hours of visits"
        min={0}
        max={720}
        hint="At least 8 hours is recommended."
      />
    </div>
  );
}

export function OfficePreparationForm(props: SectionFormProps<"officePreparation">) {
  return (
    <SectionForm section="officePreparation" schema={sectionSchemas.officePreparation} {...props}>
      <OfficePreparationFields />
    </SectionForm>
  );
}
