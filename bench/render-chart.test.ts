import { expect, test } from 'vitest';
import type { FigureVerdict } from './figure-verdicts.js';
import { renderChart } from './render-chart.js';

const v = (
  figure: FigureVerdict['figure'],
  ratio: number,
  low: number,
  high: number,
  verdict: FigureVerdict['verdict'],
) =>
  ({
    figure,
    contender: 'bearer',
    versus: 'passthrough',
    ratio,
    low,
    high,
    target: 1.05,
    verdict,
    blocks: 6,
  }) as FigureVerdict;

test('one row per verdict, with its figures, colour and a clipped arrow past the axis', () => {
  const svg = renderChart(
    [
      {
        title: 'Chromium',
        verdicts: [v('sequential-median', 1.01, 0.99, 1.03, 'met'), v('concurrent-p95', 1.2, 0.9, 9, 'inconclusive')],
      },
      { title: 'Firefox <ESR>', verdicts: [v('sequential-median', 1.3, 1.2, 1.4, 'missed')] },
    ],
    'run of today',
  );
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect(svg.match(/<circle /g)).toHaveLength(3);
  expect(svg).toContain('1.01 [0.99, 1.03] ≤ 1.05');
  expect(svg).toContain('Firefox &lt;ESR&gt;');
  expect(svg).toContain('#1a7f37'); // met
  expect(svg).toContain('#cf222e'); // missed
  expect(svg).toContain('#bf8700'); // inconclusive
  expect(svg).toContain('▸'); // the 9× end is past the axis
  expect(svg.trim().endsWith('</svg>')).toBe(true);
});
