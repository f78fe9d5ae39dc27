import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import type { BenchResults } from './bench-results.js';
import { FIGURES } from './figure-verdicts.js';
import { formatTable } from './format-table.js';

// The committed results of the last full run: the tables must still render from them.
const results = JSON.parse(readFileSync(new URL('./results/latest.json', import.meta.url), 'utf8')) as BenchResults;

test('every verdict of the run is a row with its ratio, interval, target and verdict', () => {
  const table = formatTable(results);
  for (const v of [...results.verdicts, ...(results.firefox?.verdicts ?? [])]) {
    expect(FIGURES).toContain(v.figure);
    const cells = `| ${v.figure} | ${v.ratio.toFixed(2)}× | [${v.low.toFixed(2)}, ${v.high.toFixed(2)}] | ≤ ${v.target}× |`;
    expect(table).toContain(cells);
  }
});

test('the stable figure names are all judged for Chromium', () => {
  const names = results.verdicts.map((v) => v.figure);
  // Every stable figure but the Firefox-only running-worker ones, in the order FIGURES gives.
  expect(names).toEqual(FIGURES.filter((f) => !f.startsWith('non-api-running-')));
  for (const v of results.verdicts) {
    expect(v.low).toBeLessThanOrEqual(v.ratio);
    expect(v.high).toBeGreaterThanOrEqual(v.ratio);
    // The JSON keeps three decimals: an end within rounding of the target is left alone.
    if (Math.abs(v.high - v.target) > 0.001 && Math.abs(v.low - v.target) > 0.001)
      expect(v.verdict).toBe(v.high <= v.target ? 'met' : v.low > v.target ? 'missed' : 'inconclusive');
  }
});

test('a loaded or quick run says its verdicts decide nothing final', () => {
  const loaded = formatTable({ ...results, quick: false, machine: { ...results.machine, loaded: true } });
  expect(loaded.split('\n')[0]).toContain('provisional');
  const quick = formatTable({ ...results, quick: true });
  expect(quick.split('\n')[0]).toContain('QUICK plan');
  const quiet = formatTable({ ...results, quick: false, machine: { ...results.machine, loaded: false } });
  expect(quiet.split('\n')[0]).not.toMatch(/provisional|QUICK/);
});

test('the inject floor splits each latency ratio in a table of its own, when the run had it', () => {
  const table = formatTable(results);
  expect(results.injectFloor?.map((r) => r.figure)).toEqual([
    'sequential-median',
    'sequential-p95',
    'concurrent-median',
    'concurrent-p95',
  ]);
  for (const r of results.injectFloor!) {
    const x = r.bearerVsInject;
    expect(table).toContain(`| ${r.figure} | ${x.ratio.toFixed(2)}× [${x.low.toFixed(2)}, ${x.high.toFixed(2)}] |`);
  }
  expect(formatTable({ ...results, injectFloor: undefined })).not.toContain('inject floor ÷ passthrough');
});
