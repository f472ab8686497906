"use client";

import NextLink from "next/link";
import { useRouter } from "next/navigation";
import type { ComponentProps } from "react";

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
