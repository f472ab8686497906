export type DiffLine = { kind: "added" | "removed" | "same"; text: string };

const marks = {
  added: {
    sign: "+",
    word: "Added",
    className: "bg-emerald-50 text-emerald-950",
    text: "no-underline",
    Tag: "ins",
  },
  removed: {
    sign: "−",
    word: "Removed",
    className: "bg-red-50 text-red-950",
    text: "line-through decoration-red-400",
    Tag: "del",
  },
  same: { sign: " ", word: "Unchanged", className: "text-slate-600", text: "", Tag: "span" },
} as const;

/** Lines of a section comparison: each added or removed line says so in a sign and a word, not only in colour. */
export function DiffLines({ lines, label }: { lines: DiffLine[]; label: string }) {
  if (lines.length === 0)
    return <p className="text-sm italic text-slate-500">Empty on both sides.</p>;
  return (
    <ul aria-label={label} className="overflow-hidden rounded-md border border-slate-200 text-sm">
      {lines.map((line, index) => {
        const mark = marks[line.kind];
        const Tag = mark.Tag;
        return (
          <li
            key={index}
            className={`flex gap-2 border-b border-slate-100 px-2 py-1 last:border-b-0 ${mark.className}`}
          >
            <span aria-hidden className="w-3 shrink-0 select-none font-mono font-semibold">
              {mark.sign}
            </span>
            <span className="sr-only">{mark.word}: </span>
            <Tag className={`min-w-0 whitespace-pre-line break-words ${mark.text}`}>
              {line.text}
            </Tag>
          </li>
        );
      })}
    </ul>
  );
}

/** How many lines a comparison adds and removes, as words. */
export function diffSummary(lines: DiffLine[]): string {
  const added = lines.filter((line) => line.kind === "added").length;
  const removed = lines.filter((line) => line.kind === "removed").length;
  if (added === 0 && removed === 0) return "No change";
  return [
    added ? `${added} line${added === 1 ? "" : "s"} added` : "",
    removed ? `${removed} line${removed === 1 ? "" : "s"} removed` : "",
  ]
    .filter(Boolean)
    .join(", ");
}
