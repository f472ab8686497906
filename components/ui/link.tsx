"use client";

import NextLink from "next/link";
import { useRouter } from "next/navigation";
import type { ComponentProps, MouseEvent, ReactNode, SyntheticEvent } from "react";

type LinkProps = ComponentProps<typeof NextLink>;

/**
 * Standby's internal link: the page behind it is prefetched when the person shows the intent to
 * open it (pointer over it, keyboard focus, a touch), not when it scrolls into view. A portfolio of
 * 50 rows or the incident room's menus would otherwise ask the server for every page they link to
 * on each load, while a live stream is open.
 */
export default function Link({
  href,
  prefetch,
  onMouseEnter,
  onFocus,
  onTouchStart,
  ...props
}: LinkProps) {
  const router = useRouter();
  const target = typeof href === "string" ? href : null;
  const prefetchOnIntent = () => {
    if (prefetch !== false && target?.startsWith("/")) router.prefetch(target);
  };
  return (
    <NextLink
      href={href}
      prefetch={prefetch === true ? true : false}
      onMouseEnter={(event) => {
        prefetchOnIntent();
        onMouseEnter?.(event);
      }}
      onFocus={(event) => {
        prefetchOnIntent();
        onFocus?.(event);
      }}
      onTouchStart={(event) => {
        prefetchOnIntent();
        onTouchStart?.(event);
      }}
      {...props}
    />
  );
}

/** The same-origin path a click on `anchor` should open in place, or null to leave it to the browser. */
function inPlaceHref(anchor: HTMLAnchorElement, event: MouseEvent<HTMLElement>): string | null {
  if (event.defaultPrevented || event.button !== 0) return null;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  if ((anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download")) return null;
  const href = anchor.getAttribute("href");
  return href?.startsWith("/") && !href.startsWith("//") ? href : null;
}

const anchorOf = (target: EventTarget) =>
  target instanceof Element ? target.closest<HTMLAnchorElement>("a[href]") : null;

/**
 * Plain `<a href>` links inside it open in place and prefetch on intent, as Link does, through one
 * listener on this element instead of a Link per anchor. For long lists: the portfolio's 50 rows hold
 * 350 links, and rendering a Link each cost the server more than the rows themselves.
 */
export function LinkArea({ className, children }: { className?: string; children: ReactNode }) {
  const router = useRouter();
  const prefetchOnIntent = (event: SyntheticEvent<HTMLElement>) => {
    const href = anchorOf(event.target)?.getAttribute("href");
    if (href?.startsWith("/") && !href.startsWith("//")) router.prefetch(href);
  };
  return (
    // Clicks (Enter on a focused link too) and intent bubble up from the links inside.
    <div
      className={className}
      onMouseOver={prefetchOnIntent}
      onFocus={prefetchOnIntent}
      onTouchStart={prefetchOnIntent}
      onClick={(event) => {
        const anchor = anchorOf(event.target);
        const href = anchor && inPlaceHref(anchor, event);
        if (!href) return;
        event.preventDefault();
        router.push(href);
      }}
    >
      {children}
    </div>
  );
}
