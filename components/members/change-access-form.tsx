"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { Role } from "@/server/permissions";
import { changeMemberAccessSchema } from "@/server/contracts/members";
import { useVersionedForm } from "@/components/ui/use-versioned-form";
import { AccessFields } from "./access-fields";

type Values = {
  userId: string;
  version: number;
  role: Role;
  practiceIds: string[];
  allPractices?: boolean;
};

export function ChangeAccessForm({
  member,
  onSave,
  onCancel,
}: {
  member: {
    id: string;
    version: number;
    role: Role;
    allPractices: boolean;
    practices: { id: string; name: string }[];
  };
  onSave: (values: Values) => Promise<string | null>;
  onCancel: () => void;
}) {
  const { form, submit, problem } = useVersionedForm<Values>({
    schema: changeMemberAccessSchema,
    defaultValues: {
      userId: member.id,
      version: member.version,
      role: member.role,
      practiceIds: member.practices.map((practice) => practice.id),
      allPractices: member.allPractices,
    },
    warnBeforeLeaving: false,
    onSave: async (values) => {
      const message = await onSave(values);
      return message ? { saved: false, problem: { message, fieldErrors: {} } } : { saved: true };
    },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form
      onSubmit={submit}
      noValidate
      className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-4"
    >
      {problem && <Alert tone="error">{problem.message}</Alert>}
      <AccessFields
        control={form.control}
        register={form.register}
        errors={errors}
        knownNames={Object.fromEntries(
          member.practices.map((practice) => [practice.id, practice.name]),
        )}
      />
      <div className="flex gap-2">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : "Save access"}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
