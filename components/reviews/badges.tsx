import {
  CalendarCheck,
  CalendarClock,
  CircleCheck,
  CircleDashed,
  CircleHelp,
  CircleX,
  Lock,
  OctagonAlert,
  type LucideIcon,
} from "lucide-react";
import type { ReactNode } from "react";
import { saferRatingLabels, type SaferRating } from "@/server/contracts/reviews";

const tones = {
  ok: "border border-emerald-700 bg-emerald-50 text-emerald-900",
  warn: "border-2 border-amber-600 bg-amber-50 font-semibold text-amber-900",
  bad: "border-2 border-red-700 bg-red-50 font-bold text-red-800",
  neutral: "border border-slate-300 bg-slate-50 text-slate-700",
} as const;

/** A status as an icon and a word; the colour only repeats them. */
export function Badge({
  tone,
  icon: Icon,
  children,
}: {
  tone: keyof typeof tones;
  icon: LucideIcon;
  children: ReactNode;
}) {
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ${tones[tone]}`}
    >
      <Icon aria-hidden className="size-3.5 shrink-0" />
      {children}
    </span>
  );
}

export function ScheduleBadge({ status }: { status: "overdue" | "due_soon" | "on_track" }) {
  if (status === "overdue")
    return (
      <Badge tone="bad" icon={OctagonAlert}>
        OVERDUE
      </Badge>
    );
  if (status === "due_soon")
    return (
      <Badge tone="warn" icon={CalendarClock}>
        Due soon
      </Badge>
    );
  return (
    <Badge tone="ok" icon={CalendarCheck}>
      On track
    </Badge>
  );
}

const ratingLook: Record<SaferRating, { tone: keyof typeof tones; icon: LucideIcon }> = {
  in_place: { tone: "ok", icon: CircleCheck },
  partly: { tone: "warn", icon: CircleDashed },
  not_in_place: { tone: "bad", icon: CircleX },
};

export const ratingIcon = (rating: SaferRating) => ratingLook[rating].icon;

export function RatingBadge({ rating }: { rating: SaferRating | null }) {
  if (!rating)
    return (
      <Badge tone="neutral" icon={CircleHelp}>
        Not assessed
      </Badge>
    );
  const { tone, icon } = ratingLook[rating];
  return (
    <Badge tone={tone} icon={icon}>
      {saferRatingLabels[rating]}
    </Badge>
  );
}

export function SignedOffBadge() {
  return (
    <Badge tone="ok" icon={Lock}>
      Signed off
    </Badge>
  );
}

export function OpenBadge() {
  return (
    <Badge tone="neutral" icon={CircleDashed}>
      In progress
    </Badge>
  );
}
