/** Every IANA time zone this browser (or the server, while rendering) knows. */
const timeZones: readonly string[] =
  typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ["UTC"];

/** A zone as people read it: "America/New York". */
export const timeZoneLabel = (zone: string) => zone.replaceAll("_", " ");

/** The options of a time-zone select, one per zone. */
export function TimeZoneOptions() {
  return timeZones.map((zone) => (
    <option key={zone} value={zone}>
      {timeZoneLabel(zone)}
    </option>
  ));
}
