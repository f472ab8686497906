"use client";

import { sectionSchemas } from "@/server/contracts/plans";
import { at, NumberField, TextField } from "./fields";
import { SectionForm, type SectionFormProps } from "./section-form";

export function TiersFields({ prefix = "" }: { prefix?: string }) {
  return (
    <div className="space-y-4">
      <NumberField
        name={at(prefix, "shortOutageMaxMinutes")}
        label="A short outage lasts up to"
        unit="minutes"
        min={5}
        max={10080}
        hint="Longer than this, the long-outage plan applies. 240 minutes is 4 hours."
      />
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          name={at(prefix, "shortTier")}
          label="Short-outage plan"
          hint="Minutes to hours."
          rows={4}
        />
        <TextField
          name={at(prefix, "longTier")}
          label="Long-outage plan"
          hint="Days: second location, backup internet, laptops on battery."
          rows={4}
        />
      </div>
    </div>
  );
}

export function TiersForm(props: SectionFormProps<"tiers">) {
  return (
    <SectionForm section="tiers" schema={sectionSchemas.tiers} {...props}>
      <TiersFields />
    </SectionForm>
  );
}
