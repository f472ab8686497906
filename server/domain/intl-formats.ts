/**
 * Intl date formatters, made once per locale and options. Building an Intl.DateTimeFormat costs tens of
 * microseconds (it loads locale and time-zone data); a page of 50 practices formats hundreds of
 * dates, so formatting functions take theirs from here instead of building one per call.
 */
const formats = new Map<string, Intl.DateTimeFormat>();
/** Time zones are the only open-ended option: past this many formats the cache starts again. */
const MAX_FORMATS = 1_000;

export function dateTimeFormat(
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    if (formats.size >= MAX_FORMATS) formats.clear();
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}
