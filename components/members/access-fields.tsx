"use client";

import { useEffect } from "react";
import { type Control, type FieldErrors, type UseFormRegister, useController, useWatch } from "react-hook-form";
import { Field } from "@/components/ui/field";
import { roleLabels, roles, type Role } from "@/server/permissions";
import { PracticePicker } from "./practice-picker";

export type AccessFormValues = { role: Role; practiceIds: string[] };

const roleHints: Record<Role, string> = {
  admin: "Sees and manages everything in the MSP, including members.",
  technician: "Works on every practice of the MSP.",
  practice_manager: "Fills in the plan and runs the front desk side of an outage for the chosen practice.",
  leadership: "Reads readiness and metrics; changes nothing. Choose practices to limit them, or none for the whole MSP.",
};

/** Role and practice scope, shared by the invite form and the change-access form. */
export function AccessFields<T extends AccessFormValues>({
  control,
  register,
  errors,
  knownNames,
}: {
  control: Control<T>;
  register: UseFormRegister<T>;
  errors: FieldErrors<AccessFormValues>;
  knownNames?: Record<string, string>;
}) {
  const accessControl = control as unknown as Control<AccessFormValues>;
  const role = useWatch({ control: accessControl, name: "role" });
  const { field: practiceIds } = useController({ control: accessControl, name: "practiceIds" });
  // Admins and technicians see every practice: a list left over from another role is dropped.
  useEffect(() => {
    if ((role === "admin" || role === "technician") && practiceIds.value.length > 0) practiceIds.onChange([]);
  }, [role, practiceIds]);
  return (
    <>
      <Field label="Role" hint={roleHints[role]} error={errors.role?.message}>
        {(props) => (
          <select {...props} {...register("role" as never)}>
            {roles.map((value) => (
              <option key={value} value={value}>
                {roleLabels[value]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {(role === "practice_manager" || role === "leadership") && (
        <PracticePicker value={practiceIds.value} onChange={practiceIds.onChange} knownNames={knownNames} error={errors.practiceIds?.message} />
      )}
    </>
  );
}
