import { defineEngineFlows } from './define-engine-flows.js';
import { launchWebKit } from './launch-webkit.js';

defineEngineFlows(launchWebKit, { staticRouting: false });
