"use client";

import { useEffect } from "react";
import {
  type Control,
  type FieldErrors,
  type UseFormRegister,
  useController,
  useWatch,
} from "react-hook-form";
import { Field } from "@/components/ui/field";
import { roleLabels, roles, type Role } from "@/server/permissions";
import { PracticePicker } from "./practice-picker";

export type AccessFormValues = { role: Role; practiceIds: string[]; allPractices?: boolean };

const roleHints: Record<Role, string> = {
  admin: "Sees and manages everything in the MSP, including members.",
  technician: "Works on every practice of the MSP.",
  practice_manager:
    "Fills in the plan and runs the front desk side of an outage for the chosen practice.",
  leadership:
    "Reads readiness and metrics; changes nothing. Choose the practices they may see, or all practices.",
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
  const { field: allPractices } = useController({ control: accessControl, name: "allPractices" });
  // Admins and technicians see every practice: a list left over from another role is dropped; only leadership is given "all practices".
  useEffect(() => {
    if ((role === "admin" || role === "technician") && practiceIds.value.length > 0)
      practiceIds.onChange([]);
    if (role !== "leadership" && allPractices.value) allPractices.onChange(false);
  }, [role, practiceIds, allPractices]);
  const everyPractice = role === "leadership" && Boolean(allPractices.value);
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
      {role === "leadership" && (
        <label className="flex items-start gap-2 text-sm md:col-span-2">
          <input
            type="checkbox"
            className="mt-0.5 size-4"
            checked={everyPractice}
            onChange={(event) => {
              allPractices.onChange(event.target.checked);
              if (event.target.checked) practiceIds.onChange([]);
            }}
          />
          <span>
            <span className="font-medium">All practices</span>
            <span className="block text-slate-600">
              Every practice of the MSP, including ones added later. Otherwise they see only the
              practices chosen below.
            </span>
          </span>
        </label>
      )}
      {(role === "practice_manager" || (role === "leadership" && !everyPractice)) && (
        <PracticePicker
          value={practiceIds.value}
          onChange={practiceIds.onChange}
          knownNames={knownNames}
          error={errors.practiceIds?.message}
        />
      )}
    </>
  );
}
