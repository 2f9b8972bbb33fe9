/**
 * The aio demo: what `pnpm demo` runs.
 *
 * The tour of the seed's 19 asyncio examples, ported to aio: each prints what
 * CPython prints (`packages/core/test/seed/expected-cpython.txt`), timestamps
 * included, plus a `note:` line where the seed's article claims something CPython
 * does not do.
 *
 * - `pnpm demo` runs it on a `VirtualClock`: about 19 s of timers, instantly.
 * - `pnpm demo --real` runs it on the real clock, waiting for real.
 * - `--no-notes` leaves the notes out (the output then equals the expected file,
 *   but for 4.3's random number).
 */
import { runTour } from './tour/runTour';

const args = process.argv.slice(2);
const real = args.includes('--real');
const notes = !args.includes('--no-notes');

console.error(
  real
    ? '[the seed tour on the real clock: about 19 seconds]'
    : '[the seed tour on a VirtualClock: timestamps are virtual; --real for the real clock]',
);
const t0 = performance.now();
await runTour({ clock: real ? 'real' : 'virtual', notes });
console.error(`[done in ${((performance.now() - t0) / 1000).toFixed(2)} s of real time]`);
