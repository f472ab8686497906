"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { callProblem } from "@/components/trpc/call-problem";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { vendorNightSchema } from "@/server/contracts/maintenance";

type Values = z.input<typeof vendorNightSchema>;

/** An EHR vendor's maintenance night: one linked window at every practice on that vendor, at each one's local time. */
export function VendorNightForm({
  vendors,
  defaults,
}: {
  vendors: { id: string; name: string }[];
  defaults: { startsLocal: string; endsLocal: string };
}) {
  const trpc = useTRPC();
  const plan = useMutation(trpc.maintenance.planVendorNight.mutationOptions());
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(vendorNightSchema),
    defaultValues: {
      vendorId: "",
      title: "",
      reason: "",
      ...defaults,
      reminderMinutes: [72 * 60, 24 * 60, 60],
    },
  });
  const { errors } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    setProblem(null);
    try {
      const result = await plan.mutateAsync(vendorNightSchema.parse(values));
      toast.success(
        `Planned at ${result.practices} practice${result.practices === 1 ? "" : "s"}; staff told.`,
      );
      form.reset({ ...values, title: "", reason: "" });
    } catch (error) {
      const found = callProblem(error);
      const fields = Object.entries(found.fieldErrors).filter(([field]) => field in values);
      for (const [field, messages] of fields)
        form.setError(field as keyof Values, { message: messages?.[0] ?? found.message });
      if (fields.length === 0) setProblem(found.message);
    }
  });
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-4"
    >
      <Field label="EHR vendor" error={errors.vendorId?.message}>
        {(props) => (
          <select {...props} {...form.register("vendorId")}>
            <option value="">Choose the vendor…</option>
            {vendors.map((vendor) => (
              <option key={vendor.id} value={vendor.id}>
                {vendor.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="What is done"
        error={errors.title?.message}
        hint="e.g. Quarterly platform maintenance"
      >
        {(props) => <input {...props} {...form.register("title")} />}
      </Field>
      <Field label="Reason (optional)" error={errors.reason?.message}>
        {(props) => <textarea rows={2} {...props} {...form.register("reason")} />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Starts"
          error={errors.startsLocal?.message}
          hint="Each practice's own local time"
        >
          {(props) => <input type="datetime-local" {...props} {...form.register("startsLocal")} />}
        </Field>
        <Field label="Ends" error={errors.endsLocal?.message} hint="Each practice's own local time">
          {(props) => <input type="datetime-local" {...props} {...form.register("endsLocal")} />}
        </Field>
      </div>
      {problem && (
        <p className="text-sm text-red-700" role="alert">
          {problem}
        </p>
      )}
      <Button type="submit" disabled={form.formState.isSubmitting}>
        Plan at every practice on this vendor
      </Button>
    </form>
  );
}
