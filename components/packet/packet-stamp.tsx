"use client";

import { useEffect, useState } from "react";
import { flushSync } from "react-dom";
import { formatDateTime } from "@/server/documents/packet-format";

/** A CSS string with every character outside a small safe set escaped, so stored names cannot end the rule or the element. */
function cssString(text: string): string {
  return `"${[...text].map((char) => (/^[A-Za-z0-9 ,.:()'-]$/.test(char) ? char : `\\${char.codePointAt(0)!.toString(16)} `)).join("")}"`;
}

/**
 * The packet's footer: who published which version, who printed it and when. At the end of the
 * document for every browser, and in the bottom margin of every printed page where the browser
 * supports page margin boxes (Chromium). Rendered on the server with the time the page was
 * opened; when the page is printed later, the time is brought up to date first.
 */
export function PacketStamp({
  publishedText,
  reviewText,
  printedText,
  printedByName,
  timezone,
}: {
  publishedText: string;
  reviewText: string;
  printedText: string;
  printedByName: string;
  timezone: string;
}) {
  const [printedNow, setPrintedNow] = useState<string | null>(null);

  useEffect(() => {
    const update = () => flushSync(() => setPrintedNow(formatDateTime(new Date(), timezone)));
    window.addEventListener("beforeprint", update);
    return () => window.removeEventListener("beforeprint", update);
  }, [timezone]);

  const when = printedNow ?? printedText;
  const pageFooter = `${publishedText} · printed ${when} by ${printedByName} · ${reviewText}`;
  const marginBoxes =
    `@page { @bottom-left { content: ${cssString(pageFooter)}; font: 8pt/1.3 Arial, Helvetica, sans-serif; color: #000; vertical-align: top; padding-top: 3mm; } ` +
    `@bottom-right { content: "Page " counter(page) " of " counter(pages); font: bold 8pt/1.3 Arial, Helvetica, sans-serif; color: #000; vertical-align: top; padding-top: 3mm; width: 24mm; } }`;

  return (
    <>
      <style>{marginBoxes}</style>
      <footer className="packet-footer">
        <p>
          {publishedText} · printed <time>{when}</time> by {printedByName}
        </p>
        <p>{reviewText}</p>
      </footer>
    </>
  );
}
