import { ArrowDown, ArrowRight, ArrowUp, Minus, type LucideIcon } from "lucide-react";
import type { TrendWords } from "./figures";

const look: Record<TrendWords["verdict"], { className: string; word: string | null }> = {
  better: { className: "text-emerald-800", word: "better" },
  worse: { className: "text-red-800", word: "worse" },
  same: { className: "text-slate-700", word: null },
  none: { className: "text-slate-600", word: null },
};

const arrows: Record<TrendWords["direction"], LucideIcon> = {
  up: ArrowUp,
  down: ArrowDown,
  same: ArrowRight,
  none: Minus,
};

/** A change against the previous quarter: an arrow, the words, and whether it is better or worse. */
export function TrendText({ words }: { words: TrendWords }) {
  const Icon = arrows[words.direction];
  const { className, word } = look[words.verdict];
  return (
    <p className={`flex items-start gap-1 text-sm ${className}`}>
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <span>
        {words.text}
        {word && <span className="font-medium"> ({word})</span>}
      </span>
    </p>
  );
}
