import type { BundleSize } from './bundle-sizes.js';
import type { ColdStartResult } from './measure-cold-start.js';
import type { LatencyResult } from './measure-latency.js';
import type { LifetimeResult } from './measure-lifetime.js';
import type { NonApiResult } from './measure-non-api.js';

/** Everything one `npm run bench` measured; written as JSON to bench/results/. */
export interface BenchResults {
  date: string;
  seconds: number;
  machine: { chromium: string; cpus: number; node: string };
  latency: LatencyResult;
  lifetime: LifetimeResult;
  coldStart: ColdStartResult;
  nonApi: NonApiResult;
  sizes: { worker: BundleSize; bridge: BundleSize; budget: { worker: number; bridge: number } };
  /** The demo servers' own counts over the whole run (a sanity check: every API answer should be a 200). */
  server: {
    apiRequests: number;
    preflights: number;
    apiByStatus: Record<string, number>;
    auth: Record<string, number>;
  };
  /** Failed requests (non-200, network errors) per contender page; anything but 0 spoils the run. */
  errors: Record<string, number>;
}
