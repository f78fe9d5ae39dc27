import { expect, test } from 'vitest';
import { launchChromium } from './launch-chromium.js';
import { probeStaticRouting } from './static-routing-probe.js';

// Positive control: the probe that reports "absent" in Firefox and WebKit finds the API where it exists.
test('the static-routing probe finds InstallEvent.addRoutes in Chromium', async () => {
  const chromium = await launchChromium();
  try {
    expect(await probeStaticRouting(chromium)).toBe(true);
  } finally {
    await chromium.close();
  }
});
