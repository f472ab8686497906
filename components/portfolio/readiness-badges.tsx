import {
  CircleAlert,
  CircleCheck,
  Hourglass,
  ShieldAlert,
  ShieldCheck,
  ShieldHalf,
  TriangleAlert,
  type LucideIcon,
} from "lucide-react";
import Link from "next/link";
import { formatPoints, scoreBand, type PartView, type ScoreBand, type Tone } from "./readiness";

const bandLook: Record<ScoreBand, { Icon: LucideIcon; text: string; bar: string }> = {
  ready: { Icon: ShieldCheck, text: "text-emerald-800", bar: "bg-emerald-600" },
  needs_work: { Icon: ShieldHalf, text: "text-amber-900", bar: "bg-amber-500" },
  at_risk: { Icon: ShieldAlert, text: "text-red-800", bar: "bg-red-600" },
};

/** The readiness score: the number, a bar of it out of 100, and an icon with a word for its band. */
export function ScoreMeter({ score, size = "md" }: { score: number; size?: "md" | "lg" }) {
  const band = scoreBand(score);
  const { Icon, text, bar } = bandLook[band.band];
  return (
    <div className={size === "lg" ? "w-32" : "w-24"}>
      <p className="flex items-baseline gap-1">
        <span className="sr-only">Readiness score </span>
        <span
          className={`${size === "lg" ? "text-3xl" : "text-2xl"} font-semibold tabular-nums text-slate-900`}
        >
          {score}
        </span>
        <span className="text-xs text-slate-500">/ 100</span>
      </p>
      <div aria-hidden className="mt-1 h-2 w-full overflow-hidden rounded-full bg-slate-200">
        <div
          className={`h-full rounded-full ${bar}`}
          style={{ width: `${Math.max(0, Math.min(100, score))}%` }}
        />
      </div>
      <p className={`mt-1 flex items-center gap-1 text-sm font-medium ${text}`}>
        <Icon aria-hidden className="size-4 shrink-0" />
        {band.word}
      </p>
    </div>
  );
}

const toneLook: Record<Tone, { Icon: LucideIcon; word: string; className: string }> = {
  ok: { Icon: CircleCheck, word: "OK", className: "text-emerald-700" },
  attention: { Icon: CircleAlert, word: "Attention", className: "text-amber-700" },
  problem: { Icon: TriangleAlert, word: "Needs action", className: "text-red-700" },
};

/**
 * One part of the score as a link to where it is fixed. The link's name never repeats the
 * practice's name: in the table the row header says whose it is, in a card the card's heading.
 */
export function PartLink({ part, showLabel = false }: { part: PartView; showLabel?: boolean }) {
  const { Icon, word, className } = toneLook[part.tone];
  return (
    <Link href={part.href} className="group block rounded-md p-1 -m-1 hover:bg-slate-100">
      {showLabel ? (
        <span className="block text-xs font-medium uppercase tracking-wide text-slate-500">
          {part.label}
        </span>
      ) : (
        <span className="sr-only">{part.label}: </span>
      )}
      <span
        className={`flex items-start gap-1 font-medium group-hover:underline ${part.tone === "ok" ? "text-slate-800" : className}`}
      >
        <Icon aria-hidden className={`mt-0.5 size-4 shrink-0 ${className}`} />
        <span>
          <span className="sr-only">{word}, </span>
          {part.status}
        </span>
      </span>
      {part.detail && <span className="block text-xs text-slate-600">{part.detail}</span>}
      <span className="block text-xs tabular-nums text-slate-500">
        {formatPoints(part.points)} of {part.max} points
      </span>
    </Link>
  );
}

/** A practice whose score is not computed yet (it was added while the list was being read). */
export function NotScored() {
  return (
    <p className="flex items-center gap-1.5 text-sm text-slate-600">
      <Hourglass aria-hidden className="size-4 shrink-0" />
      Not scored yet: reload the page to see its readiness.
    </p>
  );
}
