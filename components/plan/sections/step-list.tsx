"use client";

import { LabelledTextArea } from "./fields";
import { OrderedList } from "./ordered-list";

/** An ordered list of written steps ({ text }): triage, reconciliation, maintenance prep. */
export function StepList({
  name,
  noun = "step",
  addLabel = "Add a step",
  max,
  emptyText,
}: {
  name: string;
  noun?: string;
  addLabel?: string;
  max: number;
  emptyText: string;
}) {
  return (
    <OrderedList
      name={name}
      noun={noun}
      addLabel={addLabel}
      max={max}
      newItem={() => ({ text: "" })}
      emptyText={emptyText}
      dense
    >
      {({ path, labelId }) => <LabelledTextArea name={`${path}.text`} labelledBy={labelId} />}
    </OrderedList>
  );
}
