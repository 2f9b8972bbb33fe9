/**
 * How a done task ended, read without touching it.
 *
 * `task.exception()` would do, but it marks the exception retrieved, and then the loop
 * never reports "Task exception was never retrieved": an instrument that only watches
 * must not silence that report. Core has no public way to look at a failure without
 * retrieving it, so this reads the two fields core keeps it in (`_state`, `_value`;
 * `FAILED` is 2 in core's future.ts). `outcome.test.ts` pins that layout, and falls back
 * to the public `toString()` text if the layout ever changes.
 *
 * @internal
 * @module
 */

import type { Future } from '@aio/core';

/** @internal How a done future ended. */
export type Outcome =
  | { readonly kind: 'result' }
  | { readonly kind: 'error'; readonly error: unknown; readonly text: string }
  | { readonly kind: 'cancelled' };

const FINISHED = 1;
const FAILED = 2;

/** `Error('boom')` for an error, as core shows exceptions in `toString()`. */
function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name}(${JSON.stringify(e.message)})`;
  try {
    return String(e);
  } catch {
    return '<unprintable>';
  }
}

/** @internal The outcome of the done future `fut`, without marking its exception retrieved. */
export function outcomeOf(fut: Future<unknown>): Outcome {
  if (fut.cancelled()) return { kind: 'cancelled' };
  const internals = fut as unknown as { _state?: unknown; _value?: unknown };
  if (internals._state === FAILED) {
    return { kind: 'error', error: internals._value, text: errorText(internals._value) };
  }
  if (internals._state === FINISHED) return { kind: 'result' };
  // Not core's layout: the public description still tells a failure apart.
  const m = / exception=(.*)>$/.exec(String(fut));
  if (m !== null) return { kind: 'error', error: m[1], text: m[1] as string };
  return { kind: 'result' };
}
