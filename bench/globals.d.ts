import type { BenchPage } from './page/bench-page.js';

declare global {
  interface Window {
    /** Set by the bench page script (bench/page/bench-page.ts). */
    bench: BenchPage;
  }
}
