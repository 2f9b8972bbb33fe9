/**
 * Runs the tour: each seed program on a fresh loop, printed as the seed prints it.
 *
 * @module
 */

import { type Clock, type Coro, RealClock, run } from '@aio/core';
import { VirtualClock } from '@aio/timers';
import { line } from './format';
import { type TourEnv, tourPrograms } from './programs';

/** What starts a note line: the tour's own remark, not a line of the program. */
export const NOTE_PREFIX = '   note: ';

/**
 * Options of {@link runTour}.
 *
 * @example
 * ```ts
 * await runTour({ clock: 'real', write: (s) => process.stdout.write(`${s}\n`) });
 * ```
 */
export interface TourOptions {
  /**
   * The clock of each program's loop: `'virtual'` (default: a fresh `VirtualClock`
   * per program, no waiting), `'real'`, or a factory called once per program.
   */
  clock?: 'virtual' | 'real' | (() => Clock);
  /** Where lines go. Default `console.log`. */
  write?: (line: string) => void;
  /** Python's `random.randint(lo, hi)`; default uses `Math.random`. */
  randint?: (lo: number, hi: number) => number;
  /** Print the notes on the article's claims (default `true`). */
  notes?: boolean;
}

const defaultRandint = (lo: number, hi: number): number =>
  lo + Math.floor(Math.random() * (hi - lo + 1));

/**
 * Runs the 19 seed programs in order and prints what CPython prints for them
 * (`packages/core/test/seed/expected-cpython.txt`), with each program's elapsed
 * clock time in the seed's `[ 1.0s]` format, plus a `note:` line under the
 * programs where the seed's article claims something CPython does not do.
 *
 * @example
 * ```ts
 * await runTour(); // instantly, on virtual time
 * ```
 */
export async function runTour(opts: TourOptions = {}): Promise<void> {
  const write = opts.write ?? ((s: string) => console.log(s));
  const makeClock = clockFactory(opts.clock ?? 'virtual');
  const notes = opts.notes ?? true;
  let clock: Clock = makeClock();
  let t0 = 0;
  const env: TourEnv = {
    p: (...args) => write(line(clock.now() - t0, args)),
    run: <T>(main: Coro<T>) => run(main, { clock }),
    randint: opts.randint ?? defaultRandint,
  };
  for (const prog of tourPrograms(env)) {
    write(`== ${prog.name}`);
    clock = makeClock();
    t0 = clock.now();
    try {
      const result = await prog.start();
      if (result !== undefined) env.p('result', result);
    } catch (e) {
      env.p('raised', e instanceof Error ? e.name : typeof e, e);
    }
    if (notes && prog.note !== undefined) write(`${NOTE_PREFIX}${prog.note}`);
  }
}

function clockFactory(kind: TourOptions['clock']): () => Clock {
  if (typeof kind === 'function') return kind;
  if (kind === 'real') {
    const real = new RealClock();
    return () => real;
  }
  if (kind === 'virtual') return () => new VirtualClock();
  throw new TypeError(
    `runTour: clock must be 'virtual', 'real' or a function, got ${String(kind)}`,
  );
}
