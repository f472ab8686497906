"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { Role } from "@/server/permissions";
import { changeMemberAccessSchema } from "@/server/contracts/members";
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
  const form = useForm<Values>({
    resolver: zodResolver(changeMemberAccessSchema),
    defaultValues: {
      userId: member.id,
      version: member.version,
      role: member.role,
      practiceIds: member.practices.map((practice) => practice.id),
      allPractices: member.allPractices,
    },
  });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    const problem = await onSave(values);
    if (problem) form.setError("root", { message: problem });
  });
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-4"
    >
      {errors.root?.message && <Alert tone="error">{errors.root.message}</Alert>}
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
