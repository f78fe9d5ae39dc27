import type { FirstCallFloorRow } from './first-call-floors.js';
import type { BundleSize } from './bundle-sizes.js';
import type { FigureVerdict } from './figure-verdicts.js';
import type { InjectFloorRow } from './inject-floor.js';
import type { PerCallClock } from './per-call-clock.js';
import type { LatencyResult } from './latency-sampler.js';
import type { AfterInteractionResult } from './measure-after-interaction.js';
import type { ColdStartResult } from './measure-cold-start.js';
import type { FirstCallResult } from './measure-first-call.js';
import type { LifetimeResult } from './measure-lifetime.js';
import type { NonApiResult } from './measure-non-api.js';
import type { FirefoxResult } from './run-firefox.js';

/** Everything one `npm run bench` measured; written as JSON to bench/results/. */
export interface BenchResults {
  date: string;
  seconds: number;
  /** BENCH_QUICK=1: too few repetitions to decide anything; for checking the harness. */
  quick: boolean;
  machine: {
    chromium: string;
    firefox: string | null;
    cpus: number;
    /** Whether the Chromium bench pages had the 5 µs clock (cross-origin isolated). */
    crossOriginIsolated: boolean;
    node: string;
    /** 1, 5 and 15 minute load averages at the start and the end: above the CPU count, others were busy too. */
    loadAverage: { start: number[]; end: number[] };
    /** The 1-minute load average was over the CPU count at the start or the end: verdicts are provisional. */
    loaded: boolean;
  };
  /** Chromium's judged figures, each a ratio with its 95 % interval; Firefox's are in `firefox`. */
  verdicts: FigureVerdict[];
  /** The latency figures split at the inject floor (inject-floor.ts); absent in runs before it. */
  injectFloor?: InjectFloorRow[];
  /** The first call against workers that leave the page's load alone (first-call-floors.ts); absent before it. */
  firstCallFloors?: FirstCallFloorRow[];
  /** The bursts on the per-call clock, not judged (per-call-clock.ts); absent in runs before it. */
  perCallClock?: PerCallClock | null;
  latency: LatencyResult;
  lifetime: LifetimeResult;
  coldStart: ColdStartResult;
  firstCall: FirstCallResult;
  /** Absent in runs before it. */
  afterInteraction?: AfterInteractionResult;
  nonApi: NonApiResult;
  firefox: FirefoxResult | null;
  sizes: {
    worker: BundleSize;
    /** The worker built with `offlineWrites` (absent from runs before the offline queue). */
    workerWithQueue?: BundleSize;
    bridge: BundleSize;
    budget: { worker: number; bridge: number; workerWithQueue?: number };
  };
  /** The demo servers' own counts over the whole run (a sanity check: every API answer should be a 200). */
  server: {
    apiRequests: number;
    preflights: number;
    apiByStatus: Record<string, number>;
    auth: Record<string, number>;
  };
  /** Failed requests (non-200, network errors) per contender page; anything but 0 spoils the run. */
  errors: Record<string, number>;
  /** 200s the browser delivered with an empty body, per contender page: reported, not voiding the run. */
  emptyBodies?: Record<string, number>;
}
