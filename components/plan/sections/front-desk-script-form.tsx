"use client";

import { sectionSchemas } from "@/server/contracts/plans";
import { at, TextField } from "./fields";
import { SectionForm, type SectionFormProps } from "./section-form";

export function FrontDeskScriptFields({ prefix = "" }: { prefix?: string }) {
  return (
    <div className="space-y-4">
      <TextField
        name={at(prefix, "script")}
        label="What staff tell patients"
        hint="Read aloud at the front desk and on the phone."
        rows={5}
      />
      <TextField
        name={at(prefix, "urgentMessages")}
        label="Urgent messages"
        hint="How urgent clinical messages reach a provider."
        rows={3}
      />
    </div>
  );
}

export function FrontDeskScriptForm(props: SectionFormProps<"frontDeskScript">) {
  return (
    <SectionForm section="frontDeskScript" schema={sectionSchemas.frontDeskScript} {...props}>
      <FrontDeskScriptFields />
    </SectionForm>
  );
}
