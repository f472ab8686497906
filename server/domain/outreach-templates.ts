/**
 * Patient outreach's message texts: Standby's built-in ones, the template checker, rendering, the
 * SMS length and segment count, and which text a patient gets (the practice's own, the MSP's, or the
 * built-in one). Pure and free of Node imports: the template editor runs the same checks in the browser.
 */
import {
  outreachLanguages,
  outreachVariables,
  type OutreachKind,
  type OutreachLanguage,
  type OutreachVariable,
} from "@/server/contracts/outreach-kinds";

// ---------------------------------------------------------------------------------------------
// Built-in texts

export type TemplateText = { subject: string; body: string };

/**
 * Standby's texts, used until an MSP or a practice writes its own. Short enough for one SMS segment
 * with usual names and dates. The Spanish keeps to the GSM-7 alphabet where the wording allows
 * (é, ñ, ü, ¿ and ¡ are in it; á, í, ó and ú are not, and one of them sends the whole message as UCS-2).
 * Replies: the patient answers Y to confirm and C to cancel (STOP, START and HELP are always honoured).
 */
export const builtInTemplates: Record<OutreachLanguage, Record<OutreachKind, TemplateText>> = {
  en: {
    reminder: {
      subject: "Reminder: your visit on {date_time}",
      body: "Hi {first_name}, a reminder of your visit with {provider_name} on {date_time} at {site_name}, {site_address}. Reply Y to confirm or C to cancel. {practice_phone}",
    },
    paper_day: {
      subject: "Your visit on {date_time}: please bring your medication list",
      body: "Hi {first_name}, we are working on paper today. For your visit on {date_time}, please bring your medication list and arrive 15 minutes early. {practice_phone}",
    },
    delay: {
      subject: "We are running late today",
      body: "Hi {first_name}, a computer outage is slowing us down. Your visit on {date_time} with {provider_name} may start late. Sorry for the wait. {practice_phone}",
    },
    reschedule: {
      subject: "Please reschedule your visit",
      body: "Hi {first_name}, we need to move your visit on {date_time} with {provider_name}. Please call {practice_phone} to choose a new time. Sorry for the trouble.",
    },
    cancellation: {
      subject: "Your visit on {date_time} is cancelled",
      body: "Hi {first_name}, your visit on {date_time} at {site_name} is cancelled. To book a new time, call {practice_phone}.",
    },
    instructions: {
      subject: "Before your visit on {date_time}",
      body: "Hi {first_name}, for your visit on {date_time} at {site_name}, {site_address}, please bring a photo ID, insurance card and medication list. {practice_phone}",
    },
    maintenance: {
      subject: "Planned maintenance during your visit on {date_time}",
      body: "Hi {first_name}, our systems will be down for planned maintenance during your visit on {date_time}. We will use paper: please arrive 15 minutes early.",
    },
    systems_back: {
      subject: "Our systems are back",
      body: "Hi {first_name}, our systems are back to normal. Thank you for your patience. Your visit on {date_time} at {site_name} is unchanged. {practice_phone}",
    },
  },
  es: {
    reminder: {
      subject: "Recordatorio: su cita del {date_time}",
      body: "Hola {first_name}, le recordamos su cita con {provider_name} el {date_time} en {site_name}, {site_address}. Responda Y para confirmar o C para cancelar.",
    },
    paper_day: {
      subject: "Su cita del {date_time}: traiga su lista de medicamentos",
      body: "Hola {first_name}, hoy trabajamos en papel. Para su cita del {date_time}, traiga su lista de medicamentos y llegue 15 minutos antes. {practice_phone}",
    },
    delay: {
      subject: "Hoy vamos con retraso",
      body: "Hola {first_name}, vamos con retraso por una falla de sistemas. Su cita del {date_time} con {provider_name} puede empezar tarde. Disculpe la espera.",
    },
    reschedule: {
      subject: "Necesitamos cambiar su cita",
      body: "Hola {first_name}, necesitamos cambiar su cita del {date_time} con {provider_name}. Llame al {practice_phone} para elegir otra hora. Disculpe las molestias.",
    },
    cancellation: {
      subject: "Su cita del {date_time} queda cancelada",
      body: "Hola {first_name}, su cita del {date_time} en {site_name} queda cancelada. Para pedir otra cita, llame al {practice_phone}.",
    },
    instructions: {
      subject: "Antes de su cita del {date_time}",
      body: "Hola {first_name}, para su cita del {date_time} en {site_name}, {site_address}, traiga un documento con foto, su tarjeta del seguro y sus medicamentos.",
    },
    maintenance: {
      subject: "Mantenimiento programado durante su cita del {date_time}",
      body: "Hola {first_name}, durante su cita del {date_time} haremos un mantenimiento programado y trabajaremos en papel. Llegue 15 minutos antes, por favor.",
    },
    systems_back: {
      subject: "Nuestros sistemas ya funcionan",
      body: "Hola {first_name}, nuestros sistemas ya funcionan. Gracias por su paciencia. Su cita del {date_time} en {site_name} sigue en pie. {practice_phone}",
    },
  },
};

// ---------------------------------------------------------------------------------------------
// The template checker

/** An SMS is at most 10 segments; the database refuses longer texts too. */
export const TEMPLATE_BODY_MAX = 1600;
export const TEMPLATE_SUBJECT_MAX = 200;

export type TemplateValues = Record<OutreachVariable, string>;

export type TemplateCheck =
  { ok: true; variables: OutreachVariable[] } | { ok: false; message: string };

const allowedList = outreachVariables.map((name) => `{${name}}`).join(", ");
const isVariable = (name: string): name is OutreachVariable =>
  (outreachVariables as readonly string[]).includes(name);

type Piece = { text: string } | { variable: string };

/** The text cut at its variables; a brace without its partner is a problem, said in words. */
function parse(text: string): { pieces: Piece[] } | { problem: string } {
  const pieces: Piece[] = [];
  let rest = text;
  while (rest.length > 0) {
    const open = rest.indexOf("{");
    const close = rest.indexOf("}");
    if (close !== -1 && (open === -1 || close < open))
      return {
        problem: `A closing brace } has no opening {. Write variables in braces, like {first_name}, or remove the stray brace.`,
      };
    if (open === -1) {
      pieces.push({ text: rest });
      break;
    }
    const end = rest.indexOf("}", open + 1);
    const nextOpen = rest.indexOf("{", open + 1);
    if (end === -1 || (nextOpen !== -1 && nextOpen < end))
      return {
        problem: `An opening brace { is not closed. Write variables in braces, like {first_name}, or remove the stray brace.`,
      };
    if (open > 0) pieces.push({ text: rest.slice(0, open) });
    pieces.push({ variable: rest.slice(open + 1, end) });
    rest = rest.slice(end + 1);
  }
  return { pieces };
}

function checkText(
  text: string,
  { what, max, required }: { what: string; max: number; required: boolean },
): TemplateCheck {
  if (required && text.trim().length === 0)
    return { ok: false, message: `Write the ${what}: it is empty.` };
  if (text.length > max)
    return {
      ok: false,
      message: `The ${what} is ${text.length.toLocaleString("en-US")} characters; the most is ${max.toLocaleString("en-US")}${max === TEMPLATE_BODY_MAX ? " (10 SMS segments)" : ""}. Shorten it by ${(text.length - max).toLocaleString("en-US")}.`,
    };
  const parsed = parse(text);
  if ("problem" in parsed) return { ok: false, message: parsed.problem };
  const names = parsed.pieces.flatMap((piece) => ("variable" in piece ? [piece.variable] : []));
  const unknown = [...new Set(names.filter((name) => !isVariable(name)))];
  if (unknown.length > 0) {
    // Quoted short: a message stays readable whatever was typed between the braces.
    const listed =
      unknown
        .slice(0, 3)
        .map((name) => `{${name.length > 30 ? `${name.slice(0, 30)}…` : name}}`)
        .join(", ") + (unknown.length > 3 ? ` and ${unknown.length - 3} more` : "");
    const near = unknown
      .map((name) =>
        name
          .trim()
          .toLowerCase()
          .replace(/[\s-]+/g, "_"),
      )
      .find((name) => isVariable(name));
    return {
      ok: false,
      message:
        `Unknown variable${unknown.length > 1 ? "s" : ""} ${listed}.` +
        (near ? ` Did you mean {${near}}?` : "") +
        ` Use only: ${allowedList}.`,
    };
  }
  return { ok: true, variables: [...new Set(names.filter(isVariable))] };
}

/** A message text: not empty, at most 1,600 characters, braces only around the allowed variables. */
export function checkTemplate(body: string): TemplateCheck {
  return checkText(body, { what: "message", max: TEMPLATE_BODY_MAX, required: true });
}

/** An email subject: as a message text, at most 200 characters. */
export function checkSubject(subject: string): TemplateCheck {
  return checkText(subject, { what: "email subject", max: TEMPLATE_SUBJECT_MAX, required: true });
}

/**
 * The text with each variable replaced by its value (formatted by the caller; a value is never
 * read as a template itself). Only for a text the checker accepted: anything else is a programming
 * error and throws.
 */
export function renderTemplate(template: string, values: TemplateValues): string {
  const parsed = parse(template);
  if ("problem" in parsed) throw new Error(`renderTemplate: ${parsed.problem}`);
  return parsed.pieces
    .map((piece) => {
      if ("text" in piece) return piece.text;
      if (!isVariable(piece.variable))
        throw new Error(`renderTemplate: unknown variable {${piece.variable}}`);
      return values[piece.variable];
    })
    .join("");
}

/** Invented values for previews: no real patient, provider or number. */
export const sampleValues: Record<OutreachLanguage, TemplateValues> = {
  en: {
    first_name: "Maria",
    date_time: "Tue Dec 8, 9:30 AM",
    site_name: "Main office",
    site_address: "12 Elm St",
    provider_name: "Dr. Rao",
    practice_phone: "(608) 555-0100",
  },
  es: {
    first_name: "Maria",
    date_time: "martes 8 de diciembre, 9:30",
    site_name: "Main office",
    site_address: "12 Elm St",
    provider_name: "Dr. Rao",
    practice_phone: "(608) 555-0100",
  },
};

// ---------------------------------------------------------------------------------------------
// SMS length and segments (GSM 03.38)

/** The GSM-7 default alphabet (one septet each); ESC (0x1B) is left out: it is not a character. */
const gsmBasic = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
/** The extension table: each costs two septets (ESC and the character). */
const gsmExtension = new Set("\f^{}\\[~]|€");

export type SmsEncoding = "GSM-7" | "UCS-2";

export type SmsSegments = {
  encoding: SmsEncoding;
  /** What the message costs: GSM-7 septets (extension characters count 2) or UTF-16 units (an emoji counts 2). */
  characters: number;
  segments: number;
  /** Room left in the last segment. */
  remaining: number;
  /** The characters (each once, in order) that made it UCS-2. */
  nonGsmCharacters: string[];
};

const SINGLE = { "GSM-7": 160, "UCS-2": 70 } as const;
const CONCATENATED = { "GSM-7": 153, "UCS-2": 67 } as const;

/**
 * How the text travels as SMS: GSM-7 when every character is in its alphabet (160 per message, 153
 * per part of a longer one), UCS-2 otherwise (70, 67). In a long message a character is never split
 * between parts (an extension character's two septets, an emoji's two UTF-16 units), so a part may
 * carry one less.
 */
export function smsSegments(text: string): SmsSegments {
  const characters = Array.from(text);
  const nonGsmCharacters = [
    ...new Set(characters.filter((char) => !gsmBasic.has(char) && !gsmExtension.has(char))),
  ];
  const encoding: SmsEncoding = nonGsmCharacters.length === 0 ? "GSM-7" : "UCS-2";
  const costs = characters.map((char) =>
    encoding === "GSM-7" ? (gsmExtension.has(char) ? 2 : 1) : char.length,
  );
  const total = costs.reduce((sum, cost) => sum + cost, 0);
  if (total === 0)
    return { encoding, characters: 0, segments: 0, remaining: SINGLE[encoding], nonGsmCharacters };
  if (total <= SINGLE[encoding])
    return {
      encoding,
      characters: total,
      segments: 1,
      remaining: SINGLE[encoding] - total,
      nonGsmCharacters,
    };
  const size = CONCATENATED[encoding];
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > size) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return { encoding, characters: total, segments, remaining: size - used, nonGsmCharacters };
}

// ---------------------------------------------------------------------------------------------
// Which text a patient gets

export type TemplateSource = "practice" | "msp" | "built-in";

/** A stored template (an MSP's when practiceId is null, else that practice's own). */
export type StoredTemplate = {
  id: string;
  practiceId: string | null;
  kind: string;
  language: string;
  visitType: string;
  subject: string;
  body: string;
  version: number;
};

export type ChosenTemplate = TemplateText & {
  kind: OutreachKind;
  language: OutreachLanguage;
  /** The visit type of the instructions chosen; "" for the generic ones and every other kind. */
  visitType: string;
  source: TemplateSource;
  /** The stored template's id and version; null and 0 for a built-in text. */
  id: string | null;
  version: number;
  /** No text exists in the patient's language: this one is in English. */
  fellBackToEnglish: boolean;
};

/** Visit types match whatever their case and spacing ("Annual  physical" is "annual physical"). */
export const sameVisitType = (a: string, b: string) =>
  a.trim().replace(/\s+/g, " ").toLowerCase() === b.trim().replace(/\s+/g, " ").toLowerCase();

/** A patient's preferred language as one of Standby's ("es-MX" → "es"), or null for any other. */
export function outreachLanguageOf(preferred: string | null | undefined): OutreachLanguage | null {
  const primary = (preferred ?? "").trim().toLowerCase().split(/[-_]/)[0] ?? "";
  const byName: Record<string, OutreachLanguage> = {
    english: "en",
    spanish: "es",
    español: "es",
    espanol: "es",
  };
  if ((outreachLanguages as readonly string[]).includes(primary))
    return primary as OutreachLanguage;
  return byName[primary] ?? null;
}

/**
 * The text for one message: the practice's own (for instructions, the visit type's, else its
 * generic ones), else the MSP's (the same way), else Standby's built-in one — in the patient's
 * language, or in English when that language has none at any level. `rows` are the MSP's
 * templates; a practice id of null asks for the MSP-wide text alone.
 */
export function chooseTemplate(
  rows: readonly StoredTemplate[],
  want: {
    practiceId: string | null;
    kind: OutreachKind;
    language: string | null | undefined;
    visitType?: string;
  },
): ChosenTemplate {
  const language = outreachLanguageOf(want.language);
  const visitType = want.kind === "instructions" ? (want.visitType ?? "").trim() : "";
  const visitTypes = visitType ? [visitType, ""] : [""];
  const levels: { practiceId: string | null; source: TemplateSource }[] = [
    ...(want.practiceId ? [{ practiceId: want.practiceId, source: "practice" as const }] : []),
    { practiceId: null, source: "msp" },
  ];
  if (!language)
    // A language Standby has no texts in: every level has English (the built-in one at least).
    return { ...chooseTemplate(rows, { ...want, language: "en" }), fellBackToEnglish: true };
  for (const level of levels)
    for (const type of visitTypes) {
      const row = rows.find(
        (candidate) =>
          candidate.practiceId === level.practiceId &&
          candidate.kind === want.kind &&
          candidate.language === language &&
          sameVisitType(candidate.visitType, type),
      );
      if (row)
        return {
          kind: want.kind,
          language,
          visitType: row.visitType,
          subject: row.subject,
          body: row.body,
          source: level.source,
          id: row.id,
          version: row.version,
          fellBackToEnglish: false,
        };
    }
  return {
    kind: want.kind,
    language,
    visitType: "",
    ...builtInTemplates[language][want.kind],
    source: "built-in",
    id: null,
    version: 0,
    fellBackToEnglish: false,
  };
}
