// The judged ratios as an SVG chart, hand-written: one row per figure, the ratio as a dot, its 95 %
// interval as a bar, the target as a tick; colour by verdict.
import type { FigureVerdict } from './figure-verdicts.js';

export interface ChartGroup {
  title: string;
  verdicts: FigureVerdict[];
}

const COLOURS = { met: '#1a7f37', missed: '#cf222e', inconclusive: '#bf8700' } as const;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : x > 0 ? '∞' : '−∞');

/** One SVG document for every group, on one shared axis. */
export function renderChart(groups: ChartGroup[], caption: string): string {
  const all = groups.flatMap((g) => g.verdicts);
  const finite = (xs: number[]) => xs.filter(Number.isFinite);
  // The axis: always 0.5–1.5 at least, wider when the data asks, never past −1…3 (clipped with an arrow).
  const lo = Math.max(-1, Math.min(0.5, ...finite(all.map((v) => v.low))));
  const hi = Math.min(3, Math.max(1.5, ...finite(all.map((v) => v.high)), ...all.map((v) => v.target)));
  const min = Math.floor(lo * 4) / 4;
  const max = Math.ceil(hi * 4) / 4;
  const left = 250;
  const plot = 470;
  const right = 270;
  const width = left + plot + right;
  const rowH = 26;
  const x = (v: number) => left + ((Math.min(max, Math.max(min, v)) - min) / (max - min)) * plot;

  const parts: string[] = [];
  let y = 44;
  for (const group of groups) {
    parts.push(`<text x="12" y="${y + 4}" font-weight="bold">${esc(group.title)}</text>`);
    y += 18;
    for (const v of group.verdicts) {
      const c = COLOURS[v.verdict];
      const cy = y + rowH / 2;
      parts.push(
        `<text x="${left - 10}" y="${cy + 4}" text-anchor="end">${esc(v.figure)}</text>`,
        `<line x1="${x(v.target)}" x2="${x(v.target)}" y1="${cy - 9}" y2="${cy + 9}" stroke="#57606a" stroke-width="2" stroke-dasharray="3 2"/>`,
        `<line x1="${x(v.low)}" x2="${x(v.high)}" y1="${cy}" y2="${cy}" stroke="${c}" stroke-width="6" stroke-linecap="round" opacity="0.45"/>`,
        `<circle cx="${x(v.ratio)}" cy="${cy}" r="4.5" fill="${c}"/>`,
        `<text x="${left + plot + 12}" y="${cy + 4}"><tspan fill="${c}" font-weight="bold">${v.verdict}</tspan> ${fmt(v.ratio)} [${fmt(v.low)}, ${fmt(v.high)}] ≤ ${v.target}</text>`,
      );
      if (v.high > max) parts.push(`<text x="${left + plot + 1}" y="${cy + 4}" fill="${c}">▸</text>`);
      if (v.low < min) parts.push(`<text x="${left - 8}" y="${cy + 4}" fill="${c}">◂</text>`);
      y += rowH;
    }
    y += 10;
  }
  const axisY = y;
  const ticks: string[] = [];
  for (let t = min; t <= max + 1e-9; t += 0.25) {
    const major = Math.abs(t * 2 - Math.round(t * 2)) < 1e-9;
    ticks.push(
      `<line x1="${x(t)}" x2="${x(t)}" y1="36" y2="${axisY}" stroke="${Math.abs(t - 1) < 1e-9 ? '#8c959f' : '#d0d7de'}" stroke-width="${major ? 1 : 0.5}"/>`,
    );
    if (major) ticks.push(`<text x="${x(t)}" y="${axisY + 16}" text-anchor="middle">${t.toFixed(1)}×</text>`);
  }
  const height = axisY + 50;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12" fill="#1f2328">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="12" y="20" font-size="14" font-weight="bold">bearer-worker: ratios with 95 % intervals (dot: ratio, bar: interval, dashed tick: target; lower is better)</text>`,
    ...ticks,
    ...parts,
    `<text x="12" y="${height - 12}" fill="#57606a">${esc(caption)}</text>`,
    `</svg>`,
    '',
  ].join('\n');
}
