/**
 * The one rule for time arguments, used by every function that takes one
 * (`callLater`, `callAt`, `sleep`, `timeout`, `timeoutAt`, `Timeout.reschedule`, `wait`,
 * `waitFor`, `asCompleted`):
 *
 * - a time is a number of milliseconds; `Infinity` is allowed (it never comes) and so
 *   are zero and negative numbers (already due);
 * - not a number (a string, `undefined`, an object) → `TypeError`
 *   `"<fn>(): <arg> must be a number (milliseconds)[ or null], got <what>"`;
 * - `NaN` → `RangeError` `"<fn>(): <arg> must not be NaN"` (a number, but no time);
 * - `null` means "no limit" where the function allows it, and is a `TypeError` elsewhere.
 *
 * @internal
 * @module
 */

import { isGeneratorObject, repr } from './format';

/**
 * Checks a time argument (see the module comment for the rule).
 *
 * @throws TypeError when `x` is not a number (nor null where `nullable`); RangeError for NaN.
 * @internal
 */
export function checkTime(x: unknown, fn: string, arg: string, nullable = false): void {
  if (typeof x !== 'number') {
    if (nullable && x === null) return;
    throw new TypeError(
      `${fn}(): ${arg} must be a number (milliseconds)${nullable ? ' or null' : ''}, got ${repr(x)}`,
    );
  }
  if (Number.isNaN(x)) throw new RangeError(`${fn}(): ${arg} must not be NaN`);
}

/**
 * Checks the `body` of a scoped form (`timeout`, `taskGroup`, `Lock.hold`, …): it must be
 * a function that returns a coroutine. Passing the coroutine itself (`hold(work())`
 * instead of `hold(work)` or `hold(() => work())`) is the common mistake it names.
 *
 * @throws TypeError naming `fn` and the expected signature.
 * @internal
 */
export function checkBody(body: unknown, fn: string, signature: string): void {
  if (typeof body !== 'function') {
    throw new TypeError(
      `${fn}(): body must be a generator function ${signature}, got ${repr(body)}` +
        (isGeneratorObject(body) ? ' (pass the function, not the coroutine it returns)' : ''),
    );
  }
}

/**
 * Checks what a `body` returned: a coroutine (a generator object).
 *
 * @throws TypeError naming `fn` when it is not one.
 * @internal
 */
export function checkBodyResult<C>(coro: C, fn: string): C {
  if (!isGeneratorObject(coro)) {
    throw new TypeError(`${fn}(): body must return a coroutine (use function*), got ${repr(coro)}`);
  }
  return coro;
}
