import { Calculator } from "lucide-react";
import {
  readinessFormula,
  readinessPenalties,
  readinessWeights,
} from "@/server/domain/readiness-score";
import { scoreBands } from "./readiness";

/** The readiness formula in words, from the same table the server scores with. */
export function ScoreExplanation() {
  const bands = scoreBands.map((band, index) => {
    const upper = index === 0 ? 100 : scoreBands[index - 1]!.min - 1;
    return {
      ...band,
      range:
        index === 0
          ? `${band.min} or more`
          : band.min === 0
            ? `below ${scoreBands[index - 1]!.min}`
            : `${band.min}–${upper}`,
    };
  });
  return (
    <details className="group mb-4 rounded-lg border border-slate-200 bg-white">
      <summary className="flex min-h-10 cursor-pointer items-center gap-2 rounded-lg px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50">
        <Calculator aria-hidden className="size-4 text-slate-500" />
        How the score is computed
      </summary>
      <div className="space-y-3 border-t border-slate-200 px-4 py-3 text-sm text-slate-700">
        <p>
          Each part earns up to its points and the score is their sum, out of 100. Every cell below
          shows the points its part earns, and links to where it is fixed.
        </p>
        <table className="w-full text-left">
          <caption className="sr-only">Parts of the readiness score</caption>
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-3">
                Part
              </th>
              <th scope="col" className="py-1 pr-3">
                Up to
              </th>
              <th scope="col" className="py-1">
                Rule
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {readinessFormula.map((row) => (
              <tr key={row.part}>
                <th scope="row" className="py-1.5 pr-3 align-top font-medium text-slate-800">
                  {row.label}
                </th>
                <td className="whitespace-nowrap py-1.5 pr-3 align-top tabular-nums">
                  {readinessWeights[row.part]} points
                </td>
                <td className="py-1.5 align-top">{row.rule}</td>
              </tr>
            ))}
            {readinessPenalties.map((row) => (
              <tr key={row.part}>
                <th scope="row" className="py-1.5 pr-3 align-top font-medium text-slate-800">
                  {row.label}
                </th>
                <td className="whitespace-nowrap py-1.5 pr-3 align-top tabular-nums">
                  −{row.points} points
                </td>
                <td className="py-1.5 align-top">{row.rule}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          {bands.map((band, index) => (
            <span key={band.band}>
              {index > 0 && " · "}
              <strong className="font-medium text-slate-800">{band.word}</strong>: {band.range}
            </span>
          ))}
        </p>
      </div>
    </details>
  );
}
