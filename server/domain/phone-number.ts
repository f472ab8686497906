/**
 * A phone number in E.164 ("+16085550123"): the form a Twilio-compatible provider uses in From and
 * To, and the one form Standby hashes a patient's number in (outreach_messages.to_hash, opt-outs,
 * replies), so that "(608) 555-0123", "608.555.0123" and "+1 608 555 0123" are one number.
 *
 * A number written without a country code is read as North American (country code 1): Standby's
 * practices are in the United States. Null for anything that cannot be dialled as it stands: letters,
 * too few or too many digits, a North American number whose area code or exchange starts with 0 or 1,
 * or one digit repeated ("000-000-0000"). An extension ("x12", "ext. 12") is left out.
 */
export function normalisePhone(raw: string): string | null {
  const text = raw
    .trim()
    .replace(/\s*(?:x|ext\.?|extension)\s*\d{1,6}$/i, "")
    .replace(/[\s().\-/]/g, "");
  if (!/^(?:\+|00)?\d+$/.test(text)) return null;
  let international: string;
  if (text.startsWith("+")) international = text.slice(1);
  else if (text.startsWith("00")) international = text.slice(2);
  else if (text.length === 10) international = `1${text}`;
  else if (text.length === 11 && text.startsWith("1")) international = text;
  else return null;
  if (international.length < 8 || international.length > 15 || international.startsWith("0"))
    return null;
  if (/^(\d)\1*$/.test(international.slice(international.startsWith("1") ? 1 : 0))) return null;
  // North American numbers: ten digits after the 1, area code and exchange each starting with 2–9.
  if (international.startsWith("1") && !/^1[2-9]\d{2}[2-9]\d{6}$/.test(international)) return null;
  return `+${international}`;
}

/** A tel: link to a number as written: the digits and a leading + only, which every dialler takes. */
export const telHref = (phone: string) => `tel:${phone.replace(/[^0-9+]/g, "")}`;
