"use client";

import { sectionSchemas } from "@/server/contracts/plans";
import { at, TextField } from "./fields";
import { OrderedList } from "./ordered-list";
import { SectionForm, type SectionFormProps } from "./section-form";

export function CallTreeFields({ prefix = "" }: { prefix?: string }) {
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600">
        How staff, providers and the MSP reach each other when phones or email depend on the failed
        systems.
      </p>
      <OrderedList
        name={at(prefix, "entries")}
        noun="call-tree entry"
        addLabel="Add a call-tree entry"
        max={60}
        newItem={() => ({ caller: "", calls: "", how: "" })}
        emptyText="The call tree is empty."
      >
        {({ path, labelId }) => (
          <fieldset aria-labelledby={labelId}>
            <div className="grid gap-3 md:grid-cols-3">
              <TextField name={`${path}.caller`} label="Who calls" />
              <TextField name={`${path}.calls`} label="Whom they call" />
              <TextField name={`${path}.how`} label="How" hint="Mobile numbers, a group text…" />
            </div>
          </fieldset>
        )}
      </OrderedList>
    </div>
  );
}

export function CallTreeForm(props: SectionFormProps<"callTree">) {
  return (
    <SectionForm section="callTree" schema={sectionSchemas.callTree} {...props}>
      <CallTreeFields />
    </SectionForm>
  );
}
