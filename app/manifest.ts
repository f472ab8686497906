import type { MetadataRoute } from "next";

/** Installable on a phone and a desktop: the outage owner finds Standby on the home screen. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Standby — downtime readiness",
    short_name: "Standby",
    description: "Downtime plans, packets and the incident room for medical practices.",
    id: "/",
    start_url: "/portfolio",
    scope: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#195a63",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      {
        src: "/icons/icon-maskable-512.png",
        sizes: "512x512",
        type: "image/png",
        purpose: "maskable",
      },
    ],
  };
}
