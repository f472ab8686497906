/**
 * The text of an outreach message: the practice's own template, else the MSP's, else Standby's
 * built-in one; then its variables filled in. Only the six variables of outreachVariables exist.
 */
import "server-only";
import { and, eq, inArray, isNull, or } from "drizzle-orm";
import { outreachTemplates } from "@/db/schema";
import {
  outreachVariables,
  type OutreachKind,
  type OutreachLanguage,
  type OutreachVariable,
} from "@/server/contracts/outreach-kinds";
import type { ServiceContext } from "@/server/services/context";

export type OutreachText = { subject: string; body: string };

// ---------------------------------------------------------------------------------------------
// Built-in defaults until the template module lands (server/domain/outreach-templates.ts): one
// line per kind and language. Replaced by the template module's defaults when it is merged.

const builtInTexts: Record<OutreachKind, Record<OutreachLanguage, OutreachText>> = {
  reminder: {
    en: {
      subject: "Appointment reminder",
      body: "Hi {first_name}, a reminder of your appointment with {provider_name} on {date_time} at {site_name}, {site_address}. Questions: {practice_phone}. Reply C to cancel, STOP to opt out.",
    },
    es: {
      subject: "Recordatorio de cita",
      body: "Hola {first_name}, le recordamos su cita con {provider_name} el {date_time} en {site_name}, {site_address}. Preguntas: {practice_phone}. Responda C para cancelar, STOP para no recibir mensajes.",
    },
  },
  paper_day: {
    en: {
      subject: "We are working on paper today",
      body: "Hi {first_name}, our computer systems are down, so we are working on paper for your visit on {date_time}. Please bring your medication list and arrive 15 minutes early. Questions: {practice_phone}.",
    },
    es: {
      subject: "Hoy trabajamos en papel",
      body: "Hola {first_name}, nuestros sistemas no funcionan y trabajamos en papel para su cita del {date_time}. Traiga su lista de medicamentos y llegue 15 minutos antes. Preguntas: {practice_phone}.",
    },
  },
  delay: {
    en: {
      subject: "We are running late",
      body: "Hi {first_name}, {site_name} is running late today. Your appointment on {date_time} may start later than planned. We are sorry for the wait. Questions: {practice_phone}.",
    },
    es: {
      subject: "Vamos con retraso",
      body: "Hola {first_name}, {site_name} va con retraso hoy. Su cita del {date_time} puede comenzar más tarde. Disculpe la espera. Preguntas: {practice_phone}.",
    },
  },
  reschedule: {
    en: {
      subject: "Please reschedule your appointment",
      body: "Hi {first_name}, we need to move your appointment with {provider_name} on {date_time}. Please call {practice_phone} to choose a new time.",
    },
    es: {
      subject: "Por favor cambie su cita",
      body: "Hola {first_name}, necesitamos cambiar su cita con {provider_name} del {date_time}. Llame al {practice_phone} para elegir otra hora.",
    },
  },
  cancellation: {
    en: {
      subject: "Your appointment is cancelled",
      body: "Hi {first_name}, your appointment with {provider_name} on {date_time} is cancelled. Call {practice_phone} to book a new time.",
    },
    es: {
      subject: "Su cita está cancelada",
      body: "Hola {first_name}, su cita con {provider_name} del {date_time} está cancelada. Llame al {practice_phone} para una nueva cita.",
    },
  },
  instructions: {
    en: {
      subject: "Before your appointment",
      body: "Hi {first_name}, before your appointment on {date_time} at {site_name}, please follow the instructions you were given. Questions: {practice_phone}.",
    },
    es: {
      subject: "Antes de su cita",
      body: "Hola {first_name}, antes de su cita del {date_time} en {site_name}, siga las instrucciones que recibió. Preguntas: {practice_phone}.",
    },
  },
  maintenance: {
    en: {
      subject: "Planned system maintenance",
      body: "Hi {first_name}, our systems will be under planned maintenance around your appointment on {date_time}. Your visit goes ahead; check-in may take a little longer. Questions: {practice_phone}.",
    },
    es: {
      subject: "Mantenimiento programado",
      body: "Hola {first_name}, habrá mantenimiento programado de nuestros sistemas cerca de su cita del {date_time}. Su cita se mantiene; el registro puede tardar un poco más. Preguntas: {practice_phone}.",
    },
  },
  systems_back: {
    en: {
      subject: "Our systems are back",
      body: "Hi {first_name}, our systems are working again. Thank you for your patience. Questions: {practice_phone}.",
    },
    es: {
      subject: "Nuestros sistemas funcionan de nuevo",
      body: "Hola {first_name}, nuestros sistemas funcionan de nuevo. Gracias por su paciencia. Preguntas: {practice_phone}.",
    },
  },
};

/** Standby's own text of a kind in a language. */
export function builtInOutreachText(kind: OutreachKind, language: OutreachLanguage): OutreachText {
  return builtInTexts[kind][language];
}

// ---------------------------------------------------------------------------------------------

/**
 * The text of one kind of message in one language (and, for instructions, one visit type): the
 * practice's template, else the MSP's, else the built-in one. A template for the visit type wins
 * over the kind's general one at the same level.
 */
export async function resolveOutreachText(
  ctx: ServiceContext,
  input: {
    practiceId: string;
    kind: OutreachKind;
    language: OutreachLanguage;
    visitType?: string;
  },
): Promise<OutreachText> {
  const visitType = input.kind === "instructions" ? (input.visitType ?? "").trim() : "";
  const rows = await ctx.tx
    .select({
      practiceId: outreachTemplates.practiceId,
      visitType: outreachTemplates.visitType,
      subject: outreachTemplates.subject,
      body: outreachTemplates.body,
    })
    .from(outreachTemplates)
    .where(
      and(
        eq(outreachTemplates.mspId, ctx.mspId),
        or(
          isNull(outreachTemplates.practiceId),
          eq(outreachTemplates.practiceId, input.practiceId),
        ),
        eq(outreachTemplates.kind, input.kind),
        eq(outreachTemplates.language, input.language),
        inArray(outreachTemplates.visitType, visitType ? [visitType, ""] : [""]),
      ),
    );
  const rank = (row: (typeof rows)[number]) =>
    (row.practiceId ? 0 : 2) + (row.visitType === visitType ? 0 : 1);
  const best = rows.sort((a, b) => rank(a) - rank(b))[0];
  if (best)
    return {
      subject: best.subject || builtInOutreachText(input.kind, input.language).subject,
      body: best.body,
    };
  return builtInOutreachText(input.kind, input.language);
}

export type OutreachValues = Record<OutreachVariable, string>;

const variablePattern = new RegExp(`\\{(${outreachVariables.join("|")})\\}`, "g");

/** Fills in the six variables; any other braces are left as they are written. */
export function renderOutreachText(text: OutreachText, values: OutreachValues): OutreachText {
  const fill = (template: string) =>
    template.replace(variablePattern, (_, name: OutreachVariable) => values[name]);
  return { subject: fill(text.subject), body: fill(text.body) };
}
