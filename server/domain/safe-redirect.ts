/**
 * A same-site path to go to after signing in, or "/" when the value could lead anywhere else
 * ("//evil.example", "/\evil.example", a full URL). Parsed, not pattern-matched, because browsers
 * read backslashes and stray control characters in ways a prefix check does not foresee.
 */
const base = "http://standby.invalid";

export function safeRedirectPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\"))
    return "/";
  try {
    const url = new URL(value, base);
    return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}
