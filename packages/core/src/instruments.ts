/**
 * Instruments: Trio-style hooks into a loop (the public `Instrument` type is in
 * types.ts).
 *
 * A loop keeps one list per hook (`_hk…` fields, `null` while no instrument defines
 * that hook), so a hook site costs one branch when unused:
 *
 * ```ts
 * const hk = loop._hkTaskDone;
 * if (hk !== null) fireHook(loop, hk, 'taskDone', task);
 * ```
 *
 * The lists are copy-on-write: adding or removing an instrument replaces them, so a hook
 * that adds or removes instruments never disturbs the iteration that called it. A hook
 * that throws is removed (its instrument, from every hook) and reported through the
 * loop's exception handler; the loop goes on.
 *
 * @internal
 * @module
 */

import type { LoopInternals } from './events';
import { repr } from './format';
import type { Instrument } from './types';

/** The hooks, in the order of the `Instrument` interface. @internal */
export const HOOKS = [
  'beforeRun',
  'afterRun',
  'taskCreated',
  'taskScheduled',
  'beforeTaskStep',
  'afterTaskStep',
  'taskDone',
  'cancelRequested',
  'beforeIdle',
  'afterIdle',
] as const;

/** @internal */
export type HookName = (typeof HOOKS)[number];

/** The loop field that holds the list of each hook. @internal */
export const HOOK_FIELD = {
  beforeRun: '_hkBeforeRun',
  afterRun: '_hkAfterRun',
  taskCreated: '_hkTaskCreated',
  taskScheduled: '_hkTaskScheduled',
  beforeTaskStep: '_hkBeforeTaskStep',
  afterTaskStep: '_hkAfterTaskStep',
  taskDone: '_hkTaskDone',
  cancelRequested: '_hkCancelRequested',
  beforeIdle: '_hkBeforeIdle',
  afterIdle: '_hkAfterIdle',
} as const satisfies Record<HookName, keyof LoopInternals>;

/** Rebuilds every per-hook list of `loop` from its instruments. */
function rebuild(loop: LoopInternals): void {
  const all = loop._instruments;
  for (const hook of HOOKS) {
    let list: Instrument[] | null = null;
    for (const inst of all) {
      if (typeof inst[hook] === 'function') (list ??= []).push(inst);
    }
    loop[HOOK_FIELD[hook]] = list;
  }
}

/**
 * Adds `inst` to `loop` (a no-op if it is there already).
 *
 * @throws TypeError if `inst` is not an object.
 * @internal
 */
export function addInstrument(loop: LoopInternals, inst: Instrument): void {
  if (inst === null || typeof inst !== 'object') {
    throw new TypeError(`addInstrument(): an instrument must be an object, got ${repr(inst)}`);
  }
  if (loop._instruments.includes(inst)) return;
  loop._instruments = [...loop._instruments, inst];
  rebuild(loop);
}

/** Removes `inst` from `loop`; returns whether it was there. @internal */
export function removeInstrument(loop: LoopInternals, inst: Instrument): boolean {
  const i = loop._instruments.indexOf(inst);
  if (i < 0) return false;
  loop._instruments = loop._instruments.filter((x) => x !== inst);
  rebuild(loop);
  return true;
}

/**
 * Calls `hook` of every instrument in `list` with the arguments. One that throws is
 * removed and reported; the others still run.
 *
 * @internal
 */
export function fireHook(
  loop: LoopInternals,
  list: readonly Instrument[],
  hook: HookName,
  a?: unknown,
  b?: unknown,
  c?: unknown,
): void {
  for (let i = 0; i < list.length; i++) {
    const inst = list[i] as Instrument;
    try {
      (inst[hook] as (a: unknown, b: unknown, c: unknown) => void).call(inst, a, b, c);
    } catch (e) {
      removeInstrument(loop, inst);
      loop.callExceptionHandler({
        message: `Instrument ${describeInstrument(inst)} raised an error in its ${hook} hook; it was removed from the loop`,
        exception: e,
        instrument: inst,
      });
    }
  }
}

/** The name of an instrument for messages: its class name, or its `name` field. */
function describeInstrument(inst: Instrument): string {
  const named = (inst as { name?: unknown }).name;
  if (typeof named === 'string' && named !== '') return `'${named}'`;
  const ctor = (inst as { constructor?: { name?: string } }).constructor;
  return ctor?.name && ctor.name !== 'Object' ? ctor.name : repr(inst);
}
