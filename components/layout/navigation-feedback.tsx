"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";

/** Past this, the bar goes away even if the page never came (the click opened nothing after all). */
const GIVE_UP_MS = 30_000;
/** How long to wait for the new page's heading (it may stream in after a loading skeleton). */
const HEADING_WAIT_MS = 15_000;

/** The path and query a click on this anchor opens in place, or null (new tab, download, other site, same page). */
function inAppTarget(event: MouseEvent): string | null {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return null;
  const anchor =
    event.target instanceof Element ? event.target.closest<HTMLAnchorElement>("a[href]") : null;
  if (!anchor) return null;
  if ((anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download")) return null;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin) return null;
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  // The printable pages and files open as documents of their own; a hash-only link scrolls.
  if (url.pathname.startsWith("/print/") || url.pathname.startsWith("/api/")) return null;
  const target = url.pathname + url.search;
  return target === window.location.pathname + window.location.search ? null : target;
}

const typing = (element: Element | null) =>
  element instanceof HTMLElement &&
  (element.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName));

/**
 * Feedback for moving between pages on a slow connection: a progress bar at the top as soon as an
 * in-app link is clicked (until the new address is shown, its loading skeleton at least), and,
 * once the new page's heading is there, keyboard and screen-reader focus on it — never on the
 * first load, and never taken from a field someone is typing in.
 */
export function NavigationFeedback() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const location = `${pathname}?${searchParams.toString()}`;
  const [pending, setPending] = useState(false);
  const shownAt = useRef(location);
  const firstPath = useRef(pathname);

  // At once on the click, before Next has asked the server for anything.
  useEffect(() => {
    let giveUp: ReturnType<typeof setTimeout> | undefined;
    const onClick = (event: MouseEvent) => {
      if (!inAppTarget(event)) return;
      setPending(true);
      clearTimeout(giveUp);
      giveUp = setTimeout(() => setPending(false), GIVE_UP_MS);
    };
    // Capture: seen before any handler can stop it; a link's own handler still navigates.
    window.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("click", onClick, true);
      clearTimeout(giveUp);
    };
  }, []);

  // The new address is shown: the bar's work is done.
  useEffect(() => {
    if (shownAt.current === location) return;
    shownAt.current = location;
    setPending(false);
  }, [location]);

  // A new page (not the first load, not a filter on the same page): focus its heading when it is there.
  useEffect(() => {
    if (firstPath.current === pathname) return;
    firstPath.current = pathname;
    const main = document.getElementById("main");
    if (!main) return;
    // A link to a place on the page (the room's #post-update) leaves focus to that place.
    const hash = decodeURIComponent(window.location.hash.slice(1));
    if (hash && document.getElementById(hash)) return;
    const focusHeading = () => {
      const heading = main.querySelector<HTMLElement>("h1");
      if (!heading) return false;
      if (typing(document.activeElement)) return true;
      if (!heading.hasAttribute("tabindex")) heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
      return true;
    };
    if (focusHeading()) return;
    const observer = new MutationObserver(() => {
      if (focusHeading()) stop();
    });
    const timer = setTimeout(() => stop(), HEADING_WAIT_MS);
    const stop = () => {
      observer.disconnect();
      clearTimeout(timer);
    };
    observer.observe(main, { childList: true, subtree: true });
    return stop;
  }, [pathname]);

  if (!pending) return null;
  return (
    <div
      role="progressbar"
      aria-label="Loading page"
      className="navigation-progress pointer-events-none fixed inset-x-0 top-0 z-50 h-1 overflow-hidden bg-brand-100"
    >
      <div className="navigation-progress-bar h-full bg-brand-600" />
    </div>
  );
}
