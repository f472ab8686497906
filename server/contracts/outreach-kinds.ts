/** The kinds of message patient outreach sends, shared by its templates, campaigns and replies. */

export const outreachKinds = [
  "reminder",
  "paper_day",
  "delay",
  "reschedule",
  "cancellation",
  "instructions",
  "maintenance",
  "systems_back",
] as const;
export type OutreachKind = (typeof outreachKinds)[number];

export const outreachKindLabels: Record<OutreachKind, string> = {
  reminder: "Appointment reminder",
  paper_day: "Working on paper today",
  delay: "Running late / delay",
  reschedule: "Please reschedule",
  cancellation: "Cancellation confirmation",
  instructions: "Pre-appointment instructions",
  maintenance: "Planned maintenance notice",
  systems_back: "Our systems are back",
};

/** Languages every template exists in; a patient's preferred language when it is one, English otherwise. */
export const outreachLanguages = ["en", "es"] as const;
export type OutreachLanguage = (typeof outreachLanguages)[number];
export const outreachLanguageLabels: Record<OutreachLanguage, string> = {
  en: "English",
  es: "Spanish",
};

/** The only values a message may carry: the minimum a patient needs. */
export const outreachVariables = [
  "first_name",
  "date_time",
  "site_name",
  "site_address",
  "provider_name",
  "practice_phone",
] as const;
export type OutreachVariable = (typeof outreachVariables)[number];
