// The Firefox figures, in Debian's firefox-esr driven by puppeteer-core over WebDriver
// BiDi: sequential latency, the first call after a page load, and non-API requests on a running worker.
// Firefox has no Static Routing API, so every non-API request is a fetch event the worker declines.
// It has no "stop all workers" command either: the bench sets the idle timeout low and waits it out.
import puppeteer from 'puppeteer-core';
import { benchTab, type BenchTab } from './bench-tab.js';
import { figureVerdicts, undecidedFigures, type FigureVerdict } from './figure-verdicts.js';
import { LatencySampler, type LatencyPlan, type LatencyResult } from './latency-sampler.js';
import { measureFirstCall, type FirstCallResult } from './measure-first-call.js';
import { measureNonApi, type NonApiResult } from './measure-non-api.js';
import type { BenchStack } from './start-bench-stack.js';
import { signUpAndConfigure } from './sign-up-and-configure.js';

export interface FirefoxPlan {
  latency: LatencyPlan;
  /** Most sequential rounds (for passthrough and bearer) when the verdict needs more. */
  maxSequentialRounds: number;
  firstCallReps: number;
  nonApiReps: number;
}

export interface FirefoxResult {
  firefox: string;
  idleTimeoutMs: number;
  latency: LatencyResult<'floor' | 'passthrough' | 'bearer'>;
  firstCall: FirstCallResult;
  nonApi: NonApiResult;
  verdicts: FigureVerdict[];
  errors: Record<string, number>;
}

const FIREFOX = process.env.BENCH_FIREFOX ?? '/usr/bin/firefox-esr';
/** Long enough that a worker never stops between two rounds, short enough to wait out per repetition. */
const IDLE_TIMEOUT_MS = 1200;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const CONTENDERS = ['floor', 'passthrough', 'bearer'] as const;

export async function runFirefox(
  stack: BenchStack,
  plan: FirefoxPlan,
  log: (msg: string) => void,
): Promise<FirefoxResult> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocol: 'webDriverBiDi',
    extraPrefsFirefox: {
      'dom.serviceWorkers.idle_timeout': IDLE_TIMEOUT_MS,
      'dom.serviceWorkers.idle_extended_timeout': IDLE_TIMEOUT_MS,
      // performance.now() to the microsecond, as in Chromium (Firefox rounds it to 1 ms by default).
      'privacy.reduceTimerPrecision': false,
    },
  });
  try {
    const open = async (c: string): Promise<BenchTab> => {
      const tab = benchTab(await browser.newPage(), { front: false });
      await tab.goto(`${stack.appOrigin}/bench/${c}/`);
      return tab;
    };
    const floor = await open('floor');
    await signUpAndConfigure(floor, stack.apiOrigin);
    const tabs = { floor, passthrough: await open('passthrough'), bearer: await open('bearer') };
    await Promise.all(Object.values(tabs).map((t) => t.evaluate(() => window.bench.ready())));

    log('firefox: sequential GETs');
    const sampler = new LatencySampler(tabs, stack, plan.latency);
    await sampler.run();
    while (
      undecidedFigures({ latency: { ...sampler.blocks, concurrent: {} } }, 0.02).some(
        (v) => v.figure === 'sequential-median',
      ) &&
      sampler.blocks.sequential.bearer.length < plan.maxSequentialRounds
    )
      await sampler.more(
        'sequential',
        ['passthrough', 'bearer'],
        Math.min(4, plan.maxSequentialRounds - sampler.blocks.sequential.bearer.length),
      );

    log('firefox: non-API requests, worker running');
    const nonApi = await measureNonApi(
      { none: floor, passthrough: tabs.passthrough, decline: await open('decline'), bearer: tabs.bearer },
      { 'same-origin': `${stack.appOrigin}/bench/asset.txt`, 'third-party': `${stack.thirdPartyOrigin}/asset.txt` },
      null,
      plan.nonApiReps,
    );

    log('firefox: first call after a page load');
    const firstCall = await measureFirstCall(
      tabs,
      {
        appOrigin: stack.appOrigin,
        stopAll: async () => void (await sleep(IDLE_TIMEOUT_MS + 600)),
        tokenCalls: (c) => stack.authCalls()[c]?.token ?? 0,
        recordRequests: () => stack.recordRequests(),
      },
      plan.firstCallReps,
    );
    const latency = sampler.result();
    const verdicts = figureVerdicts({ latency: { ...sampler.blocks, concurrent: {} }, firstCall, nonApi }).filter(
      (v) => v.figure !== 'sequential-p95',
    );
    const errors = Object.fromEntries(
      await Promise.all(CONTENDERS.map(async (c) => [c, await tabs[c].evaluate(() => window.bench.errors())] as const)),
    );
    return {
      firefox: await browser.version(),
      idleTimeoutMs: IDLE_TIMEOUT_MS,
      latency,
      firstCall,
      nonApi,
      verdicts,
      errors,
    };
  } finally {
    await browser.close();
  }
}
