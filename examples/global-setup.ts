// Before the examples' specs: bearer-worker from `npm pack`'s tarball into each example's node_modules.
// @ts-expect-error plain .mjs script
import { installTarball } from './install-tarball.mjs';

export default function globalSetup(): void {
  installTarball();
}
