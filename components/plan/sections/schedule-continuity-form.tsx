"use client";

import { sectionSchemas } from "@/server/contracts/plans";
import { at, TextField } from "./fields";
import { SectionForm, type SectionFormProps } from "./section-form";

export function ScheduleContinuityFields({ prefix = "" }: { prefix?: string }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <TextField
        name={at(prefix, "scheduleExport")}
        label="How the schedule is printed or exported"
        hint="Today's and tomorrow's schedule, before and during an outage."
        rows={3}
      />
      <TextField
        name={at(prefix, "checkIn")}
        label="Check-in"
        hint="The paper check-in list and who keeps it."
        rows={3}
      />
      <TextField
        name={at(prefix, "phoneRouting")}
        label="Phone routing"
        hint="Where calls go when the phone system or EHR is down."
        rows={3}
      />
      <TextField
        name={at(prefix, "tracking")}
        label="Tracking"
        hint="How cancellations, arrivals and urgent messages are tracked."
        rows={3}
      />
    </div>
  );
}

export function ScheduleContinuityForm(props: SectionFormProps<"scheduleContinuity">) {
  return (
    <SectionForm section="scheduleContinuity" schema={sectionSchemas.scheduleContinuity} {...props}>
      <ScheduleContinuityFields />
    </SectionForm>
  );
}
