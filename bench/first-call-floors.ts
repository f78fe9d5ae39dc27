// The first API call after a page load against two workers that, like bearer-worker, leave the page's own
// load (its navigation and scripts) to the network: the inject floor (the least a worker that adds the
// token can do) and a passthrough for API requests only. The judged passthrough serves the navigation and
// the page's script itself, and a worker that did answers the page's first API call faster; these rows say
// how much of `first-call-after-load` is that, and how much is bearer-worker's own code. Not judged.
import { pairedMedianRatio, roundedRatio } from './figure-verdicts.js';
import type { FloorRatio } from './inject-floor.js';
import type { FirstCallResult } from './measure-first-call.js';

const FIRST_CALL_FLOORS = ['inject', 'api-passthrough'] as const;

export interface FirstCallFloorRow {
  floor: (typeof FIRST_CALL_FLOORS)[number];
  /** bearer-worker ÷ this worker, worker stopped: the median of the per-load ratios, with its 95 % interval. */
  bearerVsFloor: FloorRatio;
  /** This worker ÷ the passthrough, the same way. */
  floorVsPassthrough: FloorRatio;
  /** Page loads each, in the same repetitions (the inject floor's: the plan's only; the added ones are not). */
  pairs: number;
}

/** One row per such worker the run measured. */
export function firstCallFloors(r: FirstCallResult): FirstCallFloorRow[] {
  const { bearer, passthrough } = r.byContender;
  if (!bearer || !passthrough) return [];
  return FIRST_CALL_FLOORS.flatMap((floor) => {
    const cold = r.byContender[floor]?.cold;
    if (!cold?.length) return [];
    const n = cold.length;
    return [
      {
        floor,
        bearerVsFloor: roundedRatio(pairedMedianRatio(bearer.cold.slice(0, n), cold)),
        floorVsPassthrough: roundedRatio(pairedMedianRatio(cold, passthrough.cold.slice(0, n))),
        pairs: n,
      },
    ];
  });
}
