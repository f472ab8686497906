import { CheckCircle2, CircleHelp, XCircle, type LucideIcon } from "lucide-react";
import type { OtherCloudAppsAnswer, TriageAnswer } from "@/server/contracts/incidents";

/** Triage answers: an icon and a word each. */
export const answerLook: Record<
  TriageAnswer,
  { Icon: LucideIcon; word: string; checked: string; text: string }
> = {
  working: {
    Icon: CheckCircle2,
    word: "Working",
    checked:
      "has-checked:bg-emerald-50 has-checked:text-emerald-900 has-checked:border-emerald-600",
    text: "text-emerald-800",
  },
  down: {
    Icon: XCircle,
    word: "Down",
    checked: "has-checked:bg-red-50 has-checked:text-red-900 has-checked:border-red-600",
    text: "text-red-800",
  },
  unknown: {
    Icon: CircleHelp,
    word: "Not checked",
    checked: "has-checked:bg-slate-100 has-checked:text-slate-900 has-checked:border-slate-600",
    text: "text-slate-600",
  },
};

export const cloudLook: Record<
  OtherCloudAppsAnswer,
  { Icon: LucideIcon; word: string; checked: string; text: string }
> = {
  yes: { ...answerLook.working, word: "Yes" },
  no: { ...answerLook.down, word: "No" },
  unknown: answerLook.unknown,
};

export function AnswerText({ look }: { look: { Icon: LucideIcon; word: string; text: string } }) {
  const { Icon, word, text } = look;
  return (
    <span className={`inline-flex items-center gap-1 text-sm font-medium ${text}`}>
      <Icon aria-hidden className="size-4" />
      {word}
    </span>
  );
}
