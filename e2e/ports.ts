/** Ports the browser suite's app and specs agree on before either starts. */
export const e2ePort = Number(process.env.E2E_PORT ?? 3100);
/** Where the notification spec's SMTP server listens (the app is told it in SMTP_URL). */
export const e2eSmtpPort = Number(process.env.E2E_SMTP_PORT ?? e2ePort + 25);
/** Where the outreach spec's fake SMS provider listens (its SMS channel is given this address). */
export const e2eSmsPort = Number(process.env.E2E_SMS_PORT ?? e2ePort + 30);
