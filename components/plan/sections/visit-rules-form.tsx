"use client";

import { useFormContext, type FieldValues } from "react-hook-form";
import { Field } from "@/components/ui/field";
import { sectionSchemas, visitActionLabels, visitActions } from "@/server/contracts/plans";
import { at, TextField, useFieldError } from "./fields";
import { OrderedList } from "./ordered-list";
import { SectionForm, type SectionFormProps } from "./section-form";

function ActionSelect({ name }: { name: string }) {
  const { register } = useFormContext<FieldValues>();
  const error = useFieldError(name);
  return (
    <Field label="What happens" error={error}>
      {(props) => (
        <select {...props} {...register(name)}>
          {visitActions.map((action) => (
            <option key={action} value={action}>
              {visitActionLabels[action]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function VisitRulesFields({ prefix = "" }: { prefix?: string }) {
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600">
        Which visit types continue on paper, which are rescheduled, and which need the EHR before a
        clinical decision.
      </p>
      <OrderedList
        name={at(prefix, "rules")}
        noun="visit rule"
        addLabel="Add a visit rule"
        max={50}
        newItem={() => ({ visitType: "", action: "continue", note: "" })}
        emptyText="No visit rules yet."
      >
        {({ path, labelId }) => (
          <fieldset aria-labelledby={labelId}>
            <div className="grid gap-3 md:grid-cols-[1fr_14rem]">
              <TextField
                name={`${path}.visitType`}
                label="Visit type"
                hint="For example annual physical, sick visit, new patient."
              />
              <ActionSelect name={`${path}.action`} />
              <div className="md:col-span-2">
                <TextField name={`${path}.note`} label="Note" />
              </div>
            </div>
          </fieldset>
        )}
      </OrderedList>
    </div>
  );
}

export function VisitRulesForm(props: SectionFormProps<"visitRules">) {
  return (
    <SectionForm section="visitRules" schema={sectionSchemas.visitRules} {...props}>
      <VisitRulesFields />
    </SectionForm>
  );
}
