/**
 * Headless Chromium for the tests of the HTML timeline, driven by playwright-core. The
 * browser is Debian's `chromium` (`/usr/bin/chromium`, or `AIO_CHROMIUM`): when it is
 * missing, the test fails and says how to install it — it is never skipped.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Where Chromium is looked for. */
export const CHROMIUM = process.env.AIO_CHROMIUM ?? '/usr/bin/chromium';

/** Launches headless Chromium, or throws an error that says how to get it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM}: the HTML timeline is tested in a real browser. ` +
        'Install it (Debian: `sudo apt-get install -y chromium`; `.ci/run` does this) or set ' +
        'AIO_CHROMIUM to the path of a Chromium binary.',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    timeout: 60_000,
  });
}
