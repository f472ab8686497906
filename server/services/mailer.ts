import "server-only";
import nodemailer from "nodemailer";
import { env } from "@/server/env";

/** Sends mail when SMTP_URL is configured (e.g. smtp://user:pass@mail.example.org:587). */
export function mailConfigured(): boolean {
  return Boolean(env().SMTP_URL);
}

export async function sendMail(message: {
  to: string;
  subject: string;
  text: string;
}): Promise<boolean> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) return false;
  try {
    const transport = nodemailer.createTransport(SMTP_URL);
    await transport.sendMail({ from: MAIL_FROM, ...message });
    return true;
  } catch (error) {
    console.error("Could not send mail:", error instanceof Error ? error.message : error);
    return false;
  }
}
