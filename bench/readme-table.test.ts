import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BenchResults } from './bench-results.js';
import { TARGETS, type FigureVerdict } from './figure-verdicts.js';
import { README_MARKER, readmeRows, readmeTableRows, withReadmeTable } from './readme-table.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

const verdict = (figure: FigureVerdict['figure'], ratio: number, v: FigureVerdict['verdict']): FigureVerdict => ({
  figure,
  contender: 'bearer',
  ...TARGETS[figure],
  ratio,
  low: ratio - 0.02,
  high: ratio + 0.02,
  verdict: v,
  blocks: 10,
});

describe('the README benchmark table', () => {
  it('shows the verdicts of bench/results/latest.json', () => {
    const latest = JSON.parse(read('./results/latest.json')) as BenchResults;
    expect(readmeTableRows(read('../README.md'))).toEqual(readmeRows(latest));
  });

  it('is replaced whole under its marker, the rest of the README kept', async () => {
    const readme = `# x\n\nbefore\n\n${README_MARKER}\n| old | table |\n| --- | --- |\n| a | b |\n\nafter\n`;
    const r = {
      verdicts: [
        verdict('sequential-median', 1.01, 'met'),
        verdict('concurrent-p95', 1.04, 'inconclusive'),
        verdict('first-call-after-load', 1.08, 'inconclusive'),
      ],
      firefox: { verdicts: [verdict('sequential-median', 0.99, 'met')] } as BenchResults['firefox'],
      injectFloor: [
        {
          figure: 'sequential-median' as const,
          bearerVsInject: { ratio: 0.995, low: 0.98, high: 1.011 },
          injectVsPassthrough: { ratio: 1.02, low: 1.0, high: 1.04 },
          blocks: 10,
        },
      ],
      firstCallFloors: [
        {
          floor: 'api-passthrough' as const,
          bearerVsFloor: { ratio: 1.01, low: 0.96, high: 1.05 },
          floorVsPassthrough: { ratio: 1.07, low: 1.02, high: 1.12 },
          pairs: 40,
        },
        {
          floor: 'inject' as const,
          bearerVsFloor: { ratio: 0.98, low: 0.94, high: 1.03 },
          floorVsPassthrough: { ratio: 1.1, low: 1.04, high: 1.15 },
          pairs: 40,
        },
      ],
    };
    const out = await withReadmeTable(readme, r);
    expect(out.startsWith('# x\n\nbefore\n')).toBe(true);
    expect(out.trimEnd().endsWith('\nafter')).toBe(true);
    expect(out).not.toContain('| old');
    expect(readmeTableRows(out)).toEqual([
      [
        '`sequential-median`',
        '1.01× [0.99, 1.03] met',
        '0.99× [0.97, 1.01] met',
        '≤ 1.05× passthrough',
        '0.99× [0.98, 1.01]',
      ],
      ['`concurrent-p95`', '1.04× [1.02, 1.06] **inconclusive**', '—', '≤ 1.05× passthrough', '—'],
      // The first call's floor is the inject worker's row of first-call-floors.ts.
      [
        '`first-call-after-load`',
        '1.08× [1.06, 1.10] **inconclusive**',
        '—',
        '≤ 1.1× passthrough',
        '0.98× [0.94, 1.03]',
      ],
    ]);
  });
});
