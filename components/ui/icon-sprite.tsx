import type { LucideIcon } from "lucide-react";

/**
 * Icons drawn hundreds of times on one page (every row of the portfolio) are defined once in the
 * document and each drawing is a reference to its definition, not a copy of its paths.
 */
export function IconSprite({ icons }: { icons: Record<string, LucideIcon> }) {
  return (
    <svg aria-hidden className="hidden">
      {Object.entries(icons).map(([id, Icon]) => (
        <symbol key={id} id={`icon-${id}`} viewBox="0 0 24 24">
          <Icon />
        </symbol>
      ))}
    </svg>
  );
}

/** One drawing of an icon defined by the page's IconSprite; decorative, as every icon beside a word is. */
export function SpriteIcon({ id, className }: { id: string; className?: string }) {
  return (
    <svg aria-hidden className={className}>
      <use href={`#icon-${id}`} />
    </svg>
  );
}
