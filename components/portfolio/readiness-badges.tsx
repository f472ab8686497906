import {
  CircleAlert,
  CircleCheck,
  Hourglass,
  ShieldAlert,
  ShieldCheck,
  ShieldHalf,
  TriangleAlert,
} from "lucide-react";
import { IconSprite, SpriteIcon } from "@/components/ui/icon-sprite";
import { formatPoints, scoreBand, type PartView, type Tone } from "./readiness";
import "./portfolio.css";

/** Every icon the portfolio's rows draw, defined once on the page (render it once, before the rows). */
export function ReadinessIconSprite() {
  return (
    <IconSprite
      icons={{
        ready: ShieldCheck,
        needs_work: ShieldHalf,
        at_risk: ShieldAlert,
        ok: CircleCheck,
        attention: CircleAlert,
        problem: TriangleAlert,
      }}
    />
  );
}

/** The readiness score: the number, a bar of it out of 100, and an icon with a word for its band. */
export function ScoreMeter({ score }: { score: number }) {
  const band = scoreBand(score);
  return (
    <div className={`score-meter band-${band.band}`}>
      <p className="figure">
        <span className="sr-only">Readiness score </span>
        <b>{score}</b>
        <span className="text-xs text-slate-500">/ 100</span>
      </p>
      <div aria-hidden className="bar">
        <i style={{ width: `${Math.max(0, Math.min(100, score))}%` }} />
      </div>
      <p className="band">
        <SpriteIcon id={band.band} className="size-4 shrink-0" />
        {band.word}
      </p>
    </div>
  );
}

const toneWords: Record<Tone, string> = {
  ok: "OK",
  attention: "Attention",
  problem: "Needs action",
};

/**
 * One part of the score as a link to where it is fixed (a plain anchor: render it inside a LinkArea,
 * which opens it in place). Its label is visible on a phone's card and
 * read out in the table, where its column says it. The link's name never repeats the practice's
 * name: the row header says whose it is.
 */
export function PartLink({ part }: { part: PartView }) {
  return (
    <a href={part.href} className={`part-link tone-${part.tone}`}>
      <span className="label">{part.label}</span>
      <span className="status">
        <SpriteIcon id={part.tone} />
        <span>
          <span className="sr-only">{`${toneWords[part.tone]}, `}</span>
          {part.status}
        </span>
      </span>
      {part.detail && <span className="detail">{part.detail}</span>}
      <span className="points">{`${formatPoints(part.points)} of ${part.max} points`}</span>
    </a>
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
