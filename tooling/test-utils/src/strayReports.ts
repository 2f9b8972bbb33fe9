/**
 * A guard that fails a test file when an aio loop reports an error nobody asked for:
 * "Task exception was never retrieved" and the like, printed by a loop's default
 * exception handler through `console.error`. Without it, a failed future leaked by one
 * test is reported at some later garbage collection, in whatever test runs then, and
 * the suite stays green.
 *
 * Use it from a vitest setup file: `failOnStrayReports()`. Tests that expect such a
 * report install their own exception handler or spy on `console.error`
 * (`vi.spyOn(console, 'error')`), which takes the call before this guard sees it.
 *
 * @module
 */

import { afterAll, afterEach } from 'vitest';
import { collectGarbage } from './gc';

/** What a stray report looks like: the messages of aio's lost-error reports. */
export const STRAY_REPORT =
  /exception was never retrieved|unhandled exception during run\(\) shutdown/;

/**
 * Watches `console.error` for stray reports. `check()` throws (with the reports' text)
 * if any came since the last check.
 *
 * @example
 * ```ts
 * const guard = new StrayReportGuard().install();
 * // ... run a test ...
 * guard.check('during this test');
 * guard.uninstall();
 * ```
 */
export class StrayReportGuard {
  #strays: string[] = [];
  #original: typeof console.error | undefined = undefined;

  /** Starts watching `console.error` (the output still goes through). */
  install(): this {
    const original = console.error;
    this.#original = original;
    console.error = (...args: unknown[]): void => {
      const text = args
        .map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : String(a)))
        .join(' ');
      if (STRAY_REPORT.test(text)) this.#strays.push(text);
      original.apply(console, args);
    };
    return this;
  }

  /** Stops watching. */
  uninstall(): void {
    if (this.#original !== undefined) console.error = this.#original;
    this.#original = undefined;
  }

  /** Throws if stray reports came since the last check; `when` goes into the message. */
  check(when: string): void {
    if (this.#strays.length === 0) return;
    const found = this.#strays.splice(0);
    throw new Error(
      `${found.length} stray aio error report(s) ${when} (a failed future or task that nobody ` +
        `awaited, leaked by this test or an earlier one of the file):\n${found.join('\n')}`,
    );
  }
}

/**
 * Installs a {@link StrayReportGuard} for the current test file: after each test, and
 * after the file (with a garbage collection first, when `gc` is exposed, so that leaks
 * of the last tests are reported too), any stray report fails the run.
 *
 * @example
 * ```ts
 * // vitest.setup.ts
 * import { failOnStrayReports } from '@aio/test-utils';
 * failOnStrayReports();
 * ```
 */
export function failOnStrayReports(): void {
  const guard = new StrayReportGuard().install();
  afterEach(() => guard.check('during this test'));
  afterAll(async () => {
    try {
      if (typeof (globalThis as { gc?: unknown }).gc === 'function') await collectGarbage();
      guard.check('after the last test of the file');
    } finally {
      guard.uninstall();
    }
  });
}
