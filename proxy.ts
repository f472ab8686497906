import { NextResponse, type NextRequest } from "next/server";

const publicPaths = ["/sign-in", "/invite/", "/forgot-password", "/reset-password/"];
const sessionCookies = ["standby.session", "__Host-standby.session"];

/**
 * Sets a per-request Content-Security-Policy with a script nonce, and sends visitors without a
 * session cookie to sign-in. It is only a convenience: every page and procedure checks the
 * session against the database itself.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const hasSession = sessionCookies.some((name) => request.cookies.has(name));
  if (!hasSession && !publicPaths.some((path) => pathname.startsWith(path))) {
    const signIn = new URL("/sign-in", request.url);
    if (pathname !== "/") signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const dev = process.env.NODE_ENV === "development";
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // Layouts are not told their path; this lets one send an ended session back here after sign-in.
  requestHeaders.set("x-pathname", `${pathname}${search}`);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  // Signed out: the browser deletes what Standby kept on this device (copies saved for the outage,
  // entries waiting to send, the service worker). The sign-in page deletes them too, for browsers
  // that ignore this header and for a session that ended by itself.
  if (pathname === "/sign-in" && request.nextUrl.searchParams.get("reason") === "signed-out")
    response.headers.set("Clear-Site-Data", '"cache", "storage"');
  return response;
}

export const config = {
  matcher: [
    {
      // The service worker, its rules, the manifest and the icons are public files, no page.
      source:
        "/((?!api|_next/static|_next/image|favicon.ico|sw\\.js|offline-rules\\.js|manifest\\.webmanifest|icons/).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
