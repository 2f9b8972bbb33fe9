/**
 * How a done task ended, read without touching it: core's `peekOutcome`, which (unlike
 * `task.exception()`) does not mark the exception retrieved — an instrument that only
 * watches must not silence the loop's "Task exception was never retrieved" report. Adds
 * the one-line text the recorder shows.
 *
 * @internal
 * @module
 */

import { type Future, peekOutcome } from '@aio/core';

/** @internal How a done future ended. */
export type Outcome =
  | { readonly kind: 'result' }
  | { readonly kind: 'error'; readonly error: unknown; readonly text: string }
  | { readonly kind: 'cancelled' };

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
  const o = peekOutcome(fut);
  if (o.kind === 'error') return { kind: 'error', error: o.error, text: errorText(o.error) };
  return o.kind === 'cancelled' ? o : { kind: 'result' };
}
