import "server-only";
import nodemailer from "nodemailer";

/** Sends mail when SMTP_URL is configured (e.g. smtp://user:pass@mail.example.org:587). */
export function mailConfigured(): boolean {
  return Boolean(process.env.SMTP_URL);
}

export async function sendMail(message: { to: string; subject: string; text: string }): Promise<boolean> {
  if (!process.env.SMTP_URL) return false;
  try {
    const transport = nodemailer.createTransport(process.env.SMTP_URL);
    await transport.sendMail({ from: process.env.MAIL_FROM ?? "Standby <no-reply@localhost>", ...message });
    return true;
  } catch (error) {
    console.error("Could not send mail:", error instanceof Error ? error.message : error);
    return false;
  }
}
