import "server-only";
import { randomBytes } from "node:crypto";
import { and, asc, eq, isNull } from "drizzle-orm";
import { notificationChannels, practices } from "@/db/schema";
import type { ChannelFields, ChannelKind } from "@/server/contracts/notifications";
import type { NotificationEvent } from "@/server/contracts/notifications";
import { checkOutboundUrl } from "@/server/domain/outbound-address";
import { checkMailServer, type MailServer } from "@/server/domain/outbound-smtp";
import { maskedSecret, openSecret, sealSecret } from "@/server/domain/secret-box";
import { ConflictError, InvalidError, NotFoundError } from "@/server/errors";
import { practiceInScope, recordAudit, type ServiceContext } from "@/server/services/context";
import { channelSecretKey, defaultSmsApiBaseUrl, outboundRules } from "./config";
import type { Destination } from "./send";

type ChannelRow = typeof notificationChannels.$inferSelect;

/** What is kept sealed per kind: a Teams or Slack address is itself a credential. */
type ChannelSecret = {
  url?: string;
  secrets?: string[];
  authToken?: string;
  smtpPassword?: string;
};

/** An email channel's own mail server, kept in its settings (its password is sealed). */
type OwnMailServer = MailServer & { from: string };

const purpose = (channelId: string) => `notification-channel:${channelId}`;

function openChannelSecret(row: ChannelRow): ChannelSecret {
  if (!row.secretSealed) return {};
  const opened = openSecret(channelSecretKey(), purpose(row.id), row.secretSealed);
  if (opened === null)
    throw new InvalidError(
      `The saved secret of "${row.name}" cannot be read (SECRETS_KEY or AUTH_SECRET changed since it was saved). Enter it again.`,
    );
  return JSON.parse(opened) as ChannelSecret;
}

/** A channel as the browser sees it: settings, never a secret (only a hint of it). */
export function channelView(row: ChannelRow & { practiceName?: string | null }) {
  return {
    id: row.id,
    kind: row.kind as ChannelKind,
    name: row.name,
    practiceId: row.practiceId,
    practiceName: row.practiceName ?? null,
    settings: row.settings,
    secretHint: row.secretHint,
    events: row.events as NotificationEvent[],
    consecutiveFailures: row.consecutiveFailures,
    paused: row.pausedAt ? { at: row.pausedAt, reason: row.pausedReason ?? "" } : null,
    version: row.version,
    createdAt: row.createdAt,
  };
}
export type ChannelView = ReturnType<typeof channelView>;

export async function listChannels(ctx: ServiceContext) {
  const rows = await ctx.tx
    .select({ channel: notificationChannels, practiceName: practices.name })
    .from(notificationChannels)
    .leftJoin(
      practices,
      and(
        eq(practices.mspId, notificationChannels.mspId),
        eq(practices.id, notificationChannels.practiceId),
      ),
    )
    .where(and(eq(notificationChannels.mspId, ctx.mspId), isNull(notificationChannels.removedAt)))
    .orderBy(asc(notificationChannels.createdAt));
  return rows.map(({ channel, practiceName }) => ({
    ...channelView({ ...channel, practiceName }),
    /** A webhook between two secrets: the previous one still signs until it is retired. */
    previousSecretSigns: signingSecretCount(channel) > 1,
  }));
}

async function loadChannel(ctx: ServiceContext, channelId: string, lock = false) {
  const query = ctx.tx
    .select()
    .from(notificationChannels)
    .where(
      and(
        eq(notificationChannels.mspId, ctx.mspId),
        eq(notificationChannels.id, channelId),
        isNull(notificationChannels.removedAt),
      ),
    );
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new NotFoundError("This channel was not found. It may have been removed.");
  return row;
}

function checkAddress(raw: string, field: string): string {
  const checked = checkOutboundUrl(raw, outboundRules());
  if (!checked.ok) throw new InvalidError(checked.reason, field);
  return checked.url.toString();
}

/** The settings to keep in the open and the secret to seal, from what the admin entered. */
function split(
  fields: ChannelFields,
  saved: { secret: ChannelSecret; settings: unknown } | null,
): { settings: Record<string, unknown>; secret: ChannelSecret | null } {
  switch (fields.kind) {
    case "email":
      return emailSettings(fields, saved);
    case "teams":
    case "slack": {
      const url = fields.url ? checkAddress(fields.url, "url") : saved?.secret.url;
      if (!url)
        throw new InvalidError(
          fields.kind === "teams"
            ? "Paste the Workflows webhook address from Teams (Workflows → “Post to a channel when a webhook request is received”)."
            : "Paste the incoming webhook address from Slack.",
          "url",
        );
      return { settings: { host: new URL(url).host }, secret: { url } };
    }
    case "webhook":
      return {
        settings: { url: checkAddress(fields.url, "url") },
        // A new webhook gets its signing secret from Standby (shown once); a change keeps the saved ones.
        secret: { secrets: saved?.secret.secrets ?? [newWebhookSecret()] },
      };
    case "sms": {
      const authToken = fields.authToken || saved?.secret.authToken;
      if (!authToken) throw new InvalidError("Enter the provider's auth token.", "authToken");
      return {
        settings: {
          recipients: fields.recipients,
          from: fields.from,
          accountSid: fields.accountSid,
          apiBaseUrl: checkAddress(fields.apiBaseUrl || defaultSmsApiBaseUrl(), "apiBaseUrl"),
          patientOutreach: fields.patientOutreach,
        },
        secret: { authToken },
      };
    }
  }
}

/**
 * An email channel: its recipients, and its own mail server when it has one. A saved password is
 * kept only while host, port and security stay the same: otherwise an admin could send it to a
 * server of their choosing and read it there, without ever having been shown it.
 */
function emailSettings(
  fields: Extract<ChannelFields, { kind: "email" }>,
  saved: { secret: ChannelSecret; settings: unknown } | null,
): { settings: Record<string, unknown>; secret: ChannelSecret | null } {
  const { smtp } = fields;
  if (!smtp) return { settings: { recipients: fields.recipients }, secret: null };
  const checked = checkMailServer(smtp, outboundRules());
  if (!checked.ok) throw new InvalidError(checked.reason, `smtp.${checked.field}`);
  const server: OwnMailServer = {
    host: smtp.host,
    port: smtp.port,
    security: smtp.security,
    username: smtp.username || null,
    from: smtp.from,
  };
  if (!server.username)
    return { settings: { recipients: fields.recipients, smtp: server }, secret: null };
  const before = ownMailServerOf(saved?.settings);
  const sameServer =
    before?.host === server.host &&
    before.port === server.port &&
    before.security === server.security;
  const password = smtp.password || (sameServer ? saved?.secret.smtpPassword : undefined);
  if (!password)
    throw new InvalidError(
      saved?.secret.smtpPassword
        ? "Enter the password again: a saved password is only sent to the mail server it was saved for."
        : "Enter the password of this mail account.",
      "smtp.password",
    );
  return {
    settings: { recipients: fields.recipients, smtp: server },
    secret: { smtpPassword: password },
  };
}

function ownMailServerOf(settings: unknown): OwnMailServer | null {
  return (settings as { smtp?: OwnMailServer } | null)?.smtp ?? null;
}

/** A Standard Webhooks secret: whsec_ and 32 random bytes, base64. */
function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

function sealed(channelId: string, secret: ChannelSecret | null) {
  if (!secret) return { secretSealed: null, secretHint: null };
  const hintOf = secret.url ?? secret.authToken ?? secret.secrets?.[0] ?? "";
  return {
    secretSealed: sealSecret(channelSecretKey(), purpose(channelId), JSON.stringify(secret)),
    // A password's hint shows none of it: unlike a generated token, people choose (and reuse) it.
    secretHint: maskedSecret(secret.smtpPassword === undefined ? hintOf : ""),
  };
}

async function checkPractice(ctx: ServiceContext, practiceId: string | null) {
  if (practiceId) await practiceInScope(ctx, practiceId, "change");
}

/** Adds a channel. A signed webhook's secret is returned this once, to be given to the receiver. */
export async function createChannel(ctx: ServiceContext, fields: ChannelFields) {
  await checkPractice(ctx, fields.practiceId);
  const id = crypto.randomUUID();
  const { settings, secret } = split(fields, null);
  await ctx.tx.insert(notificationChannels).values({
    id,
    mspId: ctx.mspId,
    practiceId: fields.practiceId,
    kind: fields.kind,
    name: fields.name,
    settings,
    events: fields.events,
    ...sealed(id, secret),
  });
  await recordAudit(ctx, {
    action: "notification_channel.create",
    entityType: "notification_channel",
    entityId: id,
    practiceId: fields.practiceId,
    summary: {
      kind: fields.kind,
      name: fields.name,
      events: fields.events,
      ...(fields.kind === "sms" ? { patientOutreach: fields.patientOutreach } : {}),
    },
  });
  return { id, webhookSecret: fields.kind === "webhook" ? secret!.secrets![0]! : null };
}

export async function updateChannel(
  ctx: ServiceContext,
  input: { channelId: string; version: number; fields: ChannelFields },
) {
  const row = await loadChannel(ctx, input.channelId, true);
  if (row.version !== input.version)
    throw new ConflictError("Someone changed this channel meanwhile. Reload it and try again.");
  if (row.kind !== input.fields.kind)
    throw new InvalidError("A channel keeps its kind: add a new channel instead.", "kind");
  await checkPractice(ctx, input.fields.practiceId);
  const { settings, secret } = split(input.fields, {
    secret: openChannelSecret(row),
    settings: row.settings,
  });
  const [updated] = await ctx.tx
    .update(notificationChannels)
    .set({
      name: input.fields.name,
      practiceId: input.fields.practiceId,
      settings,
      events: input.fields.events,
      ...sealed(row.id, secret),
      version: row.version + 1,
      updatedAt: new Date(),
    })
    .where(eq(notificationChannels.id, row.id))
    .returning({ version: notificationChannels.version });
  await recordAudit(ctx, {
    action: "notification_channel.update",
    entityType: "notification_channel",
    entityId: row.id,
    practiceId: input.fields.practiceId,
    summary: {
      name: input.fields.name,
      events: input.fields.events,
      ...(input.fields.kind === "sms" ? { patientOutreach: input.fields.patientOutreach } : {}),
    },
  });
  return { version: updated!.version };
}

/** Removed channels receive nothing more; their deliveries stay in the log. */
export async function removeChannel(
  ctx: ServiceContext,
  input: { channelId: string; version: number },
) {
  const row = await loadChannel(ctx, input.channelId, true);
  if (row.version !== input.version)
    throw new ConflictError("Someone changed this channel meanwhile. Reload it and try again.");
  await ctx.tx
    .update(notificationChannels)
    .set({ removedAt: new Date(), version: row.version + 1, secretSealed: null })
    .where(eq(notificationChannels.id, row.id));
  await recordAudit(ctx, {
    action: "notification_channel.remove",
    entityType: "notification_channel",
    entityId: row.id,
    practiceId: row.practiceId,
    summary: { name: row.name },
  });
}

/** Sends again to a channel paused after repeated failures. */
export async function resumeChannel(ctx: ServiceContext, channelId: string) {
  const row = await loadChannel(ctx, channelId, true);
  await ctx.tx
    .update(notificationChannels)
    .set({ pausedAt: null, pausedReason: null, consecutiveFailures: 0, version: row.version + 1 })
    .where(eq(notificationChannels.id, row.id));
  await recordAudit(ctx, {
    action: "notification_channel.resume",
    entityType: "notification_channel",
    entityId: row.id,
    practiceId: row.practiceId,
    summary: { name: row.name },
  });
}

/**
 * A new signing secret for a webhook, returned this once. The previous one keeps signing too (both
 * signatures are sent) until retirePreviousWebhookSecret, so the receiver can switch without a gap.
 */
export async function rotateWebhookSecret(
  ctx: ServiceContext,
  input: { channelId: string; version: number },
) {
  const row = await loadChannel(ctx, input.channelId, true);
  if (row.kind !== "webhook") throw new InvalidError("Only a signed webhook has a signing secret.");
  if (row.version !== input.version)
    throw new ConflictError("Someone changed this channel meanwhile. Reload it and try again.");
  const current = openChannelSecret(row).secrets ?? [];
  const fresh = newWebhookSecret();
  await ctx.tx
    .update(notificationChannels)
    .set({ ...sealed(row.id, { secrets: [fresh, current[0]!] }), version: row.version + 1 })
    .where(eq(notificationChannels.id, row.id));
  await recordAudit(ctx, {
    action: "notification_channel.rotate_secret",
    entityType: "notification_channel",
    entityId: row.id,
    practiceId: row.practiceId,
  });
  return { webhookSecret: fresh, version: row.version + 1 };
}

export async function retirePreviousWebhookSecret(
  ctx: ServiceContext,
  input: { channelId: string; version: number },
) {
  const row = await loadChannel(ctx, input.channelId, true);
  if (row.version !== input.version)
    throw new ConflictError("Someone changed this channel meanwhile. Reload it and try again.");
  const current = openChannelSecret(row).secrets ?? [];
  if (current.length < 2) throw new InvalidError("This webhook has only one signing secret.");
  await ctx.tx
    .update(notificationChannels)
    .set({ ...sealed(row.id, { secrets: [current[0]!] }), version: row.version + 1 })
    .where(eq(notificationChannels.id, row.id));
  await recordAudit(ctx, {
    action: "notification_channel.retire_secret",
    entityType: "notification_channel",
    entityId: row.id,
    practiceId: row.practiceId,
  });
  return { version: row.version + 1 };
}

/** Whether a webhook is between two secrets (the previous one still signs). */
export function signingSecretCount(row: ChannelRow): number {
  if (row.kind !== "webhook") return 0;
  try {
    return openChannelSecret(row).secrets?.length ?? 0;
  } catch {
    return 0; // unreadable (the key changed): the channel asks for its secret again when used
  }
}

/** An SMS channel's provider account, its auth token opened: for patient outreach's sending and its callbacks. */
export function smsAccountOf(row: ChannelRow): SmsAccount {
  if (row.kind !== "sms") throw new InvalidError("Only a text message channel has an SMS account.");
  const settings = row.settings as Record<string, string>;
  return {
    channelId: row.id,
    apiBaseUrl: settings.apiBaseUrl!,
    accountSid: settings.accountSid!,
    authToken: openChannelSecret(row).authToken ?? "",
    from: settings.from!,
  };
}
export type SmsAccount = {
  channelId: string;
  apiBaseUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
};

/** The recipients a channel's deliveries go to: one delivery each (empty string: the channel itself). */
export function recipientsOf(row: ChannelRow): string[] {
  const recipients = (row.settings as { recipients?: string[] }).recipients;
  return row.kind === "email" || row.kind === "sms" ? (recipients ?? []) : [""];
}

/**
 * Where one delivery of this channel goes, its secrets opened: only in the sending worker (and for
 * Send test). An email channel goes through its own mail server when it has one, else SMTP_URL.
 */
export function destinationOf(
  row: ChannelRow,
  recipient: string,
  smtpUrl: string | undefined,
  mailFrom: string,
): Destination | null {
  const secret = openChannelSecret(row);
  const settings = row.settings as Record<string, string>;
  switch (row.kind) {
    case "teams":
    case "slack":
      return secret.url ? { kind: row.kind, url: secret.url } : null;
    case "webhook":
      return { kind: "webhook", url: settings.url!, secrets: secret.secrets ?? [] };
    case "sms":
      return {
        kind: "sms",
        apiBaseUrl: settings.apiBaseUrl!,
        accountSid: settings.accountSid!,
        authToken: secret.authToken ?? "",
        from: settings.from!,
        to: recipient,
      };
    case "email": {
      const own = ownMailServerOf(row.settings);
      if (own)
        return {
          kind: "email",
          server: {
            host: own.host,
            port: own.port,
            security: own.security,
            username: own.username,
            password: secret.smtpPassword ?? null,
          },
          from: own.from,
          to: recipient,
        };
      return smtpUrl ? { kind: "email", smtpUrl, from: mailFrom, to: recipient } : null;
    }
  }
}

export { loadChannel };
