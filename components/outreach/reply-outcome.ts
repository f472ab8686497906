import {
  CalendarCheck2,
  CalendarX2,
  Inbox,
  LifeBuoy,
  MessageSquareOff,
  MessageSquareReply,
  type LucideIcon,
} from "lucide-react";
import { replyActionLabels, type ReplyAction } from "@/server/contracts/outreach-replies";

const icons: Record<ReplyAction, LucideIcon> = {
  stop: MessageSquareOff,
  start: MessageSquareReply,
  help: LifeBuoy,
  cancel: CalendarX2,
  confirm: CalendarCheck2,
  inbox: Inbox,
};

/** What Standby did with a text, in words (with an icon: never colour alone). */
export function replyOutcome(
  action: ReplyAction,
  handledByStandby: boolean,
  handled = handledByStandby,
): { Icon: LucideIcon; words: string } {
  const Icon = icons[action];
  switch (action) {
    case "stop":
      return { Icon, words: "Opted out: the practice texts this number nothing more (STOP)" };
    case "start":
      return { Icon, words: "Opted back in to the practice's texts (START)" };
    case "help":
      return { Icon, words: "Answered with the practice's name and phone (HELP)" };
    case "cancel":
      return {
        Icon,
        words: handledByStandby
          ? "Cancelled: marked on the continuity schedule"
          : "Asked to cancel: not marked by Standby",
      };
    case "confirm":
      return {
        Icon,
        words: handledByStandby
          ? "Confirmed: shown on the continuity schedule"
          : replyActionLabels.confirm,
      };
    case "inbox":
      return { Icon, words: handled ? "For the front desk" : "For the front desk to answer" };
  }
}
