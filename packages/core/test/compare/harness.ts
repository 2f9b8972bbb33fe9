/**
 * The TypeScript half of the asyncio comparison harness: what the scenarios
 * share (the `Log` type, value formatting, error twins, helpers) and the runner
 * that executes one scenario on aio under a virtual clock.
 *
 * Every helper here has a twin of the same name in `compare_lib.py`; the two
 * must format every value identically (README.md, "Formatting convention").
 *
 * @module
 */

import { getRunningLoop, run } from '../../src/index';
import type { Coro, EventLoop, Future } from '../../src/index';
import { collectGarbage, TestClock } from '@aio/test-utils';

/**
 * Appends a trace line `"<t> " + parts.join(' ')`, `t` being the loop time in
 * whole ms. Each part goes through {@link str}, like Python's `str()`.
 */
export type Log = (...parts: unknown[]) => void;

/** A scenario: the default export of `scenarios/<group>/<name>.ts`. */
export type Scenario = (log: Log) => Coro<unknown>;

/** A scenario error (twin of `Boom` in compare_lib.py). */
export class Boom extends Error {
  override name = 'Boom';
}

/** A second scenario error, to tell two failures apart. */
export class Bang extends Error {
  override name = 'Bang';
}

/** A third scenario error. */
export class Oops extends Error {
  override name = 'Oops';
}

const quote = (s: string): string => `'${s}'`;

/**
 * Formats a value as `fmt` in compare_lib.py does: `undefined`/`null` → None,
 * booleans → True/False, numbers as digits, strings in single quotes, arrays as
 * `[a, b]`, an error as `Name('message')` (`Name()` when the message is empty),
 * an `AggregateError` as `Name('message', [sub, ...])`.
 */
export function fmt(value: unknown): string {
  if (value === undefined || value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return `[${value.map(fmt).join(', ')}]`;
  if (value instanceof AggregateError) {
    return `${value.name}(${quote(value.message)}, [${value.errors.map(fmt).join(', ')}])`;
  }
  if (value instanceof Error) {
    return `${value.name}(${value.message ? quote(value.message) : ''})`;
  }
  throw new TypeError(`fmt: cannot format ${String(value)}`);
}

/** Python's `str()` of a simple value: strings as they are, the rest as {@link fmt}. */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : fmt(value);
}

/** The name of an error's class (`e.name`), as `ename` in compare_lib.py. */
export function ename(e: unknown): string {
  return e instanceof Error ? e.name : `<not an Error: ${String(e)}>`;
}

/** The harness's final line for a scenario whose main threw `e`. */
export function raised(e: unknown): string {
  if (!(e instanceof Error)) return `raised <not an Error> ${String(e)}`;
  let line = `raised ${e.name}${e.message ? `: ${e.message}` : ''}`;
  if (e instanceof AggregateError) line += ` [${e.errors.map(fmt).join(', ')}]`;
  return line;
}

/**
 * Logs `<label> 1` .. `<label> n`, one per loop iteration (via callSoon).
 * Started from a task, `tick 1` runs in the next iteration: the ticks mark
 * iteration boundaries in a trace.
 */
export function ticker(log: Log, n: number, label = 'tick'): void {
  const loop = getRunningLoop();
  let i = 0;
  const tick = (): void => {
    i += 1;
    log(label, String(i));
    if (i < n) loop.callSoon(tick);
  };
  loop.callSoon(tick);
}

/** The sorted names of a set of futures (for `wait()` results). */
export function names(
  futs: Iterable<Future<unknown>>,
  nameOf: Map<Future<unknown>, string>,
): string[] {
  return Array.from(futs, (f) => nameOf.get(f) ?? '?').sort();
}

/** Real time a scenario may take before the harness gives up on it. */
const HOST_LIMIT_MS = 10_000;

/**
 * Runs a scenario on aio with a {@link TestClock} (virtual time from 0) and
 * returns its trace: the logged lines, then `result <fmt(value)>` or
 * `raised <Name>: <message>`.
 *
 * Log lines carry the time of the scenario's loop, read even when the loop is
 * not running (CPython calls the exception handler for leftover tasks that
 * failed after `asyncio.run()` has stopped its loop; run_py.py reads that same
 * loop's clock).
 */
export async function runScenario(main: Scenario): Promise<ScenarioRun> {
  const lines: string[] = [];
  const reports: string[] = [];
  let open = true;
  let loop: EventLoop | undefined;
  const log: Log = (...parts) => {
    if (!open) return;
    const t = Math.round((loop ?? getRunningLoop()).time());
    lines.push(`${t} ${parts.map(str).join(' ')}`);
  };
  // `yield*` delegation is transparent: no extra task, step or iteration.
  function* entry(): Coro<unknown> {
    loop = getRunningLoop();
    // What reaches the exception handler (a never-retrieved exception, a failing
    // callback), compared with CPython's as a sorted list: CPython reports at
    // reference-count time, aio at loop close or garbage collection.
    loop.setExceptionHandler((_, ctx) => {
      reports.push(ctx.message + ('exception' in ctx ? `: ${fmt(ctx.exception)}` : ''));
    });
    return yield* main(log);
  }
  // A scenario whose loop waits forever (every task blocked, no timer) never
  // settles: end it with a line that says so instead of hitting the test timeout.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`aio run() did not settle within ${HOST_LIMIT_MS} ms`)),
      HOST_LIMIT_MS,
    );
  });
  try {
    const result = await Promise.race([run(entry(), { clock: new TestClock() }), stuck]);
    lines.push(`result ${fmt(result)}`);
  } catch (e) {
    lines.push(raised(e));
  } finally {
    open = false;
    clearTimeout(timer);
  }
  await collectGarbage();
  return { lines, reports: reports.sort() };
}

/** What {@link runScenario} gives: the trace, and the exception handler's reports, sorted. */
export interface ScenarioRun {
  readonly lines: string[];
  readonly reports: string[];
}
