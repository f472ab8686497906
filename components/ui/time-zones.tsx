/** Every IANA time zone this browser (or the server, while rendering) knows, for a select. */
export const timeZones: readonly string[] =
  typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ["UTC"];

/** A zone as people read it: "America/New York". */
export const timeZoneLabel = (zone: string) => zone.replaceAll("_", " ");
