import { notificationEvents, type NotificationEvent } from "@/server/contracts/notifications";

/**
 * What Standby tells people outside Standby, and how each channel carries it. A message says which
 * practice, what happened, its status and a link back — built only from the fields below, so nothing
 * from a downtime log or (later) the schedule copy can reach a channel: patient data stays in Standby.
 */

export type NotificationMessage = {
  event: NotificationEvent;
  /** Stable across retries: a receiver de-duplicates on it. */
  deliveryId: string;
  mspName: string;
  /** Null for an MSP-wide message (a channel test). */
  practiceName: string | null;
  /** What happened, in a line: "Outage declared: EHR down". */
  headline: string;
  status: string | null;
  /** Absolute address of the page in Standby. */
  link: string;
  occurredAt: Date;
  /** Why this person receives it, when not an admin's routing (a member's own choice). */
  reason?: string;
  /** Longer messages (the daily digest): titled groups of lines, each with its link. */
  sections?: { title: string; lines: { text: string; link: string }[] }[];
  /** An iCalendar invitation (a maintenance window), attached to the email as maintenance.ics. */
  calendarIcs?: string | null;
};

const subjectOf = (message: NotificationMessage) =>
  message.practiceName ? `${message.practiceName}: ${message.headline}` : message.headline;

/** Microsoft Teams Workflows webhook: an Adaptive Card 1.4 (1.5 and later did not render in 2024). */
export function teamsPayload(message: NotificationMessage) {
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            {
              type: "TextBlock",
              text: message.practiceName ?? message.mspName,
              weight: "Bolder",
              size: "Medium",
              wrap: true,
            },
            { type: "TextBlock", text: message.headline, wrap: true },
            ...(message.status
              ? [{ type: "FactSet", facts: [{ title: "Status", value: message.status }] }]
              : []),
          ],
          actions: [{ type: "Action.OpenUrl", title: "Open in Standby", url: message.link }],
        },
      },
    ],
  };
}

/** Slack's mrkdwn treats &, < and > as markup. */
const slackEscape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Slack incoming webhook: blocks, with `text` as the notification's fallback. */
export function slackPayload(message: NotificationMessage) {
  const status = message.status ? ` · ${slackEscape(message.status)}` : "";
  return {
    text: subjectOf(message),
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `*${slackEscape(message.practiceName ?? message.mspName)}*\n${slackEscape(message.headline)}${status}`,
        },
      },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            text: { type: "plain_text", text: "Open in Standby" },
            url: message.link,
          },
        ],
      },
    ],
  };
}

/** The signed webhook's body (Standard Webhooks: a type, a timestamp and the data). */
export function webhookPayload(message: NotificationMessage) {
  return {
    type: message.event,
    timestamp: message.occurredAt.toISOString(),
    data: {
      msp: message.mspName,
      practice: message.practiceName,
      headline: message.headline,
      status: message.status,
      link: message.link,
    },
  };
}

export const SMS_MAX_LENGTH = 320;

/** A text message: two segments at most, the link always whole. */
export function smsText(message: NotificationMessage): string {
  const status = message.status ? ` (${message.status})` : "";
  const room = SMS_MAX_LENGTH - message.link.length - 1;
  let text = `${subjectOf(message)}${status}`;
  if (text.length > room) text = `${text.slice(0, Math.max(0, room - 1))}…`;
  return `${text} ${message.link}`;
}

const htmlEscape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const reasonOf = (message: NotificationMessage) =>
  message.reason ??
  `You receive this because ${message.mspName} routes "${notificationEvents[message.event]}" to you in Standby.`;

export function emailMessage(message: NotificationMessage) {
  const lines = [
    message.practiceName ?? message.mspName,
    message.headline,
    ...(message.status ? [`Status: ${message.status}`] : []),
    ...(message.sections ?? []).flatMap((section) => [
      "",
      section.title,
      ...section.lines.map((line) => `- ${line.text}\n  ${line.link}`),
    ]),
    "",
    `Open in Standby: ${message.link}`,
    "",
    reasonOf(message),
  ];
  return {
    subject: `[Standby] ${subjectOf(message)}`,
    text: lines.join("\n"),
    html: [
      `<p><strong>${htmlEscape(message.practiceName ?? message.mspName)}</strong></p>`,
      `<p>${htmlEscape(message.headline)}</p>`,
      message.status ? `<p>Status: ${htmlEscape(message.status)}</p>` : "",
      ...(message.sections ?? []).map(
        (section) =>
          `<h3>${htmlEscape(section.title)}</h3><ul>${section.lines
            .map(
              (line) => `<li><a href="${htmlEscape(line.link)}">${htmlEscape(line.text)}</a></li>`,
            )
            .join("")}</ul>`,
      ),
      `<p><a href="${htmlEscape(message.link)}">Open in Standby</a></p>`,
      `<p style="color:#64748b;font-size:12px">${htmlEscape(reasonOf(message))}</p>`,
    ].join(""),
  };
}
