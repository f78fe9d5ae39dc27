// The README's benchmark table: every judged figure of a run, Chromium and Firefox side by side, each
// ratio with its 95 % interval and verdict. `npm run bench` writes it under the marker line in README.md
// (a full run only); readme-table.test.ts checks the README shows what bench/results/latest.json holds.
import { format } from 'prettier';
import type { BenchResults } from './bench-results.js';
import { FIGURES, TARGETS, type FigureVerdict } from './figure-verdicts.js';
import { ratioCell } from './format-table.js';

export const README_MARKER = '<!-- bench-table: written by npm run bench from bench/results/latest.json -->';

const cell = (v: FigureVerdict | undefined) =>
  v
    ? `${v.ratio.toFixed(2)}× [${v.low.toFixed(2)}, ${v.high.toFixed(2)}] ${v.verdict === 'met' ? 'met' : `**${v.verdict}**`}`
    : '—';

type Floors = Pick<BenchResults, 'verdicts' | 'firefox' | 'injectFloor' | 'firstCallFloors'>;

/**
 * Chromium's bearer-worker ÷ inject floor: for the latency figures (inject-floor.ts), and for the first call
 * after a page load (first-call-floors.ts).
 */
const floorCell = (r: Floors, f: string) => {
  const x =
    f === 'first-call-after-load'
      ? r.firstCallFloors?.find((row) => row.floor === 'inject')?.bearerVsFloor
      : r.injectFloor?.find((row) => row.figure === f)?.bearerVsInject;
  return x ? ratioCell(x) : '—';
};

/** As the run judged it: a results file keeps each verdict's target and yardstick, whatever they are now. */
const target = (t: { target: number; versus: string }) => `≤ ${t.target}× ${t.versus}`;

/** The table's rows, cells trimmed: figure, Chromium, Firefox, target, Chromium against the inject floor. */
export function readmeRows(r: Floors): string[][] {
  const chromium = new Map(r.verdicts.map((v) => [v.figure, v]));
  const firefox = new Map((r.firefox?.verdicts ?? []).map((v) => [v.figure, v]));
  return FIGURES.filter((f) => chromium.has(f) || firefox.has(f)).map((f) => [
    `\`${f}\``,
    cell(chromium.get(f)),
    cell(firefox.get(f)),
    target(chromium.get(f) ?? firefox.get(f) ?? TARGETS[f]),
    floorCell(r, f),
  ]);
}

const HEAD = ['figure', 'Chromium: ratio [95 % interval]', 'Firefox', 'target', 'Chromium ÷ inject floor (not judged)'];

const markerLine = (lines: string[]) => {
  const at = lines.indexOf(README_MARKER);
  if (at < 0) throw new Error(`README.md has no "${README_MARKER}" line`);
  return at;
};

/** The table's first line: Prettier puts a blank line between the marker and the table. */
const tableStart = (lines: string[], marker: number) => (lines[marker + 1] === '' ? marker + 2 : marker + 1);

/** The rows of the table under the marker, cells trimmed (the README's as formatted). */
export function readmeTableRows(readme: string): string[][] {
  const lines = readme.split('\n');
  const at = markerLine(lines);
  const rows: string[][] = [];
  for (let i = tableStart(lines, at); lines[i]?.startsWith('|'); i++)
    rows.push(
      lines[i]!.slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    );
  return rows.slice(2); // the head and the delimiter row
}

/** The README with the table under the marker replaced by this run's, formatted as Prettier would. */
export async function withReadmeTable(readme: string, r: Floors) {
  const lines = readme.split('\n');
  const at = markerLine(lines);
  let end = tableStart(lines, at);
  while (lines[end]?.startsWith('|')) end++;
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const table = [row(HEAD), row(HEAD.map((_, i) => (i === 0 || i === 3 ? '---' : '---:'))), ...readmeRows(r).map(row)];
  const next = [...lines.slice(0, at + 1), ...table, ...lines.slice(end)].join('\n');
  return format(next, { parser: 'markdown', printWidth: 120, singleQuote: true, trailingComma: 'all' });
}
