import { defineEngineFlows } from './define-engine-flows.js';
import { launchFirefox } from './launch-firefox.js';

defineEngineFlows(launchFirefox, { staticRouting: false });
