import { AlertTriangle, CheckCircle2, Info } from "lucide-react";
import type { ReactNode } from "react";

const tones = {
  error: {
    className: "border-red-300 bg-red-50 text-red-900",
    Icon: AlertTriangle,
    label: "Error",
  },
  info: { className: "border-sky-300 bg-sky-50 text-sky-900", Icon: Info, label: "Note" },
  success: {
    className: "border-emerald-300 bg-emerald-50 text-emerald-900",
    Icon: CheckCircle2,
    label: "Done",
  },
} as const;

export function Alert({
  tone = "info",
  children,
}: {
  tone?: keyof typeof tones;
  children: ReactNode;
}) {
  const { className, Icon, label } = tones[tone];
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={`flex gap-2 rounded-md border px-3 py-2 text-sm ${className}`}
    >
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div>
        <span className="sr-only">{label}: </span>
        {children}
      </div>
    </div>
  );
}
