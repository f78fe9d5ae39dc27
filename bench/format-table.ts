// The tables `npm run bench` prints (markdown, for docs/benchmark.md): first the verdicts, each ratio
// with its 95 % interval, then the figures behind them side by side.
import type { BenchResults } from './bench-results.js';
import type { PerCallClock } from './per-call-clock.js';
import type { FigureName, FigureVerdict } from './figure-verdicts.js';
import type { NonApiResult } from './measure-non-api.js';
import type { Summary } from './summarize.js';

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
const kb = (b: number) => `${(b / 1024).toFixed(2)} kB`;
const mark = (ok: boolean) => (ok ? 'met' : '**missed**');
const verdictMark = (v: FigureVerdict['verdict']) => (v === 'met' ? 'met' : `**${v}**`);
/** "8× 1000", or "3–8× 1000, 20× for passthrough, inject, bw" when rounds were added for some contenders. */
const blocks = (rounds: Record<string, number>, size: number) => {
  const bw = rounds.bearer!;
  const others = Object.values(rounds).filter((r) => r !== bw);
  if (!others.length) return `${bw}× ${size}`;
  const [lo, hi] = [Math.min(...others), Math.max(...others)];
  const extended = Object.keys(rounds).filter((c) => rounds[c] === bw);
  return `${lo === hi ? lo : `${lo}–${hi}`}× ${size}, ${bw}× for ${extended.join(', ').replace('bearer', 'bw')}`;
};
const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
const table = (head: string[], rows: string[][], textColumns: number[]) =>
  [line(head), line(head.map((_, i) => (textColumns.includes(i) ? '---' : '---:'))), ...rows.map(line)].join('\n');

function verdictTable(groups: Array<[string, FigureVerdict[]]>): string {
  const rows = groups.flatMap(([browser, vs]) =>
    vs.map((v) => [
      browser,
      v.figure,
      `${v.ratio.toFixed(2)}×`,
      `[${v.low.toFixed(2)}, ${v.high.toFixed(2)}]`,
      `≤ ${v.target}×`,
      verdictMark(v.verdict),
      v.versus,
      String(v.blocks),
    ]),
  );
  return table(
    ['browser', 'figure', 'bearer-worker', '95 % interval', 'target', 'verdict', 'ratio to', 'blocks'],
    rows,
    [0, 1, 5, 6],
  );
}

/** The bursts on the per-call clock (per-call-clock.ts), not judged. */
function perCallLine(c: PerCallClock): string {
  const m = c.medianRatio;
  return (
    `Bursts on the per-call clock (not judged): bearer-worker ${m.ratio.toFixed(2)}× ` +
    `[${m.low.toFixed(2)}, ${m.high.toFixed(2)}] the passthrough's median over ${c.blocks} burst pairs; ` +
    `issuing a burst's calls took its page ${c.issueMs.bearer} ms, the passthrough's ${c.issueMs.passthrough} ms (means).`
  );
}

/** A floor ratio with its interval: `1.02× [0.99, 1.05]`. */
export const ratioCell = (x: { ratio: number; low: number; high: number }) =>
  `${x.ratio.toFixed(2)}× [${x.low.toFixed(2)}, ${x.high.toFixed(2)}]`;

/** The latency figures split at the inject floor (inject-floor.ts): what bearer-worker's own code adds. */
function floorTable(rows: NonNullable<BenchResults['injectFloor']>): string {
  return table(
    ['figure', 'bearer-worker ÷ inject floor', 'inject floor ÷ passthrough', 'blocks'],
    rows.map((r) => [r.figure, ratioCell(r.bearerVsInject), ratioCell(r.injectVsPassthrough), String(r.blocks)]),
    [0],
  );
}

/** The first call against workers that leave the page's load to the network (first-call-floors.ts). */
function firstCallFloorTable(r: BenchResults): string {
  const names = { inject: 'inject floor', 'api-passthrough': 'passthrough, API requests only' };
  const fc = r.firstCall.byContender;
  return table(
    [
      'first API call after a page load, worker stopped',
      'its median (ms)',
      'bearer-worker ÷ it',
      'it ÷ passthrough',
      'page loads each',
    ],
    (r.firstCallFloors ?? []).map((x) => [
      names[x.floor],
      ms(fc[x.floor]!.coldSummary.median),
      ratioCell(x.bearerVsFloor),
      ratioCell(x.floorVsPassthrough),
      String(x.pairs),
    ]),
    [0],
  );
}

export function formatTable(r: BenchResults): string {
  const rows: string[][] = [];
  const row = (...cells: string[]) => rows.push([...cells, ...Array(10 - cells.length).fill('')]);
  const judged = (f: FigureName) => {
    const v = r.verdicts.find((x) => x.figure === f);
    return v ? [`${v.figure}`, verdictMark(v.verdict)] : ['', ''];
  };
  const { sequential: seq, concurrent: con, per1000, rounds, plan } = r.latency;

  const latency = (label: string, s: Record<string, Summary>, k: 'median' | 'p95', figure: FigureName) => {
    const bw = s.bearer![k];
    const pt = s.passthrough![k];
    const cells = ['floor', 'passthrough', 'seed', 'seed-fixed', 'bearer'].map((c) => ms(s[c]![k]));
    row(label, ...cells, ratio(bw, pt), ratio(bw, s.floor![k]), ...judged(figure));
  };
  const seqN = blocks(rounds.sequential, plan.sequential);
  const conN = blocks(rounds.concurrent, plan.concurrent);
  latency(`sequential GETs (${seqN}), median (ms)`, seq, 'median', 'sequential-median');
  latency(`sequential GETs (${seqN}), p95 (ms)`, seq, 'p95', 'sequential-p95');
  latency(`concurrent GETs (${conN}), median from the burst's start (ms)`, con, 'median', 'concurrent-median');
  latency(`concurrent GETs (${conN}), p95 from the burst's start (ms)`, con, 'p95', 'concurrent-p95');

  const per = (k: 'token' | 'getSession') =>
    ['floor', 'passthrough', 'seed', 'seed-fixed', 'bearer'].map((c) => num(per1000[c as 'bearer'][k]));
  row('token-endpoint calls per 1000 GETs', ...per('token'), '', '', '—');
  row('get-session calls per 1000 GETs', ...per('getSession'), '', '', '0', mark(per1000.bearer.getSession === 0));

  const { perLifetime, plan: lp } = r.lifetime;
  const [one, many] = lp.tabs.map(String) as [string, string];
  const life = (tabs: string, k: 'token' | 'getSession') =>
    ['seed', 'seed-fixed', 'bearer'].map((c) => num(perLifetime[tabs]![c]![k]));
  const b1 = perLifetime[one]!.bearer!.token;
  const bn = perLifetime[many]!.bearer!.token;
  // The worker refreshes a token at half its lifetime when the lifetime is under 2 × 180 s, so one fetch
  // per token is 2 per lifetime here; the target is that tabs do not multiply it.
  const perToken = lp.ttlSeconds < 360 ? 2 : 1;
  row(
    `token fetches per ${lp.ttlSeconds} s lifetime, ${one} tab`,
    '—',
    '—',
    ...life(one, 'token'),
    '',
    '',
    `one per token (${perToken})`,
    mark(b1 <= perToken + 0.5),
  );
  row(
    `token fetches per ${lp.ttlSeconds} s lifetime, ${many} tabs`,
    '—',
    '—',
    ...life(many, 'token'),
    '',
    '',
    `same as ${one} tab`,
    mark(bn <= perToken + 0.5 && Math.abs(bn - b1) <= 0.5),
  );
  const gs = ['seed', 'seed-fixed', 'bearer'].map(
    (c) => `${num(perLifetime[one]![c]!.getSession)} / ${num(perLifetime[many]![c]!.getSession)}`,
  );
  row(
    `get-session calls per lifetime, ${one} / ${many} tabs`,
    '—',
    '—',
    ...gs,
    '',
    '',
    '0',
    mark(perLifetime[one]!.bearer!.getSession === 0 && perLifetime[many]!.bearer!.getSession === 0),
  );

  const { tokenRoundTrip: rt, byContender: cs, reps } = r.coldStart;
  const pt = cs.passthrough!;
  const bw = cs.bearer!;
  row('token round trip: GET /api/auth/token, no worker, median (ms)', ms(rt.median));
  const five = (label: string, p: number, b: number, ...rest: string[]) =>
    row(label, '', ms(p), '', '', ms(b), ratio(b, p), '', ...rest);
  five(`API GET, worker running, median of ${reps} (ms)`, pt.warmSummary.median, bw.warmSummary.median);
  five(`API GET, worker stopped, median of ${reps} (ms)`, pt.coldSummary.median, bw.coldSummary.median);
  row(
    'cold-start penalty: stopped − running, median (ms)',
    '',
    ms(pt.penaltySummary.median),
    '',
    '',
    ms(bw.penaltySummary.median),
    '',
    '',
    `over passthrough ${ms(bw.penaltySummary.median - pt.penaltySummary.median)} ≤ 1 token round trip`,
    judged('cold-start-penalty')[1]!,
  );

  const ai = r.afterInteraction;
  if (ai) {
    const [p, b] = [ai.byContender.passthrough!.summary.median, ai.byContender.bearer!.summary.median];
    row(
      `API GET right after a click, worker stopped, median of ${ai.reps} (ms)`,
      '',
      ms(p),
      '',
      '',
      ms(b),
      ratio(b, p),
      '',
      ...judged('call-after-interaction'),
    );
    const most = Math.max(...ai.tokenFetches);
    const mean = ai.tokenFetches.reduce((a, x) => a + x, 0) / Math.max(1, ai.tokenFetches.length);
    row(
      'token fetches per click after a stop (one wake)',
      '',
      '',
      '',
      '',
      `${num(mean)} (max ${most})`,
      '',
      '',
      '≤ 1 per wake',
      mark(most <= 1),
    );
  }

  const fc = r.firstCall.byContender;
  const first = (label: string, k: 'coldSummary' | 'warmSummary', figure?: FigureName) =>
    row(
      label,
      ms(fc.floor![k].median),
      ms(fc.passthrough![k].median),
      '',
      '',
      ms(fc.bearer![k].median),
      ratio(fc.bearer![k].median, fc.passthrough![k].median),
      ratio(fc.bearer![k].median, fc.floor![k].median),
      ...(figure ? judged(figure) : []),
    );
  // Repetitions added for the verdict are cold loads of the passthrough, the API-only one and bearer-worker.
  const coldN = fc.bearer!.cold.length;
  const coldFloor = fc.floor!.cold.length === coldN ? '' : `, floor ${fc.floor!.cold.length}`;
  first(
    `first API call after a page load, worker stopped, median of ${coldN}${coldFloor} (ms)`,
    'coldSummary',
    'first-call-after-load',
  );
  first(`first API call after a page load, worker running, median of ${fc.bearer!.warm.length} (ms)`, 'warmSummary');
  const perLoad = (c: string) => {
    const x = fc[c]!;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    return `${num(mean(x.tokensCold))} / ${num(mean(x.tokensWarm))} (max ${x.maxTokensPerLoad})`;
  };
  row(
    'token fetches per page load, worker stopped / running',
    perLoad('floor'),
    perLoad('passthrough'),
    '',
    '',
    perLoad('bearer'),
    '',
    '',
    '≤ 1 per load',
    mark(fc.bearer!.maxTokensPerLoad <= 1),
  );

  const { worker, workerWithQueue, bridge, budget } = r.sizes;
  const size = (label: string, b: { gzip: number; min: number }, max: number) =>
    row(label, '', '', '', '', `${b.gzip} B (${kb(b.min)})`, '', '', `≤ ${max} B`, mark(b.gzip <= max));
  size('worker bundle, min + gzip (min)', worker, budget.worker);
  if (workerWithQueue && budget.workerWithQueue)
    size('worker with offline queue, min + gzip (min)', workerWithQueue, budget.workerWithQueue);
  size('page bridge, min + gzip (min)', bridge, budget.bridge);

  const head = [
    'Chromium',
    'floor / no worker',
    'passthrough',
    'seed as written',
    'seed, exp fixed',
    'bearer-worker',
    'bw ÷ passthrough',
    'bw ÷ floor / no worker',
    'verdict or target',
    '',
  ];
  const out = [
    `Chromium ${r.machine.chromium}${r.machine.firefox ? `, Firefox ${r.machine.firefox}` : ''}, ${r.machine.cpus} CPUs ` +
      `(load average ${r.machine.loadAverage.start[0]} at the start, ${r.machine.loadAverage.end[0]} at the end), ` +
      `Node ${r.machine.node}, ${r.seconds} s` +
      (r.quick
        ? ', QUICK plan: these figures decide nothing'
        : r.machine.loaded
          ? ', **loaded machine: the verdicts are provisional**'
          : ''),
    '',
    verdictTable([
      ['Chromium', r.verdicts],
      ['Firefox', r.firefox?.verdicts ?? []],
    ]),
    '',
    ...(r.injectFloor?.length ? [floorTable(r.injectFloor), ''] : []),
    ...(r.firstCallFloors?.length ? [firstCallFloorTable(r), ''] : []),
    ...(r.perCallClock ? [perCallLine(r.perCallClock), ''] : []),
    table(head, rows, [0, 8, 9]),
    '',
    nonApiTable('Chromium: non-API requests', r.nonApi, r.verdicts),
  ];
  if (r.firefox)
    out.push(
      '',
      firefoxTable(r.firefox),
      '',
      nonApiTable('Firefox: non-API requests', r.firefox.nonApi, r.firefox.verdicts),
    );
  return out.join('\n');
}

function firefoxTable(f: NonNullable<BenchResults['firefox']>): string {
  const rows: string[][] = [];
  const three = (label: string, get: (c: 'floor' | 'passthrough' | 'bearer') => number) => {
    const [fl, p, b] = [get('floor'), get('passthrough'), get('bearer')];
    rows.push([label, ms(fl), ms(p), ms(b), ratio(b, p), ratio(b, fl)]);
  };
  const { sequential, rounds, plan } = f.latency;
  const n = blocks(rounds.sequential, plan.sequential);
  three(`sequential GETs (${n}), median (ms)`, (c) => sequential[c].median);
  three(`sequential GETs (${n}), p95 (ms)`, (c) => sequential[c].p95);
  const fc = f.firstCall.byContender;
  three(
    `first API call after a page load, worker stopped, median of ${f.firstCall.reps} (ms)`,
    (c) => fc[c]!.coldSummary.median,
  );
  three(
    `first API call after a page load, worker running, median of ${f.firstCall.reps} (ms)`,
    (c) => fc[c]!.warmSummary.median,
  );
  rows.push([
    'token fetches per page load, worker stopped / running (max)',
    ...(['floor', 'passthrough', 'bearer'] as const).map((c) => {
      const x = fc[c]!;
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      return `${sum(x.tokensCold)} / ${sum(x.tokensWarm)} in ${f.firstCall.reps} (${x.maxTokensPerLoad})`;
    }),
    '',
    '',
  ]);
  return table(
    [
      `Firefox ${f.firefox}`,
      'floor / no worker',
      'passthrough',
      'bearer-worker',
      'bw ÷ passthrough',
      'bw ÷ floor / no worker',
    ],
    rows,
    [0],
  );
}

/** Non-API requests: no worker, passthrough, a worker that declines everything, one rule, bearer-worker. */
function nonApiTable(title: string, n: NonApiResult, verdicts: FigureVerdict[]): string {
  const rows: string[][] = [];
  const pages = ['none', 'passthrough', 'decline', 'one-rule', 'bearer'] as const;
  const b = pages.indexOf('bearer');
  const one = pages.indexOf('one-rule');
  const ratioOr = (x: number, y: number) => (Number.isFinite(x / y) ? ratio(x, y) : '—');
  for (const target of ['same-origin', 'third-party'] as const) {
    const t = n.byTarget[target]!;
    const cell = (p: (typeof pages)[number], k: 'warmSummary' | 'coldSummary') => t[p]?.[k].median ?? NaN;
    const warm = pages.map((p) => cell(p, 'warmSummary'));
    rows.push([
      `${target}, worker running, median of ${3 * n.reps} (ms)`,
      ...warm.map(ms),
      ratio(warm[b]!, warm[0]!),
      ratioOr(warm[b]!, warm[one]!),
      '',
    ]);
    if (!t.bearer!.cold.length) continue;
    const cold = pages.map((p) => cell(p, 'coldSummary'));
    const started = (p: (typeof pages)[number]) => (t[p] ? ` (started ${t[p].coldStarts}/${n.reps})` : '');
    const v = verdicts.find((x) => x.figure === `non-api-stopped-${target}`);
    rows.push([
      `${target}, worker stopped, median of ${n.reps} (ms)`,
      ms(cold[0]!),
      ...pages.slice(1).map((p, i) => ms(cold[i + 1]!) + started(p)),
      ratio(cold[b]!, cold[0]!),
      ratioOr(cold[b]!, cold[one]!),
      v ? verdictMark(v.verdict) : '',
    ]);
  }
  return table(
    [
      title,
      'no worker',
      'passthrough',
      'declines all',
      'one rule',
      'bearer-worker',
      'bw ÷ no worker',
      'bw ÷ one rule',
      'verdict',
    ],
    rows,
    [0, 8],
  );
}
