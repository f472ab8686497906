import { MessageSquare, TriangleAlert } from "lucide-react";
import type { SmsSegments } from "@/server/domain/outreach-templates";

const perMessage = { "GSM-7": 160, "UCS-2": 70 } as const;

/** What the text costs as SMS: its length, encoding and segments, and which characters made it UCS-2. */
export function SmsCounter({ sms, id }: { sms: SmsSegments; id?: string }) {
  const { encoding, characters, segments, nonGsmCharacters } = sms;
  return (
    <div id={id} className="space-y-1 text-sm" data-testid="sms-counter">
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-slate-700">
        <MessageSquare aria-hidden className="size-4 text-slate-500" />
        <span>
          <strong className="font-semibold text-slate-900">{characters}</strong> characters
        </span>
        <span aria-hidden>·</span>
        <span>{encoding}</span>
        <span aria-hidden>·</span>
        <span>
          <strong className="font-semibold text-slate-900">{segments}</strong> SMS segment
          {segments === 1 ? "" : "s"}
        </span>
      </p>
      {nonGsmCharacters.length > 0 && (
        <div className="flex items-start gap-1.5">
          <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-amber-700" />
          <div>
            <p className="text-amber-800">
              Sent as UCS-2 ({perMessage["UCS-2"]} characters per SMS instead of{" "}
              {perMessage["GSM-7"]}) because of:{" "}
              <span className="font-mono font-semibold">
                {nonGsmCharacters
                  .map((char) => (char.trim() ? char : JSON.stringify(char)))
                  .join(" ")}
              </span>
            </p>
            <p className="text-xs text-slate-500">
              é, ñ, ü, ¿ and ¡ keep a message GSM-7; á, í, ó, ú, curly quotes and emoji do not.
            </p>
          </div>
        </div>
      )}
    </div>
  );
}
